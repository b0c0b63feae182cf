/// A bank's business identifier code (ISO 9362), as SEPA files carry it: a four-letter bank
/// code, the two-letter country, a location and an optional three-character branch, e.g.
/// `INGBNL2A` or `DEUTDEFF500`.
public struct BIC: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Upper case, no spaces.
  public let value: String

  /// Parses a BIC as a person types it: spaces are ignored, letters may be lower case.
  /// `field` names it in the refusal ("debtor BIC", "the seller's BIC").
  public static func parse(_ text: String, field: String = tr("BIC", .en)) throws(SEPAError) -> BIC
  {
    let bic = String(text.unicodeScalars.filter { $0 != " " }.map(Character.init)).uppercased()
    let s = Array(bic.unicodeScalars)
    func letter(_ c: Unicode.Scalar) -> Bool { c.value >= 65 && c.value <= 90 }
    func digit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
    func alnum(_ c: Unicode.Scalar) -> Bool { letter(c) || digit(c) }
    guard s.count == 8 || s.count == 11, s[0..<6].allSatisfy(letter),
      letter(s[6]) || (s[6].value >= 50 && s[6].value <= 57),  // 0 and 1 are reserved
      alnum(s[7]) && s[7] != "O", s[8...].allSatisfy(alnum)
    else { throw .invalidBIC(field: field, value: text) }
    return BIC(stored: bic)
  }

  /// A BIC as the store keeps it: checked when it was entered, so it is not parsed again
  /// wherever it is used (`saldo check` reports one that no longer parses).
  init(stored value: String) { self.value = value }

  /// Checks on decoding too: a stored BIC passes the same rules as a typed one.
  public init(from decoder: any Decoder) throws {
    self = try BIC.parse(try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }

  public var description: String { value }
}

/// The reference of a SEPA direct-debit mandate, exactly as the debtor signed it: refused, never
/// cleaned, because a changed reference no longer matches the mandate.
public struct MandateReference: Sendable, Hashable, Codable, CustomStringConvertible {
  public let value: String

  /// 1 to 35 characters of the SEPA set, no space at either end, no leading or trailing `/`
  /// and no `//`.
  public static func parse(_ text: String, field: String = tr("mandate reference", .en))
    throws(SEPAError) -> MandateReference
  {
    MandateReference(stored: try SEPAField.identifier(text, field: field))
  }

  /// A reference as the store keeps it (or as Saldo issues it): checked when it was made.
  init(stored value: String) { self.value = value }

  public init(from decoder: any Decoder) throws {
    self = try MandateReference.parse(try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }

  public var description: String { value }
}
