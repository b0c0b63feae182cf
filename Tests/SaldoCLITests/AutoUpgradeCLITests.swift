import Foundation
import SaldoCore
import Testing
import TestSupport

@Suite struct AutoUpgradeCLITests {
  let directory = TemporaryDirectory()
  var db: String { directory.file("saldo.db") }
  var config: [String: String] { ["XDG_CONFIG_HOME": directory.file("config")] }

  func saldo(_ arguments: String...) throws -> SaldoProcess.Result {
    try SaldoProcess.run(["--db", db] + arguments, environment: config)
  }

  /// An environment whose history makes an upgrade due today, with the upgrade set up after.
  func prepared() throws {
    #expect(
      try saldo("init", "--env", "Acme", "--org", "Acme B.V.", "--email", "ada@acme.example").status
        == 0)
    let org = try SaldoProcess.run([
      "--db", db, "org", "set", "Acme B.V.", "--street", "Keizersgracht 1",
      "--postcode", "1015 CJ", "--city", "Amsterdam", "--country", "NL", "--kvk", "12345678",
      "--vat", "NL628194821B01", "--peppol", "0106:12345678",
    ])
    #expect(org.status == 0, "\(org.stderr)")
    let seller = try SaldoProcess.run([
      "--db", db, "seller", "set", "--name", "Platform B.V.",
      "--iban", "NL91ABNA0417164300", "--creditor-id", "NL69ZZZ123456780000", "--street",
      "Stationsplein 45",
      "--postcode", "3511 ED", "--city", "Utrecht", "--country", "NL", "--kvk", "87654321",
      "--vat", "NL121547280B01", "--peppol", "0106:87654321", "--email", "billing@platform.example",
    ])
    #expect(seller.status == 0, "\(seller.stderr)")
    var lines = ["id,org,kind,at"]
    let now = Int64(Date().timeIntervalSince1970)
    for n in 0..<600 {
      let at = Instant(seconds: now - Int64(2 + n % 90) * 86_400)
      lines.append("h\(n),Acme B.V.,pdf,\(at.rfc3339)")
    }
    let history = directory.file("history.csv")
    try lines.joined(separator: "\n").write(toFile: history, atomically: true, encoding: .utf8)
    #expect(try saldo("consume", "--file", history).status == 0)
    let set = try saldo(
      "auto-upgrade", "set", "--amount", "500", "--holder", "Acme B.V.",
      "--iban", "NL91 ABNA 0417 1643 00", "--mandate-id", "ACME-1", "--mandate-date", "2026-01-01",
      "--org", "Acme B.V.", "--order-number", "PO-7")
    #expect(set.status == 0, "\(set.stderr)")
  }

  func collections() throws -> [[String: Any]] {
    let shown = try saldo("auto-upgrade", "show", "--json")
    let object = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
    return object?["collections"] as? [[String: Any]] ?? []
  }

  @Test func twoDailyRunnersAtOnceMakeOneUpgrade() throws {
    try prepared()
    let a = try SaldoProcess.start(["--db", db, "daily", "--json"], environment: config)
    let b = try SaldoProcess.start(["--db", db, "daily", "--json"], environment: config)
    let ra = a.wait()
    let rb = b.wait()
    #expect(ra.status == 0, "\(ra.stderr)")
    #expect(rb.status == 0, "\(rb.stderr)")
    let actions = [ra.stdout, rb.stdout].map { $0.contains("\"action\": \"upgraded\"") }
    #expect(actions.filter { $0 }.count == 1)
    #expect(try collections().count == 1)
    #expect(try saldo("daily").stdout.contains("already upgraded today"))
    // Its collection is in the day's SEPA file, its invoice in the Inbox-in, its mails queued.
    let today = Day(containing: Instant(seconds: Int64(Date().timeIntervalSince1970)))
    let file = directory.file("dd.xml")
    let export = try saldo("sepa", "export", "--date", today.iso, "-o", file)
    #expect(export.status == 0, "\(export.stderr)")
    #expect(try String(contentsOfFile: file, encoding: .utf8).contains("<SeqTp>FRST</SeqTp>"))
    #expect(try saldo("inbox", "Acme B.V.").stdout.contains("*"))
    let outbox = try saldo("outbox", "list", "--json")
    #expect(outbox.stdout.contains("Automatic upgrade of Acme"))
    #expect(outbox.stdout.contains("\"status\": \"sent\""))  // delivered as .eml files
    #expect(FileManager.default.fileExists(atPath: directory.file("outbox")))
  }

  @Test func aFailingSendmailIsRetriedUntilItWorks() throws {
    try prepared()
    let script = directory.file("sendmail")
    let flag = directory.file("sendmail-works")
    let received = directory.file("received")
    try """
    #!/bin/sh
    [ -f "\(flag)" ] || exit 75
    cat >> "\(received)"
    """.write(toFile: script, atomically: true, encoding: .utf8)
    chmod(script, 0o755)
    try FileManager.default.createDirectory(
      atPath: directory.file("config/saldo"), withIntermediateDirectories: true)
    try "# mail through the system\nsendmail = \(script)\n"
      .write(toFile: directory.file("config/saldo/config"), atomically: true, encoding: .utf8)
    let first = try saldo("daily")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("0 sent"))
    #expect(try saldo("outbox", "list", "--json").stdout.contains("exit status 75"))
    #expect(FileManager.default.createFile(atPath: flag, contents: Data()))
    let retry = try saldo("outbox", "retry")
    #expect(retry.stdout.contains("0 failed"), "\(retry.stdout) \(retry.stderr)")
    let mail = try String(contentsOfFile: received, encoding: .utf8)
    #expect(mail.contains("Message-ID: <"))
    #expect(mail.contains("To: "))
    #expect(
      try saldo("outbox", "list", "--json").stdout.contains("\"status\": \"queued\"") == false)
  }

  @Test func aGarbageConfigIsOneClearLine() throws {
    try prepared()
    try FileManager.default.createDirectory(
      atPath: directory.file("config/saldo"), withIntermediateDirectories: true)
    try "sendmial = /usr/sbin/sendmail\n".write(
      toFile: directory.file("config/saldo/config"), atomically: true, encoding: .utf8)
    let result = try saldo("daily")
    #expect(result.status == 2)
    #expect(result.stderr.contains("config:1: unknown key \"sendmial\""))
  }

  /// With the SSH address configured, the links in e-mails open the invoice over SSH.
  @Test func invoiceMailsLinkOverSSHWhenConfigured() throws {
    try prepared()
    try FileManager.default.createDirectory(
      atPath: directory.file("config/saldo"), withIntermediateDirectories: true)
    try "ssh = saldo@platform.example\n".write(
      toFile: directory.file("config/saldo/config"), atomically: true, encoding: .utf8)
    #expect(try saldo("topup", "100", "--method", "invoice").status == 0)
    #expect(try saldo("daily").status == 0)  // delivers the outbox as .eml files
    let folder = directory.file("outbox")
    let mails = try FileManager.default.contentsOfDirectory(atPath: folder).map {
      try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)
    }
    #expect(mails.contains { $0.contains("ssh -t saldo@platform.example open invoice/") })
    #expect(!mails.contains { $0.contains("saldo open invoice/") })
    try "ssh = -oProxyCommand=x\n".write(
      toFile: directory.file("config/saldo/config"), atomically: true, encoding: .utf8)
    #expect(try saldo("daily").stderr.contains("ssh must be an address"))
  }

  @Test func reversalFromTheCommandLine() throws {
    try prepared()
    #expect(try saldo("daily").status == 0)
    let id = try #require(try collections().first?["id"] as? Int)
    // Not yet sent to the bank: it cannot come back; the message says what to do instead.
    let early = try saldo("sepa", "reversal", String(id), "--reason", "MD06")
    #expect(early.status == 2)
    #expect(early.stderr.contains("saldo invoice cancel"))
    #expect(try saldo("sepa", "export", "-o", directory.file("dd.xml")).status == 0)
    let reversed = try saldo("sepa", "reversal", String(id), "--reason", "MD06")
    #expect(reversed.status == 0, "\(reversed.stderr)")
    #expect(try saldo("auto-upgrade", "show").stdout.contains("PAUSED"))
    #expect(try saldo("sepa", "reversal", String(id), "--reason", "MD06").status == 2)
  }

  @Test func profileIsYourOwn() throws {
    try prepared()
    #expect(
      try saldo("profile", "--invoice-mails", "off", "--email", "ada@new.example").status == 0)
    let shown = try saldo("profile", "--json")
    #expect(shown.stdout.contains("\"invoice_mails\": false"))
    #expect(shown.stdout.contains("ada@new.example"))
    #expect(try saldo("profile", "--credit-alerts", "maybe").status == 2)
    #expect(try saldo("profile", "--email", "not an address").status == 2)
  }
}

