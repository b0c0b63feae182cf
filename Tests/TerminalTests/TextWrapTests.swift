import Testing

@testable import Terminal

@Suite struct TextWrapTests {
  @Test func amountsIBANsAndCommandsStayWhole() {
    let text =
      "Pay € 3.025,00 to NL91 ABNA 0417 1643 00 (BIC ABNANL2A) or run `saldo seller set` now"
    for width in 20...40 {
      let rows = TextWrap.lines(text, width: width)
      #expect(rows.allSatisfy { TextWidth.columns(of: $0) <= width })
      #expect(rows.contains { $0.contains("€ 3.025,00") })
      #expect(rows.contains { $0.contains("NL91 ABNA 0417 1643 00") } || width < 22)
      #expect(rows.contains { $0.contains("`saldo seller set`") })
    }
  }

  @Test func aCommandWiderThanARowContinuesWithABackslash() {
    let rows = TextWrap.lines(
      "run `saldo seller set --name NAME --vat NL123 --iban NL91ABNA0417164300`",
      width: 30)
    #expect(rows.dropFirst().dropLast().allSatisfy { $0.hasSuffix(" \\") })
    let command = rows.map { $0.hasSuffix(" \\") ? String($0.dropLast(2)) : $0 }
      .joined(separator: " ").split(separator: " ").joined(separator: " ")
    #expect(
      command.contains("`saldo seller set --name NAME --vat NL123 --iban NL91ABNA0417164300`"))
  }

  @Test func nothingIsLostWhenAWordIsWiderThanTheRow() {
    let rows = TextWrap.lines("abcdefghijklmnopqrstuvwxyz", width: 10)
    #expect(rows.joined() == "abcdefghijklmnopqrstuvwxyz")
  }
}
