/// One parsed `.theme` file before inheritance is applied.
public struct ThemeFile: Hashable, Sendable {
  /// The file name used in error messages, e.g. `default.theme`.
  public var fileName: String
  /// The theme to start from, if the file has an `inherit = NAME` line, and that line.
  public var inherit: String?
  public var inheritLine: Int
  /// The roles this file sets itself.
  public var styles: [Role: Style]

  public init(
    fileName: String, inherit: String? = nil, inheritLine: Int = 0,
    styles: [Role: Style] = [:]
  ) {
    self.fileName = fileName
    self.inherit = inherit
    self.inheritLine = inheritLine
    self.styles = styles
  }
}

/// Parses the `.theme` format:
///
/// ```
/// # comment; blank lines are ignored
/// inherit = default                 # optional: start from another theme
/// accent = black on orange bold     # role = FG [on BG] [bold] [underline] [reverse] [dim]
/// muted = 244
/// ```
///
/// Colours are `default`, the eight names (`black` … `white`), `bright-` plus a name,
/// `orange`, `grey`, or a palette number 0–255. Role names are those of `Role` (for example
/// `balance-low`; the Swift spelling `balanceLow` is accepted too). Any problem is a
/// `ThemeError` naming the file and line; arbitrary bytes never crash the parser.
public enum ThemeParser {
  /// Files larger than this are rejected before parsing: a theme is a few dozen lines.
  public static let maximumFileBytes = 64 * 1024
  public static let maximumLineBytes = 1024

  /// Parses raw file bytes, validating size, NUL bytes and UTF-8 first.
  public static func parse(bytes: [UInt8], fileName: String) throws(ThemeError) -> ThemeFile {
    guard bytes.count <= maximumFileBytes else {
      throw .tooLarge(file: fileName, limit: maximumFileBytes)
    }
    guard !bytes.contains(0) else { throw .notText(file: fileName) }
    var lines: [String] = []
    for (index, lineBytes) in bytes.split(separator: 10, omittingEmptySubsequences: false)
      .enumerated()
    {
      guard lineBytes.count <= maximumLineBytes else {
        throw .lineTooLong(file: fileName, line: index + 1, limit: maximumLineBytes)
      }
      guard let line = String(validating: lineBytes, as: UTF8.self) else {
        throw .invalidUTF8(file: fileName, line: index + 1)
      }
      lines.append(line)
    }
    return try parse(lines: lines, fileName: fileName)
  }

  /// Parses theme text that is already a String (built-in themes, tests).
  public static func parse(text: String, fileName: String) throws(ThemeError) -> ThemeFile {
    try parse(bytes: Array(text.utf8), fileName: fileName)
  }

  static func parse(lines: [String], fileName: String) throws(ThemeError) -> ThemeFile {
    var result = ThemeFile(fileName: fileName)
    var firstLines: [Role: Int] = [:]
    for (index, rawLine) in lines.enumerated() {
      let number = index + 1
      let content =
        rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        .first.map(String.init) ?? ""
      let words = content.split(whereSeparator: { $0.isWhitespace || $0 == "\r" })
      if words.isEmpty { continue }
      guard let equals = content.firstIndex(of: "=") else {
        throw .missingEquals(file: fileName, line: number)
      }
      let key = content[..<equals].trimmingWhitespace()
      let value = content[content.index(after: equals)...].split(whereSeparator: \.isWhitespace)
        .map { String($0) }
      if key.lowercased() == "inherit" {
        guard result.inherit == nil else { throw .duplicateInherit(file: fileName, line: number) }
        guard value.count == 1, isValidThemeName(value[0]) else {
          throw .invalidInherit(file: fileName, line: number, value: value.joined(separator: " "))
        }
        result.inherit = value[0]
        result.inheritLine = number
        continue
      }
      guard let role = role(named: key) else {
        throw .unknownRole(file: fileName, line: number, name: key)
      }
      if let first = firstLines[role] {
        throw .duplicateRole(file: fileName, line: number, role: role, firstLine: first)
      }
      firstLines[role] = number
      result.styles[role] = try style(from: value, fileName: fileName, line: number)
    }
    return result
  }

  /// A role by its file name (`balance-low`) or its Swift name (`balanceLow`).
  static func role(named name: String) -> Role? {
    let lowered = name.lowercased()
    return Role.allCases.first {
      $0.rawValue == lowered || String(describing: $0).lowercased() == lowered
    }
  }

  static func style(from words: [String], fileName: String, line: Int) throws(ThemeError)
    -> Style
  {
    guard let first = words.first else { throw .missingColour(file: fileName, line: line) }
    var style = Style(foreground: try colour(first, fileName: fileName, line: line))
    var rest = words.dropFirst()
    if rest.first?.lowercased() == "on" {
      rest = rest.dropFirst()
      guard let background = rest.first else {
        throw .missingBackground(file: fileName, line: line)
      }
      style.background = try colour(background, fileName: fileName, line: line)
      rest = rest.dropFirst()
    }
    for word in rest {
      switch word.lowercased() {
      case "bold": style.bold = true
      case "underline": style.underline = true
      case "reverse": style.reverse = true
      case "dim": style.dim = true
      default: throw .unknownAttribute(file: fileName, line: line, word: word)
      }
    }
    return style
  }

  /// A colour from its theme-file spelling.
  public static func colour(named word: String) -> Color? {
    let name = word.lowercased()
    switch name {
    case "default": return .default
    case "orange": return .orange
    case "grey", "gray": return .bright(.black)
    default: break
    }
    if let base = ANSIColor.allCases.first(where: { $0.name == name }) { return .ansi(base) }
    if name.hasPrefix("bright-"),
      let base = ANSIColor.allCases.first(where: { "bright-" + $0.name == name })
    {
      return .bright(base)
    }
    if !name.isEmpty, name.count <= 3, name.allSatisfy(\.isASCII), let number = UInt8(name) {
      return .indexed(number)
    }
    return nil
  }

  static func colour(_ word: String, fileName: String, line: Int) throws(ThemeError) -> Color {
    if let colour = colour(named: word) { return colour }
    if word.allSatisfy({ $0.isASCII && $0.isNumber }) {
      throw .colourOutOfRange(file: fileName, line: line, number: word)
    }
    throw .unknownColour(file: fileName, line: line, word: word)
  }

  /// Theme names become file names, so only plain words are allowed: no paths.
  public static func isValidThemeName(_ name: String) -> Bool {
    !name.isEmpty && name.count <= 64
      && name.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII
          && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
            || scalar == "_")
      }
  }
}

extension Substring {
  func trimmingWhitespace() -> String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}
