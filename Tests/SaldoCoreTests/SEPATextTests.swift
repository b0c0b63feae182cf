import Testing

@testable import SaldoCore

@Suite struct SEPATextTests {
  @Test(arguments: [
    ("José Müller", "Jose Muller"),
    ("Straße & Söhne", "Strasse + Sohne"),
    ("Ærø Œuvre Łódź Şişli Țară", "AEro OEuvre Lodz Sisli Tara"),
    ("Ÿvonne ÿ ſ Žižka", "Yvonne y s Zizka"),
    ("A <b> \"c\" [d] {e}", "A (b) 'c' (d) (e)"),
    ("it’s “quoted” – dash…", "it's 'quoted' - dash..."),
    ("info@saldo.example", "info(at)saldo.example"),
    ("Invoice #2026_0042; paid!", "Invoice 2026-0042, paid."),
    ("e\u{301}te\u{301}", "ete"),
    ("中文 Ltd", "Ltd"),
    ("Pay 😀 now 👍🏽", "Pay now"),
    ("tab\there\nnew\u{0}line\u{7F}", "tab here new line"),
    ("  lots   of   space  ", "lots of space"),
    ("a\u{200B}b\u{FEFF}c\u{AD}d", "abcd"),
    ("€ 12,50", "EUR 12,50"),
  ])
  func transliterates(_ input: String, _ expected: String) {
    let out = SEPAText.latin(input, limit: 140)
    #expect(out == expected)
    #expect(SEPAText.isRestrictedLatin(out))
  }

  @Test func everyLatin1AndExtendedALetterBecomesAllowedText() {
    for value in UInt32(0xA0)...0x17F {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let out = SEPAText.latin("x" + String(Character(scalar)) + "x", limit: 140)
      #expect(SEPAText.isRestrictedLatin(out), "U+\(String(value, radix: 16))")
      #expect(out.hasPrefix("x") && out.hasSuffix("x"))
    }
  }

  @Test func truncatesToTheLimitWithoutATrailingSpace() {
    let long = String(repeating: "abcdefghi ", count: 1000)
    let out = SEPAText.latin(long, limit: 70)
    #expect(out.count <= 70)
    #expect(!out.hasSuffix(" "))
    #expect(out.hasPrefix("abcdefghi abcdefghi"))
    // A spelled-out letter counts as what it becomes.
    #expect(SEPAText.latin("ßßßß", limit: 5) == "sssss")
  }

  @Test func tenThousandHostileCharactersStayBounded() {
    let hostile = String(repeating: "&<>\"'é中😀\u{1}", count: 1200)
    let out = SEPAText.latin(hostile, limit: SEPAText.nameLimit)
    #expect(out.count <= SEPAText.nameLimit)
    #expect(SEPAText.isRestrictedLatin(out))
    #expect(out.hasPrefix("+()''e"))
  }

  @Test func escapesXML() {
    #expect(SEPAText.xmlEscaped("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
  }
}
