import Testing
import TestSupport

@testable import SaldoCore

/// Every write of the core, tried by an administrator, a member, an account of another
/// environment, and an unknown account.
@Suite struct AccessTests {
  struct Case: CustomStringConvertible, Sendable {
    let description: String
    let run: @Sendable (Saldo, Environment) throws -> Void
  }

  static let writes: [Case] = [
    Case(description: "add organisation") { s, e in
      _ = try s.directory.addOrganisation(
        "New Org \(s.account.login)", details: PartyDetails(), to: e)
    },
    Case(description: "add user") { s, e in
      _ = try s.directory.addUser(login: "zed", displayName: nil, email: nil, role: .member, to: e)
    },
    Case(description: "set role") { s, e in
      try s.directory.setRole(login: "ben", role: .member, in: e)
    },
    Case(description: "record consumption") { s, e in
      let recorder = ConsumptionRecorder(saldo: s, scope: e, strict: true)
      try recorder.record([
        (
          1,
          ConsumptionEvent(
            externalID: "auth-\(s.account.login)", organisation: "Acme B.V.", kind: .send, at: nil)
        )
      ])
    },
    Case(description: "top up") { s, e in
      _ = try s.topUps.topUp(
        TopUpRequest(
          environment: e, amount: Money(mills: 100_000), method: .invoice, organisation: nil,
          orderNumber: nil, idempotencyKey: TopUpService.newIdempotencyKey()))
    },
    Case(description: "change organisation data") { s, e in
      try s.directory.updateOrganisation(
        try s.directory.organisation("Acme B.V.", in: e), OrganisationChanges(city: "Delft"))
    },
    Case(description: "see credit") { s, e in _ = try s.credit.creditSummary(of: e) },
    Case(description: "switch the automatic upgrade on") { s, e in
      try s.autoUpgrade.setAutoUpgrade(
        AutoUpgradeInput(
          amount: .fixed(Money(mills: 100_000)), holder: "Acme", iban: "NL91ABNA0417164300",
          mandateID: "M-1", mandateDate: Day(number: 20_000),
          organisation: try s.directory.organisation("Acme B.V.", in: e), orderNumber: nil,
          monthlyCap: nil),
        for: e)
    },
    Case(description: "run the daily job") { s, e in _ = try s.autoUpgrade.daily(only: e) },
    Case(description: "list payments") { s, e in _ = try s.payments.list(of: e) },
  ]

