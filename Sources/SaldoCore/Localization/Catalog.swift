/// One language's translations, read from a gettext PO file: what a translator edits with any
/// PO editor. Entries marked fuzzy are left out (gettext's rule: a guess is not a translation).
struct Catalog: Sendable {
  /// msgid → msgstr.
  var texts: [String: String] = [:]
  /// msgid (the singular) → [singular, plural] translations.
  var plurals: [String: [String]] = [:]
  /// msgid → msgid_plural, so a test can compare placeholders.
  var pluralSources: [String: String] = [:]

  struct ParseError: Error, CustomStringConvertible, Equatable {
    let line: Int
    let reason: String
    var description: String { "line \(line): \(reason)" }
  }

  /// Reads PO text: `msgid`, `msgid_plural`, `msgstr`, `msgstr[N]`, continuation lines and
  /// `#` comments; the header entry (empty msgid) is skipped.
  static func parse(_ text: String) throws(ParseError) -> Catalog {
    var catalog = Catalog()
    var entry = Entry()
    var field: Field?
    func finish() throws(ParseError) {
      defer {
        entry = Entry()
        field = nil
      }
      guard let bare = entry.id, !bare.isEmpty, !entry.fuzzy else { return }
      // gettext's own key for a text with a context: the context, EOT, the text.
      let id = entry.context.map { $0 + "\u{4}" + bare } ?? bare
      if let plural = entry.plural {
        let forms = (0..<2).map { entry.forms[$0] ?? "" }
        guard forms.allSatisfy({ !$0.isEmpty }) else { return }
        catalog.plurals[id] = forms
        catalog.pluralSources[id] = plural
      } else if let translation = entry.text, !translation.isEmpty {
        guard catalog.texts[id] == nil else {
          throw ParseError(line: entry.line, reason: "msgid \"\(id)\" occurs twice")
        }
        catalog.texts[id] = translation
      }
    }
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let number = index + 1
      let line = raw.trimmingCharacters()
      if line.isEmpty {
        try finish()
        continue
      }
      if line.hasPrefix("#,") {
        if line.contains("fuzzy") { entry.fuzzy = true }
        continue
      }
      if line.hasPrefix("#") { continue }
      if line.hasPrefix("\"") {
        guard let field else { throw ParseError(line: number, reason: "text outside an entry") }
        let value = try unquote(line, line: number)
        entry.append(value, to: field)
        continue
      }
      guard let space = line.firstIndex(of: " ") else {
        throw ParseError(line: number, reason: "expected a keyword and a quoted text")
      }
      let keyword = String(line[..<space])
      let value = try unquote(
        String(line[line.index(after: space)...]).trimmingWhitespace(), line: number)
      let next: Field
      switch keyword {
      case "msgctxt":
        if entry.id != nil { try finish() }
        entry.line = number
        next = .context
      case "msgid":
        if entry.id != nil { try finish() }
        if entry.context == nil { entry.line = number }
        next = .id
      case "msgid_plural": next = .plural
      case "msgstr": next = .text
      case "msgstr[0]": next = .form(0)
      case "msgstr[1]": next = .form(1)
      default:
        throw ParseError(line: number, reason: "unknown keyword \(keyword)")
      }
      entry.append(value, to: next, starting: true)
      field = next
    }
    try finish()
    return catalog
  }

  private enum Field: Equatable {
    case context, id, plural, text
    case form(Int)
  }

  private struct Entry {
    var line = 0
    var context: String?
    var id: String?
    var plural: String?
    var text: String?
    var forms: [Int: String] = [:]
    var fuzzy = false

    mutating func append(_ value: String, to field: Field, starting: Bool = false) {
      switch field {
      case .context: context = (starting ? "" : context ?? "") + value
      case .id: id = (starting ? "" : id ?? "") + value
      case .plural: plural = (starting ? "" : plural ?? "") + value
      case .text: text = (starting ? "" : text ?? "") + value
      case .form(let n): forms[n] = (starting ? "" : forms[n] ?? "") + value
      }
    }
  }

  /// A C-style quoted PO string: `\n`, `\t`, `\"` and `\\` are the escapes it may hold.
  private static func unquote(_ quoted: String, line: Int) throws(ParseError) -> String {
    guard quoted.count >= 2, quoted.first == "\"", quoted.last == "\"" else {
      throw ParseError(line: line, reason: "expected a text in double quotes")
    }
    var out = ""
    var escaped = false
    for character in quoted.dropFirst().dropLast() {
      if escaped {
        switch character {
        case "n": out.append("\n")
        case "t": out.append("\t")
        case "\"": out.append("\"")
        case "\\": out.append("\\")
        default: throw ParseError(line: line, reason: "unknown escape \\\(character)")
        }
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == "\"" {
        throw ParseError(line: line, reason: "a \" inside a text must be written \\\"")
      } else {
        out.append(character)
      }
    }
    guard !escaped else { throw ParseError(line: line, reason: "the text ends in a lone \\") }
    return out
  }
}

/// The catalogs built into the binary, read once on first use.
enum Catalogs {
  static let dutch: Catalog = {
    do { return try Catalog.parse(EmbeddedCatalogs.nl) } catch {
      // The catalog test fails on the same text, so a broken catalog never ships; should one
      // slip through, Saldo speaks English rather than stopping.
      return Catalog()
    }
  }()

  static func catalog(_ language: Language) -> Catalog? {
    switch language {
    case .en: nil
    case .nl: dutch
    }
  }

  static func translation(of key: String, in language: Language) -> String? {
    catalog(language)?.texts[key]
  }

  static func plural(of key: String, in language: Language) -> [String]? {
    catalog(language)?.plurals[key]
  }
}
