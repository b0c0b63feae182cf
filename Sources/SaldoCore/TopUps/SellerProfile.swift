/// The platform operator as it appears on every invoice and direct-debit file. Kept as
/// settings in the store, configured by an operator (`saldo seller set`).
public struct SellerProfile: Sendable, Hashable {
  public var name: String
  public var details: PartyDetails
  public var iban: String
  public var bic: String?
  public var creditorID: String?
  /// Where payment questions go; shown on invoices' text rendering and e-mails.
  public var email: String?

  public init(
    name: String, details: PartyDetails, iban: String, bic: String? = nil,
    creditorID: String? = nil, email: String? = nil
  ) {
    self.name = name
    self.details = details
    self.iban = iban
    self.bic = bic
    self.creditorID = creditorID
    self.email = email
  }

  static let keys = [
    "name", "street", "postcode", "city", "country", "kvk", "vat", "peppol", "iban", "bic",
    "creditor_id", "email",
  ]

  func value(_ key: String) -> String? {
    switch key {
    case "name": return name
    case "street": return details.street
    case "postcode": return details.postcode
    case "city": return details.city
    case "country": return details.country
    case "kvk": return details.kvk?.value
    case "vat": return details.vat?.value
    case "peppol": return details.peppol?.description
    case "iban": return iban
    case "bic": return bic
    case "creditor_id": return creditorID
    case "email": return email
    default: return nil
    }
  }

  static func load(from values: [String: String]) -> SellerProfile? {
    guard let name = values["name"], let iban = values["iban"] else { return nil }
    var peppol: PeppolID?
    if let text = values["peppol"], let colon = text.firstIndex(of: ":") {
      peppol = PeppolID(
        scheme: String(text[..<colon]), value: String(text[text.index(after: colon)...]))
    }
    return SellerProfile(
      name: name,
      details: PartyDetails(
        street: values["street"], postcode: values["postcode"], city: values["city"],
        country: values["country"], kvk: values["kvk"].map(KvKNumber.init(stored:)),
        vat: values["vat"].map(VATID.init(stored:)), peppol: peppol),
      iban: iban, bic: values["bic"], creditorID: values["creditor_id"], email: values["email"])
  }

  /// The platform's own data in the demo environment.
  public static let demo = SellerProfile(
    name: "Saldo Platform B.V.",
    details: PartyDetails(
      street: "Stationsplein 45", postcode: "3511 ED", city: "Utrecht", country: "NL",
      kvk: KvKNumber(stored: "87654321"), vat: VATID(stored: "NL121547280B01"),
      peppol: PeppolID(scheme: "0106", value: "87654321")),
    iban: "NL91ABNA0417164300", bic: "ABNANL2A", creditorID: "NL69ZZZ123456780000",
    email: "billing@saldo.example")
}

extension PlatformService {
  /// The configured seller, or an error that says how to configure it.
  public func seller() throws -> SellerProfile {
    try store.read {
      var values: [String: String] = [:]
      for key in SellerProfile.keys {
        if let value = try store.setting("seller." + key) { values[key] = value }
      }
      guard let profile = SellerProfile.load(from: values) else {
        throw SaldoError.invalid(
          "the platform's seller data is not configured; an operator sets it with"
            + " `saldo seller set --name … --iban …` (see `saldo help seller set`)")
      }
      return profile
    }
  }

  /// Stores the seller after checking that a valid invoice can be made with it.
  public func setSeller(_ profile: SellerProfile) throws {
    _ = try TopUpInvoice.seller(profile)
    try store.write {
      try access.requireOperator(to: "change the seller data")
      for key in SellerProfile.keys {
        if let value = profile.value(key) {
          try store.setSetting("seller." + key, value)
        }
      }
    }
  }
}
