/// Why a theme could not be loaded. Each message is one line that names the file (and
/// line, when there is one) and says what to change, in the style of compiler errors:
/// `default.theme:12: unknown colour "oragne"; use a name like orange or a number 0-255`.
public enum ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
  case unreadable(file: String, reason: String)
  case tooLarge(file: String, limit: Int)
  /// The file contains NUL bytes: probably not a text file at all.
  case notText(file: String)
  case invalidUTF8(file: String, line: Int)
  case lineTooLong(file: String, line: Int, limit: Int)
  case missingEquals(file: String, line: Int)
  case unknownRole(file: String, line: Int, name: String)
  case duplicateRole(file: String, line: Int, role: Role, firstLine: Int)
  case missingColour(file: String, line: Int)
  case unknownColour(file: String, line: Int, word: String)
  case colourOutOfRange(file: String, line: Int, number: String)
  case missingBackground(file: String, line: Int)
  case unknownAttribute(file: String, line: Int, word: String)
  case invalidInherit(file: String, line: Int, value: String)
  case duplicateInherit(file: String, line: Int)
  case inheritNotFound(file: String, line: Int, name: String, available: [String])
  case inheritanceCycle(names: [String])
  case missingRoles(file: String, roles: [Role])
  case themeNotFound(name: String, available: [String])
  case invalidThemeName(name: String)

  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read theme file (\(reason)); check the path and permissions"
    case .tooLarge(let file, let limit):
      return "\(file): file is larger than \(limit) bytes; a theme file is a few dozen lines"
    case .notText(let file):
      return "\(file): file contains NUL bytes; a theme must be a UTF-8 text file"
    case .invalidUTF8(let file, let line):
      return "\(file):\(line): invalid UTF-8; save the file as UTF-8 text"
    case .lineTooLong(let file, let line, let limit):
      return "\(file):\(line): line is longer than \(limit) bytes; write one role per line"
    case .missingEquals(let file, let line):
      return "\(file):\(line): expected `role = colour [on colour] [bold]...`; missing \"=\""
    case .unknownRole(let file, let line, let name):
      let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
      return "\(file):\(line): unknown role \"\(name)\"; roles are: \(roles)"
    case .duplicateRole(let file, let line, let role, let firstLine):
      return
        "\(file):\(line): role \"\(role.rawValue)\" is already set on line \(firstLine); "
        + "keep one of the two"
    case .missingColour(let file, let line):
      return "\(file):\(line): missing colour after \"=\"; write e.g. `green` or `default`"
    case .unknownColour(let file, let line, let word):
      return
        "\(file):\(line): unknown colour \"\(word)\"; use a name like orange or a number 0-255"
    case .colourOutOfRange(let file, let line, let number):
      return "\(file):\(line): colour number \(number) is out of range; use 0-255"
    case .missingBackground(let file, let line):
      return "\(file):\(line): missing colour after \"on\"; write e.g. `black on orange`"
    case .unknownAttribute(let file, let line, let word):
      return
        "\(file):\(line): unknown word \"\(word)\"; after the colours only bold, underline, "
        + "reverse and dim are allowed"
    case .invalidInherit(let file, let line, let value):
      return
        "\(file):\(line): invalid theme name \"\(value)\" after inherit; use one word of "
        + "letters, digits, - or _"
    case .duplicateInherit(let file, let line):
      return "\(file):\(line): inherit is already set; a theme inherits from one theme only"
    case .inheritNotFound(let file, let line, let name, let available):
      return
        "\(file):\(line): cannot inherit from unknown theme \"\(name)\"; available: "
        + available.joined(separator: ", ")
    case .inheritanceCycle(let names):
      return
        "\(names.first ?? "?").theme: themes inherit from each other in a loop ("
        + names.joined(separator: " -> ") + "); remove one inherit line"
    case .missingRoles(let file, let roles):
      return
        "\(file): roles not set: \(roles.map(\.rawValue).joined(separator: ", ")); "
        + "add them or add `inherit = default`"
    case .themeNotFound(let name, let available):
      return "unknown theme \"\(name)\"; available: \(available.joined(separator: ", "))"
    case .invalidThemeName(let name):
      return "invalid theme name \"\(name)\"; use one word of letters, digits, - or _"
    }
  }
}
