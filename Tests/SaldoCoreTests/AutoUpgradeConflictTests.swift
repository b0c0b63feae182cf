import Testing
import TestSupport

@testable import SaldoCore

/// Two administrators edit the automatic upgrade at once: the second Save is told what changed,
/// not allowed to overwrite it.
@Suite struct AutoUpgradeConflictTests {
  func input(_ fixture: Fixture, euros: Int64) throws -> AutoUpgradeInput {
    AutoUpgradeInput(
      amount: .fixed(Money(mills: euros * 1000)), holder: "Acme B.V.",
      iban: "NL91ABNA0417164300", mandateID: "ACME-001",
      mandateDate: Day(containing: Fixture.now).adding(days: -30),
      organisation: try fixture.organisation(), orderNumber: nil, monthlyCap: nil)
  }

  @Test func theSecondSaveIsRefusedWithTheNewValues() throws {
    let fixture = try Fixture()
    try fixture.saldo().directory.addUser(
      login: "cor", displayName: "Cor", email: nil, role: .administrator,
      to: fixture.environment)
    let ada = fixture.saldo(Accounts.ada)
    let cor = fixture.saldo(Accounts.cor)
    // Both open the form before anything is set up.
    let opened = try fixture.store.read {
      try fixture.store.autoUpgrade(environmentID: fixture.environment.id)
    }
    #expect(opened == nil)
    try ada.autoUpgrade.setAutoUpgrade(
      try input(fixture, euros: 500), for: fixture.environment, basedOn: .some(opened))
    #expect {
      try cor.autoUpgrade.setAutoUpgrade(
        try input(fixture, euros: 900), for: fixture.environment, basedOn: .some(opened))
    } throws: { error in
      guard case SaldoError.conflict(let message) = error else { return false }
      return message.contains("changed meanwhile by ada") && message.contains("500")
    }
    let now = try fixture.store.read {
      try fixture.store.autoUpgrade(environmentID: fixture.environment.id)
    }
    #expect(now?.amount == .fixed(Money(mills: 500_000)))
    // Based on what is in force now, the save goes through.
    try cor.autoUpgrade.setAutoUpgrade(
      try input(fixture, euros: 900), for: fixture.environment, basedOn: .some(now))
  }
}
