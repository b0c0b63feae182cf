import Testing

@testable import SaldoCore

@Suite struct InvoiceTotalsTests {
  typealias S = InvoiceSamples

  func totals(_ prices: [Money], quantity: Int64 = 1, settled: Bool = false) throws
    -> InvoiceTotals
  {
    try InvoiceTotals.compute(
      lines: prices.map { InvoiceLine(description: "Credit", quantity: quantity, unitPrice: $0) },
      settled: settled)
  }

  @Test func topUpOf250() throws {
    let t = try totals([S.euros(250)])
    #expect(t.lineExtension == S.euros(250))
    #expect(t.taxExclusive == S.euros(250))
    #expect(t.vat == S.cents(5250))
    #expect(t.taxInclusive == S.cents(30250))
    #expect(t.prepaid == .zero)
    #expect(t.payable == S.cents(30250))
    #expect(
      t.vatBreakdown == [
        VATSubtotal(category: "S", percent: 21, taxable: S.euros(250), tax: S.cents(5250))
      ])
  }

  /// 21% of these lands exactly on half a cent; it must round up (away from zero).
  @Test(arguments: [
    (Int64(50), Int64(11)), (250, 53), (1250, 263), (2_450, 515), (150, 32), (1, 0), (2, 0),
    (3, 1), (99_999_950, 20_999_990),
  ])
  func vatRoundsHalfAwayFromZero(_ netCents: Int64, _ vatCents: Int64) throws {
    let t = try totals([S.cents(netCents)])
    #expect(t.vat == S.cents(vatCents))
    #expect(t.taxInclusive == S.cents(netCents + vatCents))
  }

  /// EN 16931 computes VAT on the total per rate: two lines of € 0,50 have € 0,21 VAT, where
  /// rounding per line would give € 0,22.
  @Test func vatIsRoundedOnTheTotalNotPerLine() throws {
    let t = try totals([S.cents(50), S.cents(50)])
    #expect(t.lineAmounts == [S.cents(50), S.cents(50)])
    #expect(t.vat == S.cents(21))
    #expect(t.taxInclusive == S.cents(121))
  }

  @Test func quantityMultipliesTheUnitPrice() throws {
    let t = try totals([S.cents(1_995)], quantity: 3)
    #expect(t.lineAmounts == [S.cents(5_985)])
    #expect(t.vat == S.cents(1_257))  // 1256.85 cents
  }

  @Test func paidInvoiceHasNothingPayable() throws {
    let t = try totals([S.euros(100)], settled: true)
    #expect(t.prepaid == S.euros(121))
    #expect(t.payable == .zero)
    #expect(try t.taxInclusive.subtracting(t.prepaid) == t.payable)
  }

  @Test func overflowIsAnError() {
    #expect(throws: InvoiceError.amountTooLarge) {
      try totals([Money(mills: Int64.max / 2 - 5)], quantity: 4)
    }
  }
}

@Suite struct InvoiceDocumentTests {
  typealias S = InvoiceSamples

