/// The kinds of identifier Saldo parses; each knows an example to show when input is refused.
/// The raw value is the English name; `name` is the reader's.
public enum IdentifierKind: String, Sendable, Hashable, CaseIterable {
  case iban = "IBAN"
  case kvk = "KvK number"
  case vat = "Dutch VAT number"
  case vatID = "VAT id"
  case registration = "registration id"
  case peppol = "Peppol ID"
  case country = "country code"
  case creditorID = "SEPA creditor ID"

  /// The kind's name in the reader's language.
  public var name: String {
    switch self {
    case .iban: return "IBAN"
    case .kvk: return tr("KvK number")
    case .vat: return tr("Dutch VAT number")
    case .vatID: return tr("VAT id")
    case .registration: return tr("registration id")
    case .peppol: return tr("Peppol ID")
    case .country: return tr("country code")
    case .creditorID: return tr("SEPA creditor ID")
    }
  }

  /// What a person could type instead, shown in every error about this kind.
  public var example: String {
    switch self {
    case .iban: return "NL91 ABNA 0417 1643 00"
    case .kvk: return "12345678"
    case .vat: return "NL123456782B01"
    case .vatID: return "BE0417497106"
    case .registration: return "0208:0417497106"
    case .peppol: return "0106:12345678"
    case .country: return "NL"
    case .creditorID: return "NL69ZZZ123456780000"
    }
  }
}

/// Why an identifier was refused. Each message is one line that says what to type instead,
/// because it is printed as-is by the command line and shown under input fields; it is written
/// when shown, in the reader's language. The shapes and country words come from tables kept in
/// English (`tr(stored:)`).
public enum IdentifierError: Error, Equatable, Sendable, CustomStringConvertible {
  case empty(IdentifierKind)
  /// Far more characters than any identifier of this kind has.
  case tooLong(IdentifierKind)
  /// A character that cannot occur in this kind of identifier.
  case invalidCharacters(IdentifierKind, String)
  case wrongLength(IdentifierKind, expected: Int, actual: Int)
  /// The shape is wrong; `expected` describes the right one.
  case wrongFormat(IdentifierKind, expected: String)
  /// The check digits do not match: almost always a typing error.
  case checkDigits(IdentifierKind)
  /// An IBAN whose country is not in the table of IBAN lengths.
  case unsupportedIBANCountry(String)
  case unknownCountry(String)
  /// A Peppol ID without the `SCHEME:` part.
  case missingPeppolScheme(String)
  case unknownPeppolScheme(String, known: [String])
  /// The value does not fit its scheme; `rule` describes what it must look like.
  case invalidPeppolValue(scheme: String, rule: String)
  /// A VAT prefix Saldo has no rule for.
  case unsupportedVATCountry(String)
  /// A VAT id that does not have its country's shape; `country` is an adjective ("Belgian").
  case vatFormat(country: String, format: String, example: String)
  case vatCheckDigits(country: String, example: String)

  public var description: String {
    switch self {
    case .empty(let kind):
      return tr("enter a \(kind.name), e.g. \(kind.example)")
    case .tooLong(let kind):
      return tr("that is too long for a \(kind.name); type e.g. \(kind.example)")
    case .invalidCharacters(let kind, let text):
      return tr("\"\(Self.shown(text))\" is not a \(kind.name); type e.g. \(kind.example)")
    case .wrongLength(let kind, let expected, let actual):
      return tr(
        "a \(kind.name) has \(expected) characters, not \(actual); type e.g. \(kind.example)")
    case .wrongFormat(let kind, let expected):
      return tr("a \(kind.name) is \(tr(stored: expected)), e.g. \(kind.example)")
    case .checkDigits(let kind):
      return tr(
        "the check digits of this \(kind.name) do not match; check it for a typing error (e.g."
          + " \(kind.example))")
    case .unsupportedIBANCountry(let code):
      return tr(
        "IBANs from \"\(Self.shown(code))\" are not supported; type an IBAN from a SEPA"
          + " country, e.g. \(IdentifierKind.iban.example)")
    case .unknownCountry(let text):
      return tr(
        "\"\(Self.shown(text))\" is not an ISO country code; type two letters, e.g. NL, BE or DE")
    case .missingPeppolScheme(let text):
      return tr("\"\(Self.shown(text))\" lacks its scheme; type SCHEME:ID, e.g. 0106:12345678")
    case .unknownPeppolScheme(let scheme, let known):
      return tr(
        "unknown Peppol scheme \"\(Self.shown(scheme))\"; use one of"
          + " \(known.joined(separator: ", "))")
    case .invalidPeppolValue(let scheme, let rule):
      return tr("a Peppol ID with scheme \(scheme) takes \(tr(stored: rule))")
    case .unsupportedVATCountry(let prefix):
      return tr(
        "\"\(Self.shown(prefix))\" is not a VAT prefix Saldo knows; start with the country, e.g."
          + " BE0417497106 (EU member states, XI, CH, NO, GB)")
    case .vatFormat(let country, let format, let example):
      return tr("a \(tr(stored: country)) VAT id is \(tr(stored: format)), e.g. \(example)")
    case .vatCheckDigits(let country, let example):
      return tr(
        "the check digits of this \(tr(stored: country)) VAT id do not match; check it for a"
          + " typing error (e.g. \(example))")
    }
  }

  /// Input echoed in a message: one line, no control characters, short.
  private static func shown(_ text: String) -> String {
    let line = Sanitize.line(text, limit: 41)
    return line.count > 40 ? String(line.prefix(39)) + "…" : line
  }
}

/// Helpers shared by the identifier parsers.
enum IdentifierText {
  /// Longer input is refused before any work, so pasted garbage costs nothing.
  static let inputLimit = 200

  /// Uppercased ASCII letters and digits of `text`, with the separators people type (spaces,
  /// dots, dashes, no-break spaces) removed. Nil when anything else occurs.
  static func compact(_ text: String, removing separators: Set<Character> = [" ", ".", "-"])
    -> String?
  {
    var out = ""
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if value == 0x20 || value == 0x09 || value == 0xA0 || value == 0x202F {
        if separators.contains(" ") { continue }
        return nil
      }
      let character = Character(scalar)
      if separators.contains(character) { continue }
      guard scalar.isASCII, character.isLetter || character.isNumber else { return nil }
      out.append(character.uppercased())
    }
    return out
  }

  static func allDigits(_ text: String) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
  }

  /// Common front part of every parser: refuses empty and over-long input.
  static func precheck(_ text: String, _ kind: IdentifierKind) throws(IdentifierError) {
    if text.unicodeScalars.count > inputLimit { throw .tooLong(kind) }
    if text.trimmingWhitespace().isEmpty { throw .empty(kind) }
  }
}
