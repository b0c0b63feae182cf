/// Word wrapping that never cuts what a person must copy or act on.
///
/// Prose breaks at spaces. Some runs are kept whole on one line, because half of them is
/// worse than useless: an amount with its currency (`€ 3.025,00`, `EUR 302,50`), a command
/// between backticks (`` `saldo seller set` ``), an IBAN written in groups
/// (`NL91 ABNA 0417 1643 00`). A run wider than the line is the only thing ever split, at
/// column boundaries, so nothing is lost either way; there is no ellipsis.
public enum TextWrap {
  /// The rows `text` takes at `width` columns; empty text is no rows.
  public static func lines(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var rows: [String] = []
    var current = ""
    var currentWidth = 0
    for token in tokens(text) {
      let tokenWidth = TextWidth.columns(of: token)
      if currentWidth > 0 && currentWidth + 1 + tokenWidth <= width {
        current += " " + token
        currentWidth += 1 + tokenWidth
        continue
      }
      if currentWidth > 0 {
        rows.append(current)
        current = ""
        currentWidth = 0
      }
      if tokenWidth <= width {
        current = token
        currentWidth = tokenWidth
        continue
      }
      // A command wider than a row continues on the next as a shell would read it: each row
      // but the last ends in a backslash, so it can be copied and run as shown.
      if token.contains("`"), token.contains(" "), width > 12 {
        var commandRows = continuedCommand(token, width: width)
        current = commandRows.removeLast()
        currentWidth = TextWidth.columns(of: current)
        rows += commandRows
        continue
      }
      // Wider than a whole row: split by columns; every character still appears.
      var rest = Substring(token)
      while TextWidth.columns(of: String(rest)) > width {
        let head = TextWidth.prefix(of: String(rest), columns: width)
        guard !head.isEmpty else { break }
        rows.append(head)
        rest = rest.dropFirst(head.count)
      }
      current = String(rest)
      currentWidth = TextWidth.columns(of: current)
    }
    if currentWidth > 0 { rows.append(current) }
    return rows
  }

  /// A long command split at its spaces into rows that end in ` \`.
  static func continuedCommand(_ command: String, width: Int) -> [String] {
    var rows: [String] = []
    var current = ""
    for word in command.split(separator: " ").map(String.init) {
      let candidate = current.isEmpty ? word : current + " " + word
      if TextWidth.columns(of: candidate) + 2 <= width || current.isEmpty {
        current = candidate
      } else {
        rows.append(current + " \\")
        current = "  " + word
      }
    }
    rows.append(current)
    return rows
  }

  /// The words of `text`, with the runs that must stay whole joined back into one token.
  public static func tokens(_ text: String) -> [String] {
    let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    var result: [String] = []
    var index = 0
    while index < words.count {
      var token = words[index]
      index += 1
      if opensCommand(token) {
        while index < words.count, !closesCommand(token) {
          token += " " + words[index]
          index += 1
        }
      } else if isCurrency(token), index < words.count, startsWithDigit(words[index]) {
        token += " " + words[index]
        index += 1
      } else if isIBANStart(token) {
        while index < words.count, isIBANGroup(words[index]) {
          token += " " + words[index]
          index += 1
        }
      }
      result.append(token)
    }
    return result
  }

  /// A word that starts a backtick span without closing it.
  static func opensCommand(_ word: String) -> Bool {
    word.filter { $0 == "`" }.count % 2 == 1
  }

  static func closesCommand(_ token: String) -> Bool {
    token.filter { $0 == "`" }.count % 2 == 0
  }

  /// `€`, `-€`, `EUR`, `(€`, … : a currency sign that the number after it belongs to.
  static func isCurrency(_ word: String) -> Bool {
    let trimmed = word.drop { $0 == "(" || $0 == "-" || $0 == "+" || $0 == "−" }
    return trimmed == "€" || trimmed == "EUR"
  }

  static func startsWithDigit(_ word: String) -> Bool {
    word.first?.isASCII == true && word.first?.isNumber == true
  }

  /// `NL91`: a country code and check digits, the first group of a grouped IBAN.
  public static func isIBANStart(_ word: String) -> Bool {
    let characters = Array(word)
    return characters.count == 4 && characters[0].isUppercase && characters[1].isUppercase
      && characters[0].isASCII && characters[1].isASCII && characters[2].isASCII
      && characters[2].isNumber && characters[3].isASCII && characters[3].isNumber
  }

  static func isIBANGroup(_ word: String) -> Bool {
    let core =
      word.last == "," || word.last == "." || word.last == ")" ? word.dropLast() : word[...]
    return (1...4).contains(core.count)
      && core.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) }
  }
}