  @Test func buyerReferenceIsOrderNumberElseEnvironment() throws {
    #expect(try S.document(orderNumber: "PO-77").buyerReference == "PO-77")
    #expect(try S.document(orderNumber: "  ").buyerReference == "Acme test environment")
    #expect(throws: InvoiceError.missing("environment name")) {
      try S.document(environment: " ")
    }
  }

  @Test func sellerMustBeComplete() {
    #expect(throws: InvoiceError.missing("seller street")) {
      try S.document(seller: S.seller(street: ""))
    }
    var seller = S.seller()
    seller.party.details.vat = nil
    #expect(throws: InvoiceError.missing("seller VAT number")) { try S.document(seller: seller) }
    // A malformed KvK number cannot reach an invoice: it is refused where it is typed.
    #expect(throws: IdentifierError.self) { try KvKNumber.parse("1234") }
  }

  @Test func dutchBuyerNeedsFullAddressForeignBuyerDoesNot() throws {
    var buyer = S.buyerKvK()
    buyer.details.city = nil
    #expect(throws: InvoiceError.missing("buyer city")) { try S.document(buyer: buyer) }
    let belgian = InvoiceParty(
      name: "Brasserie Bruxelles SRL",
      details: PartyDetails(
        country: "be", vat: try? VATID.parse("BE0417497106"),
        peppol: PeppolParticipantID(stored: "0208", value: "0417497106"))
    )
    let doc = try S.document(buyer: belgian)
    #expect(doc.buyer.details.country == "BE")
  }

  @Test func buyerEndpointFallsBackToKvK() throws {
    var buyer = S.buyerKvK()
    buyer.details.peppol = nil
    #expect(try S.document(buyer: buyer).buyerEndpoint.description == "0106:87654321")
    buyer.details.kvk = nil
    #expect(throws: InvoiceError.missing("buyer Peppol ID")) { try S.document(buyer: buyer) }
  }

  @Test func identifiersAreNormalised() throws {
    var buyer = S.buyerKvK()
    buyer.details.vat = try VATID.parse("nl 0044.95445 b01")
    buyer.details.kvk = try KvKNumber.parse("8765 4321")
    buyer.details.country = " nl "
    let doc = try S.document(buyer: buyer)
    #expect(doc.buyer.details.vat?.value == "NL004495445B01")
    #expect(doc.buyer.details.kvk?.value == "87654321")
    #expect(doc.buyer.details.country == "NL")
    // A wrong check digit never reaches an invoice: the id is refused where it is typed.
    #expect(throws: IdentifierError.vatCheckDigits(country: "Dutch", example: "NL123456782B01")) {
      try VATID.parse("NL004495446B01")
    }
  }

  @Test func linesAreChecked() {
    #expect(throws: InvoiceError.noLines) { try S.document(lines: []) }
    #expect(throws: InvoiceError.notWholeCents(line: 1)) {
      try S.document(lines: [InvoiceLine(description: "Credit", unitPrice: Money(mills: 171))])
    }
    #expect(throws: InvoiceError.invalidQuantity(line: 2)) {
      try S.document(lines: [
        InvoiceLine(description: "Credit", unitPrice: S.euros(1)),
        InvoiceLine(description: "Credit", quantity: 0, unitPrice: S.euros(1)),
      ])
    }
    #expect(throws: InvoiceError.missing("description of line 1")) {
      try S.document(lines: [InvoiceLine(description: "\u{0}\t", unitPrice: S.euros(1))])
    }
  }

  @Test func datesAndReferencesAreChecked() {
    #expect(throws: InvoiceError.dueBeforeIssue) { try S.document(due: -1) }
    #expect(throws: InvoiceError.missing("number of the corrected invoice")) {
      try S.document(
        kind: .creditNote(correcting: InvoiceReference(number: "", issueDate: S.issue)))
    }
    var seller = S.seller()
    seller.creditorID = nil
    #expect(throws: InvoiceError.missing("seller SEPA creditor ID")) {
      try S.document(
        seller: seller,
        payment: .directDebit(
          mandateID: MandateReference(stored: "M-1"), debtorIBAN: S.debtorIBAN, reference: "R"))
    }
  }

  @Test func textIsCleanedBeforeItIsTrimmed() throws {
    let doc = try S.document(
      buyer: S.buyerKvK(name: " Acme \u{FFFE}\u{1}"), orderNumber: "\tPO-1\u{FFFF}\n")
    #expect(doc.buyer.name == "Acme")
    #expect(doc.orderNumber == "PO-1")
  }

  @Test func bonusNoteMentionsTheBonus() {
    #expect(
      InvoiceDocument.bonusNote(S.euros(25)) == "Includes € 25,00 bonus credit, free of charge")
    #expect(
      InvoiceDocument.bonusNote(S.euros(25), ascii: true)
        == "Includes EUR 25,00 bonus credit, free of charge")
  }

  @Test func errorMessagesAreOneLine() {
    let errors: [InvoiceError] = [
      .missing("seller street"), .noLines, .notWholeCents(line: 1), .dueBeforeIssue,
      .amountTooLarge, .invalidIdentifier(field: "buyer KvK number", .empty(.kvk)),
    ]
    for error in errors {
      #expect(!error.description.isEmpty)
      #expect(!error.description.contains("\n"))
    }
  }
}
