import Foundation
import Testing
import TestSupport

@testable import SaldoCore

/// The compositions that used to end with wrong money while `saldo check` said OK, each as a
/// named regression test, plus the rules at the edges of the lifecycle.
@Suite struct MoneyLifecycleTests {
  let today = Day(containing: Fixture.now)

  func consume(_ fixture: Fixture, on day: Day, count: Int, tag: String = "") throws {
    try fixture.consume(on: day, count: count, tag: tag)
  }

  func switchOn(
    _ fixture: Fixture, amount: Int64 = 500, cap: Money? = nil, saldo: Saldo? = nil
  ) throws {
    try (saldo ?? fixture.saldo()).autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: .fixed(Money(mills: amount * 1000)), holder: "Acme B.V.",
        iban: "NL91ABNA0417164300", mandateID: "ACME-001", mandateDate: today.adding(days: -30),
        organisation: try fixture.organisation(), orderNumber: "PO-AUTO", monthlyCap: cap),
      for: fixture.environment)
  }

  /// An environment with an automatic upgrade made today (€ 500 + € 25 bonus, € 605 debited).
  func upgraded() throws -> (Fixture, DirectDebitCollection) {
    let fixture = try Fixture()
    try fixture.topUp(1000)
    try switchOn(fixture)
    for offset in 1...100 {
      try consume(fixture, on: today.adding(days: -Int64(offset)), count: 100)
    }
    let collection = try #require(
      try fixture.saldo().autoUpgrade.autoUpgradeCollections(of: fixture.environment).first)
    return (fixture, collection)
  }

  /// A second environment, "Other", with its own mandate (€ 250 a time), upgraded today.
  func secondEnvironmentUpgraded(_ ada: Saldo) throws -> Environment {
    let other = try ada.directory.initialize(
      environment: "Other", organisation: "Other B.V.", email: "o@other.example",
      details: Fixture.acmeDetails)
    try ada.autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: .fixed(Money(mills: 250_000)), holder: "Other B.V.",
        iban: "DE89370400440532013000", mandateID: "OTHER-1", mandateDate: today.adding(days: -3),
        organisation: try ada.directory.organisation("Other B.V.", in: other), orderNumber: nil,
        monthlyCap: nil),
      for: other)
    try ConsumptionRecorder(saldo: ada, scope: other, strict: true).record([
      (
        1,
        ConsumptionEvent(
          externalID: "o1", organisation: "Other B.V.", kind: .pdf,
          at: Instant(seconds: today.start.seconds - 3600))
      )
    ])
    return other
  }

  func balance(_ fixture: Fixture) throws -> Money {
    try fixture.store.balanceNow(fixture.environment.id)
  }

  func creditNotes(_ fixture: Fixture) throws -> [IssuedInvoice] {
    try fixture.saldo().invoices.list(of: fixture.environment).filter(\.isCreditNote)
  }

  // MARK: the sequences of the report

  @Test func cancelBeforeExportWithdrawsTheDebitSoNothingIsExportedOrReturned() throws {
    let (fixture, collection) = try upgraded()
    let before = try balance(fixture)
    try fixture.saldo().invoices.cancelInvoice(
      number: collection.invoiceNumber, reason: "wrong mandate")
    #expect(try balance(fixture).mills == before.mills - 525_000)
    #expect(
      try fixture.store.reading { try fixture.store.collection(id: collection.id) }?.status
        == .withdrawn)
    // Nothing left to export: the € 605 is never collected.
    #expect(throws: SaldoError.self) {
      try fixture.saldo().autoUpgrade.sepaExport(upTo: today) { _ in }
    }
    // A return cannot take the credit back a second time.
    #expect(throws: SaldoError.self) {
      try fixture.saldo().autoUpgrade.recordReversal(of: String(collection.id), reason: "AM04")
    }
    #expect(try balance(fixture).mills == before.mills - 525_000)
    #expect(try creditNotes(fixture).count == 1)
    #expect(try fixture.store.verify().isEmpty)
  }

  @Test func cancelAfterExportIsRefusedAndTheReturnCreditsOnce() throws {
    let (fixture, collection) = try upgraded()
    let before = try balance(fixture)
    _ = try fixture.saldo().autoUpgrade.sepaExport(upTo: today) { _ in }
    let refusal = #expect(throws: SaldoError.self) {
      try fixture.saldo().invoices.cancelInvoice(
        number: collection.invoiceNumber, reason: "too late")
    }
    #expect(refusal?.description.contains("saldo sepa reversal \(collection.id)") == true)
    try fixture.saldo().autoUpgrade.recordReversal(of: String(collection.id), reason: "AM04")
    #expect(try balance(fixture).mills == before.mills - 525_000)
    let notes = try creditNotes(fixture)
    #expect(notes.count == 1)
    let note = try #require(notes.first)
    // Acme is in the Netherlands: its invoices and credit notes are in Dutch.
    #expect(note.text.contains("Er is niets geïnd"))
    #expect(!note.text.lowercased().contains("refund"))
    #expect(!note.ubl.contains("PaymentMeans"))
    #expect(throws: SaldoError.self) {
      try fixture.saldo().autoUpgrade.recordReversal(of: String(collection.id), reason: "AM04")
    }
    #expect(try fixture.store.verify().isEmpty)
  }

  @Test func exportTwiceOnOneDayWritesEachCollectionOnceWithItsOwnMessageID() throws {
    let (fixture, first) = try upgraded()
    let ada = fixture.saldo()
    let one = try ada.autoUpgrade.sepaExport(upTo: today) { _ in }
    #expect(one.file.count == 1)
    #expect(throws: SaldoError.self) { try ada.autoUpgrade.sepaExport(upTo: today) { _ in } }
    // A second environment is upgraded later the same day.
    let other = try secondEnvironmentUpgraded(ada)
    let two = try ada.autoUpgrade.sepaExport(upTo: today) { _ in }
    #expect(two.file.count == 1)
    #expect(two.file.messageID != one.file.messageID)
    #expect(!two.file.xml.contains(first.endToEndID))
    #expect(two.file.xml.contains("<CtrlSum>302.50</CtrlSum>"))
    #expect(two.file.xml.contains("OTHER-1") && !one.file.xml.contains("OTHER-1"))
    #expect(try ada.autoUpgrade.autoUpgradeCollections(of: other).count == 1)
    // An earlier file is written again byte for byte.
    #expect(try ada.autoUpgrade.sepaFile(one.file.messageID).xml == one.file.xml)
    #expect(try ada.autoUpgrade.sepaFile(String(one.file.id)).xml == one.file.xml)
    #expect(try fixture.store.verify().isEmpty)
    if Conformance.sepaTestsEnabled {
      let (status, output) = try Conformance.validateSEPA([one.file.xml, two.file.xml])
      #expect(status == 0, "\(output)")
    }
  }

  @Test func aFileThatCannotBeWrittenLeavesEveryCollectionScheduled() throws {
    let (fixture, collection) = try upgraded()
    struct DiskFull: Error {}
    #expect(throws: DiskFull.self) {
      try fixture.saldo().autoUpgrade.sepaExport(upTo: today) { _ in throw DiskFull() }
    }
    #expect(
      try fixture.store.reading { try fixture.store.collection(id: collection.id) }?.status
        == .scheduled)
    #expect(try fixture.saldo().autoUpgrade.sepaFiles().isEmpty)
  }

  @Test func mandatesTheExportWouldRefuseAreRefusedWhenEntered() throws {
    let fixture = try Fixture()
    func input(
      holder: String = "Acme B.V.", iban: String = "NL91ABNA0417164300", id: String = "M-1",
      date: Day? = nil, bic: String? = nil
    ) throws -> AutoUpgradeInput {
      AutoUpgradeInput(
        amount: .fixed(Money(mills: 500_000)), holder: holder, iban: iban, mandateID: id,
        mandateDate: date ?? today.adding(days: -1), organisation: try fixture.organisation(),
        orderNumber: nil, monthlyCap: nil, bic: bic)
    }
    let refused: [(AutoUpgradeInput, String)] = [
      (try input(holder: "山田太郎"), "Latin"),
      (try input(id: "ACME/"), "mandate reference"),
      (try input(id: "A//B"), "mandate reference"),
      (try input(iban: "US64SVBKUS6S3300958879"), "SEPA"),
      (try input(iban: "TR330006100519786457841326"), "SEPA direct debit"),
      (try input(iban: "GB33BUKB20201555555555"), "BIC"),
      (try input(date: Day(iso: "2009-10-31")), "2009"),
      (try input(date: today.adding(days: 1)), "future"),
    ]
    for (bad, words) in refused {
      let error = #expect(throws: SaldoError.self) {
        try fixture.saldo().autoUpgrade.setAutoUpgrade(bad, for: fixture.environment)
      }
      #expect(error?.description.contains(words) == true, "\(String(describing: error))")
    }
    // Greek and Cyrillic transliterate; a GB account with its BIC is fine.
    let greek = try fixture.saldo().autoUpgrade.setAutoUpgrade(
      try input(holder: "Γιώργος Παπαδόπουλος", iban: "GB33BUKB20201555555555", bic: "BUKBGB22"),
      for: fixture.environment)
    #expect(SEPAText.latin(greek.holder, limit: 70) == "Giorgos Papadopoulos")
    #expect(SEPAText.latin("Иван Петров", limit: 70) == "Ivan Petrov")
    #expect(greek.bic?.value == "BUKBGB22")
  }

  @Test func mandateReferencesAreUniqueOnThePlatformAndIssuedWhenNotGiven() throws {
    let fixture = try Fixture()
    let ada = fixture.saldo()
    try switchOn(fixture)
    let other = try ada.directory.initialize(
      environment: "Other", organisation: "Other B.V.", email: "o@other.example",
      details: Fixture.acmeDetails)
    var input = AutoUpgradeInput(
      amount: .fixed(Money(mills: 250_000)), holder: "Other B.V.", iban: "DE89370400440532013000",
      mandateID: "ACME-001", mandateDate: today.adding(days: -3),
      organisation: try ada.directory.organisation("Other B.V.", in: other), orderNumber: nil,
      monthlyCap: nil)
    #expect(throws: SaldoError.self) { try ada.autoUpgrade.setAutoUpgrade(input, for: other) }
    input.mandateID = ""
    let issued = try ada.autoUpgrade.setAutoUpgrade(input, for: other)
    #expect(issued.mandateID.value.hasPrefix("SALDO-\(other.id)-"))
    // Saved again without a reference for the same account: the reference stays.
    #expect(try ada.autoUpgrade.setAutoUpgrade(input, for: other).mandateID == issued.mandateID)
  }

  @Test func aBadCollectionIsLeftOutAndNeverBlocksTheOthers() throws {
    let (fixture, good) = try upgraded()
    let ada = fixture.saldo()
    let other = try secondEnvironmentUpgraded(ada)
    // A collection from before mandates were checked: a holder the bank cannot read.
    try fixture.store.write {
      try fixture.store.database.execute(
        "UPDATE collection SET debtor_name = '山田太郎' WHERE environment_id = \(other.id)")
    }
    let export = try ada.autoUpgrade.sepaExport(upTo: today) { _ in }
    #expect(export.file.count == 1)
    #expect(export.file.xml.contains(good.endToEndID))
    #expect(export.leftOut.count == 1)
    #expect(export.leftOut.first?.reason.contains("Latin") == true)
    let left = try #require(export.leftOut.first?.collection)
    #expect(
      try fixture.store.reading { try fixture.store.collection(id: left.id) }?.status == .scheduled)
    // Its invoice is cancelled (the collection withdrawn), and the credit taken back.
    try ada.invoices.cancelInvoice(number: left.invoiceNumber, reason: "mandate unreadable")
    #expect(try fixture.store.verify().isEmpty)
  }

  @Test func aPastDateCatchesUpWithoutPausingAndAtMostOncePerRealDay() throws {
    let fixture = try Fixture()
    try switchOn(fixture)
    for offset in 3...100 {
      try consume(fixture, on: today.adding(days: -Int64(offset)), count: 100, tag: "x")
    }
    // The batch itself made today's upgrade; the catch-up sees it and makes no second one.
    let made = try fixture.saldo().autoUpgrade.autoUpgradeCollections(of: fixture.environment)
    #expect(made.count == 1)
    for back in [2, 1] {
      let report = try fixture.saldo().autoUpgrade.daily(on: today.adding(days: -Int64(back)))
      guard case .alreadyDone = report.first?.action else {
        Issue.record("expected already-done, got \(String(describing: report.first?.action))")
        return
      }
    }
    #expect(try fixture.saldo().autoUpgrade.settings(of: fixture.environment)?.pausedReason == nil)
    // Tomorrow, after an outage, the operator catches up yesterday: one upgrade, not paused,
    // dated and collected from the real day.
    let tomorrow = fixture.saldo(at: Instant(seconds: Fixture.now.seconds + 86_400))
    let report = try tomorrow.autoUpgrade.daily(on: today)
    guard case .upgraded(_, _, let number) = report.first?.action else {
      Issue.record("expected an upgrade, got \(String(describing: report.first?.action))")
      return
    }
    let invoice = try tomorrow.invoices.invoice(number: number)
    #expect(invoice.issueDate == today.adding(days: 1))
    #expect(invoice.dueDate > invoice.issueDate)
    #expect(TargetCalendar.isBusinessDay(invoice.dueDate))
    #expect(try tomorrow.autoUpgrade.settings(of: fixture.environment)?.pausedReason == nil)
    #expect(try fixture.store.verify().isEmpty)
  }

  @Test func aFutureDateIsRefusedAndPastDatesAreForOperators() throws {
    let fixture = try Fixture()
    try switchOn(fixture)
    #expect(throws: SaldoError.self) {
      try fixture.saldo().autoUpgrade.daily(on: today.adding(days: 1))
    }
    #expect(throws: SaldoError.self) {
      try fixture.saldo().autoUpgrade.daily(on: today.adding(days: 30))
    }
    try fixture.saldo().directory.addUser(
      login: "cor", displayName: "Cor Bakker", email: "cor@acme.example", role: .administrator,
      to: fixture.environment)
    #expect(throws: SaldoError.self) {
      try fixture.saldo(Accounts.cor).autoUpgrade.daily(on: today.adding(days: -1))
    }
    _ = try fixture.saldo(Accounts.cor).autoUpgrade.daily()
  }

  @Test func aBlockedEnvironmentWithNoHistoryIsUpgraded() throws {
    let fixture = try Fixture()
    try fixture.saldo().autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: .coverDays(30), holder: "Acme B.V.", iban: "NL91ABNA0417164300",
        mandateID: "ACME-001", mandateDate: today.adding(days: -30),
        organisation: try fixture.organisation(), orderNumber: nil, monthlyCap: nil),
      for: fixture.environment)
    // Everything spent today: nothing in the 100 days before, balance below zero.
    try consume(fixture, on: today, count: 2000)
    let collections = try fixture.saldo().autoUpgrade.autoUpgradeCollections(
      of: fixture.environment)
    #expect(collections.count == 1)
    #expect(try balance(fixture).mills > 0)
  }

  @Test func coverDaysWithNoAverageCollectsTheDeficitPlusTheSmallestTopUp() {
    let settings = AutoUpgradeSettings(
      enabled: true, amount: .coverDays(30), holder: "A", iban: TestIBAN.acme,
      mandateID: testMandate("M"), mandateDate: today, organisationID: 1, orderNumber: nil,
      monthlyCap: nil,
      updatedAt: Fixture.now, updatedBy: "ada")
    #expect(
      settings.amount(windowConsumption: .zero, balance: Money(mills: -682_000))
        == Money(mills: 692_000))
    #expect(settings.amount(windowConsumption: .zero, balance: .zero) == TopUpRules.minimum)
    #expect(!CreditRules.isUpgradeDue(balance: .zero, windowConsumption: .zero))
    #expect(CreditRules.isUpgradeDue(balance: Money(mills: -1), windowConsumption: .zero))
  }

  @Test func theCapCountsMoneyIncludingVATAndMustHoldOneUpgrade() throws {
    let fixture = try Fixture()
    let refusal = #expect(throws: SaldoError.self) {
      try switchOn(fixture, amount: 500, cap: Money(mills: 600_000))
    }
    #expect(refusal?.description.contains("605,00") == true)
    // € 1.100 holds one upgrade of € 605 but not two (excluding VAT two would fit).
    try switchOn(fixture, amount: 500, cap: Money(mills: 1_100_000))
    for offset in 1...100 {
      try consume(fixture, on: today.adding(days: -Int64(offset)), count: 100)
    }
    #expect(
      try fixture.saldo().autoUpgrade.autoUpgradeCollections(of: fixture.environment).count == 1)
    let use = try fixture.saldo().autoUpgrade.monthlyCapUse(of: fixture.environment)
    #expect(use.used == Money(mills: 605_000))
    #expect(use.left == Money(mills: 495_000))
    let tomorrow = fixture.saldo(at: Instant(seconds: Fixture.now.seconds + 86_400))
    guard case .capped(let reason) = try tomorrow.autoUpgrade.daily().first?.action else {
      Issue.record("expected capped")
      return
    }
    #expect(reason.contains("incl. VAT"))
    // The capped run is the latest event My environment shows, e-mailed once.
    #expect(
      try tomorrow.autoUpgrade.autoUpgradeEvents(of: fixture.environment).first?.kind == .capped)
    _ = try tomorrow.autoUpgrade.daily()
    #expect(try tomorrow.mail.outbox().filter { $0.subject.contains("monthly cap") }.count == 1)
  }

  @Test func aDirectDebitInvoiceIsOpenUntilItsCollectionSettles() throws {
    let (fixture, collection) = try upgraded()
    let ada = fixture.saldo()
    var invoice = try ada.invoices.invoice(number: collection.invoiceNumber)
    #expect(invoice.state(on: today) == .open)
    #expect(invoice.text.contains("Wordt per SEPA-incasso geïncasseerd"))
    #expect(throws: SaldoError.self) { try ada.invoices.markInvoicePaid(number: invoice.number) }
    let export = try ada.autoUpgrade.sepaExport(upTo: today) { _ in }
    let stored = try #require(
      try fixture.store.reading { try fixture.store.collection(id: collection.id) })
    let settles = try #require(stored.settlesOn)
    #expect(settles == TargetCalendar.settlementDay(collectedOn: export.file.collectionDate))
    // The day before the window ends nothing settles; on that day the daily job settles it.
    let before = fixture.saldo(
      at: Instant(seconds: settles.adding(days: -1).start.seconds + 43_200))
    _ = try before.autoUpgrade.daily()
    #expect(try before.invoices.invoice(number: invoice.number).state(on: today) == .open)
    let after = fixture.saldo(at: Instant(seconds: settles.start.seconds + 43_200))
    _ = try after.autoUpgrade.daily()
    invoice = try after.invoices.invoice(number: invoice.number)
    #expect(invoice.paid)
    #expect(throws: SaldoError.self) {
      try after.autoUpgrade.recordReversal(of: String(collection.id), reason: "AM04")
    }
    #expect(try fixture.store.verify().isEmpty)
  }

  @Test func aPaidInvoiceIsReissuedNeverCancelledIntoALoss() throws {
    let fixture = try Fixture()
    let ada = fixture.saldo()
    let second = try ada.directory.addOrganisation(
      "Acme Logistics B.V.", details: Fixture.acmeDetails, to: fixture.environment)
    let opened = try ada.topUps.topUp(
      TopUpRequest(
        environment: fixture.environment, amount: Money(mills: 500_000), method: .ideal,
        organisation: nil, orderNumber: "PO-1", idempotencyKey: TopUpService.newIdempotencyKey()))
    let paid = try #require(
      try ada.topUps.settleSandboxPayment(id: opened.payment.id, outcome: .paid).invoice)
    let before = try balance(fixture)
    let refusal = #expect(throws: SaldoError.self) {
      try ada.invoices.cancelInvoice(number: paid.number, reason: "wrong organisation")
    }
    #expect(refusal?.description.contains("saldo invoice reissue \(paid.number)") == true)
    let (note, corrected) = try ada.invoices.reissueInvoice(
      number: paid.number, organisation: second, orderNumber: "PO-2")
    #expect(try balance(fixture) == before)
    #expect(note.text.contains("er wordt niets uitbetaald"))
    #expect(!note.text.lowercased().contains("refund"))
    #expect(corrected.organisationID == second.id)
    #expect(corrected.orderNumber == "PO-2")
    #expect(corrected.paid)
    #expect(corrected.replaces == paid.number)
    #expect(corrected.text.contains("Betaald: de betaling van factuur \(paid.number)"))
    #expect(try ada.invoices.invoice(number: paid.number).replacedBy == corrected.number)
    #expect(throws: SaldoError.self) { try ada.invoices.reissueInvoice(number: paid.number) }
    #expect(try fixture.store.verify().isEmpty)
    if Conformance.invoiceTestsEnabled {
      let (status, output) = try Conformance.validateInvoices([note.ubl, corrected.ubl])
      #expect(status == 0, "\(output)")
    }
  }

  @Test func unpaidInvoicesAreRemindedAndStopTopUpsByInvoice() throws {
    let fixture = try Fixture()
    let number = try #require(try fixture.topUp(250).invoice?.number)
    func at(_ days: Int64) -> Saldo {
      fixture.saldo(at: Instant(seconds: Fixture.now.seconds + days * 86_400))
    }
    _ = try at(14).autoUpgrade.daily()  // due today: no reminder yet
    #expect(try at(14).mail.outbox().filter { $0.subject.contains("overdue") }.isEmpty)
    _ = try at(15).autoUpgrade.daily()
    _ = try at(16).autoUpgrade.daily()
    #expect(try at(16).mail.outbox().filter { $0.subject.contains("overdue") }.count == 1)
    _ = try at(22).autoUpgrade.daily()
    #expect(try at(22).mail.outbox().filter { $0.subject.contains("second reminder") }.count == 1)
    #expect(try at(22).invoices.overdueInvoices().map(\.invoice.number) == [number])
    // More than 14 days overdue: shown, but refused with the reason; iDEAL stays.
    let methods = try at(29).topUps.manualPaymentMethods(of: fixture.environment)
    let invoiceMethod = try #require(methods.first { $0.method == .invoice })
    #expect(invoiceMethod.availability.reason?.contains(number) == true)
    #expect(methods.first { $0.method == .ideal }?.availability.isAvailable == true)
    #expect(throws: SaldoError.self) {
      try at(29).topUps.topUp(
        TopUpRequest(
          environment: fixture.environment, amount: Money(mills: 100_000), method: .invoice,
          organisation: nil, orderNumber: nil, idempotencyKey: TopUpService.newIdempotencyKey()))
    }
    _ = try at(29).topUps.topUp(
      TopUpRequest(
        environment: fixture.environment, amount: Money(mills: 100_000), method: .ideal,
        organisation: nil, orderNumber: nil, idempotencyKey: TopUpService.newIdempotencyKey()))
    _ = try at(29).invoices.markInvoicePaid(number: number)
    #expect(
      try at(29).topUps.manualPaymentMethods(of: fixture.environment).allSatisfy {
        $0.method == .bancontact || $0.availability.isAvailable
      })
  }

  /// What an online payment costs is fixed at checkout, VAT included: the organisation's tax
  /// data cannot change under an open payment, so its invoice charges what was paid.
  @Test func taxDataIsFixedWhileAnOnlinePaymentIsOpen() throws {
    let fixture = try Fixture()
    let ada = fixture.saldo()
    let opened = try ada.topUps.topUp(
      TopUpRequest(
        environment: fixture.environment, amount: Money(mills: 100_000), method: .ideal,
        organisation: nil, orderNumber: nil, idempotencyKey: TopUpService.newIdempotencyKey()))
    let refusal = #expect(throws: SaldoError.self) {
      try ada.directory.updateOrganisation(try fixture.organisation(), OrganisationChanges(vat: ""))
    }
    #expect(refusal?.description.contains("open online payment") == true)
    // Other details may change meanwhile.
    _ = try ada.directory.updateOrganisation(
      try fixture.organisation(), OrganisationChanges(street: "Herengracht 2"))
    let paid = try ada.topUps.settleSandboxPayment(id: opened.payment.id, outcome: .paid)
    #expect(paid.invoice?.vat == opened.payment.vat)
    _ = try ada.directory.updateOrganisation(
      try fixture.organisation(), OrganisationChanges(vat: ""))
    #expect(try fixture.store.verify().isEmpty)
  }

  // MARK: saldo check catches each broken state forced in by SQL

  @Test(arguments: [
    (
      "INSERT INTO invoice(number, year, sequence, type, corrects, environment_id,"
        + " organisation_id, payment_id, issue_date, due_date, net, vat, total, bonus, means,"
        + " payment_reference, payment_status, ubl, text, created_at)"
        + " SELECT '2026-999999', 2026, 999999, 'credit-note', number, environment_id,"
        + " organisation_id, payment_id, issue_date, due_date, net, vat, total, 0, means,"
        + " number, 'paid', '', '', created_at FROM invoice WHERE credited_by IS NOT NULL",
      "credit notes"
    ),
    (
      "INSERT INTO sepa_file_item(file_id, collection_id) SELECT file_id, collection_id"
        + " FROM sepa_file_item",
      "exported in 2 SEPA files"
    ),
    ("UPDATE collection SET status = 'scheduled', file_id = NULL", "SEPA file says otherwise"),
    ("UPDATE collection SET status = 'settled'", "does not agree"),
  ])
  func checkCatchesABrokenStateForcedIn(sql: String, expected: String) throws {
    let (fixture, collection) = try upgraded()
    _ = try fixture.saldo().autoUpgrade.sepaExport(upTo: today) { _ in }
    try fixture.saldo().autoUpgrade.recordReversal(of: String(collection.id), reason: "AM04")
    #expect(try fixture.store.verify().isEmpty)
    try fixture.store.write { try fixture.store.database.execute(sql) }
    let problems = try fixture.store.verify()
    #expect(problems.contains { $0.contains(expected) }, "\(problems)")
  }

  @Test func checkCatchesCreditBookedThatIsNotOwed() throws {
    let (fixture, collection) = try upgraded()
    // The old bug: cancelled, then exported, then returned — the credit taken back twice.
    try fixture.saldo().invoices.cancelInvoice(number: collection.invoiceNumber, reason: "x")
    try fixture.store.write {
      let entry = try fixture.store.append(
        NewLedgerEntry(
          environmentID: fixture.environment.id, organisationID: nil, kind: .correction,
          amount: Money(mills: -525_000), at: Fixture.now, reference: "reversal", actor: "x"))
      try fixture.store.adjustCredit(
        environmentID: fixture.environment.id, by: Money(mills: -525_000), entries: 1,
        at: Fixture.now)
      try fixture.store.linkCorrection(entryID: entry, invoiceNumber: collection.invoiceNumber)
    }
    let problems = try fixture.store.verify()
    #expect(problems.contains { $0.contains("credit booked") }, "\(problems)")
  }

  @Test func checkCatchesAnOpenDirectDebitInvoiceWithoutItsCollection() throws {
    let (fixture, _) = try upgraded()
    try fixture.store.write {
      try fixture.store.database.execute("UPDATE collection SET status = 'withdrawn'")
    }
    let problems = try fixture.store.verify()
    #expect(problems.contains { $0.contains("no live collection") }, "\(problems)")
  }

  // MARK: the TARGET calendar

  @Test func targetClosingDays() throws {
    func day(_ text: String) throws -> Day { try #require(Day(iso: text)) }
    for closed in [
      "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-12-25", "2026-12-26",
      "2027-03-26", "2027-03-29", "2026-11-28", "2026-11-29",
    ] {
      #expect(!TargetCalendar.isBusinessDay(try day(closed)), "\(closed)")
    }
    for open in ["2026-04-02", "2026-04-07", "2026-12-24", "2026-12-28", "2026-11-26"] {
      #expect(TargetCalendar.isBusinessDay(try day(open)), "\(open)")
    }
    // A file made on Christmas Eve reaches the bank that day; collected on the 28th.
    #expect(
      TargetCalendar.earliestCollectionDate(fileMadeOn: try day("2026-12-24"))
        == (try day("2026-12-28")))
    // Made on a Saturday: reaches the bank Monday, collected Tuesday.
    #expect(
      TargetCalendar.earliestCollectionDate(fileMadeOn: try day("2026-11-28"))
        == (try day("2026-12-01")))
    // Five business days after Thursday 2 April 2026 skip Good Friday and Easter Monday.
    #expect(
      TargetCalendar.adding(businessDays: 5, to: try day("2026-04-02")) == (try day("2026-04-13")))
  }
}
