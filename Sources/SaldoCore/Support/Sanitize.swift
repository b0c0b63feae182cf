/// Makes stored or typed text safe to show on a terminal or on one line of output.
public enum Sanitize {
  /// Removes C0/C1 control characters (so no stored text can send escape sequences), turns
  /// line breaks and tabs into spaces, and cuts the result to `limit` characters.
  public static func line(_ text: String, limit: Int = 200) -> String {
    // Printable ASCII within the limit passes unchanged, without a scalar-by-scalar copy.
    let utf8 = text.utf8
    if utf8.count <= limit, utf8.allSatisfy(\.isPrintableASCII) { return text }
    var out = String.UnicodeScalarView()
    var count = 0
    for scalar in text.unicodeScalars {
      if count >= limit { break }
      let value = scalar.value
      if value == 0x09 || value == 0x0A || value == 0x0D {
        out.append(" ")
      } else if value < 0x20 || (value >= 0x7F && value < 0xA0) || value == 0x2028
        || value == 0x2029 || (value >= 0x202A && value <= 0x202E)
        || (value >= 0x2066 && value <= 0x2069)
      {
        continue
      } else {
        out.append(scalar)
      }
      count += 1
    }
    return String(out)
  }

  /// Whether a name typed by a person is acceptable to store: non-empty after trimming, no
  /// control characters, at most `limit` characters.
  public static func validName(_ text: String, limit: Int = 200) -> Bool {
    // Fast path for the common case (printable ASCII), which runs for every consumed event.
    let utf8 = text.utf8
    let printableASCII =
      utf8.withContiguousStorageIfAvailable { bytes in
        // On the buffer: the String view's iterator costs several times as much per byte.
        guard bytes.count <= limit, let first = bytes.first, let last = bytes.last,
          first != 0x20, last != 0x20
        else { return false }
        for byte in bytes where byte < 0x20 || byte >= 0x7F { return false }
        return true
      } ?? false
    if printableASCII { return true }
    let trimmed = text.trimmingWhitespace()
    guard !trimmed.isEmpty, trimmed.unicodeScalars.count <= limit else { return false }
    return line(trimmed, limit: limit + 1) == trimmed
  }

  /// The one filter between stored text and a terminal: keeps line breaks and tabs, drops
  /// every other control character (C0, DEL, C1, so no escape sequence gets through), the
  /// bidirectional controls and line separators. Everything the CLI prints passes here.
  public static func terminal(_ text: String) -> String {
    // Fast path: printable ASCII, line breaks and tabs need no change.
    if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }) {
      return text
    }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if value == 0x0A || value == 0x09 {
        out.append(scalar)
      } else if value < 0x20 || (value >= 0x7F && value < 0xA0) || value == 0x2028
        || value == 0x2029 || (value >= 0x202A && value <= 0x202E)
        || (value >= 0x2066 && value <= 0x2069)
      {
        continue
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }
}

extension String {
  /// The text ended as a sentence: a full stop added unless it ends in one already (as
  /// "Acme B.V." does), so names never end a sentence in "B.V..".
  public var endingSentence: String { hasSuffix(".") ? self : self + "." }
}
