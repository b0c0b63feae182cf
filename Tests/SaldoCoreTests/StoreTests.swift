import CSQLite
import Foundation
import Testing
import TestSupport

@testable import SaldoCore

@Suite struct StoreTests {
  @Test func createsThePrivateFileWithWALAndTheCurrentSchema() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("nested/folder/saldo.db")
    let store = try SQLiteStore(path: path, create: true)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    #expect(try store.database.scalarInt("PRAGMA user_version") == Int64(Schema.currentVersion))
    #expect(try store.database.scalarText("PRAGMA journal_mode") == "wal")
    #expect(try store.database.scalarInt("PRAGMA foreign_keys") == 1)
    #expect(
      try store.read { try store.plans().map(\.name) } == ["Start", "Business", "Enterprise"])
  }

  @Test func aMissingDatabaseIsNotCreatedByAccident() throws {
    let directory = TemporaryDirectory()
    #expect(throws: StoreError.missing(path: directory.file("none.db"))) {
      try SQLiteStore(path: directory.file("none.db"))
    }
    #expect(!FileManager.default.fileExists(atPath: directory.file("none.db")))
  }

  @Test func garbageIsReportedAsDamaged() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("garbage.db")
    try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(
      to: URL(fileURLWithPath: path))
    #expect {
      try SQLiteStore(path: path)
    } throws: { error in
      if case .corrupt = error as? StoreError { return true }
      return false
    }
  }

  @Test func aTruncatedDatabaseIsReportedAndNotMadeWorse() throws {
    let fixture = try Fixture()
    try fixture.saldo().credit.correct(fixture.environment, by: Money(mills: 1), reason: "x")
    let store = fixture.store
    try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    let copy = fixture.directory.file("truncated.db")
    let data = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
    try data.prefix(data.count / 2 + 100).write(to: URL(fileURLWithPath: copy))
    #expect(throws: StoreError.self) {
      let damaged = try SQLiteStore(path: copy)
      _ = try damaged.read { try damaged.ledgerSum(environmentID: 1) }
      try damaged.database.execute("PRAGMA integrity_check")
      let check = try damaged.database.scalarText("PRAGMA integrity_check")
      if check != "ok" { throw StoreError.corrupt(path: copy, detail: check ?? "") }
    }
  }

  @Test func aNewerSchemaIsRefused() throws {
    let fixture = try Fixture()
    try fixture.store.database.execute("PRAGMA user_version=\(Schema.currentVersion + 1)")
    #expect(
      throws: StoreError.newerVersion(
        path: fixture.path, found: Schema.currentVersion + 1, supported: Schema.currentVersion)
    ) { try SQLiteStore(path: fixture.path) }
  }

  @Test func anotherApplicationsDatabaseIsRefused() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("other.db")
    let other = try Database(path: path, create: true)
    try other.execute("CREATE TABLE notes(text TEXT)")
    other.close()
    #expect(throws: StoreError.foreign(path: path)) { try SQLiteStore(path: path) }
  }

  @Test func migratesAnOlderSchemaKeepingItsData() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("old.db")
    let old = try Database(path: path, create: true)
    // Build the database as the first release left it, with data in it.
    try old.execute("PRAGMA application_id=\(Schema.applicationID)")
    try old.execute(Schema.migrations[0])
    try old.execute("PRAGMA user_version=1")
    try old.execute(
      """
      INSERT INTO plan(name, price_send, price_receive, price_pdf, price_manual)
        VALUES ('Business', 171, 341, 512, 0);
      INSERT INTO environment(name, plan_id, created_at) VALUES ('Old', 1, 0);
      INSERT INTO credit(environment_id, balance, entries, updated_at) VALUES (1, 5000, 1, 0);
      INSERT INTO ledger_entry(environment_id, kind, amount, at, actor)
        VALUES (1, 'topup', 5000, 0, 'ada');
      """)
    old.close()
    let store = try SQLiteStore(path: path)
    #expect(try store.database.scalarInt("PRAGMA user_version") == Int64(Schema.currentVersion))
    #expect(try store.balanceNow(1) == Money(mills: 5000))
    #expect(try store.ledgerSumNow(1) == Money(mills: 5000))
  }

  @Test func aLockedDatabaseGivesBusyNotAHang() throws {
    let fixture = try Fixture()
    let holder = try SQLiteStore(path: fixture.path)
    let other = try SQLiteStore(path: fixture.path, busyTimeoutMs: 50)
    _ = try holder.write {
      #expect(throws: StoreError.busy(path: fixture.path)) {
        try other.write { try other.setSetting("x", "y") }
      }
    }
    // Once released, the other writer gets through.
    try other.write { try other.setSetting("x", "y") }
  }

  @Test func aFailedWriteLeavesNothingBehind() throws {
    let fixture = try Fixture()
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try fixture.store.write {
        try fixture.saldo().credit.bookCorrection(
          fixture.environment, by: Money(mills: 99), reference: "half", organisationID: nil)
        throw Boom()
      }
    }
    #expect(try fixture.store.balanceNow(fixture.environment.id) == .zero)
    #expect(try fixture.store.ledgerSumNow(fixture.environment.id) == .zero)
  }

  @Test func anOlderDatabaseLosesTheLedgerIndexByEntryID() throws {
    let fixture = try Fixture()
    try fixture.consume(on: Day(containing: Fixture.now).adding(days: -1), count: 30)
    let reopened = try fixture.reopened(
      rewoundBefore: Schema.ledgerOneOrder,
      undoing: "CREATE INDEX ledger_entry_environment ON ledger_entry(environment_id, id);"
        + RememberedWindowTests.rewindSQL)
    #expect(
      try reopened.database.scalarInt("PRAGMA user_version") == Int64(Schema.currentVersion))
    let indexes = try reopened.read {
      try reopened.database.scalarText(
        "SELECT group_concat(name, ' ') FROM sqlite_schema"
          + " WHERE type = 'index' AND tbl_name = 'ledger_entry' ORDER BY name")
    }
    #expect(indexes?.contains("ledger_entry_environment ") == false)
    #expect(indexes?.hasSuffix("ledger_entry_environment") == false)
    #expect(indexes?.contains("ledger_entry_environment_at") == true)
    #expect(try reopened.read { try reopened.verify() }.isEmpty)
    let saldo = Saldo(store: reopened, account: Accounts.ada, clock: fixture.clock)
    #expect(try saldo.credit.transactions(of: fixture.environment, limit: 100).count == 30)
  }

  @Test func hotQueriesUseIndexes() throws {
    let fixture = try Fixture()
    let db = fixture.store.database
    func plan(_ sql: String) throws -> String {
      let statement = try db.statement("EXPLAIN QUERY PLAN " + sql)
      var lines: [String] = []
      while try statement.step() { lines.append(statement.text(3)) }
      return lines.joined(separator: "; ")
    }
    #expect(
      try plan("SELECT balance FROM credit WHERE environment_id = 1").contains(
        "INTEGER PRIMARY KEY"))
    #expect(
      try plan(
        "SELECT sum(amount) FROM daily_consumption WHERE environment_id = 1 AND day BETWEEN 1 AND 100"
      ).contains("PRIMARY KEY"))
    #expect(
      try plan(
        "SELECT id FROM ledger_entry WHERE environment_id = 1 ORDER BY at DESC, id DESC LIMIT 50"
      ).contains("ledger_entry_environment_at"))
  }
}
