import Foundation
import Testing

@testable import SaldoCore

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Builders for direct-debit test data, shared by the SEPA suites.
enum SEPAFixture {
  static let collectionDate = Day(year: 2026, month: 11, day: 26) ?? Day(number: 0)
  static let createdAt = Instant(seconds: 1_795_515_300)  // 2026-11-24T10:15:00Z

  static func creditor(bic: String? = "INGBNL2A") throws -> SEPACreditor {
    try SEPACreditor(
      name: "Saldo B.V.", iban: IBAN(stored: "NL91ABNA0417164300"),
      bic: try bic.map { try BIC.parse($0, field: "creditor BIC") },
      creditorID: SEPACreditorID("NL69ZZZ123456780000"))
  }

  static func collection(
    _ n: Int, cents: Int64 = 12_345, type: SEPASequenceType = .recurring,
    name: String = "Klant B.V.", bic: String? = nil, remittance: String? = nil
  ) throws -> SEPACollection {
    try SEPACollection(
      endToEndID: "SALDO-E2E-\(n)", amount: Money(cents: cents),
      mandateID: try MandateReference.parse("MNDT-\(n)"),
      mandateSignedOn: Day(year: 2026, month: 1, day: 15) ?? Day(number: 0),
      debtorName: name, debtorIBAN: debtorIBAN,
      debtorBIC: try bic.map { try BIC.parse($0, field: "debtor BIC") },
      sequenceType: type, remittanceInformation: remittance ?? "Invoice 2026-\(n)")
  }

  static let debtorIBAN = IBAN(stored: "DE89370400440532013000")

  static func file(_ collections: [SEPACollection], messageID: String = "SALDO-20261124-1")
    throws -> SEPADirectDebitFile
  {
    try SEPADirectDebitFile(
      messageID: messageID, createdAt: createdAt, collectionDate: collectionDate,
      creditor: creditor(), collections: collections)
  }
}

/// Reads values back out of generated XML by local element names.
struct XMLProbe {
  let document: XMLDocument

  init(_ xml: String) throws { document = try XMLDocument(xmlString: xml) }

  /// Text of every element at a `/`-separated path of local names, from anywhere in the file.
  func values(_ path: String) throws -> [String] {
    let steps = path.split(separator: "/").map { "*[local-name()='\($0)']" }
    return try document.nodes(forXPath: "//" + steps.joined(separator: "/"))
      .map { $0.stringValue ?? "" }
  }

  func value(_ path: String) throws -> String? { try values(path).first }
}

