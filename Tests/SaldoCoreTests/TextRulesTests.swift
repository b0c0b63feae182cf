import Foundation
import Testing
import TestSupport

@testable import SaldoCore

@Suite struct TextRulesTests {
  @Test func oneSpellingPerName() throws {
    let nfc = try TextRules.name("Caf\u{E9} Z\u{FC}rich", what: "name")
    let nfd = try TextRules.name("  Cafe\u{301} Zu\u{308}rich ", what: "name")
    #expect(nfc == nfd)
    #expect(Array(nfd.unicodeScalars).count == 11)
  }

  @Test(arguments: [0x200B, 0x202E, 0xFFFF, 0xFDD0, 0x1B, 0xE000, 0xFEFF, 0x2028] as [UInt32])
  func refusesInvisibleAndUnstorableCodePoints(code: UInt32) throws {
    let scalar = try #require(Unicode.Scalar(code))
    let text = "Acme" + String(Character(scalar)) + "x"
    var hex = String(code, radix: 16, uppercase: true)
    while hex.count < 4 { hex = "0" + hex }
    do {
      _ = try TextRules.name(text, what: "organisation name")
      Issue.record("U+\(hex) was accepted")
    } catch {
      #expect(error.description.contains("U+\(hex)"), "\(error.description)")
    }
  }

  @Test func namesUpTo200CharactersAndNotOnlyDigits() throws {
    #expect(try TextRules.name(String(repeating: "é", count: 200), what: "n").count == 200)
    #expect(throws: SaldoError.self) {
      try TextRules.name(String(repeating: "a", count: 201), what: "n")
    }
    #expect(try TextRules.organisationName("-Dash B.V.") == "-Dash B.V.")
    #expect(throws: SaldoError.self) { try TextRules.organisationName("1") }
    #expect(throws: SaldoError.self) { try TextRules.organisationName("٣") }
  }

  @Test func invalidUTF8IsRefusedWithItsOffset() {
    #expect(throws: SaldoError.invalid("the x is not valid UTF-8 (at byte 3); save it as UTF-8")) {
      try TextRules.decodeUTF8([0x62, 0x61, 0x64, 0xFF, 0x41], what: "x")
    }
    #expect(throws: SaldoError.invalid("the x is not valid UTF-8 (at byte 1); save it as UTF-8")) {
      try TextRules.decodeUTF8([0x41, 0xC3], what: "x")
    }
  }

  @Test func trimmingTakesEveryKindOfSpaceFromBothEnds() {
    for (text, trimmed) in [
      ("plain", "plain"), (" a b ", "a b"), ("\ta\r\n", "a"), ("a\u{A0}", "a"),
      ("\u{3000}x\u{2003}", "x"), ("", ""), ("  ", ""), ("e\u{301}", "e\u{301}"), ("~!", "~!"),
    ] {
      #expect(text.trimmingWhitespace() == trimmed, "\(text.debugDescription)")
    }
  }

  @Test func theTerminalSanitiserDropsEscapes() {
    #expect(Sanitize.terminal("a\u{1B}]0;x\u{07}b\n\tc\u{9B}d\u{202E}") == "a]0;xb\n\tcd")
    #expect(Sanitize.terminal("plain text") == "plain text")
    // One line: breaks become spaces, controls go, and the limit counts what is kept.
    #expect(Sanitize.line("plain text", limit: 5) == "plain")
    #expect(Sanitize.line("plain text", limit: 10) == "plain text")
    #expect(Sanitize.line("a\tb\nc\u{7F}d\u{1B}e") == "a b cde")
    #expect(Sanitize.line("é\u{202E}ß", limit: 2) == "éß")
  }

  /// Any Unicode string is either refused with a message or stored and shown unchanged:
  /// store → invoice → screen → CSV → JSON.
  @Test func anyStringIsRefusedOrRoundTrips() throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    var generator = SeededGenerator(seed: 11)
    let pools: [ClosedRange<UInt32>] = [
      0x20...0x7E, 0x00...0x1F, 0x80...0x24F, 0x300...0x36F, 0x2000...0x206F, 0xFDD0...0xFDEF,
      0xFFF0...0xFFFF, 0x1F300...0x1F6FF, 0x4E00...0x4E50, 0xE000...0xE010, 0x10FFFE...0x10FFFF,
    ]
    var accepted = 0
    for round in 0..<300 {
      var scalars = String.UnicodeScalarView()
      for _ in 0..<Int.random(in: 1...12, using: &generator) {
        let pool = pools[Int.random(in: 0..<pools.count, using: &generator)]
        if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &generator)) {
          scalars.append(scalar)
        }
      }
      let text = String(scalars) + " \(round)x"
      let stored: Organisation
      do {
        stored = try saldo.directory.addOrganisation(
          text, details: Fixture.acmeDetails, to: fixture.environment)
      } catch let error as SaldoError {
        #expect(!error.description.isEmpty && !error.description.contains("\n"))
        continue
      }
      accepted += 1
      let name = stored.name
      #expect(name == TextRules.nfc(text).trimmingWhitespace())
      #expect(try saldo.directory.organisation(text, in: fixture.environment).id == stored.id)
      let result = try saldo.topUps.topUp(
        TopUpRequest(
          environment: fixture.environment, amount: Money(mills: 100_000), method: .invoice,
          organisation: stored, orderNumber: nil, idempotencyKey: TopUpService.newIdempotencyKey()))
      let invoice = try #require(result.invoice)
      #expect(invoice.text.contains(name))
      #expect(invoice.ubl.contains(XMLEscape.text(name)))
      #expect(Sanitize.terminal(name) == name)
      #expect(try CSVLine.fields(LedgerCSV.field(name)) == [name])
      let json = JSON.object([("name", .string(name))]).rendered()
      #expect(try FlatJSON.parseObject(json)["name"] == .string(name))
    }
    #expect(accepted > 20)
  }
}

/// A small deterministic generator for the property test.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
