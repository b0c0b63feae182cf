import SaldoCore

/// Balance and 100-day average of one environment, through the core and straight from SQLite,
/// on histories of growing length over the same environments. Both must stay flat: they read
/// maintained aggregates, never the ledger.
enum ReadBenchmark {
  enum Question: String {
    case balance
    case average

    var title: String {
      self == .balance ? "balance of one environment" : "100-day average of one environment"
    }
  }

  static func run(_ question: Question, _ context: BenchContext) throws -> [Figure] {
    let scale = context.scale
    var figures: [Figure] = []
    var medians: [String: (core: Double, baseline: Double)] = [:]
    var runningMedians: [String: Double] = [:]
    var notRemembered: [String: (core: Double, running: Double)] = [:]
    for spec in [scale.small, scale.medium, scale.large] {
      let history = try context.history(spec)
      context.log("\(question.rawValue), \(spec.label)")
      let samples = try measure(question, history, context)
      let (core, baseline, running) = (samples.core, samples.baseline, samples.running)
      medians[spec.name] = (core.median, baseline.median)
      figures.append(
        Figure(
          question.rawValue, key: "\(question.rawValue).\(spec.name)",
          title: "\(question.title) (median), \(spec.label)", unit: .microseconds,
          value: Unit.microseconds.fromNanos(core.median),
          p99: Unit.microseconds.fromNanos(core.p99),
          baseline: Unit.microseconds.fromNanos(baseline.median),
          baselineName: baselineName(question) + " (p99 "
            + BenchFormat.number(Unit.microseconds.fromNanos(baseline.p99)) + " µs)",
          note: "\(BenchFormat.count(core.count)) calls on random environments, store.read around"
            + " the store call as every core caller has it"))
      if question == .average {
        runningMedians[spec.name] = running.median
        let cold = samples.coreNotRemembered
        notRemembered[spec.name] = (cold.median, running.median)
        // The core's figure again, each time against another way of reading the window.
        func against(
          _ key: String, _ title: String, core measured: Samples? = nil, p99: Bool = false,
          baseline: Samples, _ baselineName: String, note: String? = nil
        ) -> Figure {
          let value = measured ?? core
          return Figure(
            question.rawValue, key: "\(question.rawValue).\(key).\(spec.name)",
            title: "  \(title), \(spec.label)", unit: .microseconds,
            value: Unit.microseconds.fromNanos(value.median),
            p99: p99 ? Unit.microseconds.fromNanos(value.p99) : nil,
            baseline: Unit.microseconds.fromNanos(baseline.median), baselineName: baselineName,
            note: note)
        }
        let runningSums = "C API, the core's two point lookups on daily_total.cumulative"
        figures += [
          against(
            "running", "the same, against C reading the running daily sums", baseline: running,
            runningSums),
          against(
            "remembered", "the same, against C reading the remembered window",
            baseline: samples.rememberedC, "C API, one prepared SELECT window_amount FROM credit"),
          against(
            "not-remembered", "a window not remembered (before the day's daily run)", core: cold,
            p99: true, baseline: running, runningSums,
            note: "the window of the day before, which the history does not remember: the core"
              + " reads the running sums"),
        ]
      }
    }
    if let small = medians[scale.small.name], let large = medians[scale.large.name] {
      figures.append(
        Figure(
          question.rawValue, key: "\(question.rawValue).growth",
          title: "  \(question.rawValue) at \(scale.large.label) / at \(scale.small.label)",
          unit: .ratio, value: large.core / small.core,
          baseline: large.baseline / small.baseline,
          baselineName: "the same growth for the C API", target: .atMost(1.2, .ratio)))
    }
    if let small = runningMedians[scale.small.name], let large = runningMedians[scale.large.name],
      let core = medians[scale.small.name], let coreLarge = medians[scale.large.name]
    {
      figures.append(
        Figure(
          question.rawValue, key: "\(question.rawValue).running.growth",
          title: "  the same growth, against C reading the running daily sums", unit: .ratio,
          value: coreLarge.core / core.core, baseline: large / small,
          baselineName: "the same growth for the C API on the running sums"))
    }
    if let small = notRemembered[scale.small.name], let large = notRemembered[scale.large.name] {
      figures.append(
        Figure(
          question.rawValue, key: "\(question.rawValue).not-remembered.growth",
          title: "  growth of a window not remembered, \(scale.large.label) / \(scale.small.label)",
          unit: .ratio, value: large.core / small.core, baseline: large.running / small.running,
          baselineName: "the same growth for the C API on the running sums"))
    }
    if question == .average {
      figures.append(try summary(context))
    }
    return figures
  }

  private static func baselineName(_ question: Question) -> String {
    switch question {
    case .balance:
      return "C API, one prepared SELECT balance FROM credit WHERE environment_id = ?"
    case .average:
      return "C API, one prepared SELECT sum(amount) FROM daily_total over the window"
    }
  }

