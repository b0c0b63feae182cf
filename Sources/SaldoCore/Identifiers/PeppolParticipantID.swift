/// A Peppol participant identifier, `SCHEME:ID`: where an organisation receives e-invoices.
///
/// The scheme is an Electronic Address Scheme (EAS) code. For the schemes Saldo's customers
/// use, the identifier is checked as the Peppol rules check it (length, check digits), so an
/// invoice is never addressed to an id the network would refuse.
public struct PeppolParticipantID: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The four-character EAS code, e.g. `0106`.
  public let scheme: String
  /// The identifier within the scheme, normalised (letters uppercased where the scheme has
  /// letters, separators removed where the scheme has none).
  public let value: String

  /// Parses `SCHEME:ID`; an `iso6523-actorid-upis::` prefix, as copied from the Peppol
  /// directory, is accepted and dropped.
  public static func parse(_ text: String) throws(IdentifierError) -> PeppolParticipantID {
    try IdentifierText.precheck(text, .peppol)
    var trimmed = text.trimmingWhitespace()
    let prefix = "iso6523-actorid-upis::"
    if trimmed.lowercased().hasPrefix(prefix) { trimmed = String(trimmed.dropFirst(prefix.count)) }
    guard let colon = trimmed.firstIndex(of: ":") else { throw .missingPeppolScheme(text) }
    let scheme = String(trimmed[..<colon]).trimmingWhitespace().uppercased()
    let rest = String(trimmed[trimmed.index(after: colon)...]).trimmingWhitespace()
    guard let known = PeppolScheme.byCode[scheme] ?? PeppolScheme.other(scheme) else {
      throw .unknownPeppolScheme(scheme, known: PeppolScheme.named.map(\.label))
    }
    return PeppolParticipantID(stored: scheme, value: try known.normalise(rest))
  }

  /// Builds the id from its parts, checking them as `parse` does.
  public static func make(scheme: String, value: String) throws(IdentifierError)
    -> PeppolParticipantID
  {
    try parse(scheme + ":" + value)
  }

  /// An id as the store keeps it (or as Saldo builds it from a checked KvK number): checked
  /// when it was made, so it is not parsed again wherever it is used.
  init(stored scheme: String, value: String) {
    self.scheme = scheme
    self.value = value
  }

  public var description: String { scheme + ":" + value }
}

/// One Electronic Address Scheme with the rule its identifiers follow.
struct PeppolScheme: Sendable {
  let code: String
  let name: String
  /// What the identifier looks like, for error messages: "8 digits, e.g. 0106:12345678".
  let rule: String
  let check: @Sendable (String) -> String?

  var label: String { code + " (" + name + ")" }

  func normalise(_ value: String) throws(IdentifierError) -> String {
    guard let normalised = check(value) else {
      throw .invalidPeppolValue(scheme: code, rule: rule)
    }
    return normalised
  }

  /// A scheme of the EAS list without a specific rule: any id of printable ASCII.
  static func other(_ code: String) -> PeppolScheme? {
    guard easCodes.contains(code) else { return nil }
    // Schemes without a rule of their own take the characters the Peppol identifier policy
    // allows in participant ids: letters, digits and - . _ : (no markup, quotes or spaces).
    return PeppolScheme(
      code: code, name: "EAS", rule: tr("letters, digits and - . _ : only, at most 100", .en)
    ) { value in
      guard !value.isEmpty, value.count <= 100,
        value.unicodeScalars.allSatisfy({ scalar in
          let v = scalar.value
          return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
            || scalar == "-" || scalar == "." || scalar == "_" || scalar == ":"
        })
      else { return nil }
      return value
    }
  }

  static func digits(_ count: Int, _ extra: @escaping @Sendable (String) -> Bool = { _ in true })
    -> @Sendable (String) -> String?
  {
    { value in
      guard let compact = IdentifierText.compact(value), compact.count == count,
        IdentifierText.allDigits(compact), extra(compact)
      else { return nil }
      return compact
    }
  }

