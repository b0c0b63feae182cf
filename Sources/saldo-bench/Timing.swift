#if canImport(Glibc)
  import Glibc
#endif

/// Nanoseconds on the monotonic clock. The clock is system-wide, so a child process's reading
/// can be compared with its parent's.
func monotonicNanos() -> UInt64 {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// Times `body` once, in nanoseconds.
func timed<T>(_ body: () throws -> T) rethrows -> (result: T, nanos: UInt64) {
  let start = monotonicNanos()
  let result = try body()
  return (result, monotonicNanos() - start)
}

/// Repeated timings of one operation, summarised by order statistics: the median says what is
/// typical, p99 what an unlucky call costs. Means hide both, so they are not reported.
struct Samples {
  private(set) var nanos: [UInt64] = []

  init() {}

  init(reserving count: Int) { nanos.reserveCapacity(count) }

  mutating func add(_ value: UInt64) { nanos.append(value) }

  var count: Int { nanos.count }

  /// The value below which `fraction` of the samples lie (nearest rank).
  func quantile(_ fraction: Double) -> Double {
    guard !nanos.isEmpty else { return .nan }
    let sorted = nanos.sorted()
    let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
    return Double(sorted[min(max(rank, 0), sorted.count - 1)])
  }

  var median: Double { quantile(0.5) }
  var p99: Double { quantile(0.99) }
}

/// Units a figure is reported in, with the conversion from nanoseconds where one applies.
enum Unit: String {
  case microseconds = "µs"
  case milliseconds = "ms"
  case seconds = "s"
  case eventsPerSecond = "events/s"
  case megabytes = "MB"
  case ratio = "×"

  /// Converts a duration in nanoseconds to this unit.
  func fromNanos(_ nanos: Double) -> Double {
    switch self {
    case .microseconds: return nanos / 1_000
    case .milliseconds: return nanos / 1_000_000
    case .seconds: return nanos / 1_000_000_000
    default: return nanos
    }
  }
}
