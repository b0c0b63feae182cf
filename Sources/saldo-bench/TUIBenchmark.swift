import SaldoCore
import SaldoUI
import Terminal

/// My environment in the terminal interface: the first full frame from process start, the
/// redraw after a keystroke, and the memory of the whole TUI process.
///
/// The screens render into the in-memory grid through the product's own loop
/// (`App.start`, `AppLoop.run`, the `Runtime` over the core), with a terminal device that
/// notes when each frame is presented. The peak memory, and the same timings through a real
/// terminal, come from the `saldo` binary itself running in a pseudo-terminal.
enum TUIBenchmark {
  /// A common terminal window; the layout needs at least 80×24.
  static let size = Size(width: 120, height: 40)

  static func run(_ context: BenchContext) throws -> [Figure] {
    let scale = context.scale
    var figures: [Figure] = []
    var warm: [String: Double] = [:]
    var warmBaseline: [String: Double] = [:]
    for spec in [scale.small, scale.large] {
      let history = try context.history(spec)
      context.log("tui, \(spec.label): first frame in this process")
      let (core, baseline) = try warmFirstFrames(history, context)
      warm[spec.name] = core.median
      warmBaseline[spec.name] = baseline.median
      figures.append(
        Figure(
          "tui", key: "tui.frame-warm.\(spec.name)",
          title: "first frame of My environment, store already cached (median), \(spec.label)",
          unit: .milliseconds, value: Unit.milliseconds.fromNanos(core.median),
          p99: Unit.milliseconds.fromNanos(core.p99),
          baseline: Unit.milliseconds.fromNanos(baseline.median),
          baselineName: RawFrame.description,
          note: "open the store, load the home data through the core, render into the"
            + " in-memory grid; \(core.count) runs in one process"))
    }
    if let small = warm[scale.small.name], let large = warm[scale.large.name],
      let smallBaseline = warmBaseline[scale.small.name],
      let largeBaseline = warmBaseline[scale.large.name]
    {
      figures.append(
        Figure(
          "tui", key: "tui.frame.growth",
          title: "  first frame at \(scale.large.label) / at \(scale.small.label)", unit: .ratio,
          value: large / small, baseline: largeBaseline / smallBaseline,
          baselineName: "the same growth for the C API", target: .atMost(1.2, .ratio)))
    }
    let history = try context.history(scale.large)
    context.log("tui, \(scale.large.label): first frame from process start")
    figures += try processFirstFrames(history, context)
    context.log("tui, \(scale.large.label): keystrokes")
    figures += try keystrokes(history, context)
    context.log("tui, \(scale.large.label): the saldo binary in a pseudo-terminal")
    figures += try PseudoTerminalRun.figures(history, context)
    return figures
  }

  // MARK: In this process

  private static func warmFirstFrames(_ history: HistoryDatabase, _ context: BenchContext)
    throws -> (core: Samples, baseline: Samples)
  {
    let population = history.population
    let name = population.environmentNames[population.showcase]
    let id = population.environmentIDs[population.showcase]
    var core = Samples()
    var baseline = Samples()
    let runs = context.scale.frameRuns
    for round in 0..<(runs + 2) {
      let start = monotonicNanos()
      let screen = try firstFrame(path: history.path, environment: name, account: context.account)
      let coreNanos = monotonicNanos() - start
      let (_, rawNanos) = try timed {
        try RawFrame.render(
          path: history.path, environmentID: id, anchor: nil, size: size,
          cacheSize: context.core.cacheSize)
      }
      guard screen.contains("Latest transactions") else {
        throw BenchError("My environment did not render: \(screen.prefix(400))")
      }
      if round >= 2 {
        core.add(coreNanos)
        baseline.add(rawNanos)
      }
    }
    return (core, baseline)
  }

