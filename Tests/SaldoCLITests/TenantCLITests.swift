import Foundation
import SaldoCore
import Testing
import TestSupport

/// Two environments with two administrators, as real accounts: root administers Acme, daemon
/// (uid 1) administers Bolt. Each runs the write commands against the other's keys, ids and
/// names; nothing crosses.
@Suite(.serialized) struct TenantCLITests {
  func run(_ arguments: [String], env: String, asDaemon: Bool, db: String) throws
    -> SaldoProcess.Result
  {
    let saldo = ["--db", db, "--env", env] + arguments
    if asDaemon { return try SaldoProcess.run(saldo, uid: 1, gid: 1) }
    return try SaldoProcess.run(saldo, environment: ["XDG_CONFIG_HOME": "/nonexistent"])
  }

  @Test(.enabled(if: Conformance.accountTestsEnabled, Conformance.notRootReason))
  func twoAdministratorsCannotReachEachOther() throws {
    try #require(geteuid() == 0, "this test switches accounts and must run as root (as CI does)")
    try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"))
    let directory = TemporaryDirectory()
    chmod(directory.path, 0o777)
    let db = directory.file("saldo.db")
    try Scenario.prepare(db: db)
    let acme = { (args: [String]) in try self.run(args, env: "Acme", asDaemon: false, db: db) }
    let bolt = { (args: [String]) in try self.run(args, env: "Bolt", asDaemon: true, db: db) }
    #expect(
      try SaldoProcess.run(["--db", db, "init", "--env", "Bolt", "--org", "Bolt B.V."]).status == 0)
    #expect(
      try acme(["--env", "Bolt", "user", "add", "daemon", "--role", "administrator"]).status == 0)
    for suffix in ["", "-wal", "-shm"] { chmod(db + suffix, 0o666) }
    #expect(
      try bolt([
        "org", "set", "Bolt B.V.", "--street", "Damrak 1", "--postcode", "1012 LG", "--city",
        "Amsterdam", "--country", "NL", "--kvk", "12345678", "--vat", "NL628194821B01",
      ]).status == 0)

    // Bolt's administrator tries to take the key Acme's automatic upgrade will use tomorrow.
    let tomorrow = Day(containing: Instant(seconds: Int64(Date().timeIntervalSince1970))).adding(
      days: 1)
    let planted = try bolt([
      "topup", "10", "--method", "invoice", "--idempotency-key", "auto:1:\(tomorrow.iso)",
    ])
    #expect(planted.status == 2 && planted.stderr.contains("reserved"), "\(planted.stderr)")
    // The same user key in both environments makes two top-ups.
    #expect(
      try bolt(["topup", "10", "--method", "invoice", "--idempotency-key", "k-1"]).status == 0)
    let mine = try acme([
      "topup", "10", "--method", "invoice", "--idempotency-key", "k-1", "--json",
    ])
    #expect(mine.status == 0 && mine.stdout.contains("\"replayed\": false"), "\(mine.stdout)")
    let changed = try acme([
      "topup", "10", "--method", "invoice", "--idempotency-key", "k-1", "--order-number", "PO-9",
    ])
    #expect(
      changed.status == 2 && changed.stderr.contains("different order number"), "\(changed.stderr)")

    // Event ids: the same id in Bolt is Bolt's own event.
    #expect(
      try acme(["consume", "--org", "Acme B.V.", "--kind", "send", "--id", "evt-1"]).status == 0)
    let theirs = try bolt(["consume", "--org", "Bolt B.V.", "--kind", "send", "--id", "evt-1"])
    #expect(theirs.status == 0 && theirs.stdout.contains("Recorded 1 events"), "\(theirs.stdout)")

    // Names are per environment; organisation ids of the other environment are unknown.
    #expect(try bolt(["org", "add", "Acme B.V."]).status == 0)
    #expect(try bolt(["org", "add", "1"]).status == 2)
    let foreignID = try bolt(["consume", "--org", "1", "--kind", "send", "--id", "evt-2"])
    #expect(foreignID.status == 2, "\(foreignID.stdout) \(foreignID.stderr)")
    #expect(try bolt(["--env", "Acme", "balance"]).status == 2)
    let unknown = try bolt(["--env", "Nope", "balance"])
    #expect(unknown.status == 2 && !unknown.stderr.contains("Acme"), "\(unknown.stderr)")

    // The platform goes on: the daily job and the checks pass for both.
    let daily = try acme(["daily"])
    #expect(daily.status == 0, "\(daily.stderr)")
    #expect(try acme(["check"]).status == 0)
  }
}
