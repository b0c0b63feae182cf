import Testing
@testable import SaldoCore

@Test func moneyFormats() { #expect(Money(mills: 1234567).exactString == "1234.567") }