  /// Core and baseline calls alternate on the same random environments, in an order that turns
  /// every round, so all see the same state of the caches.
  private struct Measured {
    var core: Samples
    var baseline: Samples
    /// C on the running sums (averages only).
    var running: Samples
    /// C on the remembered window (averages only).
    var rememberedC: Samples
    /// The core on the window of the day before, which the history does not remember.
    var coreNotRemembered: Samples
  }

  private static func measure(
    _ question: Question, _ history: HistoryDatabase, _ context: BenchContext
  ) throws -> Measured {
    let population = history.population
    let opened = try context.saldo(history.path, on: population.anchor)
    let store = opened.store
    defer { opened.close() }
    let database = try context.baseline(history.path)
    defer { database.close() }
    let statement = try database.prepare(
      question == .balance
        ? "SELECT balance FROM credit WHERE environment_id = ?1"
        : """
        SELECT coalesce(sum(amount), 0) FROM daily_total
        WHERE environment_id = ?1 AND day BETWEEN ?2 AND ?3
        """)
    defer { statement.finalize() }
    // Its own connection, as the core has: on the baseline's, the window query just before
    // would have warmed its pages for it.
    let sums = try context.baseline(history.path)
    defer { sums.close() }
    let running = try sums.prepare(
      """
      SELECT coalesce((SELECT cumulative FROM daily_total WHERE environment_id = ?1 AND day <= ?3
          ORDER BY day DESC LIMIT 1), 0)
        - coalesce((SELECT cumulative FROM daily_total WHERE environment_id = ?1 AND day < ?2
          ORDER BY day DESC LIMIT 1), 0)
      """)
    defer { running.finalize() }
    let remembered = try sums.prepare(
      """
      SELECT window_amount FROM credit
      WHERE environment_id = ?1 AND window_first = ?2 AND window_last = ?3
      """)
    defer { remembered.finalize() }
    var runningSamples = Samples(reserving: context.scale.repetitions)
    var rememberedSamples = Samples(reserving: context.scale.repetitions)
    var notRememberedSamples = Samples(reserving: context.scale.repetitions)
    // The history remembers the windows of its anchor day, as the day's daily run leaves them.
    let window = CreditRules.averageWindow(before: population.anchor)
    let dayBefore = CreditRules.averageWindow(before: population.anchor.adding(days: -1))
    var random = SeededRandom(seed: 42)
    let repetitions = context.scale.repetitions
    var core = Samples(reserving: repetitions)
    var baseline = Samples(reserving: repetitions)
    for round in 0..<(repetitions + repetitions / 10) {
      let id = population.environmentIDs[
        Int(random.next() % UInt64(population.environmentIDs.count))]
      var coreNanos: UInt64 = 0
      var baselineNanos: UInt64 = 0
      var runningNanos: UInt64 = 0
      var rememberedNanos: UInt64 = 0
      var notRememberedNanos: UInt64 = 0
      var fromCore: Int64 = 0
      var fromSQLite: Int64 = 0
      var fromSums: Int64?
      var fromRemembered: Int64?
      var fromCoreDayBefore: Int64?
      func measureCore() throws {
        let start = monotonicNanos()
        switch question {
        case .balance:
          fromCore = try store.read { try store.balance(environmentID: id) }.mills
        case .average:
          fromCore =
            CreditRules.averageDaily(
              windowConsumption: try store.read {
                try store.consumption(environmentID: id, days: window)
              }
            ).mills
        }
        coreNanos = monotonicNanos() - start
      }
      func measureBaseline() throws {
        let start = monotonicNanos()
        statement.bind(1, id)
        if question == .average {
          statement.bind(2, window.lowerBound.number)
          statement.bind(3, window.upperBound.number)
        }
        try statement.step()
        fromSQLite = statement.int(0)
        statement.reset()
        if question == .average {
          fromSQLite = CreditRules.averageDaily(windowConsumption: Money(mills: fromSQLite)).mills
        }
        baselineNanos = monotonicNanos() - start
      }
      // One environment's consumption over `days` by a statement taking (id, first, last);
      // nil when it returns no row.
      func consumption(_ query: RawStatement, _ days: ClosedRange<Day>) throws -> Int64? {
        query.bind(1, id)
        query.bind(2, days.lowerBound.number)
        query.bind(3, days.upperBound.number)
        defer { query.reset() }
        return try query.step() ? query.int(0) : nil
      }
      func average(_ mills: Int64) -> Int64 {
        CreditRules.averageDaily(windowConsumption: Money(mills: mills)).mills
      }
      func measureRunning() throws {
        guard question == .average else { return }
        let start = monotonicNanos()
        fromSums = try consumption(running, window).map(average)
        runningNanos = monotonicNanos() - start
      }
      func measureRemembered() throws {
        guard question == .average else { return }
        let start = monotonicNanos()
        guard let amount = try consumption(remembered, window) else {
          throw BenchError("environment \(id): no remembered window for \(population.anchor.iso)")
        }
        fromRemembered = average(amount)
        rememberedNanos = monotonicNanos() - start
      }
      func measureNotRemembered() throws {
        guard question == .average else { return }
        let start = monotonicNanos()
        fromCoreDayBefore = try store.read {
          try store.consumption(environmentID: id, days: dayBefore)
        }.mills
        notRememberedNanos = monotonicNanos() - start
      }
      // Whoever reads an environment first finds its pages cold; the order turns each round so
      // that no side always pays for the others.
      let steps = [
        measureCore, measureBaseline, measureRunning, measureRemembered, measureNotRemembered,
      ]
      for step in 0..<steps.count { try steps[(round + step) % steps.count]() }

      guard fromCore == fromSQLite else {
        throw BenchError("environment \(id): the core says \(fromCore), SQLite \(fromSQLite)")
      }
      if let fromSums, fromSums != fromCore {
        throw BenchError("environment \(id): the running sums say \(fromSums)")
      }
      if let fromRemembered, fromRemembered != fromCore {
        throw BenchError("environment \(id): the remembered window says \(fromRemembered)")
      }
      if let fromCoreDayBefore {
        // Checked outside the clock against a plain sum over the same days.
        let summed = try consumption(statement, dayBefore)
        guard summed == fromCoreDayBefore else {
          throw BenchError(
            "environment \(id): the day before's window is \(fromCoreDayBefore),"
              + " SQLite \(summed.map(String.init) ?? "no row")")
        }
      }
      // The first tenth warms the caches and is not counted.
      if round >= repetitions / 10 {
        core.add(coreNanos)
        baseline.add(baselineNanos)
        if question == .average {
          runningSamples.add(runningNanos)
          rememberedSamples.add(rememberedNanos)
          notRememberedSamples.add(notRememberedNanos)
        }
      }
    }
    return Measured(
      core: core, baseline: baseline, running: runningSamples, rememberedC: rememberedSamples,
      coreNotRemembered: notRememberedSamples)
  }

