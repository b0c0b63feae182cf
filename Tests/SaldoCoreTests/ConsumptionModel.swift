import TestSupport

@testable import SaldoCore

/// The reference of the window and running-sum model tests: random back-dated batches
/// recorded through the core for "Acme B.V.", with what each day was charged kept here,
/// independently of the store (an id charged before is not charged again).
struct ConsumptionModel {
  let fixture: Fixture
  private let price: Int64
  private var days: [Day: Int64] = [:]
  private var charged: Set<String> = []

  init(_ fixture: Fixture) throws {
    self.fixture = fixture
    price = try fixture.saldo().directory.plan(of: fixture.environment).price(of: .receive).mills
  }

  /// Records one batch of `count` receive events at `now`, ids drawn from `ids` of them, each
  /// up to `spanDays` days back.
  mutating func recordBatch(
    at now: Instant, count: Int, ids: Int, spanDays: Int, random: inout SeededRandom
  ) throws {
    var batch: [(line: Int, event: ConsumptionEvent)] = []
    for _ in 0..<count {
      let id = "e\(random.next() % UInt64(ids))"
      let at = Instant(seconds: now.seconds - Int64(random.next() % UInt64(spanDays * 86_400)))
      batch.append(
        (0, ConsumptionEvent(externalID: id, organisation: "Acme B.V.", kind: .receive, at: at)))
      if charged.insert(id).inserted { days[Day(containing: at), default: 0] += price }
    }
    try ConsumptionRecorder(saldo: fixture.saldo(at: now), scope: fixture.environment, strict: true)
      .record(batch)
  }

  /// What the model's days in `range` were charged.
  func sum(_ range: ClosedRange<Day>) -> Int64 {
    days.filter { range.contains($0.key) }.values.reduce(0, +)
  }
}
