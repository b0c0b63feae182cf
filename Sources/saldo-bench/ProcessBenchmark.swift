import SaldoCore

/// `saldo balance` as a whole process on the largest history, against the `sqlite3` tool
/// answering the same question from the same file.
enum ProcessBenchmark {
  static let title = "`saldo balance` as a whole process (median)"

  static func run(_ context: BenchContext) throws -> [Figure] {
    let spec = context.scale.large
    let key = "saldo-balance.\(spec.name)"
    let fullTitle = "\(title), \(spec.label)"
    guard let saldo = context.saldoPath else {
      return [
        .notMeasured(
          "saldo-balance", key: key, title: fullTitle, unit: .milliseconds,
          target: .ratioAtMost(1.5),
          reason: "no release saldo binary beside the benchmark; build it with"
            + " `swift build -c release --product saldo` or pass --saldo PATH")
      ]
    }
    let history = try context.history(spec)
    let population = history.population
    let index = population.showcase
    let id = population.environmentIDs[index]
    let name = population.environmentNames[index]
    let window = CreditRules.averageWindow(before: Day(containing: SystemClock().now()))
    let saldoArguments = ["--db", history.path, "--env", name, "balance"]
    let question =
      "SELECT balance, (SELECT coalesce(sum(amount), 0) FROM daily_total"
      + " WHERE environment_id = \(id) AND day BETWEEN \(window.lowerBound.number)"
      + " AND \(window.upperBound.number)) FROM credit WHERE environment_id = \(id)"

    let check = try Spawn.run(saldo, saldoArguments, captureOutput: true)
    guard check.exitCode == 0, check.text.contains("Balance") else {
      throw BenchError("`saldo balance` failed (exit \(check.exitCode)): \(check.text)")
    }
    let sqlite3 = FileText.which("sqlite3")
    if let sqlite3 {
      let answer = try Spawn.run(sqlite3, [history.path, question], captureOutput: true)
      guard answer.exitCode == 0, !answer.output.isEmpty else {
        throw BenchError("the sqlite3 tool failed on \(history.path)")
      }
    }

    context.log("saldo balance, \(spec.label): \(context.scale.processRuns) runs each")
    var saldoRuns = Samples()
    var sqliteRuns = Samples()
    var floorRuns = Samples()
    var versionRuns = Samples()
    for round in 0..<(context.scale.processRuns + 3) {
      let run = try Spawn.run(saldo, saldoArguments)
      let tool = try sqlite3.map { try Spawn.run($0, [history.path, question]) }
      let floor = try Spawn.run("/bin/true", [])
      let version = try Spawn.run(saldo, ["--version"])
      guard round >= 3 else { continue }
      versionRuns.add(version.nanos)
      saldoRuns.add(run.nanos)
      if let tool { sqliteRuns.add(tool.nanos) }
      floorRuns.add(floor.nanos)
    }
    return [
      Figure(
        "saldo-balance", key: key, title: fullTitle, unit: .milliseconds,
        value: Unit.milliseconds.fromNanos(saldoRuns.median),
        p99: Unit.milliseconds.fromNanos(saldoRuns.p99),
        baseline: sqlite3 == nil ? nil : Unit.milliseconds.fromNanos(sqliteRuns.median),
        baselineName: sqlite3 == nil
          ? "not measured: the sqlite3 tool is not installed (apt-get install sqlite3)"
          : "the sqlite3 tool answering balance and window consumption in one query",
        target: .ratioAtMost(1.5),
        note: "posix_spawn to wait4, \(saldoRuns.count) runs"),
      Figure(
        "saldo-balance", key: "saldo-version", title: "  `saldo --version`, for scale",
        unit: .milliseconds, value: Unit.milliseconds.fromNanos(versionRuns.median),
        note: "the same binary without touching a database: loading the Swift runtime and"
          + " the libraries it links"),
      Figure(
        "saldo-balance", key: "process-floor", title: "  starting /bin/true, for scale",
        unit: .milliseconds, value: Unit.milliseconds.fromNanos(floorRuns.median),
        note: "what starting any process costs on this machine"),
    ]
  }
}
