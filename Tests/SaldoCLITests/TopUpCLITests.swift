import Foundation
import SaldoCore
import Testing
import TestSupport

@Suite struct TopUpCLITests {
  let directory = TemporaryDirectory()
  var db: String { directory.file("saldo.db") }

  func saldo(_ arguments: String...) throws -> SaldoProcess.Result {
    try SaldoProcess.run(["--db", db] + arguments)
  }

  func prepared() throws {
    #expect(try saldo("init", "--env", "Acme", "--org", "Acme B.V.").status == 0)
    let details = [
      "--street", "Keizersgracht 1", "--postcode", "1015 CJ", "--city", "Amsterdam",
      "--country", "NL", "--kvk", "12345678", "--vat", "NL628194821B01", "--peppol",
      "0106:12345678",
    ]
    let org = try SaldoProcess.run(["--db", db, "org", "set", "Acme B.V."] + details)
    #expect(org.status == 0, "\(org.stderr)")
    let seller = try SaldoProcess.run(
      [
        "--db", db, "seller", "set", "--name", "Platform B.V.", "--iban", "NL91ABNA0417164300",
        "--creditor-id", "NL69ZZZ123456780000", "--street", "Stationsplein 45", "--postcode",
        "3511 ED",
        "--city", "Utrecht", "--country", "NL", "--kvk", "87654321", "--vat", "NL121547280B01",
        "--peppol", "0106:87654321",
      ])
    #expect(seller.status == 0, "\(seller.stderr)")
  }

  @Test func anIdenticalTopUpIsNotedWithAdviceThatFitsTheKey() throws {
    try prepared()
    #expect(try saldo("--env", "Acme", "topup", "100", "--method", "invoice").status == 0)
    let keyless = try saldo("--env", "Acme", "topup", "100", "--method", "invoice")
    #expect(keyless.status == 0)
    #expect(keyless.stderr.contains("pass --idempotency-key"), "\(keyless.stderr)")
    let keyed = try saldo(
      "--env", "Acme", "topup", "100", "--method", "invoice", "--idempotency-key", "run-7")
    #expect(keyed.status == 0)
    #expect(keyed.stderr.contains("under another idempotency key"), "\(keyed.stderr)")
    #expect(!keyed.stderr.contains("pass --idempotency-key"))
  }

  @Test func eachMethodEndToEnd() throws {
    try prepared()
    let invoice = try saldo(
      "topup", "1000", "--method", "invoice", "--order-number", "PO-9", "--json")
    #expect(invoice.status == 0, "\(invoice.stderr)")
    for fragment in [
      "\"payment\": 1", "\"status\": \"invoiced\"", "\"credited\": \"1000.000\"",
      "\"bonus\": \"75.000\"", "\"invoice\": \"2026-",
    ] {
      #expect(invoice.stdout.contains(fragment), "\(fragment) in \(invoice.stdout)")
    }
    let ideal = try saldo("topup", "€ 250", "--method", "ideal", "--json")
    #expect(ideal.stdout.contains("\"status\": \"open\""))
    #expect(ideal.stdout.contains("\"invoice\": null"))
    let paid = try saldo("payment", "2", "--outcome", "paid")
    #expect(paid.status == 0, "\(paid.stderr)")
    #expect(paid.stdout.contains("SANDBOX"))
    let again = try saldo("payment", "2", "--outcome", "failed")
    #expect(again.status == 2)
    #expect(again.stderr.contains("cannot become failed"))
    let refused = try saldo("topup", "250", "--method", "bancontact")
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("choose ideal or invoice"))

    let balance = try saldo("balance", "--json")
    #expect(balance.stdout.contains("\"balance\": \"1325.000\""))
    let inbox = try saldo("inbox", "Acme B.V.", "--json")
    #expect(inbox.stdout.components(separatedBy: "\"unread\": true").count == 3)
    #expect(inbox.stdout.contains("\"total\": \"1210.000\""))
    let listed = try saldo("payments", "list")
    #expect(listed.stdout.contains("(sandbox)"))

    let number = try #require(
      inbox.stdout.split(separator: "\"").first { $0.hasPrefix("2026-") }.map(String.init))
    let file = directory.file("invoice.xml")
    #expect(try saldo("invoice", "export", number, "--format", "ubl", "-o", file).status == 0)
    let xml = try String(contentsOfFile: file, encoding: .utf8)
    #expect(xml.contains("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"))
    let shown = try saldo("invoice", "show", number)
    // Acme B.V. is in the Netherlands: its invoices are in Dutch.
    #expect(shown.stdout.contains("FACTUUR \(number)"))
    #expect(
      try saldo("inbox", "Acme B.V.", "--json").stdout.components(separatedBy: "\"unread\": true")
        .count == 2)
  }

  @Test func helpSaysThereIsNoRefund() throws {
    #expect(try saldo("topup", "--help").stdout.contains("not refunded (general conditions 5.4)"))
    #expect(try saldo("--help").stdout.contains("not refunded (general conditions 5.4)"))
  }

  @Test func twoAdministratorsToppingUpAtOnceGetGaplessNumbers() throws {
    try prepared()
    let script =
      "for i in 1 2 3 4 5 6 7 8; do \"$0\" --db \"$1\" topup 100 --method invoice >/dev/null || exit 1; done"
    func start() throws -> Process {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", script, SaldoProcess.executable, db]
      try process.run()
      return process
    }
    let a = try start()
    let b = try start()
    a.waitUntilExit()
    b.waitUntilExit()
    #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
    let inbox = try saldo("inbox", "Acme B.V.", "--json")
    let items = try JSONSerialization.jsonObject(with: Data(inbox.stdout.utf8)) as? [[String: Any]]
    let numbers = (items ?? []).compactMap { $0["number"] as? String }
    #expect(numbers.sorted() == (1...16).map { String(format: "2026-%06d", $0) })
    #expect(try saldo("balance", "--json").stdout.contains("\"balance\": \"1600.000\""))
  }
}

@Suite struct JSONOutputTests {
  /// Every read command answers --json with valid JSON whose amounts are strings.
  @Test func everyReadCommandSpeaksJSON() throws {
    let directory = TemporaryDirectory()
    let db = directory.file("saldo.db")
    let environment = ["XDG_CONFIG_HOME": directory.file("config")]
    try Scenario.prepare(db: db, environment: environment)
    let topup = try SaldoProcess.run(
      ["--db", db, "topup", "100", "--method", "invoice", "--json"], environment: environment)
    let object = try JSONSerialization.jsonObject(with: Data(topup.stdout.utf8)) as? [String: Any]
    let number = try #require(object?["invoice"] as? String)
    let reads: [[String]] = [
      ["balance"], ["transactions"], ["org", "list"], ["user", "list"], ["payments", "list"],
      ["inbox", "Acme B.V."], ["invoice", "show", number], ["auto-upgrade", "show"], ["daily"],
      ["outbox", "list"], ["profile"], ["check"], ["seller", "show"],
    ]
    for arguments in reads {
      let result = try SaldoProcess.run(
        ["--db", db] + arguments + ["--json"], environment: environment)
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
      #expect(
        (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil,
        "\(arguments) printed no JSON: \(result.stdout.prefix(200))")
      #expect(
        !result.stdout.contains("\"balance\": -") && !result.stdout.contains("\"total\": 1"),
        "\(arguments): an amount as a number")
    }
  }
}
