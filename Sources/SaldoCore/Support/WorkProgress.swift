#if canImport(Glibc)
  import Glibc
#endif

/// How far a long piece of work has come: the items done (events read, rows written) and,
/// where the whole is known, the position in it (bytes of a file, ids of a ledger).
public struct WorkProgress: Sendable, Equatable {
  /// Events or rows handled so far.
  public var items: Int64
  /// How far into the whole, in the unit of `total`.
  public var position: Int64
  /// The size of the whole in the unit of `position`; nil when it cannot be known (a pipe).
  public var total: Int64?

  public init(items: Int64, position: Int64 = 0, total: Int64? = nil) {
    self.items = items
    self.position = position
    self.total = total
  }

  /// Whole percent done, when the whole is known.
  public var percent: Int64? {
    guard let total, total > 0 else { return nil }
    return min(100, max(0, position) * 100 / total)
  }
}

/// Turns progress reports into one line of text (items, items per second, percent, time left),
/// at most once per `interval`, so a terminal is redrawn at most ten times a second however
/// fast the work reports. Pure apart from the clock it is given.
public struct ProgressMeter: Sendable {
  /// What is counted, plural: "events", "rows".
  public let noun: String
  public let intervalNanos: UInt64
  private let startNanos: UInt64
  private var lastShown: UInt64?

  public init(noun: String, start: UInt64, intervalNanos: UInt64 = 100_000_000) {
    self.noun = noun
    self.startNanos = start
    self.intervalNanos = intervalNanos
  }

  /// The line to show at `now`, or nil when the last line shown is younger than the interval.
  public mutating func line(for progress: WorkProgress, at now: UInt64) -> String? {
    if let lastShown, now &- lastShown < intervalNanos { return nil }
    lastShown = now
    return text(for: progress, at: now)
  }

  /// The line for `progress` at `now`, whenever it was last shown.
  public func text(for progress: WorkProgress, at now: UInt64) -> String {
    let elapsed = now > startNanos ? now - startNanos : 0
    var parts = [Self.grouped(progress.items) + " " + noun]
    // A rate over less than a fifth of a second says more about start-up than about the work.
    if elapsed >= 200_000_000 {
      let rate = progress.items.multipliedReportingOverflow(by: 1_000_000_000)
      if !rate.overflow {
        parts.append(Self.grouped(rate.partialValue / Int64(elapsed)) + "/s")
      }
    }
    if let percent = progress.percent {
      parts.append("\(percent)%")
      if let total = progress.total, progress.position > 0, elapsed >= 200_000_000 {
        let left = max(0, total - progress.position)
        let nanos = Double(left) / Double(progress.position) * Double(elapsed)
        parts.append("ETA " + Self.duration(seconds: Int64(nanos / 1e9)))
      }
    }
    return parts.joined(separator: " · ")
  }

  /// Thousands with dots, as the screens show counts: 1.234.567.
  static func grouped(_ value: Int64) -> String {
    let digits = Array(String(value.magnitude))
    var out = value < 0 ? "-" : ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(".") }
      out.append(digit)
    }
    return out
  }

  /// `0:07`, `12:30`, `1:02:03`.
  static func duration(seconds: Int64) -> String {
    let hours = seconds / 3600
    let minutes = seconds / 60 % 60
    let secs = seconds % 60
    let twoDigits = { (value: Int64) in value < 10 ? "0\(value)" : "\(value)" }
    return hours > 0
      ? "\(hours):" + twoDigits(minutes) + ":" + twoDigits(secs)
      : "\(minutes):" + twoDigits(secs)
  }

  /// The monotonic clock in nanoseconds, the time base `start` and `now` are in.
  public static func monotonicNanos() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
  }
}
