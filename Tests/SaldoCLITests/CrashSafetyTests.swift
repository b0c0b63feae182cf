import Foundation
import SaldoCore
import Testing
import TestSupport

/// Kills the binary with SIGKILL at random moments while it records consumption, tops up and
/// runs the daily job, and checks after every kill that nothing is lost or half written.
@Suite(.serialized, .tags(.slow), .enabled(if: Slow.enabled, Slow.reason))
struct CrashSafetyTests {
  static let requiredKills =
    Int(ProcessInfo.processInfo.environment["SALDO_CRASH_KILLS"] ?? "") ?? 200

  @Test func sigkillAtRandomMomentsLeavesTheStoreSound() throws {
    let directory = TemporaryDirectory()
    let db = directory.file("saldo.db")
    let config = ["XDG_CONFIG_HOME": directory.file("config")]
    try Scenario.prepare(db: db, environment: config)
    let files = try (0..<4).map { n -> String in
      let path = directory.file("events-\(n).jsonl")
      // Overlapping id ranges: a file replayed after a kill must not charge twice.
      try Scenario.events(count: 20_000, prefix: "e\(n % 2)-", path: path)
      return path
    }
    var random = SeededRandom(seed: 7)
    var kills = 0
    var finished = 0
    var iteration = 0
    while kills < Self.requiredKills && iteration < Self.requiredKills * 4 {
      iteration += 1
      let arguments: [String]
      switch random.next() % 5 {
      case 0, 1: arguments = ["consume", "--file", files[Int(random.next() % 4)]]
      case 2: arguments = ["topup", String(10 + random.next() % 900), "--method", "invoice"]
      case 3:
        arguments = [
          "daily", "--date",
          Day(containing: Instant(seconds: Int64(Date().timeIntervalSince1970))).adding(
            days: Int64(random.next() % 30)
          ).iso,
        ]
      default:
        arguments = [
          "topup", "50", "--method", "ideal", "--idempotency-key", "k\(random.next() % 50)",
        ]
      }
      let process = try SaldoProcess.start(["--db", db] + arguments, environment: config)
      usleep(UInt32(random.next() % 60_000))
      kill(process.pid, SIGKILL)
      let result = process.wait()
      if result.signalled { kills += 1 } else { finished += 1 }
      let store = try SQLiteStore(path: db)
      let problems = try store.verify()
      store.database.close()
      #expect(
        problems.isEmpty, "after iteration \(iteration) (\(arguments.prefix(2))): \(problems)")
      if !problems.isEmpty { return }
    }
    #expect(kills >= Self.requiredKills, "only \(kills) kills landed in \(iteration) runs")
    print("crash safety: \(kills) kills, \(finished) runs finished first, store sound after each")
  }
}
