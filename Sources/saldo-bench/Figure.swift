/// One line of the results: what was measured, in which unit, against which baseline, and
/// whether it meets the product's target.
struct Figure {
  /// The benchmark that produced it (`--only` takes these names).
  let benchmark: String
  /// A stable key for the JSON file, e.g. `balance.10m`.
  let key: String
  let title: String
  let unit: Unit
  /// Nil when the figure could not be measured; `note` says why.
  var value: Double?
  /// The 99th percentile, for figures repeated many times.
  var p99: Double?
  /// The same work done directly against the sqlite3 C API (or the `sqlite3` tool), in `unit`.
  var baseline: Double?
  /// What the baseline is, in a few words.
  var baselineName: String?
  var target: Target?
  var note: String?

  init(
    _ benchmark: String, key: String, title: String, unit: Unit, value: Double?,
    p99: Double? = nil, baseline: Double? = nil, baselineName: String? = nil,
    target: Target? = nil, note: String? = nil
  ) {
    self.benchmark = benchmark
    self.key = key
    self.title = title
    self.unit = unit
    self.value = value
    self.p99 = p99
    self.baseline = baseline
    self.baselineName = baselineName
    self.target = target
    self.note = note
  }

  /// A figure that could not be measured, and why.
  static func notMeasured(
    _ benchmark: String, key: String, title: String, unit: Unit, target: Target? = nil,
    reason: String
  ) -> Figure {
    Figure(benchmark, key: key, title: title, unit: unit, value: nil, target: target, note: reason)
  }

  /// value / baseline: for a time, how many times longer than SQLite alone; for a rate, how
  /// many times the baseline's throughput.
  var ratio: Double? {
    guard let value, let baseline, baseline > 0 else { return nil }
    return value / baseline
  }

  /// Nil when there is no target or nothing was measured.
  var met: Bool? {
    guard value != nil, let target else { return nil }
    return target.check(self)
  }
}

/// What a figure must achieve. Checked, printed, and never used to fail the run.
struct Target {
  let text: String
  let check: (Figure) -> Bool?

  /// value ≤ limit, in the figure's unit.
  static func atMost(_ limit: Double, _ unit: Unit) -> Target {
    Target(text: "≤ \(BenchFormat.number(limit)) \(unit.rawValue)") { figure in
      figure.value.map { $0 <= limit }
    }
  }

  /// value / baseline ≥ factor (a rate at least `factor` times the baseline's).
  static func ratioAtLeast(_ factor: Double) -> Target {
    Target(text: "≥ \(BenchFormat.number(factor))× baseline") { $0.ratio.map { $0 >= factor } }
  }

  /// value / baseline ≤ factor (a time at most `factor` times the baseline's).
  static func ratioAtMost(_ factor: Double) -> Target {
    Target(text: "≤ \(BenchFormat.number(factor))× baseline") { $0.ratio.map { $0 <= factor } }
  }
}