@Suite struct DemoAutoUpgradeTests {
  let directory = TemporaryDirectory()
  var db: String { directory.file("demo.db") }

  func saldo(_ arguments: String...) throws -> SaldoProcess.Result {
    try SaldoProcess.run(
      ["--db", db] + arguments, environment: ["XDG_CONFIG_HOME": directory.file("config")])
  }

  @Test func theDemoGetsExactlyOneUpgradeWhenDueAndNoneWhenNot() throws {
    #expect(try SaldoProcess.run(["demo", "--db", db, "--no-open"]).status == 0)
    let org = "Bakkerij De Gouden Korst B.V."
    let set = try saldo(
      "auto-upgrade", "set", "--cover-days", "30", "--holder", "Bakkerij De Gouden Korst",
      "--iban", "NL91ABNA0417164300", "--mandate-id", "BAKKERIJ-1", "--mandate-date", "2026-01-15",
      "--org", org, "--order-number", "PO-AUTO")
    #expect(set.status == 0, "\(set.stderr)")
    let quiet = try saldo("daily", "--json")
    #expect(quiet.stdout.contains("\"action\": \"not-due\""), "\(quiet.stdout)")
    // Today's traffic eats the balance; switching the upgrade off first keeps the decision for
    // the daily job.
    #expect(try saldo("auto-upgrade", "off").status == 0)
    let events = (0..<4000).map {
      "{\"id\": \"today-\($0)\", \"org\": \"\(org)\", \"kind\": \"pdf\"}"
    }
    #expect(
      try SaldoProcess.run(
        ["--db", db, "consume", "--file", "-"], input: events.joined(separator: "\n")
      ).status == 0)
    #expect(
      try saldo(
        "auto-upgrade", "set", "--cover-days", "30", "--holder", "Bakkerij De Gouden Korst",
        "--iban", "NL91ABNA0417164300", "--mandate-id", "BAKKERIJ-1", "--mandate-date",
        "2026-01-15",
        "--org", org, "--order-number", "PO-AUTO"
      ).status == 0)
    let first = try saldo("daily", "--json")
    #expect(first.stdout.contains("\"action\": \"upgraded\""), "\(first.stdout)")
    let second = try saldo("daily", "--json")
    #expect(second.stdout.contains("\"action\": \"already-done\""))
    let today = Day(containing: Instant(seconds: Int64(Date().timeIntervalSince1970)))
    let export = try saldo("sepa", "export", "--date", today.iso)
    #expect(export.stdout.contains("<NbOfTxs>1</NbOfTxs>"))
    #expect(export.stdout.contains("<MndtId>BAKKERIJ-1</MndtId>"))
    #expect(try saldo("inbox", org).stdout.contains("PO-AUTO"))
    let outbox = try saldo("outbox", "list", "--json")
    #expect(outbox.stdout.contains("Automatic upgrade of Demo Bakkerij Groep"))
    #expect(outbox.stdout.contains("New invoice"))
    #expect(try saldo("check").status == 0)
  }
}

