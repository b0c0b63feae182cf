import Testing

@testable import SaldoCore
import TestSupport

/// E-mails speak the language of the person they are sent to, invoices that of the buyer.
/// No test here changes `Language.current`: tests run side by side, so the language a person
/// uses is given to `Saldo` instead.
@Suite struct LanguageTests {
  static let today = Day(containing: Fixture.now)

  func saldo(_ fixture: Fixture, _ account: SystemAccount, speaking language: Language) -> Saldo {
    Saldo(store: fixture.store, account: account, clock: fixture.clock, language: { language })
  }

  func mails(_ fixture: Fixture, to address: String) throws -> [OutboxMessage] {
    try fixture.saldo().mail.outbox().filter { $0.toAddress == address }
  }

  /// The automatic upgrade's history keeps English (JSON, the change log) and Dutch beside it:
  /// a Dutch screen reads the event and the pause in Dutch, an English one as always.
  @Test func theAutomaticUpgradeHistoryReadsInTheReadersLanguage() throws {
    let fixture = try Fixture()
    try fixture.saldo().autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: .fixed(Money(mills: 500_000)), holder: "Acme B.V.", iban: "NL91ABNA0417164300",
        mandateID: "ACME-NL", mandateDate: Self.today.adding(days: -30),
        organisation: try fixture.organisation(), orderNumber: nil, monthlyCap: nil),
      for: fixture.environment)
    let event = try #require(
      try fixture.saldo().autoUpgrade.autoUpgradeEvents(of: fixture.environment).first)
    #expect(event.message == "Switched on by ada")
    #expect(Language.scoped(.nl) { event.shown } == "Aangezet door ada")
    #expect(Language.scoped(.en) { event.shown } == "Switched on by ada")
    // A pause written in both languages is read in the reader's.
    var settings = try #require(
      try fixture.store.autoUpgrade(environmentID: fixture.environment.id))
    settings.pausedReason = "the bank returned a debit (AM04)"
    settings.pausedReasonDutch = "de bank heeft een incasso teruggeboekt (AM04)"
    try fixture.store.write {
      try fixture.store.saveAutoUpgrade(settings, environmentID: fixture.environment.id)
    }
    let reread = try #require(try fixture.store.autoUpgrade(environmentID: fixture.environment.id))
    #expect(
      Language.scoped(.nl) { reread.pausedReasonShown }
        == "de bank heeft een incasso teruggeboekt (AM04)")
    #expect(reread.pausedReasonShown == "the bank returned a debit (AM04)")
  }

  @Test func aUserWhoChoseDutchGetsDutchInvoiceMailsAndTheOthersEnglish() throws {
    let fixture = try Fixture()
    let profile = try fixture.saldo(Accounts.ben).directory.updateProfile(language: .nl)
    #expect(profile.language == .nl && profile.mailLanguage == .nl)
    let invoice = try #require(try fixture.topUp(100).invoice)
    let dutch = try #require(try mails(fixture, to: "ben@acme.example").first)
    #expect(dutch.subject == "Nieuwe factuur \(invoice.number) in de Inbox-in van Acme B.V.")
    #expect(dutch.body.hasPrefix("Hallo Ben Jansen,\n\nFactuur \(invoice.number) voor"))
    #expect(dutch.body.contains("Open de factuur met:  saldo open invoice/\(invoice.number)"))
    // Ada chose nothing and used Saldo in English: her mail is as it always was.
    let english = try #require(try mails(fixture, to: "ada@acme.example").first)
    #expect(english.subject == "New invoice \(invoice.number) in the Inbox-in of Acme B.V.")
    #expect(
      english.body == """
        Hello Ada de Vries,

        Invoice \(invoice.number) for transaction credit of Acme has arrived in the
        Inbox-in of Acme B.V.

        Open it with:  saldo open invoice/\(invoice.number)

        You receive this e-mail because your profile asks for invoice e-mails; change that
        with `saldo profile --invoice-mails off`.
        """)
  }

  @Test func creditAlertsFollowTheLanguageTheAdministratorLastUsed() throws {
    let fixture = try Fixture()
    // Ada's write in Dutch records the language she uses; her alerts follow it. (A write of
    // hers in English would record English again.)
    let dutch = saldo(fixture, Accounts.ada, speaking: .nl)
    try dutch.directory.updateProfile(creditAlerts: true)
    let ada = try fixture.saldo().directory.profile()
    #expect(ada.language == nil && ada.lastUsedLanguage == .nl && ada.mailLanguage == .nl)
    // Consumption that uses the credit up starts the alert.
    try ConsumptionRecorder(saldo: dutch, scope: fixture.environment, strict: true).record(
      (0..<3).map {
        (
          0,
          ConsumptionEvent(
            externalID: "e\($0)", organisation: "Acme B.V.", kind: .receive,
            at: Self.today.adding(days: -1).start)
        )
      })
    _ = try dutch.autoUpgrade.daily(on: Self.today)
    let alert = try #require(
      try mails(fixture, to: "ada@acme.example").first { $0.key.hasPrefix("exhausted:") })
    #expect(alert.subject == "Tegoed van Acme is op: waardeer nu op")
    #expect(alert.body.hasPrefix("Hallo Ada de Vries,\n\nHet transactietegoed van Acme is op"))
    #expect(alert.body.hasSuffix("zet dat uit met `saldo profile --credit-alerts off`.\n"))
  }

  @Test func anEnglishAlertIsUnchanged() throws {
    let fixture = try Fixture()
    try fixture.consume(on: Self.today.adding(days: -1), count: 3)
    _ = try fixture.saldo().autoUpgrade.daily(on: Self.today)
    let alert = try #require(
      try mails(fixture, to: "ada@acme.example").first { $0.key.hasPrefix("exhausted:") })
    #expect(alert.subject == "Credit of Acme used up: please top up")
    #expect(
      alert.body == """
        Hello Ada de Vries,

        The transaction credit of Acme is used up (balance
        -€ 1,02). API traffic is blocked until the credit is
        topped up.

        Please top up now: open My environment and choose Pay and upgrade, or run
          saldo topup AMOUNT --method ideal|invoice

        You receive this because your profile asks for credit alerts; change that with \
        `saldo profile --credit-alerts off`.

        """)
  }

  @Test func aChosenLanguageWinsOverTheOneLastUsed() throws {
    let fixture = try Fixture()
    try fixture.saldo(Accounts.ben).directory.updateProfile(language: .en)
    try saldo(fixture, Accounts.ben, speaking: .nl).directory.updateProfile(invoiceMails: true)
    var ben = try fixture.saldo(Accounts.ben).directory.profile()
    #expect(ben.language == .en && ben.lastUsedLanguage == .nl && ben.mailLanguage == .en)
    // Dropping the choice lets e-mails follow the language used again.
    ben = try saldo(fixture, Accounts.ben, speaking: .nl).directory.updateProfile(
      language: .some(nil))
    #expect(ben.language == nil && ben.mailLanguage == .nl)
  }

  @Test func aReadNeverRecordsTheLanguage() throws {
    let fixture = try Fixture()
    let dutch = saldo(fixture, Accounts.ada, speaking: .nl)
    _ = try dutch.directory.profile()
    _ = try dutch.credit.creditSummary(of: fixture.environment)
    #expect(try fixture.saldo().directory.profile().lastUsedLanguage == nil)
    // Any write of hers does.
    try dutch.directory.addOrganisation(
      "Acme Logistics B.V.", details: PartyDetails(), to: fixture.environment)
    #expect(try fixture.saldo().directory.profile().lastUsedLanguage == .nl)
  }

  // MARK: - invoices

  static let belgian = PartyDetails(
    street: "Rue de la Loi 16", postcode: "1000", city: "Bruxelles", country: "BE",
    vat: try? VATID.parse("BE0417497106"),
    peppol: PeppolParticipantID(stored: "0208", value: "0417497106"))
  static let german = PartyDetails(
    street: "Unter den Linden 1", postcode: "10117", city: "Berlin", country: "DE",
    vat: try? VATID.parse("DE136695976"),
    peppol: PeppolParticipantID(stored: "0204", value: "991-33333TEST-33"))

  func invoice(_ fixture: Fixture, to organisation: Organisation, key: String) throws
    -> IssuedInvoice
  {
    let result = try fixture.saldo().topUps.topUp(
      TopUpRequest(
        environment: fixture.environment, amount: Money(mills: 500_000), method: .invoice,
        organisation: organisation, orderNumber: nil, idempotencyKey: key))
    return try #require(result.invoice)
  }

  @Test func aBelgianBuyerGetsADutchInvoiceAndAGermanOneAnEnglish() throws {
    let fixture = try Fixture()
    let ada = fixture.saldo()
    let brussels = try ada.directory.addOrganisation(
      "Brasserie Bruxelles SRL", details: Self.belgian, to: fixture.environment)
    let berlin = try ada.directory.addOrganisation(
      "Berliner Logistik GmbH", details: Self.german, to: fixture.environment)
    #expect(brussels.invoiceLanguage == .nl && berlin.invoiceLanguage == .en)

    let dutch = try invoice(fixture, to: brussels, key: "be")
    #expect(dutch.text.hasPrefix("FACTUUR \(dutch.number)\nFactuurdatum  2026-11-24\n"))
    #expect(dutch.text.contains("\nOmschrijving"))
    #expect(dutch.text.contains("\nTransactietegoed"))
    #expect(dutch.text.contains("Btw verlegd (0%)"))
    #expect(dutch.text.contains("Btw verlegd (VATEX-EU-AE)"))
    #expect(dutch.text.contains("Te betalen per bankoverschrijving op IBAN"))
    // The UBL is the same in every language.
    #expect(dutch.ubl.contains("<cbc:TaxExemptionReason>Reverse charge<"))
    #expect(dutch.ubl.contains("<cbc:Name>Transaction credit</cbc:Name>"))

    let english = try invoice(fixture, to: berlin, key: "de")
    #expect(english.text.hasPrefix("INVOICE \(english.number)\nIssue date    2026-11-24\n"))
    #expect(english.text.contains("VAT reverse charged (0%)"))
    #expect(english.text.contains("To be paid by bank transfer to IBAN"))
  }

  @Test func aChosenInvoiceLanguageWinsAndIssuedInvoicesStayAsIssued() throws {
    let fixture = try Fixture()
    let ada = fixture.saldo()
    let acme = try fixture.organisation()
    #expect(acme.language == nil && acme.invoiceLanguage == .nl)
    let first = try invoice(fixture, to: acme, key: "first")
    #expect(first.text.hasPrefix("FACTUUR "))

    let english = try ada.directory.updateOrganisation(acme, OrganisationChanges(language: "en"))
    #expect(english.language == .en && english.invoiceLanguage == .en)
    #expect(try fixture.organisation().language == .en)
    let second = try invoice(fixture, to: english, key: "second")
    #expect(second.text.hasPrefix("INVOICE "))
    // An issued invoice is immutable: it shows as it was issued.
    #expect(try ada.invoices.invoice(number: first.number).text == first.text)

    // "" goes back to the country's default.
    let reset = try ada.directory.updateOrganisation(english, OrganisationChanges(language: ""))
    #expect(reset.language == nil && reset.invoiceLanguage == .nl)
    #expect(throws: SaldoError.self) {
      try ada.directory.updateOrganisation(reset, OrganisationChanges(language: "fr"))
    }
  }

  @Test func aDutchCreditNoteSaysWhatItCancels() throws {
    let fixture = try Fixture()
    let invoice = try #require(try fixture.topUp(100).invoice)
    let note = try fixture.saldo().invoices.cancelInvoice(number: invoice.number, reason: "typo")
    #expect(note.text.hasPrefix("CREDITNOTA \(note.number)\nCorrigeert factuur \(invoice.number)"))
    #expect(
      note.text.contains(
        "Annuleert factuur \(invoice.number), die niet is betaald: typo. Er is niets verschuldigd"))
    #expect(note.ubl.contains("Cancels invoice \(invoice.number), which was not paid: typo."))
  }

  // MARK: - the migration

  @Test func anOlderDatabaseGetsLanguagesUnsetAndKeepsItsData() throws {
    let fixture = try Fixture()
    _ = try fixture.topUp(100)
    let reopened = try fixture.reopened(
      rewoundBefore: Schema.languages,
      undoing: HashedEventIDMigrationTests.rewindSQL
        + "ALTER TABLE user DROP COLUMN language; ALTER TABLE user DROP COLUMN language_used;"
        + " ALTER TABLE organisation DROP COLUMN language;"
        + " ALTER TABLE auto_upgrade_event DROP COLUMN message_nl;"
        + " ALTER TABLE auto_upgrade DROP COLUMN paused_reason_nl")
    #expect(try reopened.database.scalarInt("PRAGMA user_version") == Int64(Schema.currentVersion))
    let saldo = Saldo(store: reopened, account: Accounts.ada, clock: fixture.clock)
    let ada = try saldo.directory.profile()
    #expect(ada.displayName == "Ada de Vries" && ada.language == nil && ada.lastUsedLanguage == nil)
    #expect(ada.mailLanguage == .en)
    let acme = try saldo.directory.organisation("Acme B.V.", in: fixture.environment)
    #expect(acme.language == nil && acme.invoiceLanguage == .nl)
    #expect(try reopened.read { try reopened.verify() }.isEmpty)
  }
}

