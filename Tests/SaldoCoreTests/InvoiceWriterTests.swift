import Testing

@testable import SaldoCore

@Suite struct InvoiceXMLEscapeTests {
  @Test func escapesMarkupCharacters() {
    #expect(XMLEscape.text("A & B <c> \"d\" 'e'") == "A &amp; B &lt;c&gt; \"d\" 'e'")
    #expect(
      XMLEscape.attribute("A & B <c> \"d\" 'e'")
        == "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;")
    #expect(XMLEscape.text("]]>") == "]]&gt;")
    // Each character alone, so that no shortcut for plain text lets one through.
    for (raw, text, attribute) in [
      ("&", "&amp;", "&amp;"), ("<", "&lt;", "&lt;"), (">", "&gt;", "&gt;"),
      ("\"", "\"", "&quot;"), ("'", "'", "&apos;"), ("\r", "&#13;", "&#13;"),
      ("\t", "\t", "&#9;"), ("\n", "\n", "&#10;"), ("\u{1}", "", ""),
      ("plain 1,00", "plain 1,00", "plain 1,00"),
    ] {
      #expect(XMLEscape.text("a" + raw + "b") == "a" + text + "b", "\(raw.debugDescription)")
      #expect(XMLEscape.attribute(raw) == attribute, "\(raw.debugDescription)")
    }
  }

  @Test func dropsCharactersXMLForbids() {
    #expect(XMLEscape.text("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g") == "abcdefg")
    #expect(XMLEscape.text("x\u{FFFE}y\u{FFFF}z") == "xyz")
    #expect(XMLEscape.text("tab\tline\nend") == "tab\tline\nend")
    #expect(XMLEscape.text("cr\r") == "cr&#13;")
    #expect(XMLEscape.attribute("a\tb\nc") == "a&#9;b&#10;c")
  }

  @Test func keepsNonASCII() {
    let text = "é ß 中文 🚀 \u{7F} \u{85} \u{D7FF} \u{E000} \u{10FFFF}"
    #expect(XMLEscape.text(text) == text)
  }
}

@Suite struct InvoiceWriterTests {
  typealias S = InvoiceSamples

  func positions(_ xml: String, _ names: [String]) -> [Int] {
    names.map { name in
      guard let range = xml.firstRange(of: "<" + name) else { return -1 }
      return xml.distance(from: xml.startIndex, to: range.lowerBound)
    }
  }

  @Test func headerIsPeppolBIS() throws {
    let xml = UBLInvoiceWriter.xml(try S.document(orderNumber: "PO-1"))
    #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Invoice "))
    #expect(xml.contains("xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\""))
    #expect(xml.contains("<cbc:CustomizationID>" + UBLInvoiceWriter.customizationID))
    #expect(xml.contains("<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0<"))
    #expect(xml.contains("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"))
    #expect(xml.contains("<cbc:BuyerReference>PO-1</cbc:BuyerReference>"))
    #expect(xml.contains("<cac:OrderReference>\n    <cbc:ID>PO-1</cbc:ID>"))
  }

  @Test func elementsFollowTheSchemaOrder() throws {
    let xml = UBLInvoiceWriter.xml(try S.document(orderNumber: "PO-1", note: "Note"))
    let order = positions(
      xml,
      [
        "cbc:CustomizationID", "cbc:ProfileID", "cbc:ID", "cbc:IssueDate", "cbc:DueDate",
        "cbc:InvoiceTypeCode", "cbc:Note", "cbc:DocumentCurrencyCode", "cbc:BuyerReference",
        "cac:OrderReference", "cac:AccountingSupplierParty", "cac:AccountingCustomerParty",
        "cac:PaymentMeans", "cac:TaxTotal", "cac:LegalMonetaryTotal", "cac:InvoiceLine",
      ])
    #expect(!order.contains(-1))
    #expect(order == order.sorted())
  }

