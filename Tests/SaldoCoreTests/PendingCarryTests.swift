import Testing

@testable import SaldoCore
import TestSupport

/// What a batch adds to the running sums after its last day waits on the credit row (the
/// pending carry) instead of being written into every later day. Any range read from the
/// running sums must still equal the days summed one by one, whichever order batches arrive in:
/// these tests hold every range to an independently kept model.
@Suite struct PendingCarryTests {
  /// Takes back the migration that added the pending carry, writing the carry into the running
  /// sums first, as they were kept before it.
  static let rewindSQL = """
    UPDATE daily_total SET cumulative = cumulative + (SELECT c.pending_amount FROM credit c
      WHERE c.environment_id = daily_total.environment_id)
    WHERE day >= (SELECT c.pending_from FROM credit c
      WHERE c.environment_id = daily_total.environment_id);
    ALTER TABLE credit DROP COLUMN pending_from; ALTER TABLE credit DROP COLUMN pending_amount;
    """

  private func pending(_ fixture: Fixture) throws -> (from: Int64?, amount: Int64) {
    let store = fixture.store
    return try store.read {
      let row = try store.database.statement(
        "SELECT pending_from, pending_amount FROM credit WHERE environment_id = ?1")
      try row.bind(.int(fixture.environment.id))
      defer { row.reset() }
      _ = try row.step()
      return (row.optionalInt(0), row.int(1))
    }
  }

  private func window(_ fixture: Fixture, _ range: ClosedRange<Day>) throws -> Int64 {
    let store = fixture.store
    return try store.read {
      try store.consumption(environmentID: fixture.environment.id, days: range)
    }
    .mills
  }

  private func summed(_ model: [Day: Int64], _ range: ClosedRange<Day>) -> Int64 {
    model.filter { range.contains($0.key) }.values.reduce(0, +)
  }

  @Test func aBatchLeavesTheDaysAfterItsLastToThePendingCarry() throws {
    let fixture = try Fixture()
    let today = Day(containing: Fixture.now)
    try fixture.consume(on: today.adding(days: -10), count: 2, tag: "a")
    try fixture.consume(on: today.adding(days: -5), count: 1, tag: "b")
    #expect(try pending(fixture) == (today.adding(days: -5).number, 3 * 341))
    // Back-dated before the carry's start: the carry moves back to it, and the days between
    // are written.
    try fixture.consume(on: today.adding(days: -8), count: 4, tag: "c")
    #expect(try pending(fixture) == (today.adding(days: -8).number, 7 * 341))
    let model: [Day: Int64] = [
      today.adding(days: -10): 2 * 341, today.adding(days: -8): 4 * 341,
      today.adding(days: -5): 341,
    ]
    for first in -12...0 as ClosedRange<Int64> {
      for last in first...0 {
        let range = today.adding(days: first)...today.adding(days: last)
        #expect(try window(fixture, range) == summed(model, range), "\(first)...\(last)")
      }
    }
    #expect(try fixture.store.read { try fixture.store.verify() }.isEmpty)
  }

  @Test func checkNamesAPendingCarryThatDriftedOrLostItsDay() throws {
    let fixture = try Fixture()
    let today = Day(containing: Fixture.now)
    try fixture.consume(on: today.adding(days: -3), count: 2)
    try fixture.store.write {
      try fixture.store.database.execute("UPDATE credit SET pending_amount = pending_amount + 5")
    }
    var problems = try fixture.store.read { try fixture.store.verify() }
    #expect(problems.contains { $0.contains("running total") })
    try fixture.store.write {
      try fixture.store.database.execute(
        "UPDATE credit SET pending_amount = pending_amount - 5, pending_from = pending_from + 1")
    }
    problems = try fixture.store.read { try fixture.store.verify() }
    #expect(problems.contains { $0.contains("which has no daily total") })
    try fixture.store.write {
      try fixture.store.database.execute("UPDATE credit SET pending_from = NULL")
    }
    problems = try fixture.store.read { try fixture.store.verify() }
    #expect(problems.contains { $0.contains("without a day it starts on") })
  }

  @Test func anOlderDatabaseStartsWithNothingPending() throws {
    let fixture = try Fixture()
    let today = Day(containing: Fixture.now)
    try fixture.consume(on: today.adding(days: -4), count: 3, tag: "a")
    try fixture.consume(on: today.adding(days: -9), count: 2, tag: "b")
    let reopened = try fixture.reopened(
      rewoundBefore: Schema.pendingCarry, undoing: Self.rewindSQL)
    #expect(
      try reopened.database.scalarInt("PRAGMA user_version") == Int64(Schema.currentVersion))
    #expect(try pending(fixture) == (nil, 0))
    #expect(try reopened.read { try reopened.verify() }.isEmpty)
    try fixture.consume(on: today.adding(days: -6), count: 1, tag: "c")
    let range = today.adding(days: -5)...today
    #expect(try window(fixture, range) == 3 * 341)
    #expect(try window(fixture, today.adding(days: -9)...today) == 6 * 341)
    #expect(try reopened.read { try reopened.verify() }.isEmpty)
  }

  /// Random batches over the last 150 days (repeated ids, several days each, in any order),
  /// days passing and daily sweeps; after each step twenty random ranges read from the store
  /// must equal the model's days summed, and `saldo check` must pass.
  @Test(arguments: [11, 12, 13, 14, 15] as [UInt64])
  func everyRangeEqualsItsDaysThroughRandomBatches(seed: UInt64) throws {
    var random = SeededRandom(seed: seed)
    func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    var now = Fixture.now
    let fixture = try Fixture()
    var model = try ConsumptionModel(fixture)
    for step in 0..<100 {
      switch pick(6) {
      case 0, 1, 2, 3:
        // Near today's days as often as anywhere in the 150 days.
        let span = pick(2) == 0 ? 150 : 5
        try model.recordBatch(
          at: now, count: 1 + pick(10), ids: 500, spanDays: span, random: &random)
      case 4:
        now = Instant(seconds: now.seconds + Int64(pick(3 * 86_400)))
      default:
        _ = try fixture.saldo(at: now).autoUpgrade.daily()
      }
      let today = Day(containing: now)
      for _ in 0..<20 {
        let first = today.adding(days: -Int64(pick(160)))
        let range = first...first.adding(days: Int64(pick(120)))
        let seen = try window(fixture, range)
        #expect(seen == model.sum(range), "seed \(seed) step \(step) \(range)")
        if seen != model.sum(range) { return }
      }
      let problems = try fixture.store.read { try fixture.store.verify() }
      #expect(problems.isEmpty, "seed \(seed) step \(step): \(problems)")
      if !problems.isEmpty { return }
    }
  }
}
