import Foundation
import Testing

@testable import SaldoCore

/// The Dutch catalog is complete and agrees with the code: every text the code shows through
/// `tr(…)` has a translation, every translation keeps the placeholders of its English text,
/// and the catalog built into the binary is the `.po` file a translator edits.
@Suite struct LocalizationTests {
  static var root: String {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
  }

  static func read(_ path: String) throws -> String {
    try String(contentsOfFile: root + "/" + path, encoding: .utf8)
  }

  @Test func theBuiltInCatalogIsThePOFile() throws {
    let file = try Self.read("Sources/SaldoCore/Localization/nl.po")
    #expect(
      file == EmbeddedCatalogs.nl + "\n",
      "nl.po differs from the built-in copy: run .ci/embed-catalogs")
  }

  @Test func theCatalogParses() throws {
    let catalog = try Catalog.parse(EmbeddedCatalogs.nl)
    #expect(!catalog.texts.isEmpty)
    #expect(catalog.texts["My environment"] == "Mijn omgeving")
    // Every entry of the file but its header, counted apart from the parser.
    let entries = EmbeddedCatalogs.nl.split(separator: "\n").filter { $0.hasPrefix("msgid \"") }
    #expect(catalog.texts.count + catalog.plurals.count == entries.count - 1)
  }

  @Test func everyTranslationKeepsItsPlaceholders() throws {
    let catalog = try Catalog.parse(EmbeddedCatalogs.nl)
    for (key, text) in catalog.texts {
      #expect(
        Self.placeholders(key) == Self.placeholders(text),
        "placeholders of \"\(key)\" differ in its translation \"\(text)\"")
    }
    for (key, forms) in catalog.plurals {
      let plural = catalog.pluralSources[key] ?? key
      #expect(Self.placeholders(forms[0]).isSubset(of: Self.placeholders(plural)))
      #expect(
        Self.placeholders(forms[1]) == Self.placeholders(plural),
        "placeholders of \"\(plural)\" differ in its translation \"\(forms[1])\"")
    }
  }

  @Test func everyTextOfTheCodeIsInTheCatalog() throws {
    let catalog = try Catalog.parse(EmbeddedCatalogs.nl)
    let found = try Self.codeTexts()
    #expect(!found.isEmpty)
    var missing: [String] = []
    for text in found where catalog.texts[text.key] == nil && catalog.plurals[text.key] == nil {
      if !text.isPluralForm { missing.append("\(text.file): \"\(text.key)\"") }
    }
    #expect(missing.isEmpty, "not in nl.po:\n\(missing.sorted().joined(separator: "\n"))")
  }

  @Test func theScannerReadsInterpolationsAndPlurals() {
    let source = #"""
      let a = tr("Credit \(MoneyFormat.display(x, ascii: ascii ? true : false)) left")
      let b = tr(count: n, one: "\(n) day", other: "\(n) days")
      let c = tr("say \"hi\" to \(name.isEmpty ? "nobody" : name)")
      """#
    let keys = Self.texts(in: source, file: "x").map(\.key)
    #expect(keys == ["Credit {0} left", "{0} day", "{0} days", "say \"hi\" to {0}"])
  }

  /// Help texts are `Localized` values written as labelled literals, often multi-line ones:
  /// the scanner reads them as Swift does, less the closing delimiter's indentation.
  @Test func theScannerReadsHelpTexts() {
    let source = #"""
      let spec = CommandSpec(
        name: "x", summary: "show \(what)", usage: "saldo x",
        details: """
          First line,
            indented "quoted" line,\
           joined.

          Last \(n.map { "\($0)" } ?? "") line.
          """, appendix: shared)
      static let shared: Localized = """
        --force  replace it
        """
      let empty = CommandSpec(name: "y", summary: "", usage: "", details: "")
      let notAText = OrganisationChanges(details: details)
      """#
    let keys = Self.texts(in: source, file: "x").map(\.key)
    #expect(
      keys == [
        "show {0}",
        "First line,\n  indented \"quoted\" line, joined.\n\nLast {0} line.",
        "--force  replace it",
      ])
  }

  @Test func textsJoinedOverLinesAreOneText() {
    let a = 1
    let b = 2
    let joined: Localized = "first \(a) and " + "then \(b)" + " done"
    #expect(joined.key == "first {0} and then {1} done")
    #expect(joined.text(in: .en) == "first 1 and then 2 done")
    let source = #"""
      throw SaldoError.invalid(
        tr(
          "first \(a) and "
            + "then \(b)" + " done"))
      """#
    #expect(Self.texts(in: source, file: "x").map(\.key) == ["first {0} and then {1} done"])
  }

  @Test func theScannerReadsMultilineLiterals() {
    let source = #"""
      body: tr(
        """
        The balance of \(name), \(MoneyFormat.display(x)), covers

          a "quoted" \
        line.
        """, language))
      """#
    let keys = Self.texts(in: source, file: "x").map(\.key)
    #expect(keys == ["The balance of {0}, {1}, covers\n\n  a \"quoted\" line."])
  }

  @Test func valuesGoWhereTheTranslationPutsThem() {
    #expect(Localized.fill("{1} van {0}", with: ["a", "b"]) == "b van a")
    #expect(Localized.fill("{x} {5} {0}", with: ["a"]) == "{x} {5} a")
    // Placeholders between other characters: accents, emoji, braces of their own.
    #expect(Localized.fill("é{0}👩‍💻{1}{", with: ["{1}", "ß"]) == "é{1}👩‍💻ß{")
    #expect(Localized.fill("{{0}} {0 } {} {00}", with: ["a"]) == "{a} {0 } {} a")
    #expect(Localized.fill("no values", with: []) == "no values")
    #expect(Localized.renumber("{0} of {1} {x}", from: 2) == "{2} of {3} {x}")
    let joined: Localized = "\(1) and " + "\(2) of \(3)"
    #expect(joined.key == "{0} and {1} of {2}")
    #expect(joined.text(in: .en) == "1 and 2 of 3")
    let text: Localized = "\(3) of \(10)"
    #expect(text.key == "{0} of {1}")
    #expect(text.text(in: .en) == "3 of 10")
  }

  @Test func languageComesFromTheLocale() throws {
    func from(_ values: [String: String]) -> Language {
      Language.fromEnvironment { values[$0] }
    }
    #expect(from([:]) == .en)
    #expect(from(["LANG": "nl_NL.UTF-8"]) == .nl)
    #expect(from(["LANG": "nl_BE.UTF-8"]) == .nl)
    #expect(from(["LANG": "de_DE.UTF-8"]) == .en)
    #expect(from(["LANG": "nl_NL.UTF-8", "LC_ALL": "C.UTF-8"]) == .en)
    #expect(from(["LANG": "en_GB.UTF-8", "LC_MESSAGES": "nl_BE"]) == .nl)
    #expect(try Language.parse("NL") == .nl)
    #expect(try Language.parse("en") == .en)
    #expect(throws: SaldoError.self) { try Language.parse("fr") }
  }

  @Test func aContextKeepsTheSameEnglishApart() throws {
    let catalog = try Catalog.parse(
      "msgid \"{0} of {1}\"\nmsgstr \"{0} over {1}\"\n\n"
        + "msgctxt \"list position\"\nmsgid \"{0} of {1}\"\nmsgstr \"{0} van {1}\"")
    #expect(catalog.texts["{0} of {1}"] == "{0} over {1}")
    #expect(catalog.texts["list position\u{4}{0} of {1}"] == "{0} van {1}")
    #expect(tr(context: "list position", "\(3) of \(40)", .nl) == "3 van 40")
    #expect(tr(context: "list position", "\(3) of \(40)", .en) == "3 of 40")
  }

  @Test func aBrokenCatalogIsRefusedWithItsLine() {
    #expect(throws: Catalog.ParseError.self) { try Catalog.parse("msgid \"a\nmsgstr \"b\"") }
    #expect(throws: Catalog.ParseError.self) {
      try Catalog.parse("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"")
    }
    let fuzzy = try? Catalog.parse("#, fuzzy\nmsgid \"a\"\nmsgstr \"b\"")
    #expect(fuzzy?.texts["a"] == nil)
    for (line, reason) in [
      (#"msgstr "a\qb""#, #"unknown escape \q"#), (#"msgstr "a\éb""#, #"unknown escape \é"#),
      (#"msgstr "a"b""#, #"a " inside a text must be written \""#),
      (#"msgstr "ab\""#, #"the text ends in a lone \"#),
    ] {
      #expect(throws: Catalog.ParseError(line: 2, reason: reason)) {
        try Catalog.parse("msgid \"a\"\n" + line)
      }
    }
  }

  @Test func quotedTextsKeepTheirEscapesAndCharacters() throws {
    let catalog = try Catalog.parse(
      #"""
      msgid "Line\none \"q\" \\ tab\t"
      msgstr ""
      "Régel\néén "
      "👩‍💻 \"q\" \\ tab\t"
      """#)
    #expect(catalog.texts["Line\none \"q\" \\ tab\t"] == "Régel\néén 👩‍💻 \"q\" \\ tab\t")
  }

  // MARK: - reading the code

  struct CodeText {
    var key: String
    var file: String
    var isPluralForm: Bool
  }

  static func placeholders(_ text: String) -> Set<String> {
    var found: Set<String> = []
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{") {
      let after = rest[rest.index(after: open)...]
      guard let close = after.firstIndex(of: "}") else { break }
      if Int(after[..<close]) != nil { found.insert(String(after[..<close])) }
      rest = after[after.index(after: close)...]
    }
    return found
  }

  /// Every `tr("…")`, `localized("…")` and `tr(count:one:other:)` text in the Swift sources,
  /// and every help text (`summary:`, `details:`, `appendix:` and `: Localized =` followed by
  /// a literal).
  static func codeTexts() throws -> [CodeText] {
    let sources = root + "/Sources"
    guard let walker = FileManager.default.enumerator(atPath: sources) else { return [] }
    var texts: [CodeText] = []
    for case let path as String in walker where path.hasSuffix(".swift") {
      let text = try String(contentsOfFile: sources + "/" + path, encoding: .utf8)
      texts += Self.texts(in: text, file: path)
    }
    return texts
  }

  /// Labels whose literal is a `Localized` help text: `CommandSpec`'s arguments, and stored
  /// texts declared with their type.
  static let textLabels = ["summary:", "details:", "appendix:", ": Localized ="]

  /// The texts in one file: after `tr(`, after `one:` / `other:` inside `tr(count:`, and after
  /// one of `textLabels`, a string literal whose interpolations become `{0}`, `{1}`….
  static func texts(in source: String, file: String) -> [CodeText] {
    let characters = Array(source)
    var texts: [CodeText] = []
    var index = 0
    func starts(_ word: String, at position: Int) -> Bool {
      let scalars = Array(word)
      guard position + scalars.count <= characters.count else { return false }
      return Array(characters[position..<(position + scalars.count)]) == scalars
    }
    func skipSpace(from position: Int) -> Int {
      var position = position
      while position < characters.count, characters[position].isWhitespace { position += 1 }
      return position
    }
    while index < characters.count {
      let boundary = index == 0 || !isIdentifier(characters[index - 1])
      if let label = textLabels.first(where: { starts($0, at: index) }),
        boundary || label.hasPrefix(":")
      {
        var position = skipSpace(from: index + label.count)
        // An empty text (a command without details) is no catalog entry.
        if let (key, end) = literal(characters, at: position) {
          if !key.isEmpty { texts.append(CodeText(key: key, file: file, isPluralForm: false)) }
          position = end
        }
        index = max(position, index + 1)
        continue
      }
      let call = ["tr(", "localized("].first { starts($0, at: index) }
      if let call, boundary {
        var position = skipSpace(from: index + call.count)
        if starts("context:", at: position),
          let (context, after) = literal(characters, at: skipSpace(from: position + 8))
        {
          // `tr(context: "…", "…")`: the catalog keys it as gettext does, context EOT text.
          var next = after
          while next < characters.count, characters[next] != "," { next += 1 }
          if let (key, end) = joinedLiteral(characters, at: skipSpace(from: next + 1)) {
            texts.append(
              CodeText(key: context + "\u{4}" + key, file: file, isPluralForm: false))
            position = end
          }
          index = position
          continue
        }
        if starts("count:", at: position) {
          for label in ["one:", "other:"] {
            while position < characters.count, !starts(label, at: position) { position += 1 }
            position += label.count
            while position < characters.count, characters[position] == " " { position += 1 }
            if let (key, end) = literal(characters, at: position) {
              texts.append(CodeText(key: key, file: file, isPluralForm: label == "other:"))
              position = end
            }
          }
        } else if let (key, end) = joinedLiteral(characters, at: position) {
          texts.append(CodeText(key: key, file: file, isPluralForm: false))
          position = end
        }
        index = position
        continue
      }
      index += 1
    }
    return texts
  }

  /// Literals joined with `+` (a long text written over lines), after any white space: one
  /// key whose placeholders are numbered on from piece to piece, as `Localized.+` joins them.
  static func joinedLiteral(_ c: [Character], at start: Int) -> (String, Int)? {
    func skipSpace(_ i: Int) -> Int {
      var i = i
      while i < c.count, c[i].isWhitespace { i += 1 }
      return i
    }
    guard var (key, end) = literal(c, at: skipSpace(start)) else { return nil }
    while true {
      let plus = skipSpace(end)
      guard plus < c.count, c[plus] == "+",
        let (piece, after) = literal(c, at: skipSpace(plus + 1))
      else { return (key, end) }
      key += Localized.renumber(piece, from: placeholders(key).count)
      end = after
    }
  }

  static func isIdentifier(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || character == "_" || character == "."
  }

  /// A string literal starting at `start` (`"…"` or `"""…"""`): its key and the index after it.
  static func literal(_ c: [Character], at start: Int) -> (String, Int)? {
    guard start < c.count, c[start] == "\"" else { return nil }
    if start + 2 < c.count, c[start + 1] == "\"", c[start + 2] == "\"" {
      return multiLineLiteral(c, at: start)
    }
    return decode(c, from: start + 1, multiLine: false)
  }

  /// A `"""` literal as Swift reads it: the lines between the delimiter lines, each less the
  /// closing delimiter's indentation, without the last line break; `\` at the end of a line
  /// joins it to the next.
  static func multiLineLiteral(_ c: [Character], at start: Int) -> (String, Int)? {
    var i = start + 3
    while i < c.count, c[i] != "\n" { i += 1 }
    let bodyStart = i + 1
    while i < c.count {
      if c[i] == "\\", i + 1 < c.count {
        i = c[i + 1] == "(" ? skipInterpolation(c, from: i + 2) : i + 2
        continue
      }
      if c[i] == "\"", i + 2 < c.count, c[i + 1] == "\"", c[i + 2] == "\"" { break }
      i += 1
    }
    guard i < c.count, bodyStart <= i else { return nil }
    var lines = c[bodyStart..<i].split(separator: "\n", omittingEmptySubsequences: false)
    // The closing delimiter's line holds only its indentation.
    let indentation = Array(lines.removeLast())
    let body = lines.map { line in
      line.starts(with: indentation)
        ? Array(line.dropFirst(indentation.count)) : Array(line.drop { $0.isWhitespace })
    }.joined(separator: "\n")
    guard let (key, _) = decode(Array(body), from: 0, multiLine: true) else { return nil }
    return (key, i + 3)
  }

  /// The text of a literal's body from `start`: escapes read, interpolations as `{0}`, `{1}`….
  /// A single-line body ends at its `"`; a multi-line body is all of `c`.
  static func decode(_ c: [Character], from start: Int, multiLine: Bool) -> (String, Int)? {
    var key = ""
    var count = 0
    var i = start
    while i < c.count {
      let character = c[i]
      if character == "\"", !multiLine { return (key, i + 1) }
      if character == "\\", i + 1 < c.count {
        let next = c[i + 1]
        if next == "(" {
          i = skipInterpolation(c, from: i + 2)
          key += "{\(count)}"
          count += 1
          continue
        }
        switch next {
        case "\n" where multiLine: break
        case "n": key.append("\n")
        case "t": key.append("\t")
        case "\"": key.append("\"")
        case "\\": key.append("\\")
        default: key.append(next)
        }
        i += 2
        continue
      }
      key.append(character)
      i += 1
    }
    return multiLine ? (key, i) : nil
  }

  /// The index after the `)` that closes an interpolation, skipping nested parentheses and
  /// string literals.
  static func skipInterpolation(_ c: [Character], from start: Int) -> Int {
    var depth = 1
    var i = start
    while i < c.count {
      switch c[i] {
      case "(": depth += 1
      case ")":
        depth -= 1
        if depth == 0 { return i + 1 }
      case "\"":
        if let (_, end) = literal(c, at: i) {
          i = end
          continue
        }
      default: break
      }
      i += 1
    }
    return i
  }
}
