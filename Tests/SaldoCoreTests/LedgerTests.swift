import Testing
import TestSupport

@testable import SaldoCore

@Suite struct LedgerTests {
  @Test func balanceEqualsTheSumOfEntriesAfterAnySequence() throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    let org = try fixture.organisation()
    var random = SeededRandom(seed: 42)
    var id = 0
    for step in 0..<300 {
      switch random.next() % 4 {
      case 0:
        try fixture.topUp(10 + Int64(random.next() % 3_000))
      case 1:
        try saldo.credit.correct(
          fixture.environment, by: Money(mills: Int64(random.next() % 2_001) - 1_000),
          reason: "step \(step)")
      default:
        let recorder = ConsumptionRecorder(saldo: saldo, scope: fixture.environment, strict: false)
        var batch: [(line: Int, event: ConsumptionEvent)] = []
        for _ in 0..<Int(random.next() % 20) {
          // Some ids repeat on purpose: they must be charged once.
          id += Int(random.next() % 2)
          let kind = TransactionKind.allCases[Int(random.next() % 4)]
          let at = Instant(seconds: Fixture.now.seconds - Int64(random.next() % (200 * 86_400)))
          batch.append(
            (0, ConsumptionEvent(externalID: "ev\(id)", organisation: org.name, kind: kind, at: at))
          )
        }
        try recorder.record(batch)
      }
      let balance = try fixture.store.balanceNow(fixture.environment.id)
      let sum = try fixture.store.ledgerSumNow(fixture.environment.id)
      #expect(balance == sum, "after step \(step)")
    }
  }

  @Test func dailyTotalsEqualTheConsumptionEntries() throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    let recorder = ConsumptionRecorder(saldo: saldo, scope: fixture.environment, strict: false)
    var batch: [(line: Int, event: ConsumptionEvent)] = []
    for n in 0..<500 {
      let at = Instant(seconds: Fixture.now.seconds - Int64(n) * 7_919)
      batch.append(
        (
          n,
          ConsumptionEvent(externalID: "d\(n)", organisation: "Acme B.V.", kind: .receive, at: at)
        ))
    }
    try recorder.record(batch)
    let all = try fixture.store.read {
      try fixture.store.consumption(
        environmentID: fixture.environment.id,
        days: Day(number: 0)...Day(containing: Fixture.now))
    }
    #expect(all == Money(mills: 500 * 341))
  }

  @Test func onlyOperatorsCorrect() throws {
    let fixture = try Fixture()
    #expect(throws: SaldoError.self) {
      try fixture.saldo(Accounts.ben).credit.correct(
        fixture.environment, by: Money(mills: 5), reason: "x")
    }
    try fixture.saldo().credit.correct(fixture.environment, by: Money(mills: 5), reason: "goodwill")
    let entries = try fixture.saldo().credit.transactions(of: fixture.environment)
    #expect(entries.first?.kind == .correction)
    #expect(entries.first?.reference == "goodwill")
  }

  @Test func transactionsPageWithoutGapsOrRepeats() throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    let recorder = ConsumptionRecorder(saldo: saldo, scope: fixture.environment, strict: false)
    // Recorded out of time order, several in the same second: pages follow when things
    // happened, then the entry id.
    let start = fixture.clock.now().seconds - 86_400
    try recorder.record(
      (0..<250).map {
        (
          0,
          ConsumptionEvent(
            externalID: "p\($0)", organisation: "Acme B.V.", kind: .send,
            at: Instant(seconds: start + Int64(($0 * 37) % 101) * 60))
        )
      })
    var seen: [LedgerEntry] = []
    var position: LedgerPosition?
    while true {
      let page = try saldo.credit.transactions(
        of: fixture.environment, from: position, order: .newestFirst, limit: 60)
      if page.isEmpty { break }
      seen += page
      position = page.last.map(LedgerPosition.init)
    }
    #expect(seen.count == 250)
    #expect(Set(seen.map(\.id)).count == 250)
    let order = seen.map { LedgerPosition($0) }
    #expect(order == order.sorted { ($0.at, $0.id) > ($1.at, $1.id) })
    #expect(seen.map(\.id) != seen.map(\.id).sorted(by: >))
  }
}
