import Foundation
import Testing
import TestSupport

@testable import SaldoCore

/// The VAT treatment of customers across the border, decided once in the core and used by the
/// quote, the invoice, its credit note, the direct debit and the monthly cap.
@Suite struct CrossBorderTaxTests {
  let today = Day(containing: Fixture.now)
  static let dutchSeller = PartyDetails(country: "NL", vat: try? VATID.parse("NL121547280B01"))

  @Test(
    arguments: [
      ("NL", "NL004495445B01", VATCategory.standard, 21),
      ("NL", nil, .standard, 21),
      ("BE", "BE0417497106", .reverseCharge, 0),
      ("BE", nil, .standard, 21),
      ("DE", "DE136695976", .reverseCharge, 0),
      ("FR", "FR40303265045", .reverseCharge, 0),
      ("GR", "EL094259216", .reverseCharge, 0),
      // A VAT id of another country than the buyer's proves nothing about the buyer's country.
      ("DE", "BE0417497106", .standard, 21),
      ("US", nil, .outsideScope, 0),
      ("CH", "CHE116281710MWST", .outsideScope, 0),
      ("GB", "GB980780684", .outsideScope, 0),
      ("NO", nil, .outsideScope, 0),
    ] as [(String, String?, VATCategory, Int)])
  func decide(_ row: (String, String?, VATCategory, Int)) {
    let tax = TaxTreatment.decide(
      seller: Self.dutchSeller,
      buyer: PartyDetails(country: row.0, vat: row.1.flatMap { try? VATID.parse($0) }),
      on: today)
    #expect(tax.category == row.2)
    #expect(tax.percent == row.3)
  }

  @Test func aBuyerWithoutCountryIsStandardRated() {
    let tax = TaxTreatment.decide(seller: Self.dutchSeller, buyer: PartyDetails(), on: today)
    #expect(tax == .standard(on: today))
  }

  @Test func exemptionReasons() {
    #expect(TaxTreatment.reverseCharge.exemptionReasonCode == "VATEX-EU-AE")
    #expect(TaxTreatment.reverseCharge.exemptionReason == "Reverse charge")
    #expect(TaxTreatment.outsideScope.exemptionReasonCode == "VATEX-EU-O")
    #expect(TaxTreatment.standard(on: today).exemptionReasonCode == nil)
    #expect(TaxTreatment.reverseCharge.label == "VAT reverse charged (0%)")
  }

  /// The organisations of the issue's "done when": BE, DE, FR, US and NL without VAT id.
  static func customers() -> [(name: String, details: PartyDetails, category: VATCategory)] {
    [
      (
        "Brasserie Bruxelles SRL",
        PartyDetails(
          street: "Rue de la Loi 16", postcode: "1000", city: "Bruxelles", country: "BE",
          vat: try? VATID.parse("BE0417497106"),
          peppol: PeppolParticipantID(stored: "0208", value: "0417497106"),
          registration: PeppolParticipantID(stored: "0208", value: "0417497106")),
        .reverseCharge
      ),
      (
        "Berliner Logistik GmbH",
        PartyDetails(
          street: "Unter den Linden 1", postcode: "10117", city: "Berlin", country: "DE",
          vat: try? VATID.parse("DE136695976"),
          peppol: PeppolParticipantID(stored: "0204", value: "991-33333TEST-33")),
        .reverseCharge
      ),
      (
        "Paris Conseil SAS",
        PartyDetails(
          street: "1 rue de Rivoli", postcode: "75001", city: "Paris", country: "FR",
          vat: try? VATID.parse("FR40303265045"),
          peppol: PeppolParticipantID(stored: "0009", value: "30326504500011"),
          registration: PeppolParticipantID(stored: "0002", value: "303265045")),
        .reverseCharge
      ),
      (
        "New York Trading Inc",
        PartyDetails(
          street: "1 Broadway", postcode: "10004", city: "New York", country: "US",
          peppol: PeppolParticipantID(stored: "0088", value: "5790000435975")),
        .outsideScope
      ),
      (
        "Stichting Zonder Btw",
        PartyDetails(
          street: "Dam 1", postcode: "1012 JS", city: "Amsterdam", country: "NL",
          kvk: try? KvKNumber.parse("11223344"),
          peppol: PeppolParticipantID(stored: "0106", value: "11223344")
        ),
        .standard
      ),
    ]
  }

