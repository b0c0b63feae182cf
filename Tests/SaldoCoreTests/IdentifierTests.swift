import Testing

@testable import SaldoCore

@Suite struct IdentifierIBANTests {
  @Test(arguments: [
    "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl91abna0417164300",
    "DE89370400440532013000", "BE68539007547034", "FR1420041010050500013M02606",
    "GB29NWBK60161331926819", "NO9386011117947", "MT84MALT011000012345MTLCAST001S",
    "AT611904300234573201", "CH9300762011623852957", "ES9121000418450200051332",
  ])
  func validIBANs(_ text: String) throws {
    let iban = try IBAN.parse(text)
    #expect(!iban.value.contains(" "))
    #expect(iban.value == iban.value.uppercased())
  }

  @Test func normalisesAndFormats() throws {
    let iban = try IBAN.parse(" nl91 abna 0417 1643 00 ")
    #expect(iban.value == "NL91ABNA0417164300")
    #expect(iban.countryCode == "NL")
    #expect(iban.formatted == "NL91 ABNA 0417 1643 00")
    #expect(iban.masked == "NL91 •••• •••• •••• 4300")
    #expect(iban.maskedASCII == "NL91 **** **** **** 4300")
    #expect(try IBAN.parse("NO9386011117947").masked == "NO93 •••• •••• 7947")
  }

  @Test func refusesWrongCheckDigits() {
    #expect(throws: IdentifierError.checkDigits(.iban)) { try IBAN.parse("NL91ABNA0417164301") }
    #expect(throws: IdentifierError.checkDigits(.iban)) { try IBAN.parse("NL19ABNA0417164300") }
    // Two swapped characters: the classic typing error MOD 97 catches.
    #expect(throws: IdentifierError.checkDigits(.iban)) { try IBAN.parse("NL91ABNA0417163400") }
  }

  @Test func refusesWrongLengthPerCountry() {
    #expect(throws: IdentifierError.wrongLength(.iban, expected: 18, actual: 17)) {
      try IBAN.parse("NL91ABNA041716430")
    }
    #expect(throws: IdentifierError.wrongLength(.iban, expected: 16, actual: 18)) {
      try IBAN.parse("BE6853900754703400")
    }
    #expect(throws: IdentifierError.wrongLength(.iban, expected: 22, actual: 21)) {
      try IBAN.parse("DE8937040044053201300")
    }
  }

  @Test func refusesGarbage() {
    #expect(throws: IdentifierError.empty(.iban)) { try IBAN.parse("   ") }
    #expect(throws: IdentifierError.unsupportedIBANCountry("ZZ")) {
      try IBAN.parse("ZZ91ABNA0417164300")
    }
    #expect(throws: IdentifierError.self) { try IBAN.parse("12345678") }
    #expect(throws: IdentifierError.self) { try IBAN.parse("NLXXABNA0417164300") }
    #expect(throws: IdentifierError.self) { try IBAN.parse("NL91-ABNA-0417-1643-00") }
  }

  @Test func messagesAreOneLineAndSayWhatToType() {
    do {
      _ = try IBAN.parse("NL91ABNA0417164301\u{1B}[2J\n")
      Issue.record("accepted")
    } catch {
      #expect(!error.description.contains("\n"))
      #expect(!error.description.contains("\u{1B}"))
      #expect(error.description.contains("NL91 ABNA 0417 1643 00"))
    }
  }
}

