import SaldoCore
import Terminal
import TestSupport
import Testing

@testable import SaldoUI

/// The automatic upgrade's lines on My environment: the latest run (a capped one included) and
/// what the monthly cap leaves always show, whole, in the room beside the Edit button.
@Suite struct AutoUpgradeLineTests {
  func home(cap: Money?, left: Money?, events: [AutoUpgradeEvent]) -> HomeData {
    let environment = Environment(id: 1, name: "Acme", planID: 1, createdAt: Fixture.now)
    var home = HomeData(
      environment: environment, mayAdminister: true, administratorNames: "Ada",
      summary: nil, daily: [],
      organisations: [
        Organisation(id: 1, environmentID: 1, name: "Bakkerij De Gouden Korst B.V.")
      ], unread: [:], latest: [], plan: nil,
      autoUpgrade: AutoUpgradeSettings(
        enabled: true, amount: .fixed(Money(mills: 500_000)), holder: "Acme",
        iban: TestIBAN.acme, mandateID: testMandate("M-1"), mandateDate: Day(number: 20_000),
        organisationID: 1, orderNumber: "PO-2026-AUTO-UPGRADE", monthlyCap: cap,
        updatedAt: Fixture.now, updatedBy: "ada"),
      autoUpgradeEvents: events)
    home.autoUpgradeCapLeft = left
    return home
  }

  @Test(arguments: [false, true])
  func theCapAndTheLatestRunFitWhole(ascii: Bool) throws {
    let capped = AutoUpgradeEvent(at: Fixture.now, kind: .capped, message: "cap reached")
    let data = home(
      cap: Money(mills: 1_300_000), left: Money(mills: 695_000), events: [capped])
    for width in [60, 80, 160] {
      let (_, detail) = MyEnvironmentScreen.describeAutoUpgrade(data, ascii: ascii, width: width)
      let line = try #require(detail)
      #expect(TextWidth.columns(of: line) <= width, "\(line)")
      #expect(line.contains("last run 11-24 capped"))
      let money = ascii ? ["EUR 1.300,00", "EUR 695,00"] : ["€ 1.300,00", "€ 695,00"]
      for amount in money { #expect(line.contains(amount), "\(line)") }
    }
    let (_, wide) = MyEnvironmentScreen.describeAutoUpgrade(data, ascii: ascii, width: 160)
    #expect(wide?.contains("invoices to Bakkerij De Gouden Korst B.V.") == true)
  }
}