  /// What `saldo balance` computes, through the facade: permission check, balance, average,
  /// runway, upgrade decision.
  private static func summary(_ context: BenchContext) throws -> Figure {
    let history = try context.history(context.scale.large)
    let population = history.population
    let opened = try context.saldo(history.path, on: population.anchor)
    let saldo = opened.saldo
    defer { opened.close() }
    let database = try context.baseline(history.path)
    defer { database.close() }
    let balance = try database.prepare("SELECT balance FROM credit WHERE environment_id = ?1")
    let window = try database.prepare(
      """
      SELECT coalesce(sum(amount), 0) FROM daily_total
      WHERE environment_id = ?1 AND day BETWEEN ?2 AND ?3
      """)
    defer {
      balance.finalize()
      window.finalize()
    }
    let days = CreditRules.averageWindow(before: population.anchor)
    var random = SeededRandom(seed: 43)
    var environments: [Environment] = []
    for _ in 0..<200 {
      let id = population.environmentIDs[
        Int(random.next() % UInt64(population.environmentIDs.count))]
      if let environment = try opened.store.read({ try opened.store.environment(id: id) }) {
        environments.append(environment)
      }
    }
    let repetitions = context.scale.repetitions / 2
    var core = Samples(reserving: repetitions)
    var baseline = Samples(reserving: repetitions)
    for round in 0..<repetitions {
      let environment = environments[round % environments.count]
      var start = monotonicNanos()
      let summary = try saldo.credit.creditSummary(of: environment, on: population.anchor)
      core.add(monotonicNanos() - start)

      start = monotonicNanos()
      balance.bind(1, environment.id)
      try balance.step()
      let credit = Money(mills: balance.int(0))
      balance.reset()
      window.bind(1, environment.id)
      window.bind(2, days.lowerBound.number)
      window.bind(3, days.upperBound.number)
      try window.step()
      let consumption = Money(mills: window.int(0))
      window.reset()
      let due = CreditRules.isUpgradeDue(balance: credit, windowConsumption: consumption)
      baseline.add(monotonicNanos() - start)
      guard due == summary.upgradeDue, credit == summary.balance else {
        throw BenchError("environment \(environment.id): the core and SQLite disagree")
      }
    }
    return Figure(
      "average", key: "summary.\(context.scale.large.name)",
      title: "credit summary through the facade (median), \(context.scale.large.label)",
      unit: .microseconds, value: Unit.microseconds.fromNanos(core.median),
      p99: Unit.microseconds.fromNanos(core.p99),
      baseline: Unit.microseconds.fromNanos(baseline.median),
      baselineName: "C API, the balance and window queries and the upgrade rule",
      note: "CreditService.creditSummary: the permission check (user, role, operator) plus balance"
        + " and average, what `saldo balance` and My environment show")
  }
}
