import Foundation
import Testing
import TestSupport

@testable import SaldoCore

/// Runs the official rules (UBL 2.1 XSD, EN 16931 and Peppol BIS 3.0 Schematron, Dutch rules)
/// over a spread of generated invoices. Without the validator (not a prerequisite of the
/// README) the suite is skipped with its reason; under `SALDO_REQUIRE_CONFORMANCE=1` (CI) a
/// missing validator fails it, so a green CI run always means the invoices were really checked.
@Suite(.serialized, .enabled(if: Conformance.invoiceTestsEnabled, Conformance.skipReason))
struct InvoiceValidationTests {
  typealias S = InvoiceSamples

  static let validator = Conformance.invoiceValidator

  /// Every text field gets markup characters, quotes and non-ASCII text, and characters XML
  /// cannot carry at all, which the writer must drop.
  static func hostile(_ label: String, long: Bool = false) -> String {
    let text = label + " & <b>\"Q\" 'A' é ß 中文 🚀 \u{FFFE}\u{1}"
    return long ? text + String(repeating: " Lange naam Ünïcödé & Co", count: 12) : text
  }

  static func samples() throws -> [(name: String, doc: InvoiceDocument)] {
    let bonus = InvoiceDocument.bonusNote(S.euros(25))
    let credit = [InvoiceLine(description: "Transaction credit", unitPrice: S.euros(250))]
    let corrected = InvoiceReference(number: "2026-000100", issueDate: S.issue.adding(days: -7))
    let belgian = InvoiceParty(
      name: "Brasserie Bruxelles SRL",
      details: PartyDetails(
        street: "Rue de la Loi 16", postcode: "1000", city: "Bruxelles", country: "BE",
        vat: try? VATID.parse("BE0417497106"),
        peppol: PeppolParticipantID(stored: "0208", value: "0417497106")
      ))
    var vatEndpointBuyer = S.buyerKvK()
    vatEndpointBuyer.details.kvk = nil
    vatEndpointBuyer.details.peppol = PeppolParticipantID(stored: "9944", value: "NL004495445B01")
    var noVATBuyer = S.buyerKvK(name: "Stichting Zonder Btw")
    noVATBuyer.details.vat = nil
    noVATBuyer.details.peppol = nil
    var hostileBuyer = S.buyerKvK(name: hostile("Buyer", long: true))
    hostileBuyer.details.street = hostile("Street")
    hostileBuyer.details.city = hostile("City")
    hostileBuyer.details.postcode = hostile("1234 AB")
    var hostileSeller = S.seller(name: hostile("Seller", long: true), street: hostile("Street"))
    hostileSeller.party.details.city = hostile("Amsterdam")
    hostileSeller.bic = nil
    let debit = InvoicePayment.directDebit(
      mandateID: MandateReference(stored: "SALDO-MANDATE-0042"), debtorIBAN: S.debtorIBAN,
      reference: "2026-000123")
    // 50.50 net: VAT 10.605 rounds to 10.61 on the total (10.62 if rounded per line).
    let rounding = [
      InvoiceLine(description: "Transaction credit", unitPrice: S.cents(1_250)),
      InvoiceLine(description: "Transaction credit", quantity: 3, unitPrice: S.cents(50)),
      InvoiceLine(description: "Transaction credit", quantity: 2, unitPrice: S.cents(1_825)),
    ]
    return [
      (
        "paid-ideal-bonus-order",
        try S.document(
          orderNumber: "PO-2026-17", lines: credit, note: bonus,
          payment: .paid(.idealWero, reference: "tr_WDqYK6vllg"), due: 0)
      ),
      (
        "paid-bancontact-belgian",
        try S.document(
          buyer: belgian, payment: .paid(.bancontact, reference: "tr_bc_7781"), due: 0)
      ),
      ("bank-transfer-plain", try S.document()),
      ("bank-transfer-bonus-order", try S.document(orderNumber: "4500012345", note: bonus)),
      ("direct-debit-bonus", try S.document(note: bonus, payment: debit, due: 5)),
      ("direct-debit-order", try S.document(orderNumber: "PO-9", payment: debit)),
      ("buyer-oin", try S.document(buyer: S.buyerOIN(), orderNumber: "OIN-ORDER-1")),
      (
        "buyer-oin-paid",
        try S.document(
          buyer: S.buyerOIN(), payment: .paid(.idealWero, reference: "tr_1"), due: 0)
      ),
      ("buyer-9944-endpoint", try S.document(buyer: vatEndpointBuyer)),
      ("buyer-without-vat", try S.document(buyer: noVATBuyer, payment: debit)),
      ("vat-half-cents", try S.document(lines: rounding)),
      (
        "credit-note-transfer",
        try S.document(
          number: "2026-000124", kind: .creditNote(correcting: corrected))
      ),
      (
        "credit-note-debit",
        try S.document(
          number: "2026-000125", kind: .creditNote(correcting: corrected),
          payment: .noRefund(
            reference: "2026-000100",
            explanation: "Cancels invoice 2026-000100: its SEPA direct debit was returned by the"
              + " bank (AM04 insufficient funds). Nothing was collected, nothing is owed."))
      ),
      (
        "corrected-after-direct-debit",
        try S.document(
          number: "2026-000127", orderNumber: "PO-2",
          payment: .carriedOver(replaced: "2026-000100", earlier: debit), due: 0)
      ),
      (
        "corrected-after-ideal",
        try S.document(
          number: "2026-000128", buyer: belgian,
          payment: .carriedOver(
            replaced: "2026-000101", earlier: .paid(.idealWero, reference: "tr_WDqYK6vllg")),
          due: 0)
      ),
      (
        "credit-note-paid",
        try S.document(
          number: "2026-000126", kind: .creditNote(correcting: corrected), orderNumber: "PO-1",
          note: bonus,
          payment: .noRefund(
            reference: "2026-000100",
            explanation: "Replaced by corrected invoice 2026-000127; the amount paid carries"
              + " over; nothing is paid out."), due: 0)
      ),
      (
        "hostile-every-field-transfer",
        try S.document(
          buyer: hostileBuyer, seller: hostileSeller, orderNumber: hostile("PO"),
          environment: hostile("Environment"),
          lines: [InvoiceLine(description: hostile("Credit", long: true), unitPrice: S.euros(99))],
          note: hostile("Includes € 25,00 bonus"), payment: .bankTransfer(reference: hostile("Ref"))
        )
      ),
      (
        "hostile-every-field-debit",
        try S.document(
          buyer: hostileBuyer, seller: hostileSeller, environment: hostile("Environment"),
          lines: [InvoiceLine(description: hostile("Credit"), unitPrice: S.cents(250))],
          payment: .directDebit(
            mandateID: MandateReference(stored: hostile("Mandate")), debtorIBAN: S.debtorIBAN,
            reference: hostile("Ref")))
      ),
      (
        "hostile-credit-note",
        try S.document(
          kind: .creditNote(
            correcting: InvoiceReference(number: hostile("Invoice"), issueDate: S.issue)),
          buyer: hostileBuyer, seller: hostileSeller, environment: hostile("Environment"),
          note: hostile("Note"),
          payment: .noRefund(reference: hostile("Ref"), explanation: hostile("Explanation")),
          due: 0)
      ),
    ]
  }

