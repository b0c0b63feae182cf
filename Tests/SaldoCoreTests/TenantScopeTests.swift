import Foundation
import Testing
import TestSupport

@testable import SaldoCore

/// Two environments in one store must not reach each other through keys, ids or names.
@Suite struct TenantScopeTests {
  /// The fixture's Acme (ada) and a second environment, Bolt, administered by cor.
  func twoTenants() throws -> (Fixture, Environment) {
    let fixture = try Fixture()
    let bolt = try fixture.saldo().directory.initialize(
      environment: "Bolt", organisation: "Bolt B.V.", email: "ada@acme.example",
      details: Fixture.acmeDetails)
    try fixture.saldo().directory.addUser(
      login: "cor", displayName: "Cor Bakker", email: "cor@bolt.example", role: .administrator,
      to: bolt)
    return (fixture, bolt)
  }

  func request(
    _ environment: Environment, euros: Int64 = 100, key: String,
    origin: IdempotencyKeyOrigin = .user,
    organisation: Organisation? = nil, orderNumber: String? = nil
  ) -> TopUpRequest {
    TopUpRequest(
      environment: environment, amount: Money(mills: euros * 1000), method: .invoice,
      organisation: organisation, orderNumber: orderNumber, idempotencyKey: key,
      keyOrigin: origin)
  }

  @Test func theSameKeyInTwoEnvironmentsMakesTwoTopUps() throws {
    let (fixture, bolt) = try twoTenants()
    let a = try fixture.saldo().topUps.topUp(request(fixture.environment, key: "retry-1"))
    let b = try fixture.saldo(Accounts.cor).topUps.topUp(request(bolt, key: "retry-1"))
    #expect(!a.replayed && !b.replayed)
    #expect(a.payment.id != b.payment.id)
    #expect(try fixture.store.balanceNow(bolt.id) == Money(mills: 100_000))
  }

  @Test func usersCannotTakeSaldosOwnKeys() throws {
    let (fixture, bolt) = try twoTenants()
    for key in ["auto:\(fixture.environment.id):2026-11-25", "AUTO:1:x", "saldo:tk_00"] {
      #expect(throws: SaldoError.self) {
        try fixture.saldo(Accounts.cor).topUps.topUp(request(bolt, key: key))
      }
    }
  }

  @Test func aReusedKeyNamesTheFieldThatDiffers() throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    try saldo.directory.addOrganisation(
      "Acme Logistics", details: Fixture.acmeDetails, to: fixture.environment)
    let other = try saldo.directory.organisation("Acme Logistics", in: fixture.environment)
    _ = try saldo.topUps.topUp(request(fixture.environment, key: "k", orderNumber: "PO-1"))
    let cases: [(TopUpRequest, String)] = [
      (request(fixture.environment, euros: 200, key: "k", orderNumber: "PO-1"), "amount"),
      (
        request(fixture.environment, key: "k", organisation: other, orderNumber: "PO-1"),
        "organisation"
      ),
      (request(fixture.environment, key: "k", orderNumber: "PO-2"), "order number"),
      (request(fixture.environment, key: "k"), "order number"),
    ]
    for (changed, field) in cases {
      do {
        _ = try saldo.topUps.topUp(changed)
        Issue.record("a changed \(field) was replayed")
      } catch let error as SaldoError {
        guard case .conflict(let message) = error else { throw error }
        #expect(message.contains("different \(field)"), "\(message)")
      }
    }
    #expect(
      try saldo.topUps.topUp(request(fixture.environment, key: "k", orderNumber: " PO-1 ")).replayed
    )
  }

  @Test func anIdenticalTopUpWithoutAKeyIsPointedOut() throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    let first = try saldo.topUps.topUp(
      request(
        fixture.environment, key: TopUpService.newIdempotencyKey(), origin: .saldo,
        orderNumber: "PO-7"))
    #expect(first.duplicateOf == nil && first.orderNumberUsedBy == nil)
    let second = try saldo.topUps.topUp(
      request(
        fixture.environment, key: TopUpService.newIdempotencyKey(), origin: .saldo,
        orderNumber: "PO-7"))
    #expect(second.duplicateOf?.id == first.payment.id)
    #expect(second.orderNumberUsedBy?.id == first.payment.id)
    let later = fixture.saldo(at: Instant(seconds: Fixture.now.seconds + 11 * 60))
    let third = try later.topUps.topUp(
      request(
        fixture.environment, euros: 100, key: TopUpService.newIdempotencyKey(), origin: .saldo))
    #expect(third.duplicateOf == nil)
  }

  @Test func eventIdsBelongToTheirEnvironment() throws {
    let (fixture, bolt) = try twoTenants()
    let event = { (org: String) in
      [(1, ConsumptionEvent(externalID: "evt-1", organisation: org, kind: .send, at: nil))]
    }
    let a = ConsumptionRecorder(saldo: fixture.saldo(), scope: fixture.environment, strict: true)
    try a.record(event("Acme B.V."))
    let b = ConsumptionRecorder(saldo: fixture.saldo(Accounts.cor), scope: bolt, strict: true)
    try b.record(event("Bolt B.V."))
    #expect(b.summary.recorded == 1 && b.summary.alreadyKnown == 0)
    try b.record(event("Bolt B.V."))
    #expect(b.summary.alreadyKnown == 1)
    #expect(try fixture.store.read { try fixture.store.verify() }.isEmpty)
  }

  @Test func aFaultInTheUpgradeKeepsTheConsumptionAndIsRecorded() throws {
    let fixture = try Fixture()
    let today = Day(containing: Fixture.now)
    try fixture.saldo().autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: .fixed(Money(mills: 500_000)), holder: "Acme B.V.", iban: "NL91ABNA0417164300",
        mandateID: "ACME-001", mandateDate: today.adding(days: -30),
        organisation: try fixture.organisation(), orderNumber: nil, monthlyCap: nil),
      for: fixture.environment)
    // A payment already holding the upgrade's key (as an old database could have): the
    // upgrade's insert now fails with a constraint error, which must stay contained.
    let env = fixture.environment.id
    let org = try fixture.organisation().id
    try fixture.store.database.execute(
      """
      INSERT INTO payment(environment_id, organisation_id, method, amount, bonus, vat, status,
        idempotency_key, provider, created_at, updated_at, expires_at, actor)
      VALUES (\(env), \(org), 'invoice', 1000, 0, 210, 'failed', 'auto:\(env):\(today.iso)',
        'invoice', 0, 0, 0, 'old')
      """)
    let recorder = ConsumptionRecorder(
      saldo: fixture.saldo(), scope: fixture.environment, strict: true)
    let yesterday = Instant(seconds: today.adding(days: -1).start.seconds + 12 * 3600)
    try recorder.record(
      (0..<100).map {
        (
          1,
          ConsumptionEvent(
            externalID: "e\($0)", organisation: "Acme B.V.", kind: .receive, at: yesterday)
        )
      })
    #expect(recorder.summary.recorded == 100)
    #expect(try fixture.store.balanceNow(env) == Money(mills: -34_100))
    let events = try fixture.saldo().autoUpgrade.autoUpgradeEvents(of: fixture.environment)
    #expect(
      events.contains { $0.kind == .failed && $0.message.contains("internal error") }, "\(events)")
    let reports = try fixture.saldo().autoUpgrade.containedDaily(on: today)
    #expect(reports.count == 1)
  }
}

