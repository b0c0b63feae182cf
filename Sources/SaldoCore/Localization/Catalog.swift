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
    // Bytes, not Characters: the catalog is parsed when a process first speaks Dutch, and
    // splitting and trimming by Character cost more than most commands.
    let bytes = Array(text.utf8)
    var lineStart = 0
    var number = 0
    while lineStart <= bytes.count {
      let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
      defer { lineStart = lineEnd + 1 }
      number += 1
      let line = trimmed(bytes[lineStart..<lineEnd])
      guard let first = line.first else {
        try finish()
        continue
      }
      if first == UInt8(ascii: "#") {
        if line.dropFirst().first == UInt8(ascii: ","),
          String(decoding: line, as: UTF8.self).contains("fuzzy")
        {
          entry.fuzzy = true
        }
        continue
      }
      if first == UInt8(ascii: "\"") {
        guard let field else { throw ParseError(line: number, reason: "text outside an entry") }
        let value = try unquote(line, line: number)
        entry.append(value, to: field)
        continue
      }
      guard let space = line.firstIndex(of: UInt8(ascii: " ")) else {
        throw ParseError(line: number, reason: "expected a keyword and a quoted text")
      }
      let keyword = String(decoding: line[..<space], as: UTF8.self)
      let value = try unquote(trimmed(line[(space + 1)...]), line: number)
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
  /// Read byte by byte: the catalog is parsed when a process first speaks Dutch, and going
  /// Character by Character made that cost more than most commands.
  private static func unquote(_ bytes: ArraySlice<UInt8>, line: Int) throws(ParseError) -> String {
    let quote = UInt8(ascii: "\"")
    let backslash = UInt8(ascii: "\\")
    guard bytes.count >= 2, bytes.first == quote, bytes.last == quote else {
      throw ParseError(line: line, reason: "expected a text in double quotes")
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count - 2)
    var escaped = false
    for index in (bytes.startIndex + 1)..<(bytes.endIndex - 1) {
      let byte = bytes[index]
      if escaped {
        switch byte {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case quote, backslash: out.append(byte)
        default:
          let character = String(decoding: bytes[index...].prefix(4), as: UTF8.self).first
          throw ParseError(
            line: line, reason: "unknown escape \\\(character.map(String.init) ?? "")")
        }
        escaped = false
      } else if byte == backslash {
        escaped = true
      } else if byte == quote {
        throw ParseError(line: line, reason: "a \" inside a text must be written \\\"")
      } else {
        out.append(byte)
      }
    }
    guard !escaped else { throw ParseError(line: line, reason: "the text ends in a lone \\") }
    return String(decoding: out, as: UTF8.self)
  }

  /// `bytes` without the spaces, tabs and line breaks around them.
  private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, bytes[start].isASCIISpace { start += 1 }
    while end > start, bytes[end - 1].isASCIISpace { end -= 1 }
    return bytes[start..<end]
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