  /// What `saldo` does from the command line to the first frame, minus curses: open the
  /// store, find the environment, start the app, run its loop until the first frame is shown.
  /// Returns the frame's text.
  static func firstFrame(path: String, environment name: String, account: SystemAccount) throws
    -> String
  {
    let store = try SQLiteStore(path: path)
    defer { store.database.close() }
    let saldo = Saldo(store: store, account: account)
    let environment = try saldo.directory.environment(name)
    let terminal = RecordingTerminal(size: size, keys: [])
    var (state, effects) = App.start(
      environmentName: environment.name, ascii: false, size: terminal.size)
    AppLoop.run(
      terminal: terminal, state: &state, initialEffects: effects,
      runtime: Runtime(saldo: saldo, environment: environment), clockMs: { 0 })
    return terminal.screenText()
  }

  // MARK: From process start

  /// Starts this executable as a child that renders My environment once into the in-memory
  /// grid and prints the monotonic time of the first frame; the figure is that time minus the
  /// time just before posix_spawn. The baseline child reads the same data with the C API.
  private static func processFirstFrames(_ history: HistoryDatabase, _ context: BenchContext)
    throws -> [Figure]
  {
    let population = history.population
    let name = population.environmentNames[population.showcase]
    let id = population.environmentIDs[population.showcase]
    let executable = FileText.executablePath()
    var core = Samples()
    var baseline = Samples()
    var peak = 0
    for round in 0..<(context.scale.frameRuns + 2) {
      let child = try Spawn.run(
        executable, ["--child", "first-frame", history.path, name], captureOutput: true)
      let raw = try Spawn.run(
        executable,
        ["--child", "raw-frame", history.path, String(id), String(context.core.cacheSize)],
        captureOutput: true)
      guard child.exitCode == 0, let frame = frameTime(child), let rawFrame = frameTime(raw)
      else {
        throw BenchError("the first-frame child failed (exit \(child.exitCode)): \(child.text)")
      }
      if round >= 2 {
        core.add(frame - child.startNanos)
        baseline.add(rawFrame - raw.startNanos)
        peak = max(peak, residentKilobytes(child) ?? 0)
      }
    }
    return [
      Figure(
        "tui", key: "tui.first-frame",
        title: "first full frame of My environment from process start (median),"
          + " \(context.scale.large.label)",
        unit: .milliseconds, value: Unit.milliseconds.fromNanos(core.median),
        p99: Unit.milliseconds.fromNanos(core.p99),
        baseline: Unit.milliseconds.fromNanos(baseline.median),
        baselineName: "the same executable started as a child doing "
          + RawFrame.description,
        target: .atMost(30, .milliseconds),
        note: "posix_spawn of a child that runs the product's loop into the in-memory grid"
          + " (\(size.width)×\(size.height)), to the monotonic time of its first present;"
          + " \(core.count) runs; peak RSS of that child "
          + BenchFormat.number(Double(peak) / 1024) + " MB")
    ]
  }

  private static func frameTime(_ run: ChildRun) -> UInt64? {
    run.text.split(separator: "\n").first(where: { $0.hasPrefix("frame ") })
      .flatMap { UInt64($0.dropFirst("frame ".count)) }
  }

  private static func residentKilobytes(_ run: ChildRun) -> Int? {
    run.text.split(separator: "\n").first(where: { $0.hasPrefix("rss ") })
      .flatMap { Int($0.dropFirst("rss ".count)) }
  }

  /// The child side of `processFirstFrames`: `--child first-frame DB ENVIRONMENT`.
  static func childFirstFrame(_ arguments: [String]) -> Int32 {
    guard arguments.count == 2, let account = SystemAccount.current() else { return 2 }
    do {
      let store = try SQLiteStore(path: arguments[0])
      let saldo = Saldo(store: store, account: account)
      let environment = try saldo.directory.environment(arguments[1])
      let terminal = RecordingTerminal(size: size, keys: [])
      var (state, effects) = App.start(
        environmentName: environment.name, ascii: false, size: terminal.size)
      AppLoop.run(
        terminal: terminal, state: &state, initialEffects: effects,
        runtime: Runtime(saldo: saldo, environment: environment), clockMs: { 0 })
      guard let first = terminal.presentedAt.first,
        terminal.screenText().contains("Latest transactions")
      else { return 3 }
      print("frame \(first)")
      print("rss \(ResidentMemory.peak() ?? 0)")
      return 0
    } catch {
      print("error \(error)")
      return 1
    }
  }

