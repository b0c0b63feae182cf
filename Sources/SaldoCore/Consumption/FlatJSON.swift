/// A strict parser for one flat JSON object per line (string, number, boolean and null
/// values). Consumption lines need nothing more, and a small parser is fast on the ingest
/// path and easy to fuzz. Nested objects and arrays are refused.
enum FlatJSON {
  enum Value: Equatable {
    case string(String)
    /// The number's text as written, so nothing passes through floating point.
    case number(String)
    case bool(Bool)
    case null
  }

  struct SyntaxError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
  }

  static func parseObject(_ text: String) throws(SyntaxError) -> [String: Value] {
    try parseObject(bytes: Array(text.utf8)[...])
  }

  /// Parses bytes that are valid UTF-8 (the caller checked).
  static func parseObject(bytes: ArraySlice<UInt8>) throws(SyntaxError) -> [String: Value] {
    Dictionary(uniqueKeysWithValues: try parseMembers(bytes: bytes).map { ($0.key, $0.value) })
  }

  /// The members of an object in the order written, keys checked to be unique. A consumption
  /// line has four keys: finding them in an array costs a few comparisons of short strings,
  /// where a dictionary hashed every key twice per event.
  static func parseMembers(bytes: ArraySlice<UInt8>) throws(SyntaxError)
    -> [(key: String, value: Value)]
  {
    var parser = Parser(bytes: bytes)
    return try parser.object()
  }

  private struct Parser {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(bytes: ArraySlice<UInt8>) {
      self.bytes = bytes
      index = bytes.startIndex
    }

    mutating func object() throws(SyntaxError) -> [(key: String, value: Value)] {
      skipSpace()
      try expect(UInt8(ascii: "{"))
      var result: [(key: String, value: Value)] = []
      result.reserveCapacity(4)
      skipSpace()
      if peek() == UInt8(ascii: "}") {
        index += 1
        return try finish(result)
      }
      while true {
        skipSpace()
        let key = try string()
        skipSpace()
        try expect(UInt8(ascii: ":"))
        skipSpace()
        if result.contains(where: { $0.key == key }) {
          throw SyntaxError(message: "key \"\(key)\" appears twice")
        }
        result.append((key, try value()))
        skipSpace()
        guard let next = peek() else { throw SyntaxError(message: "unexpected end of line") }
        index += 1
        if next == UInt8(ascii: "}") { return try finish(result) }
        if next != UInt8(ascii: ",") { throw SyntaxError(message: "expected , or }") }
      }
    }

    private mutating func finish(_ result: [(key: String, value: Value)]) throws(SyntaxError)
      -> [(key: String, value: Value)]
    {
      skipSpace()
      if index != bytes.endIndex { throw SyntaxError(message: "text after the closing }") }
      return result
    }

    private mutating func value() throws(SyntaxError) -> Value {
      guard let first = peek() else { throw SyntaxError(message: "missing value") }
      switch first {
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "t"): try literal("true"); return .bool(true)
      case UInt8(ascii: "f"): try literal("false"); return .bool(false)
      case UInt8(ascii: "n"): try literal("null"); return .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
      default: throw SyntaxError(message: "values must be strings, numbers, true, false or null")
      }
    }

    private mutating func number() throws(SyntaxError) -> String {
      let start = index
      if peek() == UInt8(ascii: "-") { index += 1 }
      var digits = 0
      while let b = peek(),
        (b >= 48 && b <= 57) || b == UInt8(ascii: ".")
          || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") || b == UInt8(ascii: "+")
          || b == UInt8(ascii: "-")
      {
        index += 1
        digits += 1
        if digits > 40 { throw SyntaxError(message: "number too long") }
      }
      guard digits > 0 else { throw SyntaxError(message: "bad number") }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func literal(_ word: String) throws(SyntaxError) {
      let expected = Array(word.utf8)
      guard index + expected.count <= bytes.endIndex,
        bytes[index..<(index + expected.count)].elementsEqual(expected)
      else { throw SyntaxError(message: "bad literal") }
      index += expected.count
    }

    private mutating func string() throws(SyntaxError) -> String {
      try expect(UInt8(ascii: "\""))
      let start = index
      // Fast path: no escapes, so the string is a slice of the (valid UTF-8) input.
      while index < bytes.endIndex {
        let b = bytes[index]
        if b == UInt8(ascii: "\"") {
          let text = String(decoding: bytes[start..<index], as: UTF8.self)
          index += 1
          return text
        }
        if b < 0x20 { throw SyntaxError(message: "control character inside a string") }
        if b == UInt8(ascii: "\\") { break }
        index += 1
      }
      var out = Array(bytes[start..<index])
      while index < bytes.endIndex {
        let b = bytes[index]
        if b == UInt8(ascii: "\"") {
          index += 1
          return String(decoding: out, as: UTF8.self)
        }
        if b < 0x20 { throw SyntaxError(message: "control character inside a string") }
        if b == UInt8(ascii: "\\") {
          index += 1
          guard let escape = peek() else { break }
          index += 1
          switch escape {
          case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
          case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
          case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
          case UInt8(ascii: "b"): out.append(0x08)
          case UInt8(ascii: "f"): out.append(0x0C)
          case UInt8(ascii: "n"): out.append(0x0A)
          case UInt8(ascii: "r"): out.append(0x0D)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "u"): out.append(contentsOf: String(try unicodeEscape()).utf8)
          default: throw SyntaxError(message: "unknown escape in a string")
          }
          continue
        }
        out.append(b)
        index += 1
      }
      throw SyntaxError(message: "unterminated string")
    }

    private mutating func unicodeEscape() throws(SyntaxError) -> Unicode.Scalar {
      let high = try hex4()
      if (0xD800..<0xDC00).contains(high) {
        guard peek() == UInt8(ascii: "\\"), index + 1 < bytes.endIndex,
          bytes[index + 1] == UInt8(ascii: "u")
        else { throw SyntaxError(message: "lone surrogate in \\u escape") }
        index += 2
        let low = try hex4()
        guard (0xDC00..<0xE000).contains(low),
          let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        else { throw SyntaxError(message: "bad surrogate pair in \\u escape") }
        return scalar
      }
      guard let scalar = Unicode.Scalar(high) else {
        throw SyntaxError(message: "lone surrogate in \\u escape")
      }
      return scalar
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
      guard index + 4 <= bytes.endIndex else { throw SyntaxError(message: "short \\u escape") }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let b = bytes[index]
        index += 1
        let digit: UInt32
        switch b {
        case 48...57: digit = UInt32(b - 48)
        case 65...70: digit = UInt32(b - 55)
        case 97...102: digit = UInt32(b - 87)
        default: throw SyntaxError(message: "bad \\u escape")
        }
        value = value * 16 + digit
      }
      return value
    }

    private func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    private mutating func expect(_ byte: UInt8) throws(SyntaxError) {
      guard peek() == byte else {
        throw SyntaxError(message: "expected \(Character(Unicode.Scalar(byte)))")
      }
      index += 1
    }

    private mutating func skipSpace() {
      while let b = peek(), b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A { index += 1 }
    }
  }
}
