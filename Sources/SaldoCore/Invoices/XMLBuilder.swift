/// Escaping for XML 1.0 text and attribute values.
public enum XMLEscape {
  /// Whether XML 1.0 allows the character at all (production `Char`). Control characters other
  /// than tab and line breaks, and U+FFFE/U+FFFF, make a document unreadable, even as `&#…;`.
  public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
    default: return false
    }
  }

  /// Character data: `&`, `<` and `>` escaped (`>` for `]]>`), forbidden characters dropped,
  /// carriage returns kept as `&#13;` because a parser would turn them into line feeds.
  public static func text(_ value: String) -> String {
    escape(value, attribute: false)
  }

  /// An attribute value in double or single quotes; tabs and line breaks as character
  /// references, because a parser replaces literal ones by spaces.
  public static func attribute(_ value: String) -> String {
    escape(value, attribute: true)
  }

  private static func escape(_ value: String, attribute: Bool) -> String {
    // Most values (amounts, dates, codes, plain names) need nothing: an invoice and its
    // e-mails escape hundreds of them, and rebuilding each scalar by scalar showed in ingest.
    let plain = value.utf8.allSatisfy { byte in
      byte.isPrintableASCII && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<")
        && byte != UInt8(ascii: ">")
        && !(attribute && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")))
    }
    if plain { return value }
    var out = String.UnicodeScalarView()
    for scalar in value.unicodeScalars where isAllowed(scalar) {
      switch scalar {
      case "&": out.append(contentsOf: "&amp;".unicodeScalars)
      case "<": out.append(contentsOf: "&lt;".unicodeScalars)
      case ">": out.append(contentsOf: "&gt;".unicodeScalars)
      case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
      case "\"" where attribute: out.append(contentsOf: "&quot;".unicodeScalars)
      case "'" where attribute: out.append(contentsOf: "&apos;".unicodeScalars)
      case "\t" where attribute: out.append(contentsOf: "&#9;".unicodeScalars)
      case "\n" where attribute: out.append(contentsOf: "&#10;".unicodeScalars)
      default: out.append(scalar)
      }
    }
    return String(out)
  }
}

/// Writes indented XML, element by element, in the order the caller gives: the UBL schema
/// fixes the order of elements, and the writer keeps it visible in one place.
struct XMLBuilder {
  private(set) var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  private var depth = 0

  /// An element with children written by `body`.
  mutating func element(
    _ name: String, _ attributes: KeyValuePairs<String, String> = [:],
    _ body: (inout XMLBuilder) -> Void
  ) {
    openTag(name, attributes)
    output.append("\n")
    depth += 1
    body(&self)
    depth -= 1
    indent()
    closeTag(name)
  }

  /// A leaf element; left out when the value is nil or blank, because Peppol forbids empty
  /// elements (PEPPOL-EN16931-R008).
  mutating func leaf(
    _ name: String, _ value: String?, _ attributes: KeyValuePairs<String, String> = [:]
  ) {
    guard let value else { return }
    let text = XMLEscape.text(value)
    guard Self.hasContent(text) else { return }
    openTag(name, attributes)
    output.append(text)
    closeTag(name)
  }

  // Pieces are appended to the output one by one: joining them with `+` first made a new
  // string per piece, which cost more than the rest of writing an invoice.
  private mutating func openTag(_ name: String, _ attributes: KeyValuePairs<String, String>) {
    indent()
    output.append("<")
    output.append(name)
    for (key, value) in attributes {
      output.append(" ")
      output.append(key)
      output.append("=\"")
      output.append(XMLEscape.attribute(value))
      output.append("\"")
    }
    output.append(">")
  }

  private mutating func closeTag(_ name: String) {
    output.append("</")
    output.append(name)
    output.append(">\n")
  }

  private mutating func indent() {
    for _ in 0..<depth { output.append("  ") }
  }

  /// Whether `text` has anything but whitespace; plain ASCII is judged by its bytes.
  private static func hasContent(_ text: String) -> Bool {
    var ascii = true
    for byte in text.utf8 {
      if byte >= 0x80 {
        ascii = false
        break
      }
      if !byte.isASCIISpace { return true }
    }
    return !ascii && text.contains(where: { !$0.isWhitespace })
  }
}
