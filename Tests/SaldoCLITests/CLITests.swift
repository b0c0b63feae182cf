import Foundation
import SaldoCore
import Testing
import TestSupport

/// The built binary, as administrators' scripts use it: output, exit codes, one-line errors.
@Suite struct CLITests {
  let directory = TemporaryDirectory()
  var db: String { directory.file("saldo.db") }

  func saldo(_ arguments: String..., input: String? = nil) throws -> SaldoProcess.Result {
    try SaldoProcess.run(["--db", db] + arguments, input: input)
  }

  func initialised() throws {
    let result = try saldo(
      "init", "--env", "Acme", "--org", "Acme B.V.", "--email", "a@acme.example")
    #expect(result.status == 0, "\(result.stderr)")
  }

  /// A command is found by its first word without building every command's help, so each
  /// command of the overview must still be reached: by its words, and by its quoted name.
  @Test func everyCommandOfTheOverviewIsFound() throws {
    let overview = try saldo("--help").stdout
    let lines = overview.split(separator: "\n", omittingEmptySubsequences: false)
    let header = try #require(lines.firstIndex(of: "commands:"))
    let count = lines.dropFirst(header + 1).prefix { !$0.isEmpty }.count
    let names = DutchCLITests.commandTable(overview, header: header, count: count).map(\.0)
      .filter { $0 != "help COMMAND" }
    #expect(names.count > 40)
    for name in names {
      let byWords = try SaldoProcess.run(["help"] + name.split(separator: " ").map(String.init))
      #expect(byWords.status == 0, "\(name): \(byWords.stderr)")
      #expect(byWords.stdout.hasPrefix("usage: saldo \(name)"), "\(name)")
      #expect(try saldo("help", name).stdout == byWords.stdout, "\(name) quoted")
    }
    let unknown = try saldo("payments", "frobnicate")
    #expect(unknown.status == 1)
    #expect(
      unknown.stderr == "saldo: unknown command \"payments frobnicate\"; see `saldo --help`\n")
  }

  @Test func completionScriptsComeFromTheCommandTable() throws {
    let bash = try saldo("completion", "bash")
    #expect(bash.status == 0)
    #expect(bash.stdout.contains("complete -o default -F _saldo saldo"))
    #expect(bash.stdout.contains("\"seller\") words=\"set show\""))
    #expect(bash.stdout.contains("--mouse"))
    #expect(try saldo("completion", "zsh").stdout.hasPrefix("#compdef saldo"))
    #expect(try saldo("completion", "fish").stdout.contains("-a 'consume'"))
    #expect(try saldo("completion", "tcsh").status != 0)
  }

  /// The scripts complete organisation names and invoice numbers from the current database.
  @Test func completionWordsComeFromTheEnvironment() throws {
    try initialised()
    #expect(try saldo("completion", "words", "org").stdout == "Acme B.V.\n")
    #expect(try saldo("completion", "words", "invoice").stdout == "")
    let demo = directory.file("demo.db")
    #expect(try SaldoProcess.run(["demo", "--db", demo, "--no-open"]).status == 0)
    let numbers = try SaldoProcess.run(["--db", demo, "completion", "words", "invoice"]).stdout
      .split(separator: "\n").map(String.init)
    #expect(!numbers.isEmpty)
    let links = try SaldoProcess.run(["--db", demo, "completion", "words", "open"]).stdout
    #expect(links.hasPrefix("invoice/\(numbers[0])\n"))
    #expect(try saldo("completion", "words", "nope").status == 1)
    #expect(try saldo("completion", "words").status == 1)
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash"), "needs bash"))
  func bashCompletesNamesWithSpacesAndInvoiceNumbers() throws {
    try initialised()
    let script = directory.file("saldo.bash")
    try saldo("completion", "bash").stdout.write(toFile: script, atomically: true, encoding: .utf8)
    let folder = (SaldoProcess.executable as NSString).deletingLastPathComponent
    let probe = """
      PATH="\(folder):$PATH"; source "\(script)"
      COMP_WORDS=(saldo --db "\(db)" transactions --org ""); COMP_CWORD=5; _saldo
      printf '%s\\n' "${COMPREPLY[@]}"
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", probe]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(output == "Acme\\ B.V.\n")
  }

  @Test func versionAndHelp() throws {
    let version = try saldo("--version")
    #expect(version.status == 0)
    #expect(version.stdout.hasPrefix("saldo "))
    let help = try saldo("--help")
    #expect(help.status == 0)
    #expect(help.stdout.contains("Exit codes: 0 ok, 1 usage error, 2 refused"))
    #expect(help.stdout.contains("consume"))
    let consumeHelp = try saldo("help", "consume")
    #expect(consumeHelp.stdout.hasPrefix("usage: saldo consume --org ORG --kind"))
    #expect(try saldo("consume", "--help").stdout == consumeHelp.stdout)
  }

  @Test func usageErrorsExitOneWithOneLine() throws {
    for arguments in [
      ["frobnicate"], ["balance", "--bogus"], ["consume", "--file"], ["help", "nope"],
    ] {
      let result = try SaldoProcess.run(["--db", db] + arguments)
      #expect(result.status == 1, "\(arguments)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
      #expect(result.stderr.hasPrefix("saldo: "))
    }
  }

  @Test func aMissingDatabaseSaysHowToCreateOne() throws {
    let result = try saldo("balance")
    #expect(result.status == 3)
    #expect(result.stderr.contains("saldo init"))
    #expect(!FileManager.default.fileExists(atPath: db))
  }

  @Test func aDamagedDatabaseIsOneLineAndExitThree() throws {
    try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: db))
    let result = try saldo("balance")
    #expect(result.status == 3)
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains("damaged"))
  }

  @Test func consumeBalanceAndTransactionsEndToEnd() throws {
    try initialised()
    let jsonLines = """
      {"id": "e1", "org": "Acme B.V.", "kind": "receive", "at": "2026-11-20T10:15:00Z"}
      {"id": "e2", "org": "Acme B.V.", "kind": "send", "at": "2026-11-21T10:15:00Z"}
      {"id": "e1", "org": "Acme B.V.", "kind": "receive", "at": "2026-11-20T10:15:00Z"}
      {"id": "e3", "org": "Nobody", "kind": "send"}
      """
    let consumed = try saldo("consume", "--file", "-", input: jsonLines)
    // A rejected line makes exit 2; the good lines are recorded all the same.
    #expect(consumed.status == 2, "\(consumed.stderr)")
    #expect(consumed.stdout.contains("Recorded 2 events"))
    #expect(consumed.stdout.contains("1 already known, 1 rejected"))
    #expect(consumed.stderr.contains("line 4: unknown organisation \"Nobody\""))

    let csvFile = directory.file("events.csv")
    try "id,org,kind,at\nc1,Acme B.V.,pdf,2026-11-22T09:00:00Z\nc2,Acme B.V.,manual,\n"
      .write(toFile: csvFile, atomically: true, encoding: .utf8)
    let csv = try saldo("consume", "--file", csvFile, "--json")
    #expect(csv.stdout.contains("\"recorded\": 2"))
    #expect(csv.stdout.contains("\"charged\": \"0.512\""))

    let single = try saldo("consume", "--org", "Acme B.V.", "--kind", "send", "--id", "s1")
    #expect(single.status == 0)

    let balance = try saldo("balance", "--json")
    #expect(balance.status == 0)
    for key in [
      "environment", "balance", "currency", "average_daily", "runway_days", "upgrade_due",
      "blocked",
    ] {
      #expect(balance.stdout.contains("\"\(key)\":"), "missing \(key)")
    }
    // 0.341 + 0.171 + 0.512 + 0 + 0.171, charged from a zero balance.
    #expect(balance.stdout.contains("\"balance\": \"-1.195\""))
    #expect(balance.stdout.contains("\"blocked\": true"))

    let export = try saldo("transactions", "--csv")
    let rows = export.stdout.split(separator: "\n")
    #expect(rows.first == "id,at,kind,transaction_kind,organisation,amount,reference,actor")
    #expect(rows.count == 6)
    let filtered = try saldo(
      "transactions", "--csv", "--kind", "pdf", "--from", "2026-11-22", "--to", "2026-11-22")
    #expect(filtered.stdout.split(separator: "\n").count == 2)
  }

  @Test func strictAbortsTheWholeBatch() throws {
    try initialised()
    let lines = "id,org,kind\nx1,Acme B.V.,send\nx2,Acme B.V.,teleport\n"
    let result = try saldo("consume", "--file", "-", "--strict", input: lines)
    #expect(result.status == 2)
    #expect(result.stderr.contains("line 3"))
    #expect(result.stderr.contains("nothing was recorded"))
    #expect(try saldo("transactions", "--csv").stdout.split(separator: "\n").count == 1)
  }

  @Test func badInputGetsAClearRefusal() throws {
    try initialised()
    let cases: [[String]] = [
      ["consume", "--org", "Acme B.V.", "--kind", "fax"],
      ["consume", "--org", "Acme B.V.", "--kind", "send", "--at", "tomorrow"],
      ["org", "add", "Evil\u{1B}]0;pwned\u{07}"],
      ["transactions", "--from", "2026-13-01"],
      ["user", "set-role", "ben", "king"],
      ["--env", "Nope", "balance"],
    ]
    for arguments in cases {
      let result = try SaldoProcess.run(["--db", db] + arguments)
      #expect(result.status == 2, "\(arguments): \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments)")
      #expect(!result.stderr.contains("\u{1B}"), "escape sequence echoed back")
    }
  }

  @Test func twoFeedsAtOnceChargeEachEventOnce() throws {
    try initialised()
    // Two processes send overlapping halves of the same 4,000 events at the same moment.
    func file(_ name: String, _ range: Range<Int>) throws -> String {
      let path = directory.file(name)
      let lines = range.map { "{\"id\": \"ev\($0)\", \"org\": \"Acme B.V.\", \"kind\": \"send\"}" }
      try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    let a = try SaldoProcess.start(["--db", db, "consume", "--file", try file("a.jsonl", 0..<3000)])
    let b = try SaldoProcess.start([
      "--db", db, "consume", "--file", try file("b.jsonl", 1000..<4000),
    ])
    let resultA = a.wait()
    let resultB = b.wait()
    #expect(resultA.status == 0, "\(resultA.stderr)")
    #expect(resultB.status == 0, "\(resultB.stderr)")
    #expect(!resultA.stderr.contains("locked") && !resultB.stderr.contains("locked"))
    let balance = try saldo("balance", "--json")
    #expect(balance.stdout.contains("\"balance\": \"-684.000\""))  // 4,000 × 0.171
  }

  @Test func demoPrintsASummary() throws {
    let demo = try SaldoProcess.run(["demo", "--db", directory.file("demo.db"), "--no-open"])
    #expect(demo.status == 0, "\(demo.stderr)")
    #expect(demo.stdout.contains("Demo Bakkerij Groep"))
    #expect(demo.stdout.contains("Runway"))
    #expect(demo.stdout.contains("Upgrade due"))
    // A second run rebuilds it; a real database is never overwritten.
    #expect(
      try SaldoProcess.run(["demo", "--db", directory.file("demo.db"), "--no-open"]).status == 0)
    try initialised()
    let before = FileManager.default.contents(atPath: db)
    let refused = try SaldoProcess.run(["demo", "--db", db, "--no-open"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("not a Saldo demo"))
    // Asking whether it is a demo changed nothing in the real database.
    #expect(FileManager.default.contents(atPath: db) == before)
  }
}
