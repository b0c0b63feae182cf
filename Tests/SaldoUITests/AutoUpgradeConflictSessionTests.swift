import Testing
import TestSupport

@testable import SaldoCore
@testable import SaldoUI

/// Two administrators have the Edit form open at once; both press Save.
@Suite struct AutoUpgradeConflictSessionTests {
  @Test func theSecondSaveIsToldTheSettingsChanged() throws {
    let fixture = try Fixture()
    try fixture.saldo().directory.addUser(
      login: "cor", displayName: "Cor", email: nil, role: .administrator, to: fixture.environment)
    let ada = Runtime(saldo: fixture.saldo(Accounts.ada), environment: fixture.environment)
    let cor = Runtime(saldo: fixture.saldo(Accounts.cor), environment: fixture.environment)
    _ = try ada.prepareAutoUpgradeForm()
    _ = try cor.prepareAutoUpgradeForm()
    func input(_ euros: Int64) throws -> AutoUpgradeInput {
      AutoUpgradeInput(
        amount: .fixed(Money(mills: euros * 1000)), holder: "Acme B.V.",
        iban: "NL91ABNA0417164300", mandateID: "ACME-001",
        mandateDate: Day(containing: Fixture.now).adding(days: -30),
        organisation: try fixture.organisation(), orderNumber: nil, monthlyCap: nil)
    }
    guard case .autoUpgradeSaved(.success) = ada.perform(.saveAutoUpgrade(try input(500))) else {
      Issue.record("the first Save should go through")
      return
    }
    guard
      case .autoUpgradeSaved(.failure(let error)) = cor.perform(.saveAutoUpgrade(try input(900)))
    else {
      Issue.record("the second Save must not overwrite the first")
      return
    }
    #expect(error.message.contains("changed meanwhile by ada"))
    #expect(error.message.contains("500"))
  }
}