  @Test func eachTreatmentFromTopUpToCreditNote() throws {
    let fixture = try Fixture()
    let ada = fixture.saldo()
    var documents: [(name: String, xml: String)] = []
    for (index, customer) in Self.customers().enumerated() {
      let organisation = try ada.directory.addOrganisation(
        customer.name, details: customer.details, to: fixture.environment)
      #expect(try ada.topUps.taxTreatment(of: organisation).category == customer.category)
      let result = try ada.topUps.topUp(
        TopUpRequest(
          environment: fixture.environment, amount: Money(mills: 500_000), method: .invoice,
          organisation: organisation, orderNumber: "PO-\(index)",
          idempotencyKey: "saldo:test-\(index)"))
      let vat: Int64 = customer.category == .standard ? 105_000 : 0
      #expect(result.payment.vat == Money(mills: vat))
      #expect(result.payment.total == Money(mills: 500_000 + vat))
      let invoice = try #require(result.invoice)
      #expect(invoice.taxCategory == customer.category)
      #expect(invoice.vat == Money(mills: vat))
      #expect(invoice.total == Money(mills: 500_000 + vat))
      #expect(invoice.ubl.contains("<cbc:ID>\(customer.category.rawValue)</cbc:ID>"))
      if customer.category == .reverseCharge {
        #expect(invoice.ubl.contains("<cbc:TaxExemptionReasonCode>VATEX-EU-AE<"))
        #expect(invoice.ubl.contains("<cbc:TaxExemptionReason>Reverse charge<"))
        #expect(
          invoice.ubl.contains(
            "<cbc:CompanyID>\(customer.details.vat?.value ?? "?")</cbc:CompanyID>"))
        // In Dutch for a Belgian buyer, in English for the others abroad.
        #expect(
          invoice.text.contains(
            customer.details.country == "BE" ? "Btw verlegd (0%)" : "VAT reverse charged (0%)"))
      }
      if let registration = customer.details.registration {
        #expect(
          invoice.ubl.contains(
            "<cbc:CompanyID schemeID=\"\(registration.scheme)\">\(registration.value)</cbc:CompanyID>"
          ))
      }
      if customer.category == .outsideScope {
        #expect(invoice.ubl.contains("<cbc:TaxExemptionReasonCode>VATEX-EU-O<"))
        #expect(!invoice.ubl.contains("<cac:PartyTaxScheme>"))
      }
      // The organisation moves (or loses its VAT id) before the invoice is cancelled: the
      // credit note still corrects with the invoice's treatment.
      var moved = organisation
      moved.details.vat = nil
      moved.details.country = customer.category == .outsideScope ? "NL" : "US"
      if moved.details.country == "NL" { moved.details.kvk = try KvKNumber.parse("99887766") }
      try fixture.store.write { try fixture.store.updateOrganisation(moved) }
      #expect(try ada.topUps.taxTreatment(of: moved).category != customer.category)
      let note = try ada.invoices.cancelInvoice(number: invoice.number, reason: "test")
      #expect(note.taxCategory == customer.category)
      #expect(note.vat == invoice.vat)
      #expect(note.total == invoice.total)
      documents.append(("invoice-\(customer.details.country ?? "")-\(index)", invoice.ubl))
      documents.append(("credit-note-\(customer.details.country ?? "")-\(index)", note.ubl))
    }
    #expect(try fixture.store.verify().isEmpty)
    guard Conformance.invoiceTestsEnabled else { return }
    let directory = TemporaryDirectory()
    let paths = try documents.map { document in
      let path = directory.file(document.name + ".xml")
      try document.xml.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    let (status, output) = try Conformance.run(Conformance.invoiceValidator, paths)
    #expect(status == 0, "\(output)")
    #expect(output.contains("\(paths.count) files: \(paths.count) valid, 0 invalid"), "\(output)")
    #expect(!output.contains("WARNING"), "\(output)")
  }

  @Test func theDialogsFiguresComeFromTheSameTreatment() throws {
    let fixture = try Fixture()
    let ada = fixture.saldo()
    let belgian = try ada.directory.addOrganisation(
      "Brasserie Bruxelles SRL", details: Self.customers()[0].details, to: fixture.environment)
    let taxes = try ada.topUps.topUpTaxes(of: fixture.environment)
    #expect(taxes.treatment(for: belgian.id) == .reverseCharge)
    #expect(taxes.treatment(for: nil) == .standard(on: today))
    let plan = try ada.directory.plan(of: fixture.environment)
    let quote = TopUpRules.quote(
      amount: Money(mills: 250_000), plan: plan, tax: taxes.treatment(for: belgian.id))
    #expect(quote.vat == .zero && quote.total == Money(mills: 250_000))
  }
}