  @Test(arguments: writes)
  func onlyAdministratorsMay(_ write: Case) throws {
    let fixture = try Fixture()
    // cor administers another environment; eve is unknown to the store.
    let ada = fixture.saldo()
    let other = try ada.directory.initialize(
      environment: "Other", organisation: "Other B.V.", email: nil)
    try ada.directory.addUser(
      login: "cor", displayName: nil, email: nil, role: .administrator, to: other)
    try ada.directory.setRole(login: "ada", role: .member, in: other)

    try write.run(fixture.saldo(Accounts.ada), fixture.environment)
    for account in [Accounts.ben, Accounts.cor, Accounts.eve] {
      #expect(throws: SaldoError.self, "\(account.login) could \(write.description)") {
        try write.run(fixture.saldo(account), fixture.environment)
      }
    }
  }

  @Test func operatorOnlyWritesAreRefusedToEveryoneElse() throws {
    let fixture = try Fixture()
    try fixture.topUp(100)
    let opened = try fixture.saldo().topUps.topUp(
      TopUpRequest(
        environment: fixture.environment, amount: Money(mills: 50_000), method: .ideal,
        organisation: nil, orderNumber: nil, idempotencyKey: "x"))
    let day = Day(containing: Fixture.now)
    for account in [Accounts.ben, Accounts.cor, Accounts.eve] {
      let s = fixture.saldo(account)
      #expect(throws: SaldoError.self) { try s.invoices.markInvoicePaid(number: "2026-000001") }
      #expect(throws: SaldoError.self) { try s.autoUpgrade.sepaExport(day: day) }
      #expect(throws: SaldoError.self) { try s.autoUpgrade.recordReversal(of: "1", reason: "AM04") }
      #expect(throws: SaldoError.self) { try s.platform.setSeller(.demo) }
      #expect(throws: SaldoError.self) { try s.mail.outbox() }
      #expect(throws: SaldoError.self) { try s.mail.retryOutbox() }
      #expect(throws: SaldoError.self) {
        try s.credit.correct(fixture.environment, by: Money(mills: 1), reason: "x")
      }
      #expect(throws: SaldoError.self) {
        try s.topUps.settleSandboxPayment(id: opened.payment.id, outcome: .paid)
      }
      #expect(throws: SaldoError.self) {
        try s.autoUpgrade.disableAutoUpgrade(for: fixture.environment)
      }
    }
    #expect(try fixture.store.verify().isEmpty)
  }

  @Test func refusalNamesTheAdministrators() throws {
    let fixture = try Fixture()
    do {
      _ = try fixture.saldo(Accounts.ben).directory.addOrganisation(
        "X", details: PartyDetails(), to: fixture.environment)
      Issue.record("a member added an organisation")
    } catch let error as SaldoError {
      #expect(error.description.contains("Ada de Vries (ada)"))
      #expect(error.description.contains("member, not an administrator"))
    }
  }

  @Test func theLastAdministratorCannotStepDown() throws {
    let fixture = try Fixture()
    #expect(throws: SaldoError.self) {
      try fixture.saldo().directory.setRole(login: "ada", role: .member, in: fixture.environment)
    }
  }

  @Test func onlyOperatorsCreateFurtherEnvironments() throws {
    let fixture = try Fixture()
    #expect(throws: SaldoError.self) {
      try fixture.saldo(Accounts.ben).directory.initialize(
        environment: "Bens", organisation: "B", email: nil)
    }
  }

  @Test func namesWithControlCharactersAreRefused() throws {
    let fixture = try Fixture()
    for name in ["Evil\u{1B}[2J", "Nul\u{0}byte", String(repeating: "x", count: 10_000), "  "] {
      #expect(throws: SaldoError.self) {
        try fixture.saldo().directory.addOrganisation(
          name, details: PartyDetails(), to: fixture.environment)
      }
    }
  }

  /// Without --env, consumption goes to the account's one environment; an operator with none
  /// or several feeds the whole platform (nil), unless the platform has only one.
  @Test func ownEnvironmentFirst() throws {
    let fixture = try Fixture()
    let store = fixture.store
    func scope(_ account: SystemAccount) throws -> String? {
      try fixture.saldo(account).directory.scope(nil, .ownEnvironmentFirst)?.name
    }
    try store.write {
      let cor = try store.createUser(login: "cor", displayName: "Cor Bakker", email: nil)
      try store.addOperator(userID: cor.id, at: Fixture.now)
    }
    #expect(try scope(Accounts.ben) == "Acme")
    #expect(try scope(Accounts.ada) == "Acme")
    #expect(try scope(Accounts.cor) == "Acme", "an operator without one, on a one-tenant platform")
    #expect(throws: SaldoError.self) { try scope(Accounts.eve) }

    _ = try fixture.saldo().directory.initialize(
      environment: "Second", organisation: "S", email: nil)
    #expect(try scope(Accounts.ben) == "Acme")
    #expect(try scope(Accounts.ada) == nil, "an operator in two environments")
    #expect(try scope(Accounts.cor) == nil, "an operator in none")
    #expect(try fixture.saldo().directory.scope("Second", .ownEnvironmentFirst)?.name == "Second")
  }

  @Test func environmentChoice() throws {
    let fixture = try Fixture()
    let ada = fixture.saldo()
    #expect(try ada.directory.environment(nil).name == "Acme")
    _ = try ada.directory.initialize(environment: "Second", organisation: "S", email: nil)
    #expect(throws: SaldoError.self) { try ada.directory.environment(nil) }
    #expect(try ada.directory.environment("Second").name == "Second")
    #expect(throws: SaldoError.self) { try ada.directory.environment("Nope") }
  }
}
