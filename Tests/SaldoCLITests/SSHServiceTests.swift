import Foundation
import Testing
import TestSupport

/// Saldo served by a real OpenSSH server: one service account owns the database, people come in
/// with their own keys, sshd proves who they are and the forced command tells Saldo.
@Suite(
  .serialized, .tags(.ssh),
  .enabled(if: SSHServer.enabled, Comment(rawValue: SSHServer.unavailable ?? "")))
final class SSHServiceTests {
  let server: SSHServer
  let ada: String  // administrator of Acme
  let bea: String  // administrator of Acme
  let max: String  // member of Acme
  let ola: String  // administrator of Other

  init() throws {
    server = try SSHServer()
    for arguments in [
      ["init", "--env", "Acme", "--org", "Acme B.V.", "--email", "ops@platform.example"],
      ["init", "--env", "Other", "--org", "Other B.V."],
      [
        "seller", "set", "--name", "Platform B.V.", "--iban", "NL91ABNA0417164300",
        "--creditor-id", "NL69ZZZ123456780000", "--street", "Stationsplein 45", "--postcode",
        "3511 ED", "--city", "Utrecht", "--country", "NL", "--kvk", "87654321", "--vat",
        "NL121547280B01", "--peppol", "0106:87654321",
      ],
      [
        "--env", "Acme", "org", "set", "Acme B.V.", "--street", "Keizersgracht 1", "--postcode",
        "1015 CJ", "--city", "Amsterdam", "--country", "NL", "--kvk", "12345678", "--vat",
        "NL628194821B01", "--peppol", "0106:12345678",
      ],
      [
        "--env", "Acme", "user", "add", "ada", "--name", "Ada", "--email", "ada@acme.example",
        "--role", "administrator",
      ],
      ["--env", "Acme", "user", "add", "bea", "--name", "Bea", "--role", "administrator"],
      ["--env", "Acme", "user", "add", "max", "--name", "Max", "--role", "member"],
      ["--env", "Other", "user", "add", "ola", "--name", "Ola", "--role", "administrator"],
    ] {
      let result = try server.saldoAsService(arguments)
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
    }
    ada = try server.makeKey("ada")
    bea = try server.makeKey("bea")
    max = try server.makeKey("max")
    ola = try server.makeKey("ola")
    for (login, key) in [("ada", ada), ("bea", bea), ("max", max), ("ola", ola)] {
      let added = try server.saldoAsService(
        ["key", "add", login, "--label", "laptop"],
        input: try String(contentsOfFile: key + ".pub", encoding: .utf8))
      #expect(added.status == 0, "\(added.stderr)")
    }
  }

  @Test func eachRoleDoesExactlyWhatItMay() throws {
    let balance = try server.ssh(key: ada, "balance --json")
    #expect(balance.status == 0, "\(balance.stderr) \(server.log().suffix(2000))")
    #expect(balance.stdout.contains("\"environment\": \"Acme\""))
    #expect(
      try server.ssh(key: ola, "balance --json").stdout.contains("\"environment\": \"Other\""))
    // Ola cannot reach Acme even by name.
    let other = try server.ssh(key: ola, "--env Acme balance")
    #expect(other.status == 2, "\(other.stderr)")

