import Testing

@testable import SaldoCore

/// Invoice data shared by the invoice tests: a Dutch seller and buyers of several kinds.
enum InvoiceSamples {
  /// A sample value that cannot fail to parse; a mistake in one stops the tests at once.
  static func known<T>(_ make: () throws -> T?) -> T {
    do {
      if let value = try make() { return value }
      fatalError("a sample value is missing")
    } catch { fatalError("a sample value does not parse: \(error)") }
  }

  static let sellerIBAN = known { try IBAN.parse("NL91 ABNA 0417 1643 00") }
  static let debtorIBAN = known { try IBAN.parse("NL20INGB0001234567") }
  static let creditor = known { try SEPACreditorID.parse("NL69ZZZ123456780000") }
  static let issue = known { Day(year: 2026, month: 11, day: 24) }

  static func seller(name: String = "Saldo Platform B.V.", street: String = "Keizersgracht 1")
    -> InvoiceSeller
  {
    InvoiceSeller(
      party: InvoiceParty(
        name: name,
        details: PartyDetails(
          street: street, postcode: "1015 CJ", city: "Amsterdam", country: "NL",
          kvk: try? KvKNumber.parse("12345678"), vat: try? VATID.parse("NL123456782B01"),
          peppol: PeppolParticipantID(stored: "0106", value: "12345678"))),
      iban: sellerIBAN, bic: BIC(stored: "ABNANL2A"), creditorID: creditor)
  }

  /// A Dutch company reached under its KvK number.
  static func buyerKvK(name: String = "Bakkerij De Gouden Korenaar B.V.") -> InvoiceParty {
    InvoiceParty(
      name: name,
      details: PartyDetails(
        street: "Dorpsstraat 12", postcode: "3511 AB", city: "Utrecht", country: "NL",
        kvk: try? KvKNumber.parse("87654321"), vat: try? VATID.parse("NL004495445B01"),
        peppol: PeppolParticipantID(stored: "0106", value: "87654321")))
  }

  /// A Dutch government body: OIN, no KvK number, no VAT id.
  static func buyerOIN() -> InvoiceParty {
    InvoiceParty(
      name: "Gemeente Voorbeeld",
      details: PartyDetails(
        street: "Stadhuisplein 1", postcode: "9999 ZZ", city: "Voorbeeld", country: "NL",
        peppol: PeppolParticipantID(stored: "0190", value: "00000001234567890000")))
  }

  static func document(
    number: String = "2026-000123", kind: InvoiceKind = .invoice,
    buyer: InvoiceParty = buyerKvK(), seller: InvoiceSeller = seller(),
    orderNumber: String? = nil, environment: String = "Acme test environment",
    lines: [InvoiceLine] = [InvoiceLine(description: "Transaction credit", unitPrice: euros(250))],
    note: String? = nil,
    payment: InvoicePayment? = nil,
    due: Int64 = 14
  ) throws -> InvoiceDocument {
    // A credit note never states a refund: by default it moves no money.
    let settlement =
      payment
      ?? (kind == .invoice
        ? .bankTransfer(reference: "RF18 5390 0754 7034")
        : .noRefund(
          reference: "2026-000100", explanation: "Cancels the invoice; nothing is paid out."))
    return try InvoiceDocument(
      number: number, kind: kind, issueDate: issue, dueDate: issue.adding(days: due),
      seller: seller, buyer: buyer, orderNumber: orderNumber, environmentName: environment,
      lines: lines, note: note, payment: settlement)
  }

  static func euros(_ value: Int64) -> Money { known { try Money.euros(value) } }
  static func cents(_ value: Int64) -> Money { known { try Money(cents: value) } }
}

@Test func sampleDocumentIsValidAsGiven() throws {
  let doc = try InvoiceSamples.document()
  #expect(doc.number == "2026-000123")
  #expect(doc.buyerReference == "Acme test environment")
  #expect(doc.sellerEndpoint.description == "0106:12345678")
}
