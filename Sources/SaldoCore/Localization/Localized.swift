/// A text to show a person, written in English in the code and looked up in the catalog of
/// the language it is shown in. Interpolated values become numbered placeholders: the catalog
/// key of `"lasts \(days) days"` is `lasts {0} days`, and a translation may move `{0}` to
/// where its language wants it.
public struct Localized: Sendable, Hashable, ExpressibleByStringInterpolation {
  /// The English text with `{0}`, `{1}`… where values go: the catalog's msgid.
  public let key: String
  public let arguments: [String]

  public init(stringLiteral value: String) {
    key = value
    arguments = []
  }

  public init(stringInterpolation: StringInterpolation) {
    key = stringInterpolation.key
    arguments = stringInterpolation.arguments
  }

  init(key: String, arguments: [String]) {
    self.key = key
    self.arguments = arguments
  }

  public struct StringInterpolation: StringInterpolationProtocol {
    var key = ""
    var arguments: [String] = []

    public init(literalCapacity: Int, interpolationCount: Int) {
      key.reserveCapacity(literalCapacity + 4 * interpolationCount)
    }

    public mutating func appendLiteral(_ literal: String) { key += literal }

    // Strings, numbers and describable values are written without `String(describing:)`,
    // whose run-time conformance lookups cost more at start than `saldo balance` itself.
    public mutating func appendInterpolation(_ value: String) { append(value) }

    public mutating func appendInterpolation<Value: BinaryInteger>(_ value: Value) {
      append(String(value))
    }

    public mutating func appendInterpolation<Value: CustomStringConvertible>(_ value: Value) {
      append(value.description)
    }

    public mutating func appendInterpolation<Value>(_ value: Value) {
      append(String(describing: value))
    }

    private mutating func append(_ text: String) {
      key += "{" + String(arguments.count) + "}"
      arguments.append(text)
    }
  }

  /// Joins two texts into one, as a long literal is written over several lines:
  /// `"… \(a) " + "… \(b)"` is the one text `… {0} … {1}`, translated as a whole.
  public static func + (lhs: Localized, rhs: Localized) -> Localized {
    Localized(
      key: lhs.key + renumber(rhs.key, from: lhs.arguments.count),
      arguments: lhs.arguments + rhs.arguments)
  }

  /// `key` with each placeholder `{n}` made `{n + offset}`.
  static func renumber(_ key: String, from offset: Int) -> String {
    guard offset > 0 else { return key }
    return replacingPlaceholders(in: key) { "{\($0 + offset)}" }
  }

  /// The text in `language`: the catalog's translation with the values put in, or the English
  /// text when the catalog has none.
  public func text(in language: Language = .current) -> String {
    Localized.fill(Catalogs.translation(of: key, in: language) ?? key, with: arguments)
  }

  /// Puts the values in for `{0}`, `{1}`…; a placeholder without a value stays as written.
  static func fill(_ template: String, with arguments: [String]) -> String {
    guard !arguments.isEmpty else { return template }
    return replacingPlaceholders(in: template) {
      arguments.indices.contains($0) ? arguments[$0] : nil
    }
  }

  /// `text` with each placeholder `{n}` replaced by `replacement(n)`, or kept where that is nil.
  /// Scans the UTF-8 bytes: searching by `Character` walked grapheme clusters, which made
  /// filling in an e-mail body cost more than writing its invoice.
  static func replacingPlaceholders(in text: String, _ replacement: (Int) -> String?) -> String {
    let open = UInt8(ascii: "{")
    let close = UInt8(ascii: "}")
    let bytes = text.utf8
    guard var next = bytes.firstIndex(of: open) else { return text }
    var out = ""
    out.reserveCapacity(bytes.count)
    var copied = bytes.startIndex
    while true {
      var cursor = bytes.index(after: next)
      var number = 0
      var digits = 0
      while cursor < bytes.endIndex, digits < 6, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39 {
        number = number * 10 + Int(bytes[cursor] - 0x30)
        digits += 1
        cursor = bytes.index(after: cursor)
      }
      var resume = bytes.index(after: next)
      if digits > 0, cursor < bytes.endIndex, bytes[cursor] == close,
        let value = replacement(number)
      {
        out.append(contentsOf: text[copied..<next])
        out.append(value)
        copied = bytes.index(after: cursor)
        resume = copied
      }
      guard let found = bytes[resume...].firstIndex(of: open) else { break }
      next = found
    }
    out.append(contentsOf: text[copied...])
    return out
  }
}

/// A text whose English words mean different things in different places ("3 of 40" in a
/// list, "21% of € 100" on an invoice): `context` tells the translator which, as gettext's
/// msgctxt does.
public func tr(context: String, _ text: Localized, _ language: Language = .current) -> String {
  Localized.fill(
    Catalogs.translation(of: context + "\u{4}" + text.key, in: language) ?? text.key,
    with: text.arguments)
}

/// A text kept to be shown later, in the language of that moment: key tables and other texts
/// made once (static tables) hold these, and translate when drawn.
public func localized(_ text: Localized) -> Localized { text }

/// Shows `text` in the user's language (`Language.current`) or the one given.
public func tr(_ text: Localized, _ language: Language = .current) -> String {
  text.text(in: language)
}

/// A text the code keeps as data (a table's rules, a reason stored in the database) in the
/// reader's language: the catalog's translation of it, or the text as written. Tables write
/// such texts with `tr(_:_:)` in English (`.en`), which lets the catalog test find them.
public func tr(stored text: String, _ language: Language = .current) -> String {
  Catalogs.translation(of: text, in: language) ?? text
}

/// A text that depends on a count: `one` for 1, `other` for every other count (the rule of
/// both English and Dutch); the catalog keeps the pair as msgid and msgid_plural.
public func tr<Count: BinaryInteger>(
  count: Count, one: Localized, other: Localized, _ language: Language = .current
) -> String {
  let chosen = count == 1 ? one : other
  guard let forms = Catalogs.plural(of: one.key, in: language), forms.count == 2 else {
    return Localized.fill(chosen.key, with: chosen.arguments)
  }
  return Localized.fill(forms[count == 1 ? 0 : 1], with: chosen.arguments)
}

/// A text written now in every language Saldo speaks, to be shown later in the one chosen
/// then: an invoice's line description and note, in its buyer's language.
public struct Translations: Sendable, Hashable {
  public let texts: [Language: String]

  /// `text` writes the text in the language it is given, as `tr(…, language)` does.
  public init(_ text: (Language) -> String) {
    var texts: [Language: String] = [:]
    for language in Language.allCases { texts[language] = text(language) }
    self.texts = texts
  }

  /// The text as the code writes it: what machine formats such as the UBL carry.
  public var english: String { texts[.en] ?? "" }

  public func text(in language: Language) -> String { texts[language] ?? english }
}
