import Foundation
import SaldoCore
import Testing
import TestSupport

/// Every write command, run by an administrator, a member, an administrator of another
/// environment and an account Saldo does not know, as real operating-system accounts.
@Suite(.serialized) struct AuthorizationCLITests {
  struct Account {
    let name: String
    let uid: Int
    let gid: Int
  }

  static let member = Account(name: "member (nobody)", uid: 65534, gid: 65534)
  static let otherAdministrator = Account(
    name: "administrator of another environment (daemon)", uid: 1, gid: 1)
  static let unknown = Account(name: "unknown account", uid: 42424, gid: 42424)

  static let writes: [[String]] = [
    ["org", "add", "Auth Org"],
    ["org", "set", "Acme B.V.", "--city", "Delft"],
    ["user", "add", "zed"],
    ["user", "set-role", "nobody", "member"],
    ["consume", "--org", "Acme B.V.", "--kind", "send", "--id", "auth-1"],
    ["topup", "100", "--method", "invoice"],
    [
      "auto-upgrade", "set", "--amount", "100", "--holder", "Acme", "--iban", "NL91ABNA0417164300",
      "--mandate-id", "M-9", "--mandate-date", "2026-01-01", "--org", "Acme B.V.",
    ],
    ["auto-upgrade", "off"],
    ["invoice", "paid", "2026-000001"],
    ["daily"],
    [
      "seller", "set", "--name", "Platform B.V.", "--iban", "NL91ABNA0417164300", "--creditor-id",
      "NL69ZZZ123456780000", "--street", "Stationsplein 45", "--postcode", "3511 ED", "--city",
      "Utrecht", "--country", "NL", "--kvk", "87654321", "--vat", "NL121547280B01", "--peppol",
      "0106:87654321",
    ],
    ["outbox", "retry"],
    ["sepa", "reversal", "1", "--reason", "AM04"],
    ["sepa", "export", "--date", "2026-11-25"],
  ]

  func run(_ arguments: [String], as account: Account?, db: String) throws -> SaldoProcess.Result {
    guard let account else {
      return try SaldoProcess.run(["--db", db, "--env", "Acme"] + arguments)
    }
    return try SaldoProcess.run(
      ["--db", db, "--env", "Acme"] + arguments, uid: account.uid, gid: account.gid)
  }

  @Test(.enabled(if: Conformance.accountTestsEnabled, Conformance.notRootReason))
  func onlyTheRightAccountsMayWrite() throws {
    try #require(geteuid() == 0, "this test switches accounts and must run as root (as CI does)")
    try #require(
      FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
      "setpriv (util-linux) is missing")
    let directory = TemporaryDirectory()
    chmod(directory.path, 0o777)
    let db = directory.file("saldo.db")
    try Scenario.prepare(db: db)
    #expect(try run(["user", "add", "nobody", "--role", "member"], as: nil, db: db).status == 0)
    #expect(try run(["topup", "100", "--method", "invoice"], as: nil, db: db).status == 0)
    let other = try SaldoProcess.run(["--db", db, "init", "--env", "Other", "--org", "Other B.V."])
    #expect(other.status == 0, "\(other.stderr)")
    #expect(
      try SaldoProcess.run([
        "--db", db, "--env", "Other", "user", "add", "daemon", "--role", "administrator",
      ]).status == 0)
    for suffix in ["", "-wal", "-shm"] { chmod(db + suffix, 0o666) }

    let before = try run(["transactions", "--csv"], as: nil, db: db).stdout
    for arguments in Self.writes {
      for account in [Self.member, Self.otherAdministrator, Self.unknown] {
        let result = try run(arguments, as: account, db: db)
        #expect(
          result.status == 2,
          "\(account.name) ran \(arguments.prefix(2)): \(result.status) \(result.stderr)")
        let refusal = result.stderr.split(separator: "\n").filter { !$0.contains("warning:") }
        #expect(refusal.count == 1, "\(account.name) \(arguments.prefix(2)): \(result.stderr)")
      }
    }
    #expect(
      try run(["transactions", "--csv"], as: nil, db: db).stdout == before,
      "a refused write changed the ledger")
    // The administrator (and operator) may do each of them.
    for arguments in Self.writes where arguments.first != "sepa" {
      let result = try run(arguments, as: nil, db: db)
      #expect(result.status == 0, "administrator ran \(arguments.prefix(2)): \(result.stderr)")
    }
    #expect(try run(["check"], as: nil, db: db).status == 0)
  }
}
