import Testing

@testable import SaldoCore

@Suite struct MoneyTests {
  @Test func exactStringKeepsAllThreeDecimals() {
    #expect(Money(mills: 1_234_567).exactString == "1234.567")
    #expect(Money(mills: -171).exactString == "-0.171")
    #expect(Money(mills: 0).exactString == "0.000")
    #expect(Money(mills: Int64.min).exactString == "-9223372036854775.808")
  }

  @Test func displayRoundsToCentsHalfAwayFromZero() {
    #expect(MoneyFormat.display(Money(mills: 1_234_565)) == "€ 1.234,57")
    #expect(MoneyFormat.display(Money(mills: 1_234_564)) == "€ 1.234,56")
    #expect(MoneyFormat.display(Money(mills: -5)) == "-€ 0,01")
    #expect(MoneyFormat.display(Money(mills: -4)) == "€ 0,00")
    #expect(MoneyFormat.display(Money(mills: 1_000_000_000), ascii: true) == "EUR 1.000.000,00")
    #expect(MoneyFormat.displayPrice(Money(mills: 171)) == "€ 0,171")
    #expect(MoneyFormat.displayPrice(Money(mills: 2_500_000)) == "€ 2.500,00")
  }

  @Test(arguments: [
    ("250", 250_000), ("250.00", 250_000), ("250,00", 250_000), ("€ 250", 250_000),
    ("€250,5", 250_500), ("EUR 1.234,56", 1_234_560), ("1,234.56", 1_234_560),
    ("1.234.567", 1_234_567_000), (" 0,01 ", 10), ("250 €", 250_000), ("+5", 5_000),
    ("007", 7_000), (".5", 500),
  ])
  func parsesWhatPeopleType(text: String, mills: Int64) throws {
    #expect(try MoneyFormat.parse(text) == Money(mills: mills))
  }

  @Test func refusesWithAReason() {
    #expect(throws: AmountError.empty) { try MoneyFormat.parse("  ") }
    #expect(throws: AmountError.negative) { try MoneyFormat.parse("-5") }
    #expect(throws: AmountError.tooManyDecimals(2)) { try MoneyFormat.parse("1,0015") }
    #expect(throws: AmountError.ambiguous("1,001", thousands: "1001", decimal: "1,00")) {
      try MoneyFormat.parse("1,001", reading: .commandLine)
    }
    #expect(throws: AmountError.tooManyDecimals(2)) { try MoneyFormat.parse("1,001") }
    #expect(throws: AmountError.tooLarge) { try MoneyFormat.parse("99999999999999999999") }
    #expect(throws: AmountError.tooLarge) { try MoneyFormat.parse("1000000001") }
    #expect(throws: AmountError.notANumber("12a")) { try MoneyFormat.parse("12a") }
    #expect(throws: AmountError.notANumber("1.2.3,4,5")) { try MoneyFormat.parse("1.2.3,4,5") }
    #expect(throws: AmountError.notANumber("1,2.3")) { try MoneyFormat.parse("1,2.3") }
    #expect(throws: AmountError.notANumber("٣")) { try MoneyFormat.parse("٣") }
    #expect(throws: AmountError.notANumber(".")) { try MoneyFormat.parse(".") }
  }

  @Test func parseExactRoundTrips() throws {
    for mills: Int64 in [0, 1, -1, 171, -999_999_999, 123_456_789] {
      #expect(try MoneyFormat.parseExact(Money(mills: mills).exactString) == Money(mills: mills))
    }
  }

  @Test func arithmeticOverflowThrowsInsteadOfWrapping() {
    let big = Money(mills: Int64.max)
    #expect(throws: MoneyError.overflow) { try big.adding(Money(mills: 1)) }
    #expect(throws: MoneyError.overflow) {
      try Money(mills: Int64.min).subtracting(Money(mills: 1))
    }
    #expect(throws: MoneyError.overflow) { try big.multiplied(by: 2) }
    #expect(throws: MoneyError.overflow) { try Money.euros(Int64.max / 10) }
  }

  @Test func roundedToCents() {
    #expect(Money(mills: 1_005).roundedToCents == Money(mills: 1_010))
    #expect(Money(mills: -1_005).roundedToCents == Money(mills: -1_010))
    #expect(Money(mills: 1_004).roundedToCents == Money(mills: 1_000))
  }
}