  /// Writes the documents to a temporary folder and validates them all in one run: the
  /// validator starts a JVM, which dominates its run time. Nil when the validator is missing.
  static func validate(_ documents: [(name: String, xml: String)]) throws
    -> (status: Int32, output: String)?
  {
    let path = validator.path
    guard FileManager.default.isExecutableFile(atPath: path) else {
      Issue.record(
        "invoice validator not found at \(path); install it with install-invoice-validator")
      return nil
    }
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("saldo-invoices-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var files: [String] = []
    for document in documents {
      let file = directory.appendingPathComponent(document.name + ".xml")
      try document.xml.write(to: file, atomically: true, encoding: .utf8)
      files.append(file.path)
    }
    let process = Process()
    process.executableURL = validator
    process.arguments = files
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
  }

  @Test func generatedInvoicesPassTheOfficialRules() throws {
    let files = try Self.samples().map { ($0.name, UBLInvoiceWriter.xml($0.doc)) }
    let (status, output) = try #require(try Self.validate(files))
    #expect(status == 0, "validator output:\n\(output)")
    #expect(output.contains("\(files.count) files: \(files.count) valid, 0 invalid"), "\(output)")
    let warnings = output.split(separator: "\n").filter { $0.hasPrefix("WARNING") }
    #expect(warnings.isEmpty, "warnings:\n\(warnings.joined(separator: "\n"))")
  }

  /// The validator must catch what the writer guards against, Dutch rules included;
  /// otherwise a passing run above would prove nothing.
  @Test func brokenInvoicesAreCaught() throws {
    let xml = UBLInvoiceWriter.xml(try S.document())
    let noBuyerReference = xml.replacing(
      "  <cbc:BuyerReference>Acme test environment</cbc:BuyerReference>\n", with: "")
    let noPostcode = xml.replacing("<cbc:PostalZone>1015 CJ</cbc:PostalZone>", with: "")
    let wrongVAT = xml.replacing(
      "<cbc:TaxAmount currencyID=\"EUR\">52.50</cbc:TaxAmount>\n    <cac:TaxSubtotal>",
      with: "<cbc:TaxAmount currencyID=\"EUR\">52.49</cbc:TaxAmount>\n    <cac:TaxSubtotal>")
    #expect(noBuyerReference != xml && noPostcode != xml && wrongVAT != xml)
    let (status, output) = try #require(
      try Self.validate([
        ("no-buyer-reference", noBuyerReference), ("no-postcode", noPostcode),
        ("wrong-vat", wrongVAT),
      ]))
    #expect(status == 1)
    for rule in ["PEPPOL-EN16931-R003", "NL-R-002", "BR-CO-14"] {
      #expect(output.contains("FATAL   " + rule), "\(rule) not reported:\n\(output)")
    }
    #expect(output.contains("3 files: 0 valid, 3 invalid"), "\(output)")
  }
}
