import Testing

@testable import Terminal

@Suite struct TextWidthTests {
  @Test(arguments: [
    ("Saldo", 5), ("€ 1.234,56", 10), ("漢字", 4), ("日本語テキスト", 14), ("한국어", 6),
    ("ｆｕｌｌ", 8), ("💶", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("🇳🇱", 2), ("❤️", 2), ("❤", 1),
    ("e\u{301}", 1), ("a\u{200B}b", 2), ("a\u{200D}b", 2), ("", 0), ("\u{1B}", 1), ("é", 1),
    ("─│┌", 3), ("…", 1),
  ])
  func columns(_ text: String, _ expected: Int) {
    #expect(TextWidth.columns(of: text) == expected)
  }

  @Test func countDiffersFromColumns() {
    let text = "请付款 €"
    #expect(text.count == 5)
    #expect(TextWidth.columns(of: text) == 8)
  }

  @Test func truncateAddsEllipsisAndNeverSplitsWideCharacters() {
    #expect(TextWidth.truncate("Pay and upgrade", toColumns: 8) == "Pay and…")
    #expect(TextWidth.truncate("short", toColumns: 8) == "short")
    #expect(TextWidth.truncate("漢字漢字", toColumns: 4) == "漢…")
    #expect(TextWidth.truncate("漢字漢字", toColumns: 6, ellipsis: "") == "漢字漢")
    #expect(TextWidth.truncate("abc", toColumns: 0) == "")
    #expect(TextWidth.truncate("abcdef", toColumns: 2, ellipsis: "...") == "ab")
  }

  @Test func padding() {
    #expect(TextWidth.pad("€5", toColumns: 5) == "€5   ")
    #expect(TextWidth.padLeft("€5", toColumns: 5) == "   €5")
    #expect(TextWidth.pad("漢字", toColumns: 5) == "漢字 ")
    #expect(TextWidth.padLeft("toolong", toColumns: 4) == "too…")
  }
}
