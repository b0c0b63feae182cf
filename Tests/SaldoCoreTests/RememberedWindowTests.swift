import Testing

@testable import SaldoCore
import TestSupport

/// The daily job remembers each environment's 100-day window on its credit row, and readers
/// take it from there. A remembered window that drifted from the daily totals would move the
/// automatic upgrade's decision: these tests hold it to the daily totals through every order of
/// events, days and sweeps.
@Suite struct RememberedWindowTests {
  /// Takes back the migration that added the remembered window, for tests that bring a database
  /// back to an older version and let the migrations after it run again.
  static let rewindSQL = """
    \(PendingCarryTests.rewindSQL)
    ALTER TABLE credit DROP COLUMN window_first; ALTER TABLE credit DROP COLUMN window_last;
    ALTER TABLE credit DROP COLUMN window_amount;
    """

  @Test func anOlderDatabaseRemembersNoWindowUntilTheDailyJob() throws {
    let fixture = try Fixture()
    let today = Day(containing: Fixture.now)
    try fixture.consume(on: today.adding(days: -3), count: 4)
    let reopened = try fixture.reopened(
      rewoundBefore: Schema.rememberedWindow, undoing: Self.rewindSQL)
    #expect(
      try reopened.database.scalarInt("PRAGMA user_version") == Int64(Schema.currentVersion))
    #expect(try remembered(fixture) == nil)
    #expect(try reopened.read { try reopened.verify() }.isEmpty)
    let summary = try fixture.saldo().credit.creditSummary(of: fixture.environment)
    #expect(summary.windowConsumption.mills == 4 * 341)
    _ = try fixture.saldo().autoUpgrade.daily()
    #expect(try remembered(fixture)?.amount == 4 * 341)
  }
  /// What the credit row holds: nil while no window is remembered.
  func remembered(_ fixture: Fixture) throws -> (first: Int64, last: Int64, amount: Int64)? {
    let store = fixture.store
    let id = fixture.environment.id
    return try store.read {
      let row = try store.database.statement(
        "SELECT window_first, window_last, window_amount FROM credit WHERE environment_id = ?1")
      try row.bind(.int(id))
      defer { row.reset() }
      guard try row.step(), let first = row.optionalInt(0), let last = row.optionalInt(1) else {
        return nil
      }
      return (first, last, row.int(2))
    }
  }

  /// The window's consumption summed from the daily totals, day by day.
  func summed(_ fixture: Fixture, _ window: ClosedRange<Day>) throws -> Int64 {
    let store = fixture.store
    let id = fixture.environment.id
    return try store.read { try store.dailyConsumption(environmentID: id, days: window) }
      .values.reduce(0) { $0 + $1.mills }
  }

  @Test func theDailyJobRemembersTodaysWindowAndReadersUseIt() throws {
    let fixture = try Fixture()
    let today = Day(containing: Fixture.now)
    for offset in [1, 30, 99, 100, 101, 150] as [Int64] {
      try fixture.consume(on: today.adding(days: -offset), count: 2, tag: "h")
    }
    #expect(try remembered(fixture) == nil)
    _ = try fixture.saldo().autoUpgrade.daily()
    let window = CreditRules.averageWindow(before: today)
    let stored = try #require(try remembered(fixture))
    #expect(stored.first == window.lowerBound.number && stored.last == window.upperBound.number)
    // Days 1, 30, 99 and 100 before today are in the window; 101 and 150 are not.
    #expect(stored.amount == 4 * 2 * 341)
    #expect(stored.amount == (try summed(fixture, window)))
    // Readers take the remembered amount: one changed behind the core's back shows through, and
    // `saldo check` names it.
    try fixture.store.write {
      try fixture.store.database.execute("UPDATE credit SET window_amount = window_amount + 7")
    }
    let summary = try fixture.saldo().credit.creditSummary(of: fixture.environment)
    #expect(summary.windowConsumption.mills == 4 * 2 * 341 + 7)
    let problems = try fixture.store.read { try fixture.store.verify() }
    #expect(problems.contains { $0.contains("remembered window") })
  }

  @Test func eventsInTheWindowAddToItAndOthersDoNot() throws {
    let fixture = try Fixture()
    let today = Day(containing: Fixture.now)
    try fixture.consume(on: today.adding(days: -10), count: 1, tag: "h")
    _ = try fixture.saldo().autoUpgrade.daily()
    let window = CreditRules.averageWindow(before: today)
    // Today (after the window), the window's first and last day, and the day before it.
    for (offset, tag) in [(0, "t"), (100, "f"), (1, "l"), (101, "b")] as [(Int64, String)] {
      try fixture.consume(on: today.adding(days: -offset), count: 3, tag: tag)
    }
    let stored = try #require(try remembered(fixture))
    #expect(stored.amount == (1 + 3 + 3) * 341)
    #expect(stored.amount == (try summed(fixture, window)))
    #expect(try fixture.store.read { try fixture.store.verify() }.isEmpty)
  }

  @Test func aCatchUpOfAPastDayLeavesTodaysWindow() throws {
    let fixture = try Fixture()
    let today = Day(containing: Fixture.now)
    try fixture.consume(on: today.adding(days: -5), count: 1)
    _ = try fixture.saldo().autoUpgrade.daily()
    let before = try #require(try remembered(fixture))
    _ = try fixture.saldo().autoUpgrade.daily(on: today.adding(days: -3))
    let after = try #require(try remembered(fixture))
    #expect(before.first == after.first && before.last == after.last)
    #expect(before.amount == after.amount)
  }

  /// An administrator sweeps only their own environments; another tenant's credit row is not
  /// written by it.
  @Test func anAdministratorsSweepRemembersOnlyTheirEnvironments() throws {
    let fixture = try Fixture()
    let ada = fixture.saldo()
    let other = try ada.directory.initialize(
      environment: "Other", organisation: "Other B.V.", email: "ada@other.example",
      details: Fixture.acmeDetails)
    try ada.directory.addUser(
      login: "cor", displayName: "Cor Bakker", email: "cor@acme.example", role: .administrator,
      to: fixture.environment)
    _ = try fixture.saldo(Accounts.cor).autoUpgrade.daily()
    #expect(try remembered(fixture) != nil)
    let otherRow = try fixture.store.read {
      try fixture.store.database.scalarInt(
        "SELECT count(*) FROM credit WHERE environment_id = \(other.id) AND window_first IS NULL")
    }
    #expect(otherRow == 1)
  }

  /// A small model: random batches (back-dated up to 150 days, repeated ids), days passing and
  /// sweeps, in random order. After each step the window every reader sees for today equals the
  /// sum of the days recorded, kept here independently of the store.
  @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
  func randomSequencesKeepTheWindowEqualToItsDays(seed: UInt64) throws {
    var random = SeededRandom(seed: seed)
    func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    var now = Fixture.now
    let fixture = try Fixture()
    var model = try ConsumptionModel(fixture)
    for step in 0..<120 {
      switch pick(5) {
      case 0, 1, 2:
        try model.recordBatch(
          at: now, count: 1 + pick(8), ids: 400, spanDays: 150, random: &random)
      case 3:
        now = Instant(seconds: now.seconds + Int64(pick(3 * 86_400)))
      default:
        _ = try fixture.saldo(at: now).autoUpgrade.daily()
      }
      let today = Day(containing: now)
      let expected = model.sum(CreditRules.averageWindow(before: today))
      let seen = try fixture.saldo(at: now).credit.creditSummary(of: fixture.environment)
        .windowConsumption.mills
      #expect(seen == expected, "seed \(seed) step \(step)")
      let problems = try fixture.store.read { try fixture.store.verify() }
      #expect(problems.isEmpty, "seed \(seed) step \(step): \(problems)")
      if seen != expected || !problems.isEmpty { return }
    }
    // The sweeps did remember windows along the way (the cached path was exercised).
    #expect(try remembered(fixture) != nil)
  }
}
