/// The rules of a manual top-up, as plain functions.
public enum TopUpRules {
  /// The smallest top-up a payment service accepts comfortably.
  public static let minimum = Money(mills: 10_000)
  /// Larger amounts are arranged with the platform directly; a typo never buys € 1 million.
  public static let maximum = Money(mills: 100_000_000)
  /// Preset amounts in the Pay and upgrade dialog, in euros.
  public static let presets: [Money] = [100, 250, 500, 1_000, 2_500].map {
    Money(mills: $0 * Money.scale)
  }
  /// Online payments left open or pending this long expire.
  public static let paymentLifetimeSeconds: Int64 = 60 * 60
  /// An identical top-up within this many seconds is pointed out (a retry without a key?).
  public static let duplicateWindowSeconds: Int64 = 10 * 60
  /// Invoices for top-ups by invoice are due this many days after issue.
  public static let paymentTermDays: Int64 = 14

  /// Checks a top-up amount; the error says what to enter instead.
  public static func check(amount: Money) throws(TopUpError) {
    if amount.mills <= 0 { throw .amount(.zero) }
    if !amount.isWholeCents { throw .amount(.tooManyDecimals(2)) }
    if amount < minimum { throw .belowMinimum(minimum) }
    if amount > maximum { throw .aboveMaximum(maximum) }
  }

  /// The figures the dialog, the CLI, the direct debit and the monthly cap use: the VAT is
  /// the treatment's (`TaxTreatment.decide` for the organisation invoiced).
  public static func quote(amount: Money, plan: Plan, tax: TaxTreatment) -> TopUpQuote {
    let vat = tax.vat(on: amount)
    return TopUpQuote(
      credit: amount, bonus: plan.bonus(for: amount), vat: vat,
      total: Money(mills: amount.mills + vat.mills), tax: tax)
  }
}

/// What a top-up will cost and give.
public struct TopUpQuote: Sendable, Hashable {
  public let credit: Money
  public let bonus: Money
  public let vat: Money
  public let total: Money
  /// The VAT treatment the figures were computed with; its `label` names the VAT line.
  public let tax: TaxTreatment
}

/// The VAT treatment of each organisation of an environment today, for a dialog that lets the
/// person choose the organisation and shows the VAT before anything is booked.
public struct TopUpTaxes: Sendable, Hashable {
  public var byOrganisation: [Int64: TaxTreatment]
  /// The organisation invoiced when none is chosen (online payments).
  public var defaultOrganisationID: Int64?
  public var fallback: TaxTreatment

  public init(
    byOrganisation: [Int64: TaxTreatment], defaultOrganisationID: Int64?, fallback: TaxTreatment
  ) {
    self.byOrganisation = byOrganisation
    self.defaultOrganisationID = defaultOrganisationID
    self.fallback = fallback
  }

  /// The treatment of the organisation with `id`, or of the default one when nil.
  public func treatment(for id: Int64?) -> TaxTreatment {
    (id ?? defaultOrganisationID).flatMap { byOrganisation[$0] } ?? fallback
  }
}

public enum TopUpError: Error, Equatable, CustomStringConvertible {
  case amount(AmountError)
  case belowMinimum(Money)
  case aboveMaximum(Money)

  public var description: String {
    switch self {
    case .amount(let error): return error.description
    case .belowMinimum(let minimum):
      return tr("the smallest top-up is \(MoneyFormat.display(minimum)); enter a larger amount")
    case .aboveMaximum(let maximum):
      return tr(
        "top-ups are limited to \(MoneyFormat.display(maximum)); for more, contact the platform")
    }
  }
}
