import Testing
import TestSupport

@testable import SaldoCore

/// Event ids are found again by a 64-bit hash; an equal hash must never make a new event look
/// charged, and an id sent again must still be charged once. A hash that gives every id the
/// same value makes every event a collision.
@Suite struct EventHashCollisionTests {
  static let colliding = EventHash { _ in 42 }

  /// The fixture's Acme (ada) and a second environment, Bolt, and a store on the same file that
  /// hashes every id to the same value.
  func collidingStore() throws -> (Fixture, Environment, SQLiteStore) {
    let fixture = try Fixture()
    let bolt = try fixture.saldo().directory.initialize(
      environment: "Bolt", organisation: "Bolt B.V.", email: "ada@acme.example",
      details: Fixture.acmeDetails)
    let store = try SQLiteStore(
      path: fixture.path, create: false, busyTimeoutMs: 10_000, eventHash: Self.colliding)
    return (fixture, bolt, store)
  }

  func record(
    _ ids: [String], in environment: Environment, organisation: String, store: SQLiteStore,
    fixture: Fixture
  ) throws -> ConsumptionSummary {
    let saldo = Saldo(store: store, account: Accounts.ada, clock: fixture.clock)
    let recorder = ConsumptionRecorder(saldo: saldo, scope: environment, strict: true)
    try recorder.record(
      ids.enumerated().map {
        (
          $0.offset + 1,
          ConsumptionEvent(
            externalID: $0.element, organisation: organisation, kind: .send, at: nil)
        )
      })
    return recorder.summary
  }

  @Test func twoIDsWithTheSameHashAreBothCharged() throws {
    let (fixture, _, store) = try collidingStore()
    let summary = try record(
      ["evt-a", "evt-b"], in: fixture.environment, organisation: "Acme B.V.", store: store,
      fixture: fixture)
    #expect(summary.recorded == 2 && summary.alreadyKnown == 0)
    #expect(try store.balanceNow(fixture.environment.id) == Money(mills: -342))
    let hashes = try store.read {
      try store.database.scalarInt(
        "SELECT count(DISTINCT event_hash) FROM ledger_entry WHERE kind = 'consumption'")
    }
    #expect(hashes == 1)
    #expect(try store.read { try store.verify() }.isEmpty)
  }

  @Test func resendingEitherOfTwoCollidingIDsIsChargedOnce() throws {
    let (fixture, _, store) = try collidingStore()
    _ = try record(
      ["evt-a", "evt-b"], in: fixture.environment, organisation: "Acme B.V.", store: store,
      fixture: fixture)
    // Again in a later batch, and twice within one batch, in either order.
    for ids in [["evt-a"], ["evt-b"], ["evt-b", "evt-a", "evt-a", "evt-b"]] {
      let summary = try record(
        ids, in: fixture.environment, organisation: "Acme B.V.", store: store, fixture: fixture)
      #expect(summary.recorded == 0 && summary.alreadyKnown == ids.count, "\(ids)")
    }
    let fresh = try record(
      ["evt-c", "evt-c"], in: fixture.environment, organisation: "Acme B.V.", store: store,
      fixture: fixture)
    #expect(fresh.recorded == 1 && fresh.alreadyKnown == 1)
    #expect(try store.balanceNow(fixture.environment.id) == Money(mills: -3 * 171))
    #expect(try store.ledgerSumNow(fixture.environment.id) == Money(mills: -3 * 171))
    #expect(try store.read { try store.verify() }.isEmpty)
  }

