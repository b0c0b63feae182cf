/// The one normalisation for every name Saldo stores (environments, organisations, people,
/// account holders, order numbers, reasons).
///
/// A name is stored exactly as invoices, files and screens show it, so two spellings that look
/// the same must become one: text is put in Unicode normalisation form C and trimmed. What
/// cannot be shown faithfully is refused with the offending code point named, never silently
/// changed: control characters, invisible format characters (zero-width spaces and joiners,
/// bidirectional controls, the byte-order mark), line and paragraph separators, private-use,
/// unassigned code points and noncharacters.
public enum TextRules {
  /// How long a name may be, in characters as a person counts them.
  public static let nameLimit = 200

  /// Decodes bytes that must be UTF-8, refusing invalid input with the byte offset where it
  /// goes wrong (instead of replacing it, which would store something nobody typed).
  public static func decodeUTF8<Bytes: Collection>(_ bytes: Bytes, what: String)
    throws(SaldoError) -> String where Bytes.Element == UInt8
  {
    switch decoded(bytes) {
    case .success(let text): return text
    case .failure(let offset):
      throw SaldoError.invalid(
        tr("the \(what) is not valid UTF-8 (at byte \(offset.byte)); save it as UTF-8"))
    }
  }

  /// The byte offset where `bytes` stop being UTF-8; nil when they are UTF-8.
  static func invalidUTF8Offset<Bytes: Collection>(_ bytes: Bytes) -> Int?
  where Bytes.Element == UInt8 {
    if case .failure(let offset) = decoded(bytes) { return offset.byte }
    return nil
  }

  struct InvalidUTF8: Error {
    let byte: Int
  }

  private static func decoded<Bytes: Collection>(_ bytes: Bytes) -> Result<String, InvalidUTF8>
  where Bytes.Element == UInt8 {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var offset = 0
    var consumed = 0
    var scalars = String.UnicodeScalarView()
    // Count bytes per scalar by re-encoding: the decoder does not report positions.
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        scalars.append(scalar)
        consumed += UTF8.width(scalar)
        offset = consumed
      case .emptyInput:
        return .success(String(scalars))
      case .error:
        return .failure(InvalidUTF8(byte: offset))
      }
    }
  }

  /// The stored form of a name: NFC, trimmed, checked. Throws a one-line message naming what is
  /// wrong (empty, too long, or a code point that cannot be stored).
  public static func name(_ text: String, what: String, limit: Int = nameLimit)
    throws(SaldoError) -> String
  {
    let normalized = nfc(text).trimmingWhitespace()
    if normalized.isEmpty { throw SaldoError.invalid(tr("the \(what) must not be empty")) }
    if let scalar = normalized.unicodeScalars.first(where: { !isStorable($0) }) {
      throw SaldoError.invalid(
        tr(
          "the \(what) contains \(describe(scalar)), which cannot be stored; remove it"))
    }
    // Characters as a person counts them; the scalar bound stops a pile of combining marks.
    if normalized.count > limit || normalized.unicodeScalars.count > limit * 4 {
      throw SaldoError.invalid(
        tr(
          "the \(what) is too long (\(normalized.count) characters); use at most \(limit)"))
    }
    return normalized
  }

  /// The name of an organisation: a name, and not made only of digits, because `--org` and the
  /// consumption files' `org` take a name or an id and such a name would read as an id.
  public static func organisationName(_ text: String) throws(SaldoError) -> String {
    let checked = try name(text, what: tr("organisation name"))
    if checked.unicodeScalars.allSatisfy({ $0.properties.numericType == .decimal }) {
      throw SaldoError.invalid(
        tr(
          "the organisation name \(checked) is only digits and would read as an organisation id;"
            + " add a letter"))
    }
    return checked
  }

  /// The form a typed name is looked up in: the stored form, or the text as given when it
  /// could never have been stored (then nothing matches).
  public static func lookupForm(_ text: String) -> String {
    (try? name(text, what: tr("name"), limit: Int.max / 8)) ?? text
  }

  /// Unicode normalisation form C.
  public static func nfc(_ text: String) -> String {
    // Pure ASCII is its own NFC: the common case costs a scan, not a copy.
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
    return String(decoding: Array(text._nfcCodeUnits), as: UTF8.self)
  }

  /// Whether a code point may be part of a stored name.
  public static func isStorable(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value >= 0x20 && value < 0x7F { return true }
    if isNoncharacter(scalar) { return false }
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned,
      .surrogate:
      return false
    default:
      return true
    }
  }

  static func isNoncharacter(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
  }

  /// "U+200B (a format character)" and the like, for messages.
  public static func describe(_ scalar: Unicode.Scalar) -> String {
    var hex = String(scalar.value, radix: 16, uppercase: true)
    while hex.count < 4 { hex = "0" + hex }
    let kind: String
    if isNoncharacter(scalar) {
      kind = tr("a noncharacter")
    } else {
      switch scalar.properties.generalCategory {
      case .control: kind = tr("a control character")
      case .format:
        let value = scalar.value
        let bidi =
          (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
          || value == 0x200E || value == 0x200F || value == 0x061C
        kind = bidi ? tr("a bidirectional control") : tr("an invisible format character")
      case .lineSeparator, .paragraphSeparator: kind = tr("a line separator")
      case .privateUse: kind = tr("a private-use character")
      case .unassigned: kind = tr("an unassigned code point")
      default: kind = tr("a character")
      }
    }
    let name = scalar.properties.name.map { " " + $0 } ?? ""
    return "U+\(hex)\(name) (\(kind))"
  }
}
