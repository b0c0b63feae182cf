import Testing

@testable import SaldoCore

@Suite struct SEPACreditorIDTests {
  @Test(arguments: [
    "NL69ZZZ123456780000", "DE98ZZZ09999999999", "BE27ZZZ0000000000001", "ES04ZZZX123",
  ])
  func acceptsValidIDs(_ text: String) throws {
    let id = try SEPACreditorID(text)
    #expect(id.value == text)
  }

  @Test func normalisesSpacesAndCase() throws {
    let id = try SEPACreditorID(" nl69 zzz 1234 5678 0000 ")
    #expect(id.value == "NL69ZZZ123456780000")
    #expect(id.country == "NL")
    #expect(id.businessCode == "ZZZ")
    #expect(id.nationalID == "123456780000")
  }

  @Test func businessCodeIsOutsideTheCheck() throws {
    // The business code lets one creditor run several collection schemes under one id.
    #expect(try SEPACreditorID("NL69ABC123456780000").businessCode == "ABC")
    #expect(try SEPACreditorID("DE9800109999999999").value == "DE9800109999999999")
  }

  @Test func checkDigitsMatchTheAlgorithm() {
    #expect(SEPACreditorID.checkDigits(national: "09999999999", country: "DE") == 98)
    #expect(SEPACreditorID.checkDigits(national: "123456780000", country: "NL") == 69)
  }

  @Test func refusesWrongCheckDigits() {
    #expect(throws: SEPACreditorIDError.checksumMismatch) {
      try SEPACreditorID("NL68ZZZ123456780000")
    }
    // A transposition in the national id is what mod 97 is for.
    #expect(throws: SEPACreditorIDError.checksumMismatch) {
      try SEPACreditorID("NL69ZZZ213456780000")
    }
  }

  @Test func refusesMalformedIDs() {
    #expect(throws: SEPACreditorIDError.empty) { try SEPACreditorID("   ") }
    #expect(throws: SEPACreditorIDError.invalidCharacters) {
      try SEPACreditorID("NL69-ZZZ-123456780000")
    }
    #expect(throws: SEPACreditorIDError.invalidCharacters) { try SEPACreditorID("NL69ZZZ1é") }
    #expect(throws: SEPACreditorIDError.wrongLength(7)) { try SEPACreditorID("NL69ZZZ") }
    #expect(throws: SEPACreditorIDError.wrongLength(36)) {
      try SEPACreditorID("NL69ZZZ" + String(repeating: "1", count: 29))
    }
    #expect(throws: SEPACreditorIDError.invalidCountry) { try SEPACreditorID("1L69ZZZ1234") }
    #expect(throws: SEPACreditorIDError.invalidCheckDigits) {
      try SEPACreditorID("NLX9ZZZ1234")
    }
  }

  @Test func messagesAreOneLineAndSayWhatToType() {
    let errors: [SEPACreditorIDError] = [
      .empty, .invalidCharacters, .wrongLength(3), .invalidCountry, .invalidCheckDigits,
      .checksumMismatch,
    ]
    for error in errors {
      #expect(!error.description.contains("\n"))
      #expect(error.description.contains("NL69ZZZ123456780000"))
    }
  }
}
