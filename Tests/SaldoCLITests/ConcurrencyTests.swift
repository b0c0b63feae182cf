import Foundation
import SaldoCore
import Testing
import TestSupport

/// Four processes at once for a bounded time: two administrators topping up, a consumption
/// feed, and the daily job every second. Nothing is lost, nothing is charged twice, there is
/// one automatic upgrade per due day, and no "database is locked" reaches anyone.
@Suite(.serialized, .tags(.slow), .enabled(if: Slow.enabled, Slow.reason))
struct ConcurrencyTests {
  @Test func fourProcessesAtOnce() throws {
    let directory = TemporaryDirectory()
    let db = directory.file("saldo.db")
    try Scenario.prepare(db: db, environment: ["XDG_CONFIG_HOME": directory.file("config")])
    for n in 0..<6 {
      try Scenario.events(count: 5_000, prefix: "f\(n)-", path: directory.file("feed-\(n).jsonl"))
    }
    let saldo = SaldoProcess.executable
    let seconds = 8
    // Each loop runs until the deadline; every stderr line is kept for inspection.
    let loops = [
      "i=0; while [ $(date +%s) -lt $END ]; do i=$((i+1)); \"$SALDO\" --db \"$DB\" topup $((10 + i)) --method invoice >/dev/null 2>>\"$DIR/err-a\" || echo \"exit $?\" >>\"$DIR/err-a\"; done",
      "i=0; while [ $(date +%s) -lt $END ]; do i=$((i+1)); \"$SALDO\" --db \"$DB\" topup 25 --method ideal --idempotency-key b$i >/dev/null 2>>\"$DIR/err-b\" && \"$SALDO\" --db \"$DB\" payment $(\"$SALDO\" --db \"$DB\" payments list --json | grep -m1 '\"payment\"' | tr -dc 0-9) --outcome paid >/dev/null 2>>\"$DIR/err-b-outcome\"; done",
      "n=0; while [ $(date +%s) -lt $END ]; do \"$SALDO\" --db \"$DB\" consume --file \"$DIR/feed-$((n % 6)).jsonl\" >/dev/null 2>>\"$DIR/err-c\" || echo \"exit $?\" >>\"$DIR/err-c\"; n=$((n+1)); done",
      "while [ $(date +%s) -lt $END ]; do \"$SALDO\" --db \"$DB\" daily >/dev/null 2>>\"$DIR/err-d\" || echo \"exit $?\" >>\"$DIR/err-d\"; sleep 1; done",
    ]
    let end = Int(Date().timeIntervalSince1970) + seconds
    let processes = try loops.map { script -> Process in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", script]
      var environment = ProcessInfo.processInfo.environment
      environment["SALDO"] = saldo
      environment["DB"] = db
      environment["DIR"] = directory.path
      environment["END"] = String(end)
      environment["XDG_CONFIG_HOME"] = directory.file("config")
      environment["SALDO_DB"] = nil
      process.environment = environment
      try process.run()
      return process
    }
    for process in processes { process.waitUntilExit() }

    for name in ["err-a", "err-c", "err-d"] {
      let text = (try? String(contentsOfFile: directory.file(name), encoding: .utf8)) ?? ""
      #expect(text.isEmpty, "\(name): \(text.prefix(500))")
    }
    // The outcome of a payment another loop iteration already settled may be refused; a lock
    // never is.
    let outcomes =
      (try? String(contentsOfFile: directory.file("err-b-outcome"), encoding: .utf8)) ?? ""
    #expect(!outcomes.contains("locked"), "\(outcomes.prefix(500))")
    // Identical top-ups within minutes are pointed out on stderr by design; nothing else may be.
    let errB = ((try? String(contentsOfFile: directory.file("err-b"), encoding: .utf8)) ?? "")
      .split(separator: "\n").filter { !$0.hasPrefix("saldo: note: ") }
    #expect(errB.isEmpty, "\(errB.prefix(5))")

    let store = try SQLiteStore(path: db)
    #expect(try store.verify().isEmpty)
    let environment = try #require(try store.read { try store.environment(named: "Acme") })
    let collections = try store.read {
      try store.collections(environmentID: environment.id, limit: 1000)
    }
    #expect(Set(collections.map(\.day)).count == collections.count)
    let payments = try store.read {
      try store.payments(environmentID: environment.id, limit: 10_000)
    }
    #expect(payments.count > 4, "the loops made too few top-ups to prove anything")
    print("concurrency: \(payments.count) payments, \(collections.count) upgrades in \(seconds) s")
  }
}