@Suite struct SEPADirectDebitFileTests {
  @Test func singleCollection() throws {
    let file = try SEPAFixture.file([SEPAFixture.collection(1, cents: 5_000, type: .first)])
    let xml = try XMLProbe(file.xml())
    #expect(try xml.value("GrpHdr/MsgId") == "SALDO-20261124-1")
    #expect(try xml.value("GrpHdr/CreDtTm") == "2026-11-24T10:15:00Z")
    #expect(try xml.value("GrpHdr/NbOfTxs") == "1")
    #expect(try xml.value("GrpHdr/CtrlSum") == "50.00")
    #expect(try xml.value("GrpHdr/InitgPty/Nm") == "Saldo B.V.")
    #expect(try xml.values("PmtInf/SeqTp").isEmpty)
    #expect(try xml.values("PmtInf/PmtTpInf/SeqTp") == ["FRST"])
    #expect(try xml.value("PmtInf/PmtInfId") == "SALDO-20261124-1-FRST")
    #expect(try xml.value("PmtInf/PmtMtd") == "DD")
    #expect(try xml.value("PmtTpInf/SvcLvl/Cd") == "SEPA")
    #expect(try xml.value("PmtTpInf/LclInstrm/Cd") == "CORE")
    #expect(try xml.value("PmtInf/ReqdColltnDt") == "2026-11-26")
    #expect(try xml.value("PmtInf/CdtrAcct/Id/IBAN") == "NL91ABNA0417164300")
    #expect(try xml.value("PmtInf/CdtrAgt/FinInstnId/BIC") == "INGBNL2A")
    #expect(try xml.value("PmtInf/ChrgBr") == "SLEV")
    #expect(try xml.value("CdtrSchmeId/Id/PrvtId/Othr/Id") == "NL69ZZZ123456780000")
    #expect(try xml.value("CdtrSchmeId/Id/PrvtId/Othr/SchmeNm/Prtry") == "SEPA")
    #expect(try xml.value("DrctDbtTxInf/PmtId/EndToEndId") == "SALDO-E2E-1")
    #expect(try xml.value("DrctDbtTxInf/InstdAmt") == "50.00")
    let currencies = try xml.document.nodes(forXPath: "//*[local-name()='InstdAmt']/@Ccy")
    #expect(currencies.map { $0.stringValue ?? "" } == ["EUR"])
    #expect(try xml.value("MndtRltdInf/MndtId") == "MNDT-1")
    #expect(try xml.value("MndtRltdInf/DtOfSgntr") == "2026-01-15")
    #expect(try xml.value("DbtrAgt/FinInstnId/Othr/Id") == "NOTPROVIDED")
    #expect(try xml.value("Dbtr/Nm") == "Klant B.V.")
    #expect(try xml.value("DbtrAcct/Id/IBAN") == "DE89370400440532013000")
    #expect(try xml.value("RmtInf/Ustrd") == "Invoice 2026-1")
  }

  @Test func twoCollectionsOfDifferentTypesMakeTwoBlocks() throws {
    let file = try SEPAFixture.file([
      SEPAFixture.collection(1, cents: 1_001, type: .recurring),
      SEPAFixture.collection(2, cents: 2_002, type: .first),
    ])
    let xml = try XMLProbe(file.xml())
    #expect(try xml.value("GrpHdr/NbOfTxs") == "2")
    #expect(try xml.value("GrpHdr/CtrlSum") == "30.03")
    // FRST is written first whatever the input order: banks want first debits early.
    #expect(try xml.values("PmtTpInf/SeqTp") == ["FRST", "RCUR"])
    #expect(try xml.values("PmtInf/NbOfTxs") == ["1", "1"])
    #expect(try xml.values("PmtInf/CtrlSum") == ["20.02", "10.01"])
    #expect(try xml.values("PmtInf/PmtInfId").count == 2)
    #expect(Set(try xml.values("PmtInf/PmtInfId")).count == 2)
  }

  @Test func manyMixedCollectionsAddUpPerBlockAndOverall() throws {
    var collections: [SEPACollection] = []
    var expected: [SEPASequenceType: (count: Int, cents: Int64)] = [:]
    for n in 1...257 {
      let type: SEPASequenceType = n % 3 == 0 ? .first : .recurring
      let cents = Int64(n * 1_237 % 100_000 + 1)
      collections.append(try SEPAFixture.collection(n, cents: cents, type: type))
      let sofar = expected[type] ?? (0, 0)
      expected[type] = (sofar.count + 1, sofar.cents + cents)
    }
    let file = try SEPAFixture.file(collections)
    let xml = try XMLProbe(file.xml())
    let totalCents = expected.values.reduce(0) { $0 + $1.cents }
    #expect(try xml.value("GrpHdr/NbOfTxs") == "257")
    #expect(try xml.value("GrpHdr/CtrlSum") == (try Money(cents: totalCents)).centsString)
    #expect(file.numberOfTransactions == 257)
    #expect(file.controlSum == (try Money(cents: totalCents)))

    let types = try xml.values("PmtTpInf/SeqTp")
    let counts = try xml.values("PmtInf/NbOfTxs")
    let sums = try xml.values("PmtInf/CtrlSum")
    #expect(types == ["FRST", "RCUR"])
    for (index, raw) in types.enumerated() {
      let type = try #require(SEPASequenceType(rawValue: raw))
      let want = try #require(expected[type])
      #expect(counts[index] == String(want.count))
      #expect(sums[index] == (try Money(cents: want.cents)).centsString)
    }
    // The block sums are the sums of what is in each block, not just a copy of the total.
    let amounts = try xml.values("DrctDbtTxInf/InstdAmt")
    #expect(amounts.count == 257)
    let parsed = try amounts.map { try MoneyFormat.parse($0) }
    let sum = try parsed.reduce(Money.zero) { try $0.adding($1) }
    #expect(sum.centsString == (try xml.value("GrpHdr/CtrlSum")))
  }