  /// Schemes Saldo's customers use, checked as the Peppol rules (PEPPOL-COMMON-R0xx) check them.
  static let named: [PeppolScheme] = [
    PeppolScheme(
      code: "0106", name: "KvK", rule: tr("8 digits, e.g. 0106:12345678", .en), check: digits(8)),
    PeppolScheme(
      code: "0190", name: "OIN", rule: tr("20 digits, e.g. 0190:00000001234567890000", .en),
      check: digits(20)),
    PeppolScheme(
      code: "9944", name: "NL VAT", rule: tr("a Dutch VAT number, e.g. 9944:NL123456782B01", .en),
      check: { try? DutchVATID.parse($0).value }),
    PeppolScheme(
      code: "0208", name: "BE enterprise number", rule: tr("10 digits, e.g. 0208:0417497106", .en),
      check: digits(10, CheckDigits.belgian)),
    PeppolScheme(
      code: "9925", name: "BE VAT", rule: tr("BE and 10 digits, e.g. 9925:BE0417497106", .en),
      check: { value in
        guard let compact = IdentifierText.compact(value), compact.hasPrefix("BE"),
          let checked = digits(10, CheckDigits.belgian)(String(compact.dropFirst(2)))
        else { return nil }
        return "BE" + checked
      }),
    PeppolScheme(
      code: "0088", name: "GLN", rule: tr("13 digits, e.g. 0088:5790000435975", .en),
      check: digits(13, CheckDigits.gs1)),
    PeppolScheme(
      code: "0192", name: "NO organisation number", rule: tr("9 digits, e.g. 0192:974760673", .en),
      check: digits(9, CheckDigits.mod11Norway)),
    PeppolScheme(
      code: "0007", name: "SE organisation number",
      rule: tr("10 digits, e.g. 0007:5560360793", .en),
      check: digits(10, CheckDigits.luhn)),
    PeppolScheme(
      code: "0184", name: "DK CVR", rule: tr("8 digits (MOD 11), e.g. 0184:13585628", .en),
      check: digits(8) { VATCheck.weighted($0, [2, 7, 6, 5, 4, 3, 2, 1]) % 11 == 0 }),
    PeppolScheme(
      code: "0217", name: "KvK establishment", rule: tr("12 digits, e.g. 0217:000012345678", .en),
      check: digits(12)),
    PeppolScheme(
      code: "0002", name: "FR SIREN", rule: tr("9 digits (Luhn), e.g. 0002:303265045", .en),
      check: digits(9, CheckDigits.luhn)),
    PeppolScheme(
      code: "0009", name: "FR SIRET", rule: tr("14 digits (Luhn), e.g. 0009:30326504500011", .en),
      check: digits(14, CheckDigits.siret)),
    PeppolScheme(
      code: "0204", name: "DE Leitweg-ID",
      rule: tr(
        "coarse address, optional fine address and 2 check digits, e.g."
          + " 0204:04011000-1234512345-06", .en),
      check: CheckDigits.leitweg),
    PeppolScheme(
      code: "9930", name: "DE VAT", rule: tr("DE and 9 digits, e.g. 9930:DE136695976", .en),
      check: { value in
        guard let id = try? VATID.parse(value), id.prefix == "DE" else { return nil }
        return id.value
      }),
  ]

  static let byCode: [String: PeppolScheme] = Dictionary(
    named.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

  /// The EAS code list of the Peppol 2026.5 rules (BR-CL-25).
  static let easCodes: Set<String> = Set(
    """
    0002 0007 0009 0037 0060 0088 0096 0097 0106 0130 0135 0142 0147 0151 0154 0158 0170 0177
    0183 0184 0188 0190 0191 0192 0193 0194 0195 0196 0198 0199 0200 0201 0202 0203 0204 0205
    0208 0209 0210 0211 0212 0213 0215 0216 0217 0218 0219 0220 0221 0225 0230 0235 0240 0244
    0242 0245 0246 0248 9910 9913 9914 9915 9918 9919 9920 9922 9923 9924 9925 9926 9927 9928
    9929 9930 9931 9932 9933 9934 9935 9936 9937 9938 9939 9940 9941 9942 9943 9944 9945 9946
    9947 9948 9949 9950 9951 9952 9953 9957 9959
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