/// The core's messages come out in the language the command runs in. Checked through the
/// `saldo` binary, whose process may switch its language freely.
@Suite struct CoreMessageLanguageTests {
  @Test func aRefusalIsInDutchUnderLangNl() throws {
    let fixture = try Fixture()
    // The test runs as an operating-system account that is no user of Acme.
    let dutch = try SaldoProcess.run([
      "--db", fixture.path, "--env", "Acme", "--lang", "nl", "balance",
    ])
    #expect(dutch.status == 2)
    #expect(
      dutch.stderr.contains("alleen beheerders mogen het tegoed bekijken: account "),
      "\(dutch.stderr)")
    let english = try SaldoProcess.run([
      "--db", fixture.path, "--env", "Acme", "--lang", "en", "balance",
    ])
    #expect(
      english.stderr.contains("only administrators may see the credit: account "),
      "\(english.stderr)")
  }

  /// Invoice fields are named from a table the catalog test cannot see: each has its Dutch.
  @Test func everyInvoiceFieldHasItsDutchName() {
    var fields = [
      "seller KvK number", "seller VAT number", "seller Peppol ID", "seller SEPA creditor ID",
      "buyer Peppol ID", "buyer VAT number", "a buyer VAT number of the buyer's country",
      "invoice number", "number of the corrected invoice", "environment name",
      "payment reference", "replaced invoice", "credit note explanation",
    ]
    for role in ["seller", "buyer"] {
      fields += ["street", "postcode", "city", "country", "name"].map { role + " " + $0 }
    }
    for field in fields {
      #expect(tr(stored: field, .nl) != field, "no Dutch for the invoice field \(field)")
    }
    #expect(InvoiceError.missing("buyer Peppol ID").description.contains("buyer Peppol ID"))
  }

  /// A rejected line keeps its reason in English for machine formats.
  @Test func aRejectedLineKeepsItsReasonForMachines() {
    let line = RejectedLine(line: 3, Translations { tr("unbalanced quotes in a CSV field", $0) })
    #expect(line.reason == "unbalanced quotes in a CSV field")
    #expect(line.texts.text(in: .nl) == "ongepaarde aanhalingstekens in een CSV-veld")
  }
}
