import Testing

@testable import SaldoCore

@Suite struct MailBodyEncodingTests {
  @Test func plainTextStaysReadable() {
    #expect(
      QuotedPrintable.encode("Hello,\n\nBalance: 12 EUR\n") == "Hello,\r\n\r\nBalance: 12 EUR\r\n")
    #expect(QuotedPrintable.encode("") == "")
  }

  @Test func encodesEqualsNonASCIIAndControls() {
    #expect(QuotedPrintable.encode("a=b\n") == "a=3Db\r\n")
    #expect(QuotedPrintable.encode("José €\n") == "Jos=C3=A9 =E2=82=AC\r\n")
    #expect(QuotedPrintable.encode("a\u{0}b\u{1B}c\n") == "a=00b=1Bc\r\n")
  }

  @Test func trailingWhiteSpaceIsProtected() {
    #expect(QuotedPrintable.encode("end \nend\t\n") == "end=20\r\nend=09\r\n")
    #expect(QuotedPrintable.encode("in the middle\n") == "in the middle\r\n")
  }

  @Test func everyLineBreakConventionBecomesCRLF() {
    #expect(QuotedPrintable.encode("a\nb\r\nc\rd\n") == "a\r\nb\r\nc\r\nd\r\n")
    #expect(QuotedPrintable.encode("\n\n") == "\r\n\r\n")
  }

  @Test func textWithoutFinalBreakEndsInASoftBreak() {
    // The message must end in CRLF, but the decoded text must not gain a line break.
    #expect(QuotedPrintable.encode("no newline") == "no newline=\r\n")
  }

  @Test func dotAndFromLinesAreGuarded() {
    #expect(QuotedPrintable.encode(".\n") == "=2E\r\n")
    #expect(QuotedPrintable.encode("..hidden\n") == "=2E.hidden\r\n")
    #expect(QuotedPrintable.encode("From here\n") == "=46rom here\r\n")
    #expect(QuotedPrintable.encode("Fromage\n") == "Fromage\r\n")
    #expect(QuotedPrintable.encode("a.b\n") == "a.b\r\n")
  }

  @Test func longLinesGetSoftBreaksWithinTheLimit() {
    let inputs = [
      String(repeating: "abcdefghij", count: 100),
      String(repeating: "é", count: 300),
      String(repeating: "a", count: 75) + "=" + String(repeating: "b", count: 200),
      String(repeating: "中文😀 ", count: 100),
      String(repeating: " ", count: 200),
      String(repeating: ".", count: 300),
      String(repeating: "x", count: 76),
      String(repeating: "x", count: 77),
    ]
    for input in inputs {
      for withBreak in [true, false] {
        let encoded = QuotedPrintable.encode(input + (withBreak ? "\n" : ""))
        let lines = encoded.split(separator: "\r\n", omittingEmptySubsequences: false)
        for line in lines {
          #expect(line.utf8.count <= 76, "\(line.utf8.count): \(line)")
          #expect(!line.hasPrefix("."))
          #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"))
        }
        #expect(decode(encoded) == input + (withBreak ? "\r\n" : ""))
      }
    }
    // A line of exactly 76 plain characters needs no soft break.
    #expect(QuotedPrintable.encode(String(repeating: "x", count: 76) + "\n").utf8.count == 78)
  }

  /// A minimal decoder, only to check that the encoder loses nothing.
  private func decode(_ text: String) -> String {
    var bytes: [UInt8] = []
    let input = Array(text.utf8)
    var index = 0
    func hexValue(_ b: UInt8) -> UInt8? {
      switch b {
      case 48...57: return b - 48
      case 65...70: return b - 55
      default: return nil
      }
    }
    while index < input.count {
      if input[index] == 61 {  // "="
        if index + 2 < input.count, input[index + 1] == 13, input[index + 2] == 10 {
          index += 3
          continue
        }
        if index + 2 < input.count, let hi = hexValue(input[index + 1]),
          let lo = hexValue(input[index + 2])
        {
          bytes.append(hi << 4 | lo)
          index += 3
          continue
        }
      }
      bytes.append(input[index])
      index += 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
