/// A SEPA creditor identifier: the id a bank issues to a company that collects by direct debit.
///
/// The layout is the EPC's: country code, two check digits, a three-character business code
/// chosen by the creditor (usually `ZZZ`) and a national identifier, e.g. `NL69ZZZ123456780000`
/// or `DE98ZZZ09999999999`. The check digits are ISO 7064 mod 97-10 over the national
/// identifier, the country and `00`, leaving the business code out, so the same creditor can use
/// several business codes under one check. Checking it here catches a mistyped id before the
/// bank refuses a whole batch for it.
public struct SEPACreditorID: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The id in its electronic form: upper case, no spaces.
  public let value: String

  /// Parses an id as a person may type it: spaces are ignored, letters may be lower case.
  /// The same check, reporting like the other identifier parsers.
  public static func parse(_ text: String) throws(IdentifierError) -> SEPACreditorID {
    do { return try SEPACreditorID(text) } catch {
      switch error {
      case .empty: throw .empty(.creditorID)
      case .checksumMismatch: throw .checkDigits(.creditorID)
      default:
        throw .wrongFormat(
          .creditorID, expected: tr("a country, two check digits, a business code and an id", .en))
      }
    }
  }

  public init(_ text: String) throws(SEPACreditorIDError) {
    let compact = String(text.unicodeScalars.filter { $0 != " " }.map(Character.init))
      .uppercased()
    guard !compact.isEmpty else { throw .empty }
    let chars = Array(compact.unicodeScalars)
    guard chars.allSatisfy({ Self.isDigit($0) || Self.isLetter($0) }) else {
      throw .invalidCharacters
    }
    // CC + 2 check digits + 3-character business code + at least one character of national id;
    // 35 is the length of the field that carries it in payment files.
    guard chars.count >= 8, chars.count <= 35 else { throw .wrongLength(chars.count) }
    guard Self.isLetter(chars[0]), Self.isLetter(chars[1]) else { throw .invalidCountry }
    guard Self.isDigit(chars[2]), Self.isDigit(chars[3]) else { throw .invalidCheckDigits }
    let country = String(String.UnicodeScalarView(chars[0..<2]))
    let national = String(String.UnicodeScalarView(chars[7...]))
    let given = Int(String(String.UnicodeScalarView(chars[2..<4]))) ?? -1
    guard Self.checkDigits(national: national, country: country) == given else {
      throw .checksumMismatch
    }
    value = compact
  }

  /// An id as the store keeps it: checked when it was entered (`saldo check` reports one that
  /// no longer parses).
  init(stored value: String) { self.value = value }

  /// The two-letter country code, e.g. `NL`.
  public var country: String { String(value.prefix(2)) }

  /// The creditor business code (positions 5–7), e.g. `ZZZ`.
  public var businessCode: String { String(value.dropFirst(4).prefix(3)) }

  /// The national identifier after the business code, e.g. a Dutch KvK number plus suffix.
  public var nationalID: String { String(value.dropFirst(7)) }

  public var description: String { value }

  /// The check digits (2…98) for a national identifier in a country: 98 minus the remainder
  /// modulo 97 of the digits obtained by writing letters as numbers (A = 10 … Z = 35).
  static func checkDigits(national: String, country: String) -> Int {
    var remainder = 0
    for scalar in (national + country + "00").unicodeScalars {
      if isDigit(scalar) {
        remainder = (remainder * 10 + Int(scalar.value - 48)) % 97
      } else {
        // Letters stand for two digits, so shift by 100; the remainder stays below 97·100.
        remainder = (remainder * 100 + Int(scalar.value - 65 + 10)) % 97
      }
    }
    return 98 - remainder
  }

  private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
  private static func isLetter(_ s: Unicode.Scalar) -> Bool { s.value >= 65 && s.value <= 90 }
}

/// Why a typed creditor identifier was refused; each message says what to type instead.
public enum SEPACreditorIDError: Error, Equatable, CustomStringConvertible {
  case empty
  case invalidCharacters
  case wrongLength(Int)
  case invalidCountry
  case invalidCheckDigits
  case checksumMismatch

  private static var example: String { tr("e.g. NL69ZZZ123456780000") }

  public var description: String {
    switch self {
    case .empty:
      return tr("enter the creditor id your bank issued, \(Self.example)")
    case .invalidCharacters:
      return tr("a creditor id has only letters and digits; type it as \(Self.example)")
    case .wrongLength(let count):
      return tr(
        "a creditor id has 8 to 35 letters and digits, not \(count); "
          + "type the whole id, \(Self.example)")
    case .invalidCountry:
      return tr("a creditor id starts with a two-letter country code; type it as \(Self.example)")
    case .invalidCheckDigits:
      return tr(
        "a creditor id has two check digits after the country code; "
          + "type it as \(Self.example)")
    case .checksumMismatch:
      return tr(
        "the creditor id's check digits do not match; "
          + "copy it again from your bank's letter, \(Self.example)")
    }
  }
}