  /// The baseline child: `--child raw-frame DB ENVIRONMENT_ID CACHE_SIZE`.
  static func childRawFrame(_ arguments: [String]) -> Int32 {
    guard arguments.count == 3, let id = Int64(arguments[1]), let cache = Int64(arguments[2])
    else { return 2 }
    do {
      try RawFrame.render(
        path: arguments[0], environmentID: id, anchor: nil, size: size, cacheSize: cache)
      print("frame \(monotonicNanos())")
      return 0
    } catch {
      print("error \(error)")
      return 1
    }
  }

  // MARK: Keystrokes

  /// Keys through the product's loop on the largest history: the time from handing a key to
  /// the loop until the next frame is presented (update, effects, render into the grid).
  private static func keystrokes(_ history: HistoryDatabase, _ context: BenchContext) throws
    -> [Figure]
  {
    let population = history.population
    let name = population.environmentNames[population.showcase]
    let count = context.scale.keystrokes
    let store = try SQLiteStore(path: history.path)
    defer { store.database.close() }
    let saldo = Saldo(store: store, account: context.account)
    let environment = try saldo.directory.environment(name)
    let runtime = Runtime(saldo: saldo, environment: environment)

    func session(_ keys: [Key]) -> Samples {
      let terminal = RecordingTerminal(size: size, keys: keys)
      var (state, effects) = App.start(
        environmentName: environment.name, ascii: false, size: terminal.size)
      AppLoop.run(
        terminal: terminal, state: &state, initialEffects: effects, runtime: runtime,
        clockMs: { 0 })
      return terminal.keyLatencies
    }
    let moves = session((0..<count).map { $0 % 2 == 0 ? .down : .up })
    let reloads = session((0..<max(count / 4, 10)).map { _ in .character("r") })
    return [
      Figure(
        "tui", key: "tui.keystroke",
        title: "redraw after a keystroke (↓/↑ in My environment, median),"
          + " \(context.scale.large.label)",
        unit: .milliseconds, value: Unit.milliseconds.fromNanos(moves.median),
        p99: Unit.milliseconds.fromNanos(moves.p99),
        target: .atMost(16, .milliseconds),
        note: "update + render + present into the in-memory grid, \(moves.count) keys; no"
          + " SQLite work to compare with (a bare ncurses screen in tmux takes ~3 ms)"),
      Figure(
        "tui", key: "tui.reload",
        title: "  redraw after R (reload the home data, median)", unit: .milliseconds,
        value: Unit.milliseconds.fromNanos(reloads.median),
        p99: Unit.milliseconds.fromNanos(reloads.p99),
        note: "\(reloads.count) reloads: the same queries as the first frame, on an open store"),
    ]
  }
}

/// A terminal device for the product's loop that keeps the last grid (through
/// `MemoryTerminal`), notes the monotonic time of every frame, and feeds queued keys, noting
/// when each was handed over. It ends the loop when the keys run out.
final class RecordingTerminal: TerminalDevice {
  private let memory: MemoryTerminal
  private var keys: [Key]
  private var nextKey = 0
  private var keyHandedAt: UInt64?
  private(set) var presentedAt: [UInt64] = []
  private(set) var keyLatencies = Samples()

  init(size: Size, keys: [Key]) {
    memory = MemoryTerminal(
      size: size, capabilities: TerminalCapabilities(colors: .full256, unicode: true))
    self.keys = keys
  }

  var size: Size { memory.size }
  var capabilities: TerminalCapabilities { memory.capabilities }

  func present(_ grid: Grid) {
    memory.present(grid)
    let now = monotonicNanos()
    presentedAt.append(now)
    if let handed = keyHandedAt {
      keyLatencies.add(now - handed)
      keyHandedAt = nil
    }
  }

  func setCursor(_ position: Point?) { memory.setCursor(position) }

  func nextEvent(timeoutMs: Int) -> TerminalEvent? {
    guard nextKey < keys.count else { return nil }
    let key = keys[nextKey]
    nextKey += 1
    keyHandedAt = monotonicNanos()
    return .key(key)
  }

  func restore() { memory.restore() }

  func screenText() -> String { memory.screenText() }
}
