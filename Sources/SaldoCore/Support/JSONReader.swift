/// A strict reader for JSON documents of any shape (a payment service's answers nest objects
/// and arrays). Numbers stay text, so nothing passes through floating point; depth is bounded
/// so a hostile answer cannot exhaust the stack.
public indirect enum JSONValue: Sendable, Equatable {
  case object([String: JSONValue])
  case array([JSONValue])
  case string(String)
  /// The number's text as written.
  case number(String)
  case bool(Bool)
  case null

  /// Why a text is not JSON.
  public struct SyntaxError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public let offset: Int
    public var description: String { "\(message) at byte \(offset)" }
  }

  /// Parses a whole document; trailing text other than white space is refused.
  public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
    var reader = Reader(bytes: bytes)
    let value = try reader.value(depth: 0)
    reader.skipSpace()
    guard reader.index == bytes.count else { throw reader.error("text after the JSON value") }
    return value
  }

  public static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
    try parse(Array(text.utf8))
  }

  /// The member `key` of an object; nil for anything else.
  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The text of a string value.
  public var string: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  private struct Reader {
    let bytes: [UInt8]
    var index = 0
    static let maximumDepth = 64

    func error(_ message: String) -> SyntaxError { SyntaxError(message: message, offset: index) }

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func value(depth: Int) throws(SyntaxError) -> JSONValue {
      guard depth < Reader.maximumDepth else { throw error("nested too deeply") }
      skipSpace()
      guard index < bytes.count else { throw error("unexpected end") }
      switch bytes[index] {
      case UInt8(ascii: "{"):
        index += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
          index += 1
          return .object(members)
        }
        while true {
          skipSpace()
          let key = try string()
          skipSpace()
          try expect(UInt8(ascii: ":"))
          members[key] = try value(depth: depth + 1)
          skipSpace()
          if try separator(closing: UInt8(ascii: "}")) { return .object(members) }
        }
      case UInt8(ascii: "["):
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
          index += 1
          return .array(items)
        }
        while true {
          items.append(try value(depth: depth + 1))
          skipSpace()
          if try separator(closing: UInt8(ascii: "]")) { return .array(items) }
        }
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "t"): try literal("true"); return .bool(true)
      case UInt8(ascii: "f"): try literal("false"); return .bool(false)
      case UInt8(ascii: "n"): try literal("null"); return .null
      default: return .number(try number())
      }
    }

    /// True at the closing bracket, false after a comma.
    mutating func separator(closing: UInt8) throws(SyntaxError) -> Bool {
      guard index < bytes.count else { throw error("unexpected end") }
      if bytes[index] == closing {
        index += 1
        return true
      }
      try expect(UInt8(ascii: ","))
      return false
    }

    mutating func expect(_ byte: UInt8) throws(SyntaxError) {
      guard index < bytes.count, bytes[index] == byte else {
        throw error("expected '\(Character(Unicode.Scalar(byte)))'")
      }
      index += 1
    }

    mutating func literal(_ word: String) throws(SyntaxError) {
      let expected = Array(word.utf8)
      guard index + expected.count <= bytes.count,
        bytes[index..<(index + expected.count)].elementsEqual(expected)
      else { throw error("bad literal") }
      index += expected.count
    }

    mutating func number() throws(SyntaxError) -> String {
      let start = index
      while index < bytes.count, Array("+-.eE0123456789".utf8).contains(bytes[index]) {
        index += 1
      }
      guard index > start else { throw error("unexpected character") }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func string() throws(SyntaxError) -> String {
      try expect(UInt8(ascii: "\""))
      var out: [UInt8] = []
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""):
          return String(decoding: out, as: UTF8.self)
        case 0..<0x20:
          throw error("control character inside a string")
        case UInt8(ascii: "\\"):
          guard index < bytes.count else { throw error("unterminated string") }
          let escape = bytes[index]
          index += 1
          switch escape {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
          case UInt8(ascii: "b"): out.append(0x08)
          case UInt8(ascii: "f"): out.append(0x0C)
          case UInt8(ascii: "n"): out.append(0x0A)
          case UInt8(ascii: "r"): out.append(0x0D)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "u"):
            // A lone surrogate becomes U+FFFD: these strings are shown, never stored as keys.
            let scalar = Unicode.Scalar(try hex4()) ?? "\u{FFFD}"
            out.append(contentsOf: String(scalar).utf8)
          default: throw error("unknown escape in a string")
          }
        default:
          out.append(byte)
        }
      }
      throw error("unterminated string")
    }

    mutating func hex4() throws(SyntaxError) -> UInt32 {
      guard index + 4 <= bytes.count else { throw error("short \\u escape") }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[index]
        index += 1
        guard let digit = Int(String(Unicode.Scalar(byte)), radix: 16) else {
          throw error("bad \\u escape")
        }
        value = value * 16 + UInt32(digit)
      }
      return value
    }
  }
}
