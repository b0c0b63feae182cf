import Testing

@testable import SaldoCore

@Suite struct MailAddressTests {
  @Test(arguments: [
    "admin@example.com", "first.last+saldo@sub.example.co.uk", "o'brien@example.ie",
    "x@a-b.nl", "UPPER@Example.COM", "a!#$%&'*+-/=?^_`{|}~z@example.com",
  ])
  func acceptsCommonAddresses(_ text: String) throws {
    #expect(try MailAddress(text).value == text)
  }

  @Test func exposesTheDomain() throws {
    #expect(try MailAddress("jose@muller.example").domain == "muller.example")
  }

  @Test(arguments: [
    ("", MailAddressError.empty),
    ("admin example.com", .whitespaceOrControl),
    (" admin@example.com", .whitespaceOrControl),
    ("admin@example.com\r\nBcc: victim@example.com", .whitespaceOrControl),
    ("admin@example.com\n", .whitespaceOrControl),
    ("adm\u{0}in@example.com", .whitespaceOrControl),
    ("jos\u{E9}@example.com", .nonASCII),
    ("admin@b\u{FC}cher.de", .nonASCII),
    ("admin.example.com", .missingAt),
    ("a@b@example.com", .severalAts),
    ("@example.com", .invalidLocalPart),
    (".admin@example.com", .invalidLocalPart),
    ("admin.@example.com", .invalidLocalPart),
    ("ad..min@example.com", .invalidLocalPart),
    ("\"quoted\"@example.com", .invalidLocalPart),
    ("ad(min)@example.com", .invalidLocalPart),
    ("admin@", .invalidDomain),
    ("admin@localhost", .invalidDomain),
    ("admin@-example.com", .invalidDomain),
    ("admin@example-.com", .invalidDomain),
    ("admin@example..com", .invalidDomain),
    ("admin@[192.0.2.1]", .invalidDomain),
    ("admin@exa_mple.com", .invalidDomain),
  ])
  func refusesMistakes(_ text: String, _ error: MailAddressError) {
    #expect(throws: error) { try MailAddress(text) }
  }

  @Test func limitsLengths() throws {
    let local64 = String(repeating: "a", count: 64)
    #expect(throws: MailAddressError.invalidLocalPart) {
      try MailAddress(local64 + "a@example.com")
    }
    let label = String(repeating: "d", count: 60)
    let domain = [label, label, label, "example", "com"].joined(separator: ".")
    let longest = String(repeating: "b", count: 254 - 1 - domain.count) + "@" + domain
    #expect(longest.count == 254)
    #expect(try MailAddress(longest).value == longest)
    #expect(throws: MailAddressError.tooLong(255)) { try MailAddress("b" + longest) }
    #expect(throws: MailAddressError.invalidDomain) {
      try MailAddress("a@" + String(repeating: "d", count: 64) + ".com")
    }
  }

  @Test func mailboxRefusesInjectionInTheName() throws {
    #expect(throws: MailError.controlCharacter(field: "display name")) {
      try Mailbox(name: "Eve\r\nBcc: victim@example.com", address: "eve@example.com")
    }
    #expect(throws: MailError.controlCharacter(field: "display name")) {
      try Mailbox(name: "Eve\u{0}", address: "eve@example.com")
    }
    #expect(throws: MailError.invalidAddress(.whitespaceOrControl)) {
      try Mailbox(name: "Eve", address: "eve@example.com\r\nBcc: x@example.com")
    }
  }

  @Test func messagesAreOneLineAndSayWhatToType() {
    let errors: [MailAddressError] = [
      .empty, .whitespaceOrControl, .nonASCII, .tooLong(300), .missingAt, .severalAts,
      .invalidLocalPart, .invalidDomain,
    ]
    for error in errors {
      #expect(!error.description.contains("\n"))
      #expect(error.description.contains("name@example.com"))
    }
  }
}