@Suite struct IdentifierDutchTests {
  @Test func kvkNumbers() throws {
    #expect(try KvKNumber.parse("12345678").value == "12345678")
    #expect(try KvKNumber.parse(" 1234 5678 ").value == "12345678")
    #expect(try KvKNumber.parse("12.34.56.78").value == "12345678")
    #expect(throws: IdentifierError.wrongLength(.kvk, expected: 8, actual: 7)) {
      try KvKNumber.parse("1234567")
    }
    #expect(throws: IdentifierError.wrongLength(.kvk, expected: 8, actual: 9)) {
      try KvKNumber.parse("123456789")
    }
    #expect(throws: IdentifierError.self) { try KvKNumber.parse("1234567a") }
    #expect(throws: IdentifierError.self) { try KvKNumber.parse("１２３４５６７８") }
  }

  @Test(arguments: [
    "NL123456782B01", "NL004495445B01", "NL808661863B01",
    // Sole-proprietor ids since 2020 pass MOD 97 instead of the elfproef.
    "NL000099998B57", "NL100000000B23",
  ])
  func validVATIDs(_ text: String) throws {
    #expect(try DutchVATID.parse(text).value == text)
  }

  @Test func vatIDsAreNormalised() throws {
    #expect(try DutchVATID.parse("nl 1234.56782 b01").value == "NL123456782B01")
    #expect(try DutchVATID.parse("NL-123456782-B01").value == "NL123456782B01")
  }

  @Test func vatIDsAreRefused() {
    #expect(throws: IdentifierError.checkDigits(.vat)) { try DutchVATID.parse("NL123456789B01") }
    #expect(throws: IdentifierError.checkDigits(.vat)) { try DutchVATID.parse("NL100000000B24") }
    for text in ["NL12345678B01", "NL123456782X01", "BE123456782B01", "NL123456782B1", "NL"] {
      #expect(throws: IdentifierError.self) { try DutchVATID.parse(text) }
    }
  }

  @Test func creditorIDs() throws {
    #expect(try SEPACreditorID.parse("nl69 zzz 1234 5678 0000").value == "NL69ZZZ123456780000")
    #expect(throws: IdentifierError.checkDigits(.creditorID)) {
      try SEPACreditorID.parse("NL68ZZZ123456780000")
    }
    // The business code is not part of the check: a creditor may use several.
    #expect(try SEPACreditorID.parse("NL69ABC123456780000").value == "NL69ABC123456780000")
  }

  @Test func countryCodes() throws {
    #expect(try CountryCode.parse("nl").value == "NL")
    #expect(try CountryCode.parse(" BE ").value == "BE")
    #expect(try CountryCode.parse("XK").value == "XK")
    for text in ["XX", "N", "NLD", "", "🇳🇱", "N\u{0}"] {
      #expect(throws: IdentifierError.self) { try CountryCode.parse(text) }
    }
    #expect(CountryCode.assigned.count == 250)
  }
}

@Suite struct IdentifierPeppolTests {
  @Test(arguments: [
    ("0106:12345678", "0106:12345678"),
    ("0190:00000001234567890000", "0190:00000001234567890000"),
    ("9944:nl123456782b01", "9944:NL123456782B01"),
    ("0208:0417497106", "0208:0417497106"),
    ("9925:BE0417497106", "9925:BE0417497106"),
    ("0088:5790000435975", "0088:5790000435975"),
    ("0192:974760673", "0192:974760673"),
    ("0007:5560360793", "0007:5560360793"),
    ("iso6523-actorid-upis::0106:12345678", "0106:12345678"),
    ("9930:de 136 695 976", "9930:DE136695976"),
  ])
  func validIDs(_ text: String, _ expected: String) throws {
    #expect(try PeppolParticipantID.parse(text).description == expected)
  }

  @Test(arguments: [
    "0106:1234567", "0190:1234", "9944:NL123456789B01", "0208:0417497107",
    "9925:0417497106", "0088:5790000435976", "0192:974760674", "0007:5560360794", "0106:",
  ])
  func invalidValues(_ text: String) {
    #expect(throws: IdentifierError.self) { try PeppolParticipantID.parse(text) }
  }

  @Test func schemeErrorsListKnownSchemes() {
    do {
      _ = try PeppolParticipantID.parse("1234:5678")
      Issue.record("accepted")
    } catch {
      guard case .unknownPeppolScheme(let scheme, let known) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(scheme == "1234")
      #expect(known.contains("0106 (KvK)"))
      #expect(error.description.contains("0190 (OIN)"))
    }
    #expect(throws: IdentifierError.missingPeppolScheme("12345678")) {
      try PeppolParticipantID.parse("12345678")
    }
  }

  @Test func kvkSchemeMessageSaysWhatToType() {
    do {
      _ = try PeppolParticipantID.parse("0106:123")
      Issue.record("accepted")
    } catch {
      #expect(
        error.description == "a Peppol ID with scheme 0106 takes 8 digits, e.g. 0106:12345678")
    }
  }
}

/// No parser may crash or hang, whatever it is given.
@Test func identifierParsersSurviveHostileInput() {
  let inputs = [
    "", "\u{0}", "NL\u{0}91ABNA0417164300", String(repeating: "9", count: 10_000),
    String(repeating: "NL91", count: 2_500), "👩‍👩‍👧‍👦", "NL91 🏦 0417", "0106:👍",
    "::::", ":", "0106:" + String(repeating: "1", count: 10_000), "\u{FEFF}NL", "\u{202E}NL",
    "NL91ABNA0417164300\u{301}", "ß", "İ", "NL\r\n91",
  ]
  for input in inputs {
    _ = try? IBAN.parse(input)
    _ = try? KvKNumber.parse(input)
    _ = try? DutchVATID.parse(input)
    _ = try? SEPACreditorID.parse(input)
    _ = try? CountryCode.parse(input)
    _ = try? PeppolParticipantID.parse(input)
  }
  #expect(throws: IdentifierError.tooLong(.iban)) {
    try IBAN.parse(String(repeating: "9", count: 10_000))
  }
}