/// A Belgian customer collected by SEPA direct debit from a Belgian account: the debit
/// collects the reverse-charged total, and the monthly cap counts that total.
@Suite struct CrossBorderDirectDebitTests {
  let today = Day(containing: Fixture.now)

  @Test func aBelgianDirectDebitCollectsNoDutchVAT() throws {
    let fixture = try Fixture()
    let ada = fixture.saldo()
    let belgian = try ada.directory.addOrganisation(
      "Brasserie Bruxelles SRL", details: CrossBorderTaxTests.customers()[0].details,
      to: fixture.environment)
    // A cap of exactly one upgrade without VAT: refused for a Dutch organisation (605 with
    // VAT), accepted for the Belgian one.
    func input(_ organisation: Organisation) -> AutoUpgradeInput {
      AutoUpgradeInput(
        amount: .fixed(Money(mills: 500_000)), holder: "Brasserie Bruxelles SRL",
        iban: "BE68539007547034", mandateID: "BXL-001", mandateDate: today.adding(days: -30),
        organisation: organisation, orderNumber: nil, monthlyCap: Money(mills: 500_000))
    }
    #expect(throws: SaldoError.self) {
      try ada.autoUpgrade.setAutoUpgrade(
        input(try fixture.organisation()), for: fixture.environment)
    }
    try ada.autoUpgrade.setAutoUpgrade(input(belgian), for: fixture.environment)
    let recorder = ConsumptionRecorder(saldo: ada, scope: fixture.environment, strict: true)
    for offset in 1...100 {
      let day = today.adding(days: -Int64(offset))
      let at = Instant(seconds: day.start.seconds + 12 * 3600)
      try recorder.record(
        (0..<100).map {
          (
            0,
            ConsumptionEvent(
              externalID: "\(day.iso)-\($0)", organisation: "Acme B.V.", kind: .receive, at: at)
          )
        })
    }
    let collections = try ada.autoUpgrade.autoUpgradeCollections(of: fixture.environment)
    #expect(collections.count == 1)
    let invoice = try ada.invoices.invoice(number: try #require(collections.first?.invoiceNumber))
    #expect(invoice.taxCategory == .reverseCharge)
    #expect(invoice.total == Money(mills: 500_000))
    let export = try ada.autoUpgrade.sepaExport(day: today)
    #expect(export.count == 1)
    #expect(export.total == Money(mills: 500_000))
    #expect(export.xml.contains("<IBAN>BE68539007547034</IBAN>"))
    if Conformance.sepaTestsEnabled {
      let (status, output) = try Conformance.validateSEPA([export.xml])
      #expect(status == 0, "\(output)")
    }
    if Conformance.invoiceTestsEnabled {
      let directory = TemporaryDirectory()
      let path = directory.file("debit.xml")
      try invoice.ubl.write(toFile: path, atomically: true, encoding: .utf8)
      let (status, output) = try Conformance.run(Conformance.invoiceValidator, [path])
      #expect(status == 0 && !output.contains("WARNING"), "\(output)")
    }
  }
}
