import SaldoCore
import SaldoUI
import Terminal
import TerminalCurses

#if canImport(Glibc)
  import Glibc
#endif

/// Starts the terminal interface. Everything that can fail with a message (theme, config,
/// database, environment, invoice) is checked before curses takes the terminal, so errors
/// are plain lines on stderr; once curses runs, the terminal is restored on every way out.
enum TUIRunner {
  static func run(
    context: Context, themeName: String?, invoiceNumber: String? = nil, mouse: Bool = false
  ) throws {
    let theme = try ThemeChoice.resolve(flag: themeName)
    // `--mouse` wins; else `mouse = on` in the config file (checked before curses starts).
    let mouse = try mouse || (context.config().mouse ?? false)
    let lockWait = LockWaitSignal()
    let saldo = try context.open(lockWait: lockWait)
    let environment: Environment
    if let invoiceNumber {
      let invoice = try saldo.invoices.invoice(number: invoiceNumber)
      if context.environmentName == nil {
        environment = try saldo.invoices.environment(of: invoice)
      } else {
        environment = try saldo.directory.environment(context.environmentName)
      }
    } else {
      environment = try saldo.directory.environment(context.environmentName)
    }
    let provider = try PaymentsCommands.configuredProvider(saldo, interactive: true)
    if let type = getenv("TERM").map({ String(cString: $0) }), type == "dumb" {
      throw UsageError(
        tr(
          "the terminal interface needs a terminal that can place its cursor; TERM=dumb cannot, so use the commands (`saldo --help`) or set TERM, e.g. TERM=xterm-256color"
        ))
    }
    guard isatty(0) == 1, isatty(1) == 1 else {
      throw UsageError(
        tr(
          "the terminal interface needs a terminal on standard input and output; scripts use the commands"
        ))
    }
    unblockTerminalSignals()
    let terminal: CursesTerminal
    do {
      terminal = try CursesTerminal(theme: theme, mouse: mouse)
    } catch {
      throw SaldoError.invalid(error.description)
    }
    atexit(CursesTerminal.restoreAtExit)
    defer { terminal.restore() }
    var (state, effects) = App.start(
      environmentName: environment.name, ascii: !terminal.capabilities.unicode,
      size: terminal.size, invoiceNumber: invoiceNumber)
    // From here on the connection belongs to the worker's thread; this one only draws.
    let worker = try EffectWorker(
      runtime: Runtime(saldo: saldo, environment: environment, provider: provider),
      lockWait: lockWait)
    AppLoop.run(
      terminal: terminal, state: &state, initialEffects: effects, worker: worker,
      clockMs: monotonicMs)
  }

  /// A parent may start us with signals blocked (some process launchers and the servers they
  /// start pass their mask on); then resizes, Ctrl-C as a signal, SIGTERM and a dropped SSH
  /// session would never arrive, and the terminal would not be restored.
  static func unblockTerminalSignals() {
    var set = sigset_t()
    sigemptyset(&set)
    for number in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] { sigaddset(&set, number) }
    sigprocmask(SIG_UNBLOCK, &set, nil)
  }

  static func monotonicMs() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
  }
}
