/// A Dutch Chamber of Commerce (KvK) registration number: exactly eight digits.
///
/// The Dutch invoicing rules identify a Dutch seller and buyer by this number (scheme 0106).
/// It has no check digit, so only the shape is checked.
public struct KvKNumber: Sendable, Hashable, Codable, CustomStringConvertible {
  public let value: String

  /// Parses a KvK number; spaces and dots between the digits are ignored.
  public static func parse(_ text: String) throws(IdentifierError) -> KvKNumber {
    try IdentifierText.precheck(text, .kvk)
    guard let compact = IdentifierText.compact(text), IdentifierText.allDigits(compact) else {
      throw .invalidCharacters(.kvk, text)
    }
    guard compact.count == 8 else { throw .wrongLength(.kvk, expected: 8, actual: compact.count) }
    return KvKNumber(value: compact)
  }

  private init(value: String) { self.value = value }

  /// A number the store holds: it was checked when it was entered.
  init(stored value: String) { self.value = value }

  public var description: String { value }
}

/// A Dutch VAT identification number (btw-id): `NL`, nine digits, `B`, two digits.
///
/// Checked against both check-digit rules in use: the elfproef on the nine digits (numbers
/// derived from the fiscal number) and, for the ids given to sole proprietors since 2020,
/// MOD 97 over the whole id. A real id passes one of the two; a typing error rarely does.
public struct DutchVATID: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Normalised form, `NL123456782B01`, as required on invoices (PEPPOL-COMMON-R056).
  public let value: String

  /// Parses a Dutch VAT id; spaces and dots are removed and letters uppercased.
  public static func parse(_ text: String) throws(IdentifierError) -> DutchVATID {
    try IdentifierText.precheck(text, .vat)
    guard let compact = IdentifierText.compact(text) else { throw .invalidCharacters(.vat, text) }
    let bytes = Array(compact.utf8)
    let isDigit = { (byte: UInt8) in byte >= 48 && byte <= 57 }
    guard bytes.count == 14, bytes[0] == 78, bytes[1] == 76, bytes[11] == 66,
      bytes[2...10].allSatisfy(isDigit), bytes[12...13].allSatisfy(isDigit)
    else {
      throw .wrongFormat(.vat, expected: tr("NL, nine digits, B and two digits", .en))
    }
    let digits = String(compact.dropFirst(2).prefix(9))
    guard CheckDigits.elfproef(digits) || CheckDigits.mod97(compact) == 1 else {
      throw .checkDigits(.vat)
    }
    return DutchVATID(value: compact)
  }

  private init(value: String) { self.value = value }

  public var description: String { value }
}