    let refused = try server.ssh(key: max, "topup 100 --method invoice")
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("max is a member"))
    #expect(try server.ssh(key: max, "user add zed").status == 2)
    // Members see no credit here (as locally); they do see themselves.
    #expect(try server.ssh(key: max, "balance").status == 2)
    let seen = try server.ssh(key: max, "user list")
    #expect(seen.status == 0, "\(seen.stderr)")

    let topUp = try server.ssh(key: bea, "topup 100 --method invoice --order-number 'PO 7'")
    #expect(topUp.status == 0, "\(topUp.stderr)")
    #expect(try server.ssh(key: ada, "user add zed --role member").status == 0)
    // The audit trail names the person, not the service account.
    let transactions = try server.ssh(key: ada, "transactions --json")
    #expect(transactions.stdout.contains("\"actor\": \"bea\""))
    // A user manages their own keys, not someone else's.
    let keys = try server.ssh(key: max, "key list --json")
    #expect(keys.stdout.contains("\"login\": \"max\"") && !keys.stdout.contains("\"ada\""))
    #expect(keys.stdout.contains("\"last_used\": \"20"))
    #expect(try server.ssh(key: max, "key list ada").status == 2)
  }

  @Test func consumptionStreamsThroughStdinAndIsChargedOnce() throws {
    var lines = ""
    lines.reserveCapacity(100_000 * 70)
    for index in 0..<100_000 {
      lines += "{\"id\":\"ssh-\(index)\",\"org\":\"Acme B.V.\",\"kind\":\"send\"}\n"
    }
    let events = Data(lines.utf8)
    let first = try server.ssh(key: ada, "consume --file - --json", input: events)
    #expect(first.status == 0, "\(first.stderr)")
    let again = try server.ssh(key: ada, "consume --file - --json", input: events)
    #expect(again.status == 0, "\(again.stderr)")
    let balance = try server.ssh(key: ada, "balance --json")
    // 100,000 sendings at € 0,171 once, not twice.
    #expect(balance.stdout.contains("\"balance\": \"-17100.000\""), "\(balance.stdout)")
  }

  @Test(arguments: [
    "; touch /tmp/PWNED", "$(touch /tmp/PWNED)", "`touch /tmp/PWNED`",
    "balance && touch /tmp/PWNED",
    "--db /etc/shadow balance", "--as root balance", "balance --as=root", "demo",
    "init --env X --org Y", "consume --file /etc/shadow",
    "invoice export 2026-000001 -o /tmp/PWNED",
  ])
  func hostileCommandsAreRefusedNotRun(command: String) throws {
    let result = try server.ssh(key: max, command.replacingOccurrences(of: "PWNED", with: marker))
    #expect(
      result.status == 1 || result.status == 2, "\(command): \(result.stdout) \(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: "/tmp/" + marker))
  }

  @Test func hugeAndInvalidCommandsAreRefused() throws {
    let huge = try server.ssh(key: max, "balance " + String(repeating: "x ", count: 50_000))
    #expect(huge.status == 2)
    #expect(huge.stderr.contains("longer than"))
    // Bytes that are not UTF-8, through a shell on the client side only.
    let script =
      "exec /usr/bin/ssh "
      + server.sshArguments(key: max).map { "'\($0)'" }.joined(separator: " ")
      + " \"$(printf 'balance \\377\\376')\""
    let invalid = try SSHServer.capture("/bin/sh", ["-c", script])
    #expect(invalid.status == 2)
    #expect(invalid.stderr.contains("not valid UTF-8"))
    // Quoted words stay words: the name is stored as typed, nothing is expanded.
    let name = try server.ssh(key: ada, "org add '$(id) `id` B.V.'")
    #expect(name.status == 0, "\(name.stderr)")
    #expect(try server.ssh(key: ada, "org list").stdout.contains("$(id) `id` B.V."))
  }

  @Test func aLocalAccountThatDoesNotOwnTheDatabaseCannotUseAs() throws {
    let result = try SSHServer.capture(
      "/usr/bin/setpriv",
      [
        "--reuid=65534", "--regid=65534", "--clear-groups", "--", server.binary,
        "--db", server.home + "/.local/share/saldo/saldo.db", "--as", "ada", "balance",
      ])
    #expect(result.status == 2 || result.status == 3, "\(result.stderr)")
    #expect(result.stderr.contains("only for the service account") || result.status == 3)
    // And the service account's own file check: the block matches the database.
    #expect(try server.saldoAsService(["key", "sync", "--check"]).status == 0)
  }

  @Test func checkSSHSaysWhatIsWrongWithTheSetUp() throws {
    let sound = try server.saldoAsService(["check", "--ssh"])
    #expect(sound.status == 0, "\(sound.stdout) \(sound.stderr)")
    #expect(try server.saldoAsService(["--env", "Acme", "user", "add", "kim"]).status == 0)
    let file = server.home + "/.ssh/authorized_keys"
    chmod(file, 0o666)
    var text = try String(contentsOfFile: file, encoding: .utf8)
    text = text.replacingOccurrences(of: server.binary, with: "/old/place/saldo")
    try text.write(toFile: file, atomically: false, encoding: .utf8)
    let broken = try server.saldoAsService(["check", "--ssh"])
    #expect(broken.status == 2)
    #expect(broken.stdout.contains("writable by others"))
    #expect(broken.stdout.contains("another binary"))
    #expect(broken.stdout.contains("user kim has no key"))
    #expect(try server.saldoAsService(["key", "sync", "--check"]).status == 2)
    #expect(try server.saldoAsService(["key", "sync"]).status == 0)
    #expect(try server.saldoAsService(["key", "sync", "--check"]).status == 0)
  }

  @Test func aRemovedKeyIsRefusedBySSHDAtOnce() throws {
    let before = try server.ssh(key: max, "key list")
    #expect(before.status == 0, "\(before.stderr)")
    let list = try server.saldoAsService(["key", "list", "max", "--json"])
    let fingerprint = try #require(
      list.stdout.split(separator: "\"").first { $0.hasPrefix("SHA256:") })
    let removed = try server.saldoAsService(["key", "remove", String(fingerprint)])
    #expect(removed.status == 0, "\(removed.stderr)")
    let after = try server.ssh(key: max, "key list")
    #expect(after.status == 255)  // ssh's own failure: sshd did not let the key in
  }

  @Test func noCommandOpensMyEnvironmentInATerminal() throws {
    let tmux = try TmuxSession(
      shellCommand: "exec /usr/bin/ssh "
        + server.sshArguments(key: ada, tty: true).map { "'\($0)'" }.joined(separator: " "),
      width: 80, height: 24)
    defer { tmux.kill() }
    _ = try tmux.waitFor("Acme")
    try tmux.resize(width: 100, height: 30)
    _ = try tmux.waitFor("Acme")
    // Pay by invoice over the connection, through the review step.
    let before = try server.saldoAsService(["--env", "Acme", "balance", "--json"]).stdout
    try tmux.send("P")
    _ = try tmux.waitFor("Amount (excl. VAT)")
    try tmux.type("250")
    try tmux.send("Tab", "Down", "Down", "Tab", "Tab")
    try tmux.type("PO-SSH")
    _ = try tmux.waitFor("PO-SSH")
    try tmux.send("Enter")
    _ = try tmux.waitFor("[ Review (R) ]")
    try tmux.send("Enter")
    _ = try tmux.waitFor("Review before paying")
    try tmux.send("Enter")
    _ = try tmux.waitFor("Topped up by invoice.")
    let after = try server.saldoAsService(["--env", "Acme", "balance", "--json"]).stdout
    #expect(before != after)
    usleep(400_000)  // keys within 300 ms of a booking are ignored on purpose
    try tmux.send("Enter")
    _ = try tmux.waitFor("[ Pay and upgrade (P) ]")
    try tmux.send("P")
    _ = try tmux.waitFor("Amount (excl. VAT)")
    try tmux.type("999")
    // The client dies mid-form: nothing may be half-written.
    tmux.kill()
    usleep(500_000)
    let check = try server.saldoAsService(["check"])
    #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
  }

  let marker = "saldo-pwned-" + String(UInt32.random(in: 0...UInt32.max))
}

extension Tag {
  /// Starts a real sshd; about a minute in all.
  @Tag static var ssh: Self
}