  /// A batch is written in the order of the event-id index, not the order given: the answers
  /// still come back in the order given, and of two entries with the same id the first given is
  /// the one charged, whether the hashes differ or all collide.
  @Test(arguments: [false, true])
  func theFirstOfEqualIDsInABatchIsChargedWhateverTheWriteOrder(colliding: Bool) throws {
    let (fixture, bolt, collidingStore) = try collidingStore()
    let store = colliding ? collidingStore : fixture.store
    let acme = fixture.environment.id
    func entry(_ environment: Int64, _ id: String, _ kind: TransactionKind) -> NewLedgerEntry {
      NewLedgerEntry(
        environmentID: environment, organisationID: nil, kind: .consumption,
        transactionKind: kind, amount: Money(mills: -1), at: Fixture.now, reference: id,
        actor: "ada")
    }
    let batch = [
      entry(bolt.id, "evt-z", .pdf), entry(acme, "evt-x", .send), entry(acme, "evt-y", .receive),
      entry(bolt.id, "evt-x", .send), entry(acme, "evt-x", .receive), entry(acme, "evt-a", .pdf),
      entry(bolt.id, "evt-z", .receive),
    ]
    let added = try store.write { try store.appendConsumptions(batch) }
    #expect(added == [true, true, true, true, false, true, false])
    let kinds = try store.read {
      try store.database.scalarText(
        """
        SELECT group_concat(environment_id || ':' || reference || ':' || transaction_kind, ' ')
        FROM (SELECT * FROM ledger_entry WHERE kind = 'consumption'
          ORDER BY environment_id, reference)
        """)
    }
    #expect(
      kinds == "\(acme):evt-a:pdf \(acme):evt-x:send \(acme):evt-y:receive"
        + " \(bolt.id):evt-x:send \(bolt.id):evt-z:pdf")
  }

  @Test func theSameIDIsChargedOnceInEachEnvironment() throws {
    let (fixture, bolt, store) = try collidingStore()
    for _ in 0..<2 {
      _ = try record(
        ["evt-a", "evt-b"], in: fixture.environment, organisation: "Acme B.V.", store: store,
        fixture: fixture)
      _ = try record(
        ["evt-a", "evt-b"], in: bolt, organisation: "Bolt B.V.", store: store, fixture: fixture)
    }
    #expect(try store.balanceNow(fixture.environment.id) == Money(mills: -342))
    #expect(try store.balanceNow(bolt.id) == Money(mills: -342))
    let again = try record(
      ["evt-a"], in: bolt, organisation: "Bolt B.V.", store: store, fixture: fixture)
    #expect(again.recorded == 0 && again.alreadyKnown == 1)
    #expect(try store.read { try store.verify() }.isEmpty)
  }

  @Test func checkFindsAHashThatIsNotTheHashOfItsID() throws {
    let (fixture, _, store) = try collidingStore()
    _ = try record(
      ["evt-a"], in: fixture.environment, organisation: "Acme B.V.", store: store,
      fixture: fixture)
    // Saldo itself hashes with FNV-1a: to it, 42 is the wrong hash.
    let problems = try fixture.store.read { try fixture.store.verify() }
    #expect(problems.count == 1)
    #expect(problems.first?.contains("not the hash of its id") == true, "\(problems)")
  }

  @Test func checkFindsAnIDChargedTwice() throws {
    let (fixture, _, store) = try collidingStore()
    _ = try record(
      ["evt-a", "evt-b"], in: fixture.environment, organisation: "Acme B.V.", store: store,
      fixture: fixture)
    // The schema no longer refuses a second entry for an id; only the insert path does.
    try store.database.execute(
      """
      INSERT INTO ledger_entry(environment_id, organisation_id, kind, transaction_kind, amount,
        at, reference, actor, event_hash)
      SELECT environment_id, organisation_id, kind, transaction_kind, amount, at, reference,
        actor, event_hash
      FROM ledger_entry WHERE reference = 'evt-b';
      UPDATE credit SET balance = balance - 171, entries = entries + 1
        WHERE environment_id = \(fixture.environment.id);
      UPDATE daily_consumption SET count = count + 1, amount = amount + 171
        WHERE environment_id = \(fixture.environment.id);
      UPDATE daily_total SET amount = amount + 171, cumulative = cumulative + 171
        WHERE environment_id = \(fixture.environment.id);
      """)
    let problems = try store.read { try store.verify() }
    #expect(problems == ["event evt-b of environment \(fixture.environment.id) charged 2 times"])
  }
}

@Suite struct EventHashTests {
  @Test func theHashIsFNV1aOfTheUTF8Bytes() {
    // The published FNV-1a 64 test vectors: the hash is part of the file format.
    #expect(EventHash.fnv1a("") == Int64(bitPattern: 0xCBF2_9CE4_8422_2325))
    #expect(EventHash.fnv1a("a") == Int64(bitPattern: 0xAF63_DC4C_8601_EC8C))
    #expect(EventHash.fnv1a("foobar") == Int64(bitPattern: 0x8594_4171_F739_67E8))
    let id = "0f8fad5bd9cb469fa16570867728950e"
    #expect(EventHash.fnv1a(id) != EventHash.fnv1a(String(id.reversed())))
  }

  @Test func sqlHashesAsSwiftDoes() throws {
    let fixture = try Fixture()
    for id in ["", "a", "evt-123", "Café Zürich 🧾", "0f8fad5bd9cb469fa16570867728950e"] {
      let statement = try fixture.store.database.statement("SELECT saldo_event_hash(?1)")
      try statement.bind(.text(id))
      #expect(try statement.step())
      #expect(statement.int(0) == EventHash.fnv1a(id), "\(id)")
      statement.reset()
    }
    #expect(
      try fixture.store.database.scalarInt("SELECT saldo_event_hash(NULL) IS NULL") == 1)
  }

  @Test func theDuplicateProbeSeeksTheHashIndex() throws {
    let fixture = try Fixture()
    let statement = try fixture.store.database.statement(
      "EXPLAIN QUERY PLAN " + SQLiteStore.chargedBefore)
    var plan: [String] = []
    while try statement.step() { plan.append(statement.text(3)) }
    #expect(
      plan.contains {
        $0.contains(
          "USING INDEX ledger_entry_environment_event_hash (environment_id=? AND event_hash=?)")
      }, "\(plan)")
    #expect(!plan.contains { $0.hasPrefix("SCAN ledger_entry") }, "\(plan)")
  }
}

