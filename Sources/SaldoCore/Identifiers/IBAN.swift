/// An International Bank Account Number, validated: known country, its length, MOD 97 check.
///
/// Stored in electronic form (`NL91ABNA0417164300`): that is what invoices and SEPA files carry.
/// People see `formatted` or, where the number should not be shown in full, `masked`.
public struct IBAN: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The electronic form: uppercase, no spaces.
  public let value: String

  /// Parses an IBAN as typed or pasted: spaces are removed and letters uppercased.
  public static func parse(_ text: String) throws(IdentifierError) -> IBAN {
    try IdentifierText.precheck(text, .iban)
    guard let compact = IdentifierText.compact(text, removing: [" "]) else {
      throw .invalidCharacters(.iban, text)
    }
    let country = String(compact.prefix(2))
    guard country.count == 2, country.allSatisfy(\.isLetter) else {
      throw .wrongFormat(.iban, expected: tr("two letters, two check digits and the account", .en))
    }
    guard let length = lengths[country] else { throw .unsupportedIBANCountry(country) }
    guard compact.count == length else {
      throw .wrongLength(.iban, expected: length, actual: compact.count)
    }
    guard IdentifierText.allDigits(String(compact.dropFirst(2).prefix(2))) else {
      throw .wrongFormat(.iban, expected: tr("two letters, two check digits and the account", .en))
    }
    let rearranged = String(compact.dropFirst(4)) + compact.prefix(4)
    guard CheckDigits.mod97(rearranged) == 1 else { throw .checkDigits(.iban) }
    return IBAN(value: compact)
  }

  private init(value: String) { self.value = value }

  /// An IBAN as the store keeps it: checked when it was entered, so it is not parsed again
  /// wherever it is used.
  init(stored value: String) { self.value = value }

  /// Checks on decoding too: a stored IBAN passes the same rules as a typed one.
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    self = try IBAN.parse(text)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }

  /// The ISO 3166 country of the account.
  public var countryCode: String { String(value.prefix(2)) }

  /// Groups of four for reading aloud and comparing: `NL91 ABNA 0417 1643 00`.
  public var formatted: String { Self.grouped(Array(value)).joined(separator: " ") }

  /// For lists and e-mails: country, check digits and the last four characters, the middle
  /// hidden in groups of four (`NL91 •••• •••• •••• 4300`), enough to recognise one's account.
  public var masked: String { mask(with: "•") }

  /// `masked` for ASCII terminals: `NL91 **** **** **** 4300`.
  public var maskedASCII: String { mask(with: "*") }

  public var description: String { formatted }

  private func mask(with symbol: Character) -> String {
    let hidden = max(value.count - 8, 0)
    let groups = (hidden + 3) / 4
    let middle = Array(repeating: String(repeating: symbol, count: 4), count: groups)
    return ([String(value.prefix(4))] + middle + [String(value.suffix(4))])
      .joined(separator: " ")
  }

  private static func grouped(_ characters: [Character]) -> [String] {
    stride(from: 0, to: characters.count, by: 4).map {
      String(characters[$0..<min($0 + 4, characters.count)])
    }
  }

  /// IBAN lengths from the SWIFT IBAN registry: all SEPA countries and their territories
  /// with own codes, plus other countries whose IBANs customers commonly hold.
  static let lengths: [String: Int] = [
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
  ]
}
