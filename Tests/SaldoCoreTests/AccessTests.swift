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
      _ = try s.addOrganisation("New Org \(s.account.login)", details: PartyDetails(), to: e)
    },
    Case(description: "add user") { s, e in
      _ = try s.addUser(login: "zed", displayName: nil, email: nil, role: .member, to: e)
    },
    Case(description: "set role") { s, e in try s.setRole(login: "ben", role: .member, in: e) },
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
      _ = try s.topUp(
        TopUpRequest(
          environment: e, amount: Money(mills: 100_000), method: .invoice, organisation: nil,
          orderNumber: nil, idempotencyKey: Saldo.newIdempotencyKey()))
    },
    Case(description: "change organisation data") { s, e in
      try s.updateOrganisation(
        try s.organisation("Acme B.V.", in: e), OrganisationChanges(city: "Delft"))
    },
    Case(description: "see credit") { s, e in _ = try s.creditSummary(of: e) },
    Case(description: "switch the automatic upgrade on") { s, e in
      try s.setAutoUpgrade(
        AutoUpgradeInput(
          amount: .fixed(Money(mills: 100_000)), holder: "Acme", iban: "NL91ABNA0417164300",
          mandateID: "M-1", mandateDate: Day(number: 20_000),
          organisation: try s.organisation("Acme B.V.", in: e), orderNumber: nil, monthlyCap: nil),
        for: e)
    },
    Case(description: "run the daily job") { s, e in _ = try s.daily(only: e) },
    Case(description: "list payments") { s, e in _ = try s.payments(of: e) },
  ]

  @Test(arguments: writes)
  func onlyAdministratorsMay(_ write: Case) throws {
    let fixture = try Fixture()
    // cor administers another environment; eve is unknown to the store.
    let ada = fixture.saldo()
    let other = try ada.initialize(environment: "Other", organisation: "Other B.V.", email: nil)
    try ada.addUser(login: "cor", displayName: nil, email: nil, role: .administrator, to: other)
    try ada.setRole(login: "ada", role: .member, in: other)

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
    let opened = try fixture.saldo().topUp(
      TopUpRequest(
        environment: fixture.environment, amount: Money(mills: 50_000), method: .ideal,
        organisation: nil, orderNumber: nil, idempotencyKey: "x"))
    let day = Day(containing: Fixture.now)
    for account in [Accounts.ben, Accounts.cor, Accounts.eve] {
      let s = fixture.saldo(account)
      #expect(throws: SaldoError.self) { try s.markInvoicePaid(number: "2026-000001") }
      #expect(throws: SaldoError.self) { try s.sepaExport(day: day) }
      #expect(throws: SaldoError.self) { try s.recordReversal(of: "1", reason: "AM04") }
      #expect(throws: SaldoError.self) { try s.setSeller(.demo) }
      #expect(throws: SaldoError.self) { try s.outbox() }
      #expect(throws: SaldoError.self) { try s.retryOutbox() }
      #expect(throws: SaldoError.self) {
        try s.correct(fixture.environment, by: Money(mills: 1), reason: "x")
      }
      #expect(throws: SaldoError.self) {
        try s.settleSandboxPayment(id: opened.payment.id, outcome: .paid)
      }
      #expect(throws: SaldoError.self) { try s.disableAutoUpgrade(for: fixture.environment) }
    }
    #expect(try fixture.store.verify().isEmpty)
  }

  @Test func refusalNamesTheAdministrators() throws {
    let fixture = try Fixture()
    do {
      _ = try fixture.saldo(Accounts.ben).addOrganisation(
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
      try fixture.saldo().setRole(login: "ada", role: .member, in: fixture.environment)
    }
  }

  @Test func onlyOperatorsCreateFurtherEnvironments() throws {
    let fixture = try Fixture()
    #expect(throws: SaldoError.self) {
      try fixture.saldo(Accounts.ben).initialize(environment: "Bens", organisation: "B", email: nil)
    }
  }

  @Test func namesWithControlCharactersAreRefused() throws {
    let fixture = try Fixture()
    for name in ["Evil\u{1B}[2J", "Nul\u{0}byte", String(repeating: "x", count: 10_000), "  "] {
      #expect(throws: SaldoError.self) {
        try fixture.saldo().addOrganisation(name, details: PartyDetails(), to: fixture.environment)
      }
    }
  }

  @Test func environmentChoice() throws {
    let fixture = try Fixture()
    let ada = fixture.saldo()
    #expect(try ada.environment(nil).name == "Acme")
    _ = try ada.initialize(environment: "Second", organisation: "S", email: nil)
    #expect(throws: SaldoError.self) { try ada.environment(nil) }
    #expect(try ada.environment("Second").name == "Second")
    #expect(throws: SaldoError.self) { try ada.environment("Nope") }
  }
}
