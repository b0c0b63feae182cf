import CNcursesW
import Synchronization
import Terminal

#if canImport(Glibc)
  import Glibc
#endif

/// Signals received but not yet delivered, one bit per signal number. A signal handler may
/// only do async-signal-safe work, so it just sets a bit; `nextEvent` turns bits into
/// `.signal` events on the main loop.
private let pendingSignals = Atomic<UInt32>(0)

/// True while curses owns the terminal. Process-wide because `endwin` must run exactly once,
/// whether from `restore()`, from an error path, or from the exit hook.
let cursesActive = Atomic<Bool>(false)

/// Installs and removes the SIGINT/SIGTERM/SIGHUP handlers. SIGWINCH is left alone: ncurses
/// installs its own handler (turning resizes into KEY_RESIZE) only if it is still default.
struct CursesSignals {
  static let handled: [(Int32, TerminationSignal)] = [
    (SIGINT, .interrupt), (SIGTERM, .terminate), (SIGHUP, .hangup),
  ]

  private var previous: [Int32: sigaction] = [:]

  /// Installs the handlers; call before `newterm`, because ncurses installs its own
  /// SIGINT/SIGTERM handlers (which end the process) only where the default is in place.
  static func install() -> CursesSignals {
    _ = pendingSignals.load(ordering: .relaxed)  // initialise the global before any signal
    var signals = CursesSignals()
    for (number, _) in handled {
      var old = sigaction()
      if saldo_install_signal_handler(number, recordSignal, &old) == 0 {
        signals.previous[number] = old
      }
    }
    return signals
  }

  /// Puts back whatever handlers were there before `install`.
  mutating func uninstall() {
    for (number, var old) in previous {
      _ = saldo_restore_signal_handler(number, &old)
    }
    previous = [:]
  }

  /// A pending signal, cleared so it is delivered once. Termination wins over hang-up over
  /// interrupt, as the stronger request.
  static func takePending() -> TerminationSignal? {
    let bits = pendingSignals.load(ordering: .acquiring)
    guard bits != 0 else { return nil }
    for number in [SIGTERM, SIGHUP, SIGINT] {
      let bit = UInt32(1) << UInt32(number)
      if bits & bit != 0 {
        pendingSignals.bitwiseAnd(~bit, ordering: .acquiringAndReleasing)
        return handled.first(where: { $0.0 == number })?.1
      }
    }
    return nil
  }
}

/// The C-callable handler: only an atomic store, which is async-signal-safe.
private let recordSignal: @convention(c) (Int32) -> Void = { number in
  guard number >= 0 && number < 32 else { return }
  pendingSignals.bitwiseOr(UInt32(1) << UInt32(number), ordering: .releasing)
}