@Suite struct TenantScopeMigrationTests {
  /// A database made before the scopes, with a payment an invoice and a collection point to,
  /// keeps every row and reference when the payment table is rebuilt.
  @Test func anOlderDatabaseKeepsItsPayments() throws {
    let fixture = try Fixture()
    _ = try fixture.topUp(100, key: "old-key")
    let path = fixture.path
    let before = try fixture.store.read {
      try fixture.store.payments(environmentID: nil, limit: 10)
    }
    // Take the database back to the schema before the scopes (its payment table and index).
    let db = try Database(path: path, create: false)
    let scopes = try #require(Schema.migrations.firstIndex(of: Schema.tenantScopes))
    try db.execute("PRAGMA foreign_keys=OFF")
    try db.execute("CREATE TABLE payment_old AS SELECT * FROM payment; DROP TABLE payment;")
    try db.execute(
      "CREATE TABLE payment("
        + Schema.topUps.components(separatedBy: "CREATE TABLE payment(")[1]
        .components(separatedBy: ") STRICT;")[0] + ") STRICT;"
        + "INSERT INTO payment SELECT * FROM payment_old; DROP TABLE payment_old;"
        + HashedEventIDMigrationTests.rewindSQL
        + "DROP INDEX ledger_entry_environment_event;"
        + "CREATE UNIQUE INDEX ledger_entry_event ON ledger_entry(reference)"
        + " WHERE kind = 'consumption' AND reference IS NOT NULL;"
        // Migrations after the scopes run again too: take back what they made.
        + "DROP INDEX IF EXISTS ledger_entry_environment_at;"
        + "ALTER TABLE organisation DROP COLUMN registration_scheme;"
        + "ALTER TABLE organisation DROP COLUMN registration_id;"
        + "ALTER TABLE invoice DROP COLUMN tax_category;"
        + "ALTER TABLE invoice DROP COLUMN buyer_vat;"
        + "ALTER TABLE daily_total DROP COLUMN cumulative;"
        + "ALTER TABLE user DROP COLUMN language; ALTER TABLE user DROP COLUMN language_used;"
        + "ALTER TABLE organisation DROP COLUMN language; ALTER TABLE auto_upgrade_event DROP COLUMN message_nl; ALTER TABLE auto_upgrade DROP COLUMN paused_reason_nl;"
        + "PRAGMA user_version=\(scopes);")
    db.close()
    let reopened = try SQLiteStore(path: path)
    let after = try reopened.read { try reopened.payments(environmentID: nil, limit: 10) }
    #expect(after == before)
    #expect(try reopened.read { try reopened.verify() }.isEmpty)
    let found = try reopened.read {
      try reopened.payment(environmentID: fixture.environment.id, idempotencyKey: "old-key")
    }
    #expect(found?.id == before.first?.id)
  }
}
