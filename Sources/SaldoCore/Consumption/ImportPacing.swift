/// How many events the next write transaction of a file import takes.
///
/// A write transaction keeps every other writer waiting (an administrator topping up), and its
/// commit writes every page it changed. With random event ids nearly every page of the ledger's
/// indexes changes in each batch, however few events it holds, so small batches pay that again
/// and again: on a 1M-event ledger, one batch of 50,000 events recorded in half the time of
/// five of 10,000. Batches are therefore sized by time, not by count: as many events as the last
/// batch's speed says fit in `budgetNanos`, at most twice or half the last size, within
/// `sizes`. Another writer waits about one budget at worst, as it did for a batch of 10,000
/// events on a ledger of ten million.
public struct ImportPacing: Sendable, Equatable {
  public static let budgetNanos: UInt64 = 1_000_000_000
  public static let sizes = 1_000...100_000
  public static let firstSize = 10_000

  /// The size of the next batch.
  public private(set) var next: Int
  private let paced: Bool

  /// Batches sized by time, starting at `firstSize`.
  public init() {
    next = Self.firstSize
    paced = true
  }

  /// Batches of exactly `size` events, however long they take (tests that count batches).
  public static func fixed(_ size: Int) -> ImportPacing {
    ImportPacing(next: max(1, size), paced: false)
  }

  private init(next: Int, paced: Bool) {
    self.next = next
    self.paced = paced
  }

  /// Whether a batch of `events`, the oldest read `waited` nanoseconds ago, is to be recorded
  /// now: when it is full, or (paced) when its first event has waited a budget for the rest.
  public func isDue(events: Int, waited: UInt64) -> Bool {
    events >= next || (paced && waited >= Self.budgetNanos)
  }

  /// Takes in how long the last batch of `events` took to record.
  public mutating func finished(events: Int, nanos: UInt64) {
    guard paced, events > 0 else { return }
    // Integer arithmetic: at most 100,000 events times 10^9 fits in 64 bits.
    let fitting = UInt64(events) * Self.budgetNanos / max(nanos, 1)
    let bounded = min(max(Int(min(fitting, UInt64(Int.max))), next / 2), next * 2)
    next = min(max(bounded, Self.sizes.lowerBound), Self.sizes.upperBound)
  }
}