  @Test func allFourSequenceTypesKeepTheirOrder() throws {
    let file = try SEPAFixture.file([
      SEPAFixture.collection(1, type: .oneOff), SEPAFixture.collection(2, type: .final),
      SEPAFixture.collection(3, type: .recurring), SEPAFixture.collection(4, type: .first),
      SEPAFixture.collection(5, type: .recurring),
    ])
    #expect(file.groups.map(\.sequenceType) == [.first, .recurring, .final, .oneOff])
    #expect(file.groups[1].collections.map(\.endToEndID) == ["SALDO-E2E-3", "SALDO-E2E-5"])
  }

  @Test func hostileNamesAreCleanedAndEscaped() throws {
    let hostile =
      "&lt;Bob & \"Alice\" <script>é中文😀\u{0}\u{1B}[31m"
      + String(repeating: "x", count: 10_000)
    let c = try SEPAFixture.collection(1, name: hostile, remittance: "Invoice <42> & \"co\"")
    #expect(c.debtorName.count <= 70)
    #expect(SEPAText.isRestrictedLatin(c.debtorName))
    #expect(c.debtorName.hasPrefix("+lt,Bob + 'Alice' (script)e (31m"))
    let text = try SEPAFixture.file([c]).xml()
    #expect(!text.contains("<script"))
    #expect(!text.contains("\u{1B}"))
    #expect(text.allSatisfy { $0.isASCII })
    let xml = try XMLProbe(text)
    #expect(try xml.value("Dbtr/Nm") == c.debtorName)
    #expect(try xml.value("RmtInf/Ustrd") == "Invoice (42) + 'co'")
  }

  @Test func remittanceIsCutTo140AndDroppedWhenNothingIsLeft() throws {
    let long = try SEPAFixture.collection(1, remittance: String(repeating: "Factuur ", count: 40))
    #expect((long.remittanceInformation?.count ?? 0) <= 140)
    let empty = try SEPAFixture.collection(2, remittance: "中文😀")
    #expect(empty.remittanceInformation == nil)
    let xml = try XMLProbe(try SEPAFixture.file([empty]).xml())
    #expect(try xml.values("RmtInf").isEmpty)
  }

