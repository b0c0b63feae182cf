/// The rules of a manual top-up, as plain functions.
public enum TopUpRules {
  /// Dutch VAT on transaction credit.
  public static let vatPercent: Int64 = 21
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

  /// VAT on a whole-cent net amount, rounded to the cent half away from zero.
  public static func vat(on net: Money) -> Money {
    let cents = net.mills / 10
    let (product, overflow) = cents.multipliedReportingOverflow(by: vatPercent)
    guard !overflow else { return Money(mills: Int64.max / 2) }
    let vatCents = (product + 50) / 100
    return Money(mills: vatCents * 10)
  }

  /// Checks a top-up amount; the error says what to enter instead.
  public static func check(amount: Money) throws(TopUpError) {
    if amount.mills <= 0 { throw .amount(.zero) }
    if !amount.isWholeCents { throw .amount(.tooManyDecimals(2)) }
    if amount < minimum { throw .belowMinimum(minimum) }
    if amount > maximum { throw .aboveMaximum(maximum) }
  }

  /// The figures the dialog and the CLI show before confirming.
  public static func quote(amount: Money, plan: Plan) -> TopUpQuote {
    let vat = vat(on: amount)
    return TopUpQuote(
      credit: amount, bonus: plan.bonus(for: amount), vat: vat,
      total: Money(mills: amount.mills + vat.mills))
  }
}

/// What a top-up will cost and give.
public struct TopUpQuote: Sendable, Hashable {
  public let credit: Money
  public let bonus: Money
  public let vat: Money
  public let total: Money
}

public enum TopUpError: Error, Equatable, CustomStringConvertible {
  case amount(AmountError)
  case belowMinimum(Money)
  case aboveMaximum(Money)

  public var description: String {
    switch self {
    case .amount(let error): return error.description
    case .belowMinimum(let minimum):
      return "the smallest top-up is \(MoneyFormat.display(minimum)); enter a larger amount"
    case .aboveMaximum(let maximum):
      return "top-ups are limited to \(MoneyFormat.display(maximum)); for more, contact the"
        + " platform"
    }
  }
}