  @Test func partiesCarryEndpointTaxAndLegalIDs() throws {
    let xml = UBLInvoiceWriter.xml(try S.document())
    #expect(xml.contains("<cbc:EndpointID schemeID=\"0106\">12345678</cbc:EndpointID>"))
    #expect(xml.contains("<cbc:EndpointID schemeID=\"0106\">87654321</cbc:EndpointID>"))
    #expect(xml.contains("<cbc:CompanyID schemeID=\"0106\">12345678</cbc:CompanyID>"))
    #expect(xml.contains("<cbc:CompanyID>NL123456782B01</cbc:CompanyID>"))
    #expect(xml.contains("<cbc:CompanyID>NL004495445B01</cbc:CompanyID>"))
  }

  @Test func governmentBuyerUsesItsOINAndHasNoTaxScheme() throws {
    let xml = UBLInvoiceWriter.xml(try S.document(buyer: S.buyerOIN()))
    #expect(xml.contains("<cbc:CompanyID schemeID=\"0190\">00000001234567890000</cbc:CompanyID>"))
    #expect(xml.ranges(of: "<cac:PartyTaxScheme>").count == 1)
  }

  @Test func amountsHaveTwoDecimalsAndCurrency() throws {
    let xml = UBLInvoiceWriter.xml(
      try S.document(lines: [InvoiceLine(description: "Credit", unitPrice: S.cents(250))]))
    #expect(xml.contains("<cbc:TaxAmount currencyID=\"EUR\">0.53</cbc:TaxAmount>"))
    #expect(
      xml.contains("<cbc:TaxInclusiveAmount currencyID=\"EUR\">3.03</cbc:TaxInclusiveAmount>"))
    #expect(xml.contains("<cbc:PayableAmount currencyID=\"EUR\">3.03</cbc:PayableAmount>"))
    #expect(xml.contains("<cbc:InvoicedQuantity unitCode=\"C62\">1</cbc:InvoicedQuantity>"))
  }

  @Test func paidInvoiceIsPrepaid() throws {
    let xml = UBLInvoiceWriter.xml(
      try S.document(payment: .paid(.bancontact, reference: "tr_123"), due: 0))
    #expect(xml.contains("<cbc:PaymentMeansCode name=\"Bancontact\">48</cbc:PaymentMeansCode>"))
    #expect(xml.contains("<cbc:PrepaidAmount currencyID=\"EUR\">302.50</cbc:PrepaidAmount>"))
    #expect(xml.contains("<cbc:PayableAmount currencyID=\"EUR\">0.00</cbc:PayableAmount>"))
  }

  @Test func directDebitCarriesMandateAndCreditor() throws {
    let xml = UBLInvoiceWriter.xml(
      try S.document(
        payment: .directDebit(
          mandateID: MandateReference(stored: "MANDATE-1"), debtorIBAN: S.debtorIBAN, reference: "R"
        )))
    #expect(xml.contains("<cbc:PaymentMeansCode name=\"SEPA direct debit\">59<"))
    #expect(xml.contains("<cbc:ID>MANDATE-1</cbc:ID>"))
    #expect(xml.contains("<cac:PayerFinancialAccount>\n"))
    #expect(xml.contains("<cbc:ID schemeID=\"SEPA\">NL69ZZZ123456780000</cbc:ID>"))
  }

  @Test func creditNoteReferencesTheCorrectedInvoice() throws {
    let corrected = InvoiceReference(number: "2026-000100", issueDate: S.issue.adding(days: -3))
    let xml = UBLInvoiceWriter.xml(try S.document(kind: .creditNote(correcting: corrected)))
    #expect(
      xml.contains(
        "<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\""))
    #expect(xml.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"))
    #expect(xml.contains("<cbc:ID>2026-000100</cbc:ID>\n      <cbc:IssueDate>2026-11-21<"))
    #expect(xml.contains("<cac:CreditNoteLine>"))
    #expect(xml.contains("<cbc:CreditedQuantity unitCode=\"C62\">1<"))
    #expect(!xml.contains("<cbc:DueDate>"))
  }

  @Test func textIsEscapedEverywhere() throws {
    let nasty = "A&B <x> \"q\" 'a' \u{FFFE}\u{0}é"
    var buyer = S.buyerKvK(name: nasty)
    buyer.details.street = nasty
    let xml = UBLInvoiceWriter.xml(
      try S.document(
        buyer: buyer, orderNumber: nasty,
        lines: [InvoiceLine(description: nasty, unitPrice: S.euros(1))], note: nasty,
        payment: .bankTransfer(reference: nasty)))
    #expect(!xml.contains("A&B"))
    #expect(!xml.contains("<x>"))
    #expect(!xml.contains("\u{FFFE}"))
    #expect(!xml.contains("\u{0}"))
    #expect(xml.contains("A&amp;B &lt;x&gt; \"q\" 'a' é"))
  }
}

