/// Quoted-printable (RFC 2045 §6.7) for UTF-8 text bodies.
///
/// Chosen over base64 because notification mails are mostly ASCII: the encoded body stays
/// readable in logs and in a mail client's source view, and only the odd `é` costs six bytes.
enum QuotedPrintable {
  /// The longest encoded line, soft line break included.
  static let lineLimit = 76

  /// Encodes text with CRLF line endings.
  ///
  /// Any line break in the input (CRLF, LF or CR) becomes a CRLF hard break; long lines get soft
  /// breaks. A `.` or `From ` at the start of an encoded line is encoded too, so relays that
  /// dot-stuff badly or mbox files cannot alter the text. When the text does not end in a line
  /// break, the last line ends in a soft break: the message still ends in CRLF, but the decoded
  /// text is exactly the input.
  static func encode(_ text: String) -> String {
    let lines = splitLines(Array(text.utf8))
    var out = ""
    for (index, line) in lines.enumerated() {
      let isLast = index == lines.count - 1
      if isLast && line.isEmpty { break }  // the text ended with a line break
      out += encodeLine(line, softBreakAfter: isLast)
      out += isLast ? "=\r\n" : "\r\n"
    }
    return out
  }

  /// Splits on CRLF, LF and lone CR; a trailing break leaves an empty last line.
  private static func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var current: [UInt8] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x0D || byte == 0x0A {
        lines.append(current)
        current = []
        if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
      } else {
        current.append(byte)
      }
      index += 1
    }
    lines.append(current)
    return lines
  }

  /// One input line as one or more encoded lines joined by soft breaks (`=` CRLF).
  private static func encodeLine(_ line: [UInt8], softBreakAfter: Bool) -> String {
    var out = ""
    var column = 0
    for (index, byte) in line.enumerated() {
      let atLineEnd = index == line.count - 1
      var token = literal(byte, atLineEnd: atLineEnd) ?? hex(byte)
      // Leave room for the "=" of a soft break unless this token ends the line for good.
      let room = atLineEnd && !softBreakAfter ? lineLimit : lineLimit - 1
      if column + token.utf8.count > room {
        out += "=\r\n"
        column = 0
      }
      if column == 0 && needsGuard(line, at: index) { token = hex(byte) }
      out += token
      column += token.utf8.count
    }
    return out
  }

  /// The byte as itself when it may stand unencoded, else `nil`.
  private static func literal(_ byte: UInt8, atLineEnd: Bool) -> String? {
    switch byte {
    case 0x21...0x3C, 0x3E...0x7E: return String(UnicodeScalar(byte))
    case 0x20, 0x09:
      // Trailing white space may be stripped in transit, so it is encoded at a line's end.
      return atLineEnd ? nil : String(UnicodeScalar(byte))
    default: return nil
    }
  }

  /// Whether a byte starting an encoded line must be hidden: `.` (SMTP's end-of-data line)
  /// or the `F` of `From ` (mbox's message separator).
  private static func needsGuard(_ line: [UInt8], at index: Int) -> Bool {
    if line[index] == 0x2E { return true }
    let from: [UInt8] = Array("From ".utf8)
    return line[index...].starts(with: from)
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF".unicodeScalars)
    return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
  }
}
