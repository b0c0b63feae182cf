import Testing

@testable import SaldoCore

@Suite struct CreditRulesTests {
  // A window of 100 days with 10 euros a day: average 10, so 20 days need 200.
  let window = Money(mills: 1_000_000)

  @Test func dueWhenBalanceIsBelowTwentyTimesTheAverage() {
    #expect(CreditRules.isUpgradeDue(balance: Money(mills: 199_999), windowConsumption: window))
    #expect(!CreditRules.isUpgradeDue(balance: Money(mills: 200_000), windowConsumption: window))
    #expect(!CreditRules.isUpgradeDue(balance: Money(mills: 200_001), windowConsumption: window))
  }

  @Test func exactComparisonWhereTheAverageIsNotWholeMills() {
    // 1 mill consumed in 100 days: average 0.01 mill; 20 days need 0.2 mill.
    #expect(!CreditRules.isUpgradeDue(balance: Money(mills: 1), windowConsumption: Money(mills: 1)))
    #expect(CreditRules.isUpgradeDue(balance: .zero, windowConsumption: Money(mills: 1)))
    // 999 mills: 20 × 9.99 = 199.8 mills; 199 is below, 200 is not.
    #expect(
      CreditRules.isUpgradeDue(balance: Money(mills: 199), windowConsumption: Money(mills: 999)))
    #expect(
      !CreditRules.isUpgradeDue(balance: Money(mills: 200), windowConsumption: Money(mills: 999)))
  }

  /// No consumption and a balance of zero or more: nothing is due. Below zero the environment
  /// is blocked, and an upgrade is always due, also with no history to average.
  @Test func noConsumptionTriggersOnlyBelowZero() {
    #expect(!CreditRules.isUpgradeDue(balance: .zero, windowConsumption: .zero))
    #expect(CreditRules.isUpgradeDue(balance: Money(mills: -5_000), windowConsumption: .zero))
    #expect(CreditRules.runwayDays(balance: Money(mills: 5), windowConsumption: .zero) == nil)
  }

  @Test func windowIsTheHundredFullDaysBefore() throws {
    let day = try #require(Day(iso: "2026-11-25"))
    let range = CreditRules.averageWindow(before: day)
    #expect(range.lowerBound.iso == "2026-08-17")
    #expect(range.upperBound.iso == "2026-11-24")
    #expect(range.upperBound.number - range.lowerBound.number + 1 == 100)
  }

  @Test func averageDividesByHundredAlways() {
    #expect(CreditRules.averageDaily(windowConsumption: window) == Money(mills: 10_000))
    #expect(CreditRules.averageDaily(windowConsumption: Money(mills: 150)) == Money(mills: 2))
    #expect(CreditRules.averageDaily(windowConsumption: Money(mills: 149)) == Money(mills: 1))
  }

  @Test func runway() {
    #expect(CreditRules.runwayDays(balance: Money(mills: 200_000), windowConsumption: window) == 20)
    #expect(CreditRules.runwayDays(balance: Money(mills: 199_999), windowConsumption: window) == 19)
    #expect(CreditRules.runwayDays(balance: Money(mills: -1), windowConsumption: window) == 0)
  }

  @Test func amountToCoverRoundsUpToWholeEuros() {
    #expect(CreditRules.amountToCover(days: 30, windowConsumption: window) == Money(mills: 300_000))
    #expect(
      CreditRules.amountToCover(days: 30, windowConsumption: Money(mills: 1_000_001))
        == Money(mills: 301_000))
  }

  @Test func states() {
    #expect(CreditRules.creditState(balance: .zero, windowConsumption: .zero) == .exhausted)
    #expect(CreditRules.creditState(balance: Money(mills: 1), windowConsumption: window) == .low)
    #expect(
      CreditRules.creditState(balance: Money(mills: 200_000), windowConsumption: window) == .healthy
    )
  }

  @Test func bundleBonusAtTierEdges() throws {
    let plan = try #require(PlanCatalog.seed.first { $0.name == "Business" })
    #expect(plan.bonus(for: Money(mills: 499_990)) == .zero)
    #expect(plan.bonus(for: Money(mills: 500_000)) == Money(mills: 25_000))
    #expect(plan.bonus(for: Money(mills: 999_990)) == Money(mills: 25_000))
    #expect(plan.bonus(for: Money(mills: 1_000_000)) == Money(mills: 75_000))
    #expect(plan.bonus(for: Money(mills: 2_500_000)) == Money(mills: 250_000))
  }
}