@Suite struct InvoiceTextTests {
  typealias S = InvoiceSamples

  @Test func rendersThePaidInvoice() throws {
    let doc = try S.document(
      orderNumber: "PO-1", note: InvoiceDocument.bonusNote(S.euros(25)),
      payment: .paid(.idealWero, reference: "tr_WDqYK6vllg"), due: 0)
    let text = InvoiceText.render(doc, ascii: false)
    #expect(text.hasPrefix("INVOICE 2026-000123\n"))
    #expect(text.contains("Issue date    2026-11-24\n"))
    #expect(text.contains("Your order    PO-1\n"))
    #expect(text.contains("  Saldo Platform B.V.\n  Keizersgracht 1\n  1015 CJ  Amsterdam\n  NL\n"))
    #expect(text.contains("  KvK 12345678 · VAT NL123456782B01 · Peppol 0106:12345678\n"))
    #expect(text.contains("Includes € 25,00 bonus credit, free of charge\n"))
    let expectedTotals = [
      "Subtotal" + String(repeating: " ", count: 48) + "€ 250,00",
      "VAT 21% of € 250,00" + String(repeating: " ", count: 38) + "€ 52,50",
      "Total" + String(repeating: " ", count: 51) + "€ 302,50",
    ]
    #expect(text.contains(expectedTotals.joined(separator: "\n")))
    #expect(text.contains("Amount due"))
    #expect(text.hasSuffix("Paid by iDEAL | Wero (reference tr_WDqYK6vllg)\n"))
  }

  @Test func asciiHasNoEuroSign() throws {
    let doc = try S.document(
      note: InvoiceDocument.bonusNote(S.euros(25), ascii: true),
      payment: .directDebit(
        mandateID: MandateReference(stored: "M-1"), debtorIBAN: S.debtorIBAN, reference: "R-9"))
    let text = InvoiceText.render(doc, ascii: true)
    #expect(text.allSatisfy { $0.isASCII })
    #expect(text.contains("EUR 302,50"))
    #expect(
      text.contains(
        "To be collected by SEPA direct debit under mandate M-1 from IBAN"
          + " NL20 **** **** **** 4567"))
  }

  @Test func bankTransferSaysWhereAndWhen() throws {
    let text = InvoiceText.render(try S.document(), ascii: false)
    #expect(
      text.contains(
        "To be paid by bank transfer to IBAN NL91 ABNA 0417 1643 00 (BIC ABNANL2A) in the name of"
          + " Saldo Platform B.V. with reference RF18 5390 0754 7034, due 2026-12-08"))
    #expect(text.contains("Reference     Acme test environment\n"))
  }

  @Test func creditNoteSaysWhatItCorrects() throws {
    let corrected = InvoiceReference(number: "2026-000100", issueDate: S.issue)
    let text = InvoiceText.render(
      try S.document(kind: .creditNote(correcting: corrected)), ascii: false)
    #expect(text.hasPrefix("CREDIT NOTE 2026-000123\nCorrects invoice 2026-000100 of 2026-11-24\n"))
    #expect(text.contains("Cancels the invoice; nothing is paid out."))
    #expect(!text.contains("refund"))
  }
}
