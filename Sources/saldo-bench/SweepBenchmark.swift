import SaldoCore

/// The daily job over every environment (`AutoUpgradeService.daily`): expire stale payments, then per
/// environment and in its own write transaction read the credit, take the automatic-upgrade
/// decision, and start or end alerts.
enum SweepBenchmark {
  static func run(_ context: BenchContext) throws -> [Figure] {
    var figures: [Figure] = []
    for (spec, target) in [
      (context.scale.large, nil), (context.scale.wide, Target.atMost(1, .seconds)),
    ] {
      figures += try measure(spec, target: target, context)
    }
    return figures
  }

  private static func measure(_ spec: DataSetSpec, target: Target?, _ context: BenchContext)
    throws -> [Figure]
  {
    let cached = try context.history(spec)
    let population = cached.population
    // On a copy: the first run writes its upgrades, and the cached history must stay unswept
    // so that every run of the benchmark (and every later figure) starts from the same data.
    let checkpoint = try RawDatabase(path: cached.path)
    try checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    let path = context.folder + "/sweep-\(spec.name).db"
    try FileText.copy(cached.path, to: path)
    defer { FileText.removeDatabase(path) }
    // The history remembers its anchor day's windows; the day's first run finds none yet.
    let copy = try RawDatabase(path: path)
    try copy.execute("UPDATE credit SET window_first = NULL, window_last = NULL, window_amount = 0")
    copy.close()
    let opened = try context.saldo(path, on: population.anchor)
    let saldo = opened.saldo
    defer { opened.close() }
    context.log("sweep, \(spec.label): first run of the day")
    let (first, firstNanos) = try timed { try saldo.autoUpgrade.daily(on: population.anchor) }
    var actions: [String: Int] = [:]
    for report in first { actions[report.action.name, default: 0] += 1 }
    let counted = actions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      .joined(separator: ", ")

    context.log("sweep, \(spec.label): repeated runs")
    var core = Samples()
    var baseline = Samples()
    for _ in 0..<context.scale.sweepRuns {
      core.add(try timed { _ = try saldo.autoUpgrade.daily(on: population.anchor) }.nanos)
      baseline.add(try timed { _ = try sweepInC(path, population, context) }.nanos)
    }
    let environments = BenchFormat.count(spec.environments)
    var figures = [
      Figure(
        "sweep", key: "sweep.\(spec.name)",
        title: "daily sweep over \(environments) environments (\(spec.days) days, "
          + "\(BenchFormat.count(spec.events)) events)",
        unit: .seconds, value: Unit.seconds.fromNanos(core.median),
        baseline: Unit.seconds.fromNanos(baseline.median),
        baselineName:
          "C API in one read transaction: per environment the balance and window queries and"
          + " the upgrade rule",
        target: target,
        note: "median of \(core.count) runs of the daily job on a day already swept: every"
          + " decision taken again, nothing new to write")
    ]
    if actions["upgraded", default: 0] > 0 {
      figures.append(
        Figure(
          "sweep", key: "sweep.first.\(spec.name)",
          title: "  first run of the day, \(environments) environments", unit: .seconds,
          value: Unit.seconds.fromNanos(Double(firstNanos)),
          note: "on the freshly built database: " + counted))
    }
    return figures
  }

  /// The decision the sweep takes, straight from the maintained aggregates. Returns how many
  /// environments are due for an upgrade.
  private static func sweepInC(
    _ path: String, _ population: Population, _ context: BenchContext
  ) throws -> Int {
    let database = try context.baseline(path)
    defer { database.close() }
    let environments = try database.prepare("SELECT id FROM environment ORDER BY name")
    let balance = try database.prepare("SELECT balance FROM credit WHERE environment_id = ?1")
    let window = try database.prepare(
      """
      SELECT coalesce(sum(amount), 0) FROM daily_total
      WHERE environment_id = ?1 AND day BETWEEN ?2 AND ?3
      """)
    defer {
      environments.finalize()
      balance.finalize()
      window.finalize()
    }
    let days = CreditRules.averageWindow(before: population.anchor)
    var due = 0
    try database.execute("BEGIN")
    while try environments.step() {
      let id = environments.int(0)
      balance.bind(1, id)
      try balance.step()
      let credit = Money(mills: balance.int(0))
      balance.reset()
      window.bind(1, id)
      window.bind(2, days.lowerBound.number)
      window.bind(3, days.upperBound.number)
      try window.step()
      let consumption = Money(mills: window.int(0))
      window.reset()
      if CreditRules.isUpgradeDue(balance: credit, windowConsumption: consumption) { due += 1 }
    }
    try database.execute("COMMIT")
    return due
  }
}
