import Foundation
import SaldoCore
import Testing
import TestSupport

/// What an attacker or an accident might feed Saldo: each gets a clear one-line message, and
/// nothing already stored is damaged.
@Suite struct HostileInputTests {
  let directory = TemporaryDirectory()
  var db: String { directory.file("saldo.db") }

  func saldo(_ arguments: [String], input: String? = nil) throws -> SaldoProcess.Result {
    try SaldoProcess.run(
      ["--db", db] + arguments, input: input,
      environment: ["XDG_CONFIG_HOME": directory.file("config")])
  }

  func snapshot() throws -> String { try saldo(["transactions", "--csv"]).stdout }

  @Test func hostileTextIsRefusedAndNothingIsDamaged() throws {
    try Scenario.prepare(db: db, environment: ["XDG_CONFIG_HOME": directory.file("config")])
    #expect(try saldo(["topup", "100", "--method", "invoice"]).status == 0)
    let before = try snapshot()
    let long = String(repeating: "é", count: 10_000)
    let attempts: [[String]] = [
      ["org", "add", "\u{1B}]52;c;cHduZWQ=\u{07}Evil"],
      ["org", "add", "line\nbreak"],
      ["org", "add", long],
      ["topup", "100", "--method", "invoice", "--order-number", "PO\u{1B}[31m"],
      ["topup", "100", "--method", "invoice", "--order-number", long],
      ["topup", "99999999999999999999999", "--method", "invoice"],
      ["topup", "9223372036854775807", "--method", "invoice"],
      ["topup", "-5", "--method", "invoice"],
      ["consume", "--org", "Acme B.V.", "--kind", "send", "--id", "x\u{1B}[2J"],
      ["consume", "--org", long, "--kind", "send"],
      ["org", "set", "Acme B.V.", "--kvk", "1234567"],
      ["org", "set", "Acme B.V.", "--vat", "NL123456789B99"],
      ["org", "set", "Acme B.V.", "--peppol", "9999:123"],
      [
        "auto-upgrade", "set", "--amount", "100", "--holder", "A", "--iban", "NL00ABNA0417164300",
        "--mandate-id", "M", "--mandate-date", "2026-01-01", "--org", "Acme B.V.",
      ],
      ["user", "add", "bad login!"],
      ["profile", "--email", "a@b.c\r\nBcc: victim@example.com"],
      // Stored addresses must be ones the outbox can send to.
      ["profile", "--email", "jé@example.nl"],
      ["user", "add", "zed", "--email", "zed@@example.nl"],
    ]
    for arguments in attempts {
      let result = try saldo(arguments)
      #expect(
        result.status == 2, "\(arguments.prefix(3)): \(result.status) \(result.stderr.prefix(200))")
      #expect(
        result.stderr.split(separator: "\n").count == 1,
        "\(arguments.prefix(2)): \(result.stderr.prefix(300))")
      #expect(
        !result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" },
        "control character echoed")
      #expect(result.stderr.count < 400, "error message too long: \(result.stderr.count)")
    }
    #expect(try snapshot() == before)
    #expect(try saldo(["check"]).status == 0)
  }

  @Test func invalidUTF8AndGarbageInAConsumptionFile() throws {
    try Scenario.prepare(db: db, environment: ["XDG_CONFIG_HOME": directory.file("config")])
    var data = Data("id,org,kind,at\nok1,Acme B.V.,send,\n".utf8)
    data.append(contentsOf: [0x62, 0x61, 0x64, 0xFF, 0xFE, 0x2C, 0x0A])
    data.append(Data((0..<5000).map { _ in UInt8.random(in: 0...255) }))
    data.append(Data("\nok2,Acme B.V.,send,\n".utf8))
    let file = directory.file("garbage.csv")
    try data.write(to: URL(fileURLWithPath: file))
    let result = try saldo(["consume", "--file", file])
    // Rejected lines make exit 2, after the good lines were recorded.
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stdout.contains("Recorded 2 events"))
    #expect(result.stderr.contains("line 3: the line is not valid UTF-8 (at byte 3)"))
    #expect(try saldo(["check"]).status == 0)
  }

  @Test func riskyDatabaseFilesGetAClearWord() throws {
    try Scenario.prepare(db: db, environment: ["XDG_CONFIG_HOME": directory.file("config")])
    chmod(db, 0o644)
    let readable = try saldo(["balance"])
    #expect(readable.status == 0)
    #expect(readable.stderr.contains("accessible to other accounts; restrict it with chmod 600"))
    chmod(db, 0o600)
    if geteuid() == 0 {
      chown(db, 65534, 65534)
      let foreign = try saldo(["balance"])
      #expect(foreign.stderr.contains("belongs to another account"))
      chown(db, 0, 0)
    }
    // A database from a newer Saldo.
    let store = try SQLiteStore(path: db)
    try store.database.execute("PRAGMA user_version=99")
    store.database.close()
    let newer = try saldo(["balance"])
    #expect(newer.status == 3)
    #expect(newer.stderr.contains("newer than this Saldo supports"))
  }

  @Test func aTruncatedDatabaseIsReportedNotCrashed() throws {
    try Scenario.prepare(db: db, environment: ["XDG_CONFIG_HOME": directory.file("config")])
    let store = try SQLiteStore(path: db)
    try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.database.close()
    let data = try Data(contentsOf: URL(fileURLWithPath: db))
    try data.prefix(4096 + 1000).write(to: URL(fileURLWithPath: db))
    let result = try saldo(["check"])
    #expect(result.status == 3, "\(result.stdout) \(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(!result.stderr.contains("Fatal error"))
  }
}