  @Test func namesWithoutLatinTextAreRefused() {
    #expect(throws: SEPAError.nameNotRepresentable(field: "debtor name")) {
      try SEPAFixture.collection(1, name: "中文 😀")
    }
    #expect(throws: SEPAError.nameNotRepresentable(field: "debtor name")) {
      try SEPAFixture.collection(1, name: " -- ")
    }
  }

  @Test func amountsMustBePositiveWholeCents() throws {
    func make(_ money: Money) throws(SEPAError) -> SEPACollection {
      try SEPACollection(
        endToEndID: "E1", amount: money, mandateID: MandateReference(stored: "M1"),
        mandateSignedOn: Day(number: 0),
        debtorName: "A", debtorIBAN: SEPAFixture.debtorIBAN, sequenceType: .first)
    }
    #expect(throws: SEPAError.amountNotPositive(.zero)) { try make(.zero) }
    #expect(throws: SEPAError.amountNotPositive(Money(mills: -10))) {
      try make(Money(mills: -10))
    }
    #expect(throws: SEPAError.amountNotWholeCents(Money(mills: 171))) {
      try make(Money(mills: 171))
    }
    let tooMuch = Money(mills: 1_000_000_000_000)
    #expect(throws: SEPAError.amountTooLarge(tooMuch)) { try make(tooMuch) }
    #expect(try make(Money(mills: 10)).amount.centsString == "0.01")
    #expect(try make(SEPACollection.maximumAmount).amount.centsString == "999999999.99")
  }

  @Test func identifiersAreRefusedNotMangled() {
    for bad in [
      "", " E1", "E1 ", "/E1", "E1/", "E//1", "E&1", "Eé1", String(repeating: "9", count: 36),
    ] {
      #expect(throws: SEPAError.invalidIdentifier(field: "end-to-end id", value: bad)) {
        try SEPACollection(
          endToEndID: bad, amount: Money(mills: 10), mandateID: MandateReference(stored: "M1"),
          mandateSignedOn: Day(number: 0), debtorName: "A",
          debtorIBAN: SEPAFixture.debtorIBAN, sequenceType: .first)
      }
    }
    #expect(throws: SEPAError.self) { try SEPAFixture.file([], messageID: "bad//id") }
  }

  @Test func bicsAreCheckedAndNormalised() throws {
    #expect(try SEPAFixture.collection(1, bic: "ingb nl 2a").debtorBIC?.value == "INGBNL2A")
    #expect(try SEPAFixture.collection(1, bic: "DEUTDEFF500").debtorBIC?.value == "DEUTDEFF500")
    for bad in ["INGBNL2", "INGBNL1A", "INGBNL2O", "INGB1L2A", "INGBNL2AXX", "INGBNL2A-XX"] {
      #expect(throws: SEPAError.invalidBIC(field: "debtor BIC", value: bad)) {
        try SEPAFixture.collection(1, bic: bad)
      }
    }
  }

  @Test func fileLevelMistakesAreRefused() throws {
    #expect(throws: SEPAError.noCollections) { try SEPAFixture.file([]) }
    #expect(throws: SEPAError.duplicateEndToEndID("SALDO-E2E-7")) {
      try SEPAFixture.file([
        SEPAFixture.collection(7, type: .first), SEPAFixture.collection(7, type: .recurring),
      ])
    }
    let late = try SEPACollection(
      endToEndID: "E1", amount: Money(mills: 10), mandateID: MandateReference(stored: "M1"),
      mandateSignedOn: SEPAFixture.collectionDate.adding(days: 1), debtorName: "A",
      debtorIBAN: SEPAFixture.debtorIBAN, sequenceType: .first)
    #expect(throws: SEPAError.mandateSignedAfterCollection(endToEndID: "E1")) {
      try SEPAFixture.file([late])
    }
  }

  @Test func longMessageIDsStillGiveValidPaymentInformationIDs() throws {
    let id = String(repeating: "M", count: 29) + "/12345"
    let file = try SEPAFixture.file([SEPAFixture.collection(1)], messageID: id)
    let pmtInfID = file.groups[0].paymentInformationID
    #expect(pmtInfID.count <= 35)
    #expect(pmtInfID == String(repeating: "M", count: 29) + "-RCUR")
  }

  @Test func errorMessagesAreSingleLines() {
    let errors: [SEPAError] = [
      .invalidIdentifier(field: "mandate id", value: "a\nb"),
      .nameNotRepresentable(field: "debtor name"), .invalidBIC(field: "BIC", value: "x\ny"),
      .amountNotPositive(.zero), .amountNotWholeCents(Money(mills: 1)),
      .amountTooLarge(Money(mills: 1)), .noCollections, .duplicateEndToEndID("E"),
      .mandateSignedAfterCollection(endToEndID: "E"), .totalTooLarge,
    ]
    for error in errors { #expect(!error.description.contains("\n")) }
  }
}
