import SaldoCore

/// The shape of a generated platform: how many environments, how many days of history ending
/// yesterday, and how many consumption events in all. Everything generated from it (names,
/// sizes of environments, event ids, times) follows from `seed`, so two builds are identical.
struct DataSetSpec: Equatable {
  /// File stem under the data folder, e.g. `history-10m`.
  let name: String
  /// How the table names it, e.g. `10M events`.
  let label: String
  let environments: Int
  let days: Int
  let events: Int
  let seed: UInt64

  /// Environments differ in size as on a real platform: weights follow a Zipf law
  /// (exponent 0.8) over a shuffled order, so the largest environment holds a few percent of
  /// all events and the smallest a handful. Returns cumulative weights summing to 1.
  func cumulativeWeights() -> [Double] {
    var random = SeededRandom(seed: seed ^ 0x5745_4947_4854)
    var ranks = Array(1...environments)
    ranks.shuffle(using: &random)
    var cumulative = [Double](repeating: 0, count: environments)
    var total = 0.0
    for index in 0..<environments {
      total += 1 / pow08(Double(ranks[index]))
      cumulative[index] = total
    }
    for index in 0..<environments { cumulative[index] /= total }
    return cumulative
  }

  /// Organisations per environment: one to three.
  func organisationCount(environment index: Int) -> Int { 1 + index % 3 }

  /// Every fourth environment has the automatic upgrade switched on.
  func hasAutoUpgrade(environment index: Int) -> Bool { index % 4 == 0 }

  /// Days of average consumption the opening credit covers beyond the whole history: 0 to
  /// 150, so about one environment in eight ends below the 20 days that make an upgrade due.
  func coverDays(environment index: Int) -> Int64 {
    var random = SeededRandom(seed: seed ^ 0x434F_5645 ^ UInt64(index) &* 0x9E37_79B9)
    return Int64(random.next() % 151)
  }

  private func pow08(_ x: Double) -> Double {
    // x^0.8 = e^(0.8 ln x), without Foundation.
    exp(0.8 * log(x))
  }
}

#if canImport(Glibc)
  import Glibc
#endif

/// The data sets of one run: full size, or tiny for `--quick`.
struct Scale {
  let quick: Bool
  /// Histories over the same environments and days, growing only in events: the read-side
  /// figures must not change from the smallest to the largest.
  let small: DataSetSpec
  let medium: DataSetSpec
  let large: DataSetSpec
  /// Many environments with a few months each: the daily sweep's worst case.
  let wide: DataSetSpec
  /// Histories ingested through the core (and the baselines) on every run.
  let ingest: [DataSetSpec]
  let repetitions: Int
  let singleEvents: Int
  let processRuns: Int
  let sweepRuns: Int
  let frameRuns: Int
  let keystrokes: Int
  /// Events ingested onto a copy of the largest history.
  let ontoEvents: Int

  static let full = Scale(
    quick: false,
    small: DataSetSpec(
      name: "history-10k", label: "10k events", environments: 5_000, days: 400, events: 10_000,
      seed: 10),
    medium: DataSetSpec(
      name: "history-1m", label: "1M events", environments: 5_000, days: 400,
      events: 1_000_000, seed: 11),
    large: DataSetSpec(
      name: "history-10m", label: "10M events", environments: 5_000, days: 400,
      events: 10_000_000, seed: 12),
    wide: DataSetSpec(
      name: "environments-100k", label: "120 days of 100k environments", environments: 100_000,
      days: 120,
      events: 12_000_000, seed: 13),
    ingest: [], repetitions: 20_000, singleEvents: 5_000, processRuns: 60, sweepRuns: 3,
    frameRuns: 30, keystrokes: 400, ontoEvents: 200_000
  ).with(ingest: { [$0.small, $0.medium] })

  static let quickScale = Scale(
    quick: true,
    small: DataSetSpec(
      name: "quick-10k", label: "10k events", environments: 50, days: 120, events: 10_000,
      seed: 20),
    medium: DataSetSpec(
      name: "quick-20k", label: "20k events", environments: 50, days: 120, events: 20_000,
      seed: 21),
    large: DataSetSpec(
      name: "quick-50k", label: "50k events", environments: 50, days: 120, events: 50_000,
      seed: 22),
    wide: DataSetSpec(
      name: "quick-wide", label: "30 days of 500 environments", environments: 500, days: 30,
      events: 15_000, seed: 23),
    ingest: [], repetitions: 300, singleEvents: 200, processRuns: 5, sweepRuns: 1,
    frameRuns: 3, keystrokes: 50, ontoEvents: 2_000
  ).with(ingest: { [$0.small] })

  private func with(ingest choose: (Scale) -> [DataSetSpec]) -> Scale {
    Scale(
      quick: quick, small: small, medium: medium, large: large, wide: wide, ingest: choose(self),
      repetitions: repetitions, singleEvents: singleEvents, processRuns: processRuns,
      sweepRuns: sweepRuns, frameRuns: frameRuns, keystrokes: keystrokes, ontoEvents: ontoEvents)
  }
}
