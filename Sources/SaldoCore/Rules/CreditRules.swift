/// The platform's credit rules as plain functions of numbers, so they can be tested at their
/// boundaries without a store.
public enum CreditRules {
  /// Days of history the average looks back on.
  public static let averageWindowDays: Int64 = 100
  /// Days of consumption the balance must cover before an upgrade is due.
  public static let coverDays: Int64 = 20

  /// The 100 full days before `day` (not including `day` itself): the averaging window.
  public static func averageWindow(before day: Day) -> ClosedRange<Day> {
    day.adding(days: -averageWindowDays)...day.adding(days: -1)
  }

  /// Average daily consumption: the window's consumption divided by 100, always by 100, even
  /// when the environment is younger (missing days count as zero, as the platform states it).
  /// Exact to the mill, rounded half up; the trigger below does not use the rounded value.
  public static func averageDaily(windowConsumption: Money) -> Money {
    let mills = windowConsumption.mills
    let q = mills / averageWindowDays
    let r = mills % averageWindowDays
    return Money(mills: r * 2 >= averageWindowDays ? q + 1 : q)
  }

  /// Whether an automatic upgrade is due on a day: the balance is less than 20 times the average
  /// daily consumption of the 100 full days before it. Compared exactly, without dividing:
  /// balance < 20 × (window / 100)  ⇔  100 × balance < 20 × window  ⇔  5 × balance < window.
  /// A balance below zero is always due (the environment's API traffic is blocked, and it
  /// may have no consumption in the window to measure by); otherwise no consumption never
  /// triggers.
  public static func isUpgradeDue(balance: Money, windowConsumption: Money) -> Bool {
    if balance.mills < 0 { return true }
    guard windowConsumption.mills > 0 else { return false }
    let lhs = balance.mills.multipliedReportingOverflow(by: averageWindowDays)
    let rhs = windowConsumption.mills.multipliedReportingOverflow(by: coverDays)
    if lhs.overflow || rhs.overflow {
      // Only reachable with astronomically large sums; fall back to the divided comparison.
      return Double(balance.mills) * Double(averageWindowDays)
        < Double(windowConsumption.mills) * Double(coverDays)
    }
    return lhs.partialValue < rhs.partialValue
  }

  /// Whole days the balance lasts at the average, or nil when there is no consumption to
  /// measure by (the runway is then unlimited). A balance at or below zero lasts 0 days.
  public static func runwayDays(balance: Money, windowConsumption: Money) -> Int64? {
    guard windowConsumption.mills > 0 else { return nil }
    guard balance.mills > 0 else { return 0 }
    // balance / (window / 100), in whole days, rounded down.
    let (scaled, overflow) = balance.mills.multipliedReportingOverflow(by: averageWindowDays)
    if overflow { return Int64.max }
    return scaled / windowConsumption.mills
  }

  /// Credit needed to cover `days` at the average (the "cover N days" upgrade amount), rounded
  /// up to whole euros so that a direct debit is a plain amount.
  public static func amountToCover(days: Int64, windowConsumption: Money) -> Money {
    let need = windowConsumption.mills.multipliedReportingOverflow(by: days)
    guard !need.overflow else { return MoneyFormat.maximumEntered }
    let mills = (need.partialValue + averageWindowDays - 1) / averageWindowDays
    let euros = (mills + Money.scale - 1) / Money.scale
    return Money(mills: euros * Money.scale)
  }

  /// The state a balance is shown in.
  public static func creditState(balance: Money, windowConsumption: Money) -> CreditState {
    if balance.mills <= 0 { return .exhausted }
    if isUpgradeDue(balance: balance, windowConsumption: windowConsumption) { return .low }
    return .healthy
  }

  /// API traffic is blocked while the balance is negative or zero.
  public static func isBlocked(balance: Money) -> Bool { balance.mills <= 0 }
}

public enum CreditState: String, Sendable, Codable {
  /// Covers at least 20 days of average consumption.
  case healthy
  /// Runway under 20 days.
  case low
  /// Used up: API traffic is blocked until topped up.
  case exhausted
}
