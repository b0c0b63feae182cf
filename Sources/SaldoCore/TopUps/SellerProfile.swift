/// The platform operator as it appears on every invoice and direct-debit file. Kept as
/// settings in the store, configured by an operator (`saldo seller set`).
public struct SellerProfile: Sendable, Hashable {
  public var name: String
  public var details: PartyDetails
  public var iban: IBAN
  public var bic: BIC?
  public var creditorID: SEPACreditorID?
  /// Where payment questions go; shown on invoices' text rendering and e-mails.
  public var email: String?

  public init(
    name: String, details: PartyDetails, iban: IBAN, bic: BIC? = nil,
    creditorID: SEPACreditorID? = nil, email: String? = nil
  ) {
    self.name = name
    self.details = details
    self.iban = iban
    self.bic = bic
    self.creditorID = creditorID
    self.email = email
  }

  /// The seller as an operator types it: the IBAN, BIC and creditor id are checked here, each
  /// refusal one line naming the field.
  public static func parse(
    name: String, details: PartyDetails, iban: String, bic: String?, creditorID: String?,
    email: String?
  ) throws -> SellerProfile {
    let checkedIBAN: IBAN
    do { checkedIBAN = try IBAN.parse(iban) } catch {
      throw SaldoError.invalid(tr("seller IBAN: \(error.description)"))
    }
    var checkedBIC: BIC?
    if let bic = bic?.trimmingWhitespace(), !bic.isEmpty {
      do { checkedBIC = try BIC.parse(bic, field: tr("seller BIC", .en)) } catch {
        throw SaldoError.invalid(error.description)
      }
    }
    var creditor: SEPACreditorID?
    if let text = creditorID?.trimmingWhitespace(), !text.isEmpty {
      do { creditor = try SEPACreditorID(text) } catch {
        throw SaldoError.invalid(tr("seller creditor id: \(error.description)"))
      }
    }
    return SellerProfile(
      name: name, details: details, iban: checkedIBAN, bic: checkedBIC, creditorID: creditor,
      email: email)
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
    case "iban": return iban.value
    case "bic": return bic?.value
    case "creditor_id": return creditorID?.value
    case "email": return email
    default: return nil
    }
  }

  static func load(from values: [String: String]) -> SellerProfile? {
    guard let name = values["name"], let iban = values["iban"] else { return nil }
    var peppol: PeppolParticipantID?
    if let text = values["peppol"], let colon = text.firstIndex(of: ":") {
      peppol = PeppolParticipantID(
        stored: String(text[..<colon]), value: String(text[text.index(after: colon)...]))
    }
    return SellerProfile(
      name: name,
      details: PartyDetails(
        street: values["street"], postcode: values["postcode"], city: values["city"],
        country: values["country"], kvk: values["kvk"].map(KvKNumber.init(stored:)),
        vat: values["vat"].map(VATID.init(stored:)), peppol: peppol),
      iban: IBAN(stored: iban), bic: values["bic"].map(BIC.init(stored:)),
      creditorID: values["creditor_id"].map(SEPACreditorID.init(stored:)), email: values["email"])
  }

  /// The platform's own data in the demo environment.
  public static let demo = SellerProfile(
    name: "Saldo Platform B.V.",
    details: PartyDetails(
      street: "Stationsplein 45", postcode: "3511 ED", city: "Utrecht", country: "NL",
      kvk: KvKNumber(stored: "87654321"), vat: VATID(stored: "NL121547280B01"),
      peppol: PeppolParticipantID(stored: "0106", value: "87654321")),
    iban: IBAN(stored: "NL91ABNA0417164300"), bic: BIC(stored: "ABNANL2A"),
    creditorID: SEPACreditorID(stored: "NL69ZZZ123456780000"),
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
          tr(
            "the platform's seller data is not configured; an operator sets it with"
              + " `saldo seller set --name … --iban …` (see `saldo help seller set`)"))
      }
      return profile
    }
  }

  /// Stores the seller; its IBAN, BIC and creditor id arrive checked by their types.
  public func setSeller(_ profile: SellerProfile) throws {
    try store.write {
      try access.requireOperator(to: tr("change the seller data"))
      for key in SellerProfile.keys {
        if let value = profile.value(key) {
          try store.setSetting("seller." + key, value)
        }
      }
    }
  }
}
