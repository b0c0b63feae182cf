/// Changes to an organisation's invoice data; nil leaves a field as it is, "" clears it.
public struct OrganisationChanges: Sendable, Hashable {
  public var street: String?
  public var postcode: String?
  public var city: String?
  public var country: String?
  public var kvk: String?
  public var vat: String?
  /// `SCHEME:ID`, e.g. `0106:12345678`.
  public var peppol: String?
  /// A legal registration as `SCHEME:ID` (ISO 6523 / Peppol code), e.g. `0208:0417497106`.
  public var registration: String?
  /// The language of its invoices, `nl` or `en`; "" goes back to the country's default.
  public var language: String?

  public init(
    street: String? = nil, postcode: String? = nil, city: String? = nil, country: String? = nil,
    kvk: String? = nil, vat: String? = nil, peppol: String? = nil, registration: String? = nil,
    language: String? = nil
  ) {
    self.language = language
    self.registration = registration
    self.street = street
    self.postcode = postcode
    self.city = city
    self.country = country
    self.kvk = kvk
    self.vat = vat
    self.peppol = peppol
  }

  /// Applies the changes to `details`, checking every identifier (KvK 8 digits, VAT id by its
  /// country's rule, Peppol and registration scheme and id, ISO country code) and that the VAT
  /// id belongs to the organisation's country.
  public func applied(to details: PartyDetails) throws -> PartyDetails {
    var result = details
    func text(_ value: String?, _ what: String, limit: Int = 200) throws -> String?? {
      guard let value else { return .none }
      let trimmed = value.trimmingWhitespace()
      if trimmed.isEmpty { return .some(nil) }
      return .some(try Saldo.checkName(trimmed, what: what, limit: limit))
    }
    func identifier<T>(_ value: String?, _ what: String, _ parse: (String) throws -> T) throws
      -> T??
    {
      guard let value else { return .none }
      if value.trimmingWhitespace().isEmpty { return .some(nil) }
      do { return .some(try parse(value)) } catch {
        throw SaldoError.invalid(tr("\(what): \(error)"))
      }
    }
    if let street = try text(street, tr("street")) { result.street = street }
    if let postcode = try text(postcode, tr("postcode"), limit: 20) { result.postcode = postcode }
    if let city = try text(city, tr("city")) { result.city = city }
    if let country = try identifier(country, tr("country"), { try CountryCode.parse($0) }) {
      result.country = country?.value
    }
    if let kvk = try identifier(kvk, tr("KvK number"), { try KvKNumber.parse($0) }) {
      result.kvk = kvk
    }
    if let vat = try identifier(vat, tr("VAT id"), { try VATID.parse($0) }) {
      result.vat = vat
    }
    if let peppol = try identifier(peppol, tr("Peppol id"), { try PeppolParticipantID.parse($0) }) {
      result.peppol = peppol
    }
    if let registration = try identifier(
      registration, tr("registration"), { try PeppolParticipantID.parse($0) })
    {
      result.registration = registration
    }
    if let country = result.country, let id = result.vat, id.country != country {
      // Reverse charge is decided from the country; an id of another country would shift the
      // VAT to the wrong state.
      throw SaldoError.invalid(
        tr(
          "the VAT id \(id.value) is of \(id.country), but the organisation is in \(country);"
            + " set --country \(id.country) or give a VAT id of \(country)"))
    }
    return result
  }

  /// The organisation's invoice language after the change (nil: the country's default).
  public func appliedLanguage(to current: Language?) throws -> Language? {
    guard let language else { return current }
    if language.trimmingWhitespace().isEmpty { return nil }
    return try Language.parse(language)
  }
}

extension DirectoryService {
  /// Changes an organisation's invoice data (administrators only).
  @discardableResult
  public func updateOrganisation(
    _ organisation: Organisation, _ changes: OrganisationChanges
  ) throws -> Organisation {
    let details = try changes.applied(to: organisation.details)
    let language = try changes.appliedLanguage(to: organisation.language)
    return try store.write {
      guard let environment = try store.environment(id: organisation.environmentID) else {
        throw SaldoError.notFound(tr("the environment of \(organisation.name) is missing"))
      }
      try access.requireAdministrator(of: environment, to: tr("change organisations"))
      // What an online payment costs was fixed at checkout, VAT treatment included; its
      // invoice must say the same when it is paid.
      if details.country != organisation.details.country || details.vat != organisation.details.vat,
        let open = try store.payments(environmentID: environment.id, limit: 1_000).first(where: {
          $0.organisationID == organisation.id && ($0.status == .open || $0.status == .pending)
        })
      {
        throw SaldoError.conflict(
          tr(
            "\(organisation.name) has an open online payment (\(open.id)) whose VAT was fixed at"
              + " checkout; change its country or VAT id once that payment is paid, canceled or"
              + " expired (`saldo payments list`)"))
      }
      var updated = organisation
      updated.details = details
      updated.language = language
      try store.updateOrganisation(updated)
      return updated
    }
  }
}