@Suite struct ConfigFileTests {
  /// One config file serves both the mail delivery and the terminal interface: a sendmail line
  /// must not make the theme reader refuse the file, nor the reverse.
  @Test func sendmailAndThemeLinesLiveTogether() throws {
    let directory = TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: directory.file("config/saldo"), withIntermediateDirectories: true)
    let config = directory.file("config/saldo/config")
    let environment = ["XDG_CONFIG_HOME": directory.file("config")]
    #expect(
      try SaldoProcess.run(["demo", "--db", directory.file("demo.db"), "--no-open"]).status == 0)
    try "# both\nsendmail = /usr/sbin/sendmail\ntheme = nosuch\n".write(
      toFile: config, atomically: true, encoding: .utf8)
    let tui = try SaldoProcess.run(["--db", directory.file("demo.db")], environment: environment)
    #expect(tui.status == 2)
    #expect(tui.stderr.contains("unknown theme \"nosuch\""), "\(tui.stderr)")
    try "sendmail = /usr/sbin/sendmail\ntheme = dark\n".write(
      toFile: config, atomically: true, encoding: .utf8)
    let daily = try SaldoProcess.run(
      ["--db", directory.file("demo.db"), "outbox", "list"], environment: environment)
    #expect(daily.status == 0, "\(daily.stderr)")
    let tuiAgain = try SaldoProcess.run(
      ["--db", directory.file("demo.db")], environment: environment)
    #expect(!tuiAgain.stderr.contains("config"), "\(tuiAgain.stderr)")
  }

  /// `mouse = on` is read by the one config reader; anything but on or off is refused with
  /// the line number, never taken as off.
  @Test func mouseKeyIsOnOrOff() throws {
    let on = try SaldoConfig.parse(bytes: Array("theme = dark\nmouse = on\n".utf8), path: "c")
    #expect(on.mouse == true && on.theme == "dark")
    let off = try SaldoConfig.parse(bytes: Array("mouse = off\n".utf8), path: "c")
    #expect(off.mouse == false)
    #expect(try SaldoConfig.parse(bytes: [], path: "c").mouse == nil)
    #expect(throws: SaldoConfig.ParseError.self) {
      try SaldoConfig.parse(bytes: Array("mouse = maybe\n".utf8), path: "c")
    }
    do {
      _ = try SaldoConfig.parse(bytes: Array("\nmouse = 1\n".utf8), path: "c")
    } catch {
      #expect(error.description == "c:2: mouse is on or off, e.g. mouse = on")
    }
  }
}
