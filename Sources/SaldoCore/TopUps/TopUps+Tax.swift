extension TopUpService {
  /// The VAT treatment an invoice to `organisation` issued today gets, from the seller's and the
  /// organisation's data now. Every figure shown or collected before the invoice exists (the
  /// dialog, `topup --json`, the direct-debit amount, the monthly cap) comes from here, so it
  /// matches the invoice issued with the same data.
  public func taxTreatment(of organisation: Organisation) throws -> TaxTreatment {
    TaxTreatment.decide(
      seller: sellerDetailsForTax(), buyer: organisation.details,
      on: Day(containing: clock.now()))
  }

  /// The treatment of every organisation of an environment, for the Pay and upgrade dialog.
  public func topUpTaxes(of environment: Environment) throws -> TopUpTaxes {
    let organisations = try core.directory.organisations(of: environment)
    let seller = sellerDetailsForTax()
    let today = Day(containing: clock.now())
    var byOrganisation: [Int64: TaxTreatment] = [:]
    for organisation in organisations {
      byOrganisation[organisation.id] = TaxTreatment.decide(
        seller: seller, buyer: organisation.details, on: today)
    }
    return TopUpTaxes(
      byOrganisation: byOrganisation,
      defaultOrganisationID: organisations.min(by: { $0.id < $1.id })?.id,
      fallback: .standard(on: today))
  }

  /// The seller's data for the decision. Before an operator has set it, the platform is the
  /// Dutch seller it always is; no invoice can be issued then anyway.
  func sellerDetailsForTax() -> PartyDetails {
    (try? core.platform.seller())?.details ?? PartyDetails(country: "NL")
  }
}