@Suite struct HashedEventIDMigrationTests {
  /// Takes a database back to before the hashed event ids: their column and index go, the
  /// unique index on the ids themselves returns. Tests that rewind an earlier migration run
  /// this one again, so they take it back too.
  static let rewindSQL = """
    \(RememberedWindowTests.rewindSQL)
    DROP INDEX ledger_entry_environment_event_hash;
    ALTER TABLE ledger_entry DROP COLUMN event_hash;
    CREATE UNIQUE INDEX ledger_entry_environment_event ON ledger_entry(environment_id, reference)
      WHERE kind = 'consumption' AND reference IS NOT NULL;
    """

  @Test func anOlderDatabaseGetsTheHashOfEveryEventID() throws {
    let fixture = try Fixture()
    let bolt = try fixture.saldo().directory.initialize(
      environment: "Bolt", organisation: "Bolt B.V.", email: "ada@acme.example",
      details: Fixture.acmeDetails)
    let today = Day(containing: Fixture.now)
    try fixture.consume(on: today.adding(days: -2), count: 30)
    try fixture.consume(on: today.adding(days: -1), count: 20)
    let boltRecorder = ConsumptionRecorder(saldo: fixture.saldo(), scope: bolt, strict: true)
    try boltRecorder.record([
      (1, ConsumptionEvent(externalID: "shared", organisation: "Bolt B.V.", kind: .pdf, at: nil))
    ])
    _ = try fixture.topUp(100)
    let balance = try fixture.store.balanceNow(fixture.environment.id)

    let reopened = try fixture.reopened(
      rewoundBefore: Schema.hashedEventIDs, undoing: Self.rewindSQL)
    #expect(
      try reopened.database.scalarInt("PRAGMA user_version") == Int64(Schema.currentVersion))
    #expect(try reopened.read { try reopened.verify() }.isEmpty)
    let hashed = try reopened.read {
      try reopened.database.scalarInt(
        "SELECT count(*) FROM ledger_entry WHERE event_hash IS NOT NULL")
    }
    #expect(hashed == 51)
    let stored = try reopened.read {
      try reopened.database.scalarInt(
        "SELECT event_hash FROM ledger_entry WHERE reference = 'shared'")
    }
    #expect(stored == EventHash.fnv1a("shared"))

    // Ids charged before the migration are still known, in their own environment only.
    let saldo = Saldo(store: reopened, account: Accounts.ada, clock: fixture.clock)
    let recorder = ConsumptionRecorder(saldo: saldo, scope: fixture.environment, strict: true)
    let day = today.adding(days: -1)
    try recorder.record(
      (0..<20).map {
        (
          $0 + 1,
          ConsumptionEvent(
            externalID: "\(day.iso)-\($0)", organisation: "Acme B.V.", kind: .receive,
            at: Instant(seconds: day.start.seconds + 12 * 3600))
        )
      }
        + [
          (
            21,
            ConsumptionEvent(externalID: "shared", organisation: "Acme B.V.", kind: .pdf, at: nil)
          )
        ])
    #expect(recorder.summary.alreadyKnown == 20 && recorder.summary.recorded == 1)
    #expect(try reopened.balanceNow(fixture.environment.id) == Money(mills: balance.mills - 512))
    #expect(try reopened.read { try reopened.verify() }.isEmpty)
  }

  @Test func theAppendOnlyGuardIsBackAfterTheMigration() throws {
    let fixture = try Fixture()
    try fixture.consume(on: Day(containing: Fixture.now), count: 1)
    let reopened = try fixture.reopened(
      rewoundBefore: Schema.hashedEventIDs, undoing: Self.rewindSQL)
    #expect(throws: StoreError.self) {
      try reopened.database.execute("UPDATE ledger_entry SET event_hash = 1")
    }
  }
}

/// The event hash is part of the file format: FNV-1a as published, not whatever it is today.
@Suite struct FNV1aTests {
  @Test func publishedTestVectors() {
    #expect(FNV1a.hash("".utf8) == 0xCBF2_9CE4_8422_2325)
    #expect(FNV1a.hash("a".utf8) == 0xAF63_DC4C_8601_EC8C)
    #expect(FNV1a.hash("foobar".utf8) == 0x8594_4171_F739_67E8)
    #expect(EventHash.fnv1a("foobar") == Int64(bitPattern: 0x8594_4171_F739_67E8))
  }
}
