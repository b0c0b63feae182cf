import CSQLite
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Tells a front end, from any thread, that the store is waiting for another process to let
/// go of the database, so a screen can say so instead of looking frozen.
public final class LockWaitSignal: Sendable {
  private let waits = Atomic<Int>(0)

  public init() {}

  /// How many times the store has waited for the lock so far; grows while it waits.
  public var count: Int { waits.load(ordering: .relaxed) }

  func noteWait() { waits.add(1, ordering: .relaxed) }
}

/// SQLite's own busy timeout, told to a `LockWaitSignal` at each wait. The pauses follow the
/// ones SQLite's built-in handler uses, so a short lock costs no more than it did.
final class BusyWait {
  let timeoutMs: Int32
  let signal: LockWaitSignal
  private static let delaysMs: [Int32] = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100]

  init(timeoutMs: Int32, signal: LockWaitSignal) {
    self.timeoutMs = timeoutMs
    self.signal = signal
  }

  /// Installs the handler on `handle`; the database keeps `self` alive as long as the handle.
  func install(on handle: OpaquePointer) {
    sqlite3_busy_handler(
      handle,
      { context, count in
        guard let context else { return 0 }
        let wait = Unmanaged<BusyWait>.fromOpaque(context).takeUnretainedValue()
        return wait.pause(afterWaits: Int(count)) ? 1 : 0
      }, Unmanaged.passUnretained(self).toOpaque())
  }

  /// Sleeps once more and says true, or says false when the timeout is spent.
  private func pause(afterWaits count: Int) -> Bool {
    let delays = Self.delaysMs
    let index = min(count, delays.count - 1)
    let spent =
      count < delays.count
      ? delays[..<count].reduce(0, +)
      : delays.reduce(0, +) + Int32(count - delays.count) * delays[delays.count - 1]
    guard spent < timeoutMs else { return false }
    signal.noteWait()
    usleep(UInt32(min(delays[index], timeoutMs - spent)) * 1000)
    return true
  }
}
