import Foundation
import Testing
import TestSupport

@testable import SaldoCore

/// Seeded random sequences of everything that can happen to an environment, with every
/// invariant checked after each step. A failure names the seed and step that replay it
/// (`SALDO_SIMULATION_SEED=N swift test --filter Simulation`).
@Suite(.tags(.slow), .enabled(if: Slow.enabled, Slow.reason))
struct SimulationTests {
  static var seeds: [UInt64] {
    if let text = ProcessInfo.processInfo.environment["SALDO_SIMULATION_SEED"],
      let seed = UInt64(text)
    {
      return [seed]
    }
    return [1, 2, 3, 4]
  }

  static var steps: Int {
    Int(ProcessInfo.processInfo.environment["SALDO_SIMULATION_STEPS"] ?? "") ?? 300
  }

  @Test(arguments: seeds)
  func invariantsHoldAfterEveryStep(seed: UInt64) throws {
    var random = SeededRandom(seed: seed)
    var now = Fixture.now
    let fixture = try Fixture()
    let environment = fixture.environment
    var event = 0
    var openPayments: [Int64] = []
    var collections: [Int64] = []
    func saldo(_ account: SystemAccount = Accounts.ada) -> Saldo {
      Saldo(store: fixture.store, account: account, clock: FixedClock(now))
    }
    func pick(_ n: UInt64) -> Int { Int(random.next() % n) }

    for step in 0..<Self.steps {
      let operation = pick(12)
      do {
        switch operation {
        case 0...3:  // a consumption batch, some events repeated, some in the past
          let recorder = ConsumptionRecorder(saldo: saldo(), scope: environment, strict: false)
          var batch: [(line: Int, event: ConsumptionEvent)] = []
          for _ in 0..<pick(40) {
            event += pick(3) == 0 ? 0 : 1
            let at = Instant(seconds: now.seconds - Int64(pick(5 * 86_400)))
            batch.append(
              (
                0,
                ConsumptionEvent(
                  externalID: "s\(event)", organisation: "Acme B.V.",
                  kind: TransactionKind.allCases[pick(4)], at: at)
              ))
          }
          try recorder.record(batch)
        case 4:  // a top-up by invoice, sometimes retried with the same key
          let key = "k\(pick(20))"
          _ = try saldo().topUps.topUp(
            TopUpRequest(
              environment: environment, amount: Money(mills: Int64(10 + pick(600)) * 1000),
              method: .invoice, organisation: nil, orderNumber: nil, idempotencyKey: key))
        case 5:  // an online payment opened
          let result = try saldo().topUps.topUp(
            TopUpRequest(
              environment: environment, amount: Money(mills: Int64(10 + pick(3000)) * 1000),
              method: .ideal, organisation: nil, orderNumber: nil,
              idempotencyKey: "o\(step)"))
          openPayments.append(result.payment.id)
        case 6:  // an outcome for a random open payment (may be illegal by now)
          if let id = openPayments.randomElement(using: &random) {
            _ = try saldo().topUps.settleSandboxPayment(
              id: id, outcome: PaymentStatus.outcomes[pick(4)])
          }
        case 7:  // settings change
          if pick(3) == 0 {
            try? saldo().autoUpgrade.disableAutoUpgrade(for: environment)
          } else {
            try saldo().autoUpgrade.setAutoUpgrade(
              AutoUpgradeInput(
                amount: pick(2) == 0
                  ? .fixed(Money(mills: Int64(50 + pick(500)) * 1000)) : .coverDays(1 + pick(40)),
                holder: "Acme", iban: "NL91ABNA0417164300", mandateID: "M-\(pick(3))",
                mandateDate: Day(containing: now).adding(days: -10),
                organisation: try fixture.organisation(), orderNumber: nil,
                monthlyCap: pick(2) == 0 ? nil : Money(mills: Int64(100 + pick(2000)) * 1000)),
              for: environment)
          }
        case 8...9:  // time passes; the daily job runs (sometimes twice)
          now = Instant(seconds: now.seconds + Int64(pick(2 * 86_400)))
          _ = try saldo().autoUpgrade.daily()
          if pick(2) == 0 { _ = try saldo().autoUpgrade.daily() }
          collections = try saldo().autoUpgrade.autoUpgradeCollections(of: environment, limit: 1000)
            .map(\.id)
        case 10:  // the bank returns a debit
          if let id = collections.randomElement(using: &random) {
            try saldo().autoUpgrade.recordReversal(
              of: String(id), reason: ["AM04", "MD06", "AC04"][pick(3)])
          }
        default:  // a member tries what only administrators may
          _ = try saldo(Accounts.ben).topUps.topUp(
            TopUpRequest(
              environment: environment, amount: Money(mills: 100_000), method: .invoice,
              organisation: nil, orderNumber: nil, idempotencyKey: "ben\(step)"))
          Issue.record("seed \(seed) step \(step): a member topped up")
        }
      } catch is SaldoError {
        // Refusals are part of the game (illegal transitions, reused keys, members).
      }
      let problems = try fixture.store.verify()
      #expect(problems.isEmpty, "seed \(seed) step \(step) (operation \(operation)): \(problems)")
      if !problems.isEmpty { return }
      // At most one upgrade per environment and day holds by construction; check it anyway.
      let days = try saldo().autoUpgrade.autoUpgradeCollections(of: environment, limit: 1000).map(
        \.day)
      #expect(Set(days).count == days.count, "seed \(seed) step \(step): two upgrades on one day")
    }
  }

  @Test func verifyFindsWhatIsWrong() throws {
    let fixture = try Fixture()
    try fixture.topUp(100)
    #expect(try fixture.store.verify().isEmpty)
    try fixture.store.database.execute("UPDATE credit SET balance = balance + 1")
    #expect(try fixture.store.verify().contains { $0.contains("ledger sum") })
    try fixture.store.database.execute("UPDATE credit SET balance = balance - 1")
    try fixture.store.database.execute("UPDATE invoice_counter SET last = last + 1")
    #expect(try fixture.store.verify().contains { $0.contains("counter") })
    try fixture.store.database.execute("UPDATE invoice_counter SET last = last - 1")
    // A top-up credited twice: the payment is sound, its credit entries are not.
    try fixture.store.database.execute(
      """
      INSERT INTO ledger_entry(environment_id, kind, amount, at, reference, actor)
      SELECT environment_id, 'topup', amount, at, reference, actor FROM ledger_entry
      WHERE kind = 'topup'
      """)
    #expect(try fixture.store.verify().contains { $0.contains("2 credit entries") })
    try fixture.store.database.execute("UPDATE payment SET credited = 0, invoice_number = NULL")
    #expect(try fixture.store.verify().contains { $0.contains("half done") })
  }
}
