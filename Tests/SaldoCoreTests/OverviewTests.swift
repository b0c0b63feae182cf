import Testing
import TestSupport

@testable import SaldoCore

/// My environment's one core call: who sees what, and one snapshot of the figures.
@Suite struct OverviewTests {
  @Test func administratorsSeeTheCreditAndMembersOnlyWhoToAsk() throws {
    let fixture = try Fixture()
    try fixture.saldo().credit.correct(
      fixture.environment, by: Money(mills: 42_000), reason: "start")
    let admin = try fixture.saldo().credit.overview(of: fixture.environment)
    #expect(admin.isAdministrator && admin.mayAdminister)
    let credit = try #require(admin.credit)
    #expect(credit.summary.balance == Money(mills: 42_000))
    #expect(credit.daily.count == Int(CreditRules.averageWindowDays))
    #expect(credit.latest.first?.amount == Money(mills: 42_000))

    let member = try fixture.saldo(Accounts.ben).credit.overview(of: fixture.environment)
    #expect(!member.mayAdminister && !member.isAdministrator)
    #expect(member.credit == nil)
    #expect(member.administratorNames.contains("(ada)"))
  }

  @Test func outsidersAreRefusedWithWhomToAsk() throws {
    let fixture = try Fixture()
    #expect {
      _ = try fixture.saldo(Accounts.eve).credit.overview(of: fixture.environment)
    } throws: { error in
      "\(error)".contains("ask one of its administrators (Ada de Vries (ada))")
    }
  }
}
