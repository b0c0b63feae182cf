import SaldoCore
import Terminal

/// The main loop: draw, wait for an event, update, have the effects performed. The terminal
/// is whatever `TerminalDevice` it is given (curses, or memory in tests); effects run where the
/// performer runs them (on a worker thread for people, inline for tests and the benchmark).
public enum AppLoop {
  /// Runs until the state asks to quit or the terminal has no more events, performing every
  /// effect inline on this thread with `runtime`.
  /// - Parameter clockMs: a monotonic clock in milliseconds, for spacing refreshes.
  public static func run(
    terminal: TerminalDevice, state: inout AppState, initialEffects: [Effect],
    runtime: Runtime, clockMs: @escaping () -> Int64
  ) {
    run(
      terminal: terminal, state: &state, initialEffects: initialEffects,
      performer: InlinePerformer(runtime: runtime), clockMs: clockMs)
  }

  /// Runs until the state asks to quit or the terminal has no more events, with effects on
  /// the worker's thread: the screen keeps redrawing (and says it is working, or waiting for
  /// the database) while one runs.
  public static func run(
    terminal: TerminalDevice, state: inout AppState, initialEffects: [Effect],
    worker: EffectWorker, clockMs: @escaping () -> Int64
  ) {
    run(
      terminal: terminal, state: &state, initialEffects: initialEffects, performer: worker,
      clockMs: clockMs)
  }

  static func run(
    terminal: TerminalDevice, state: inout AppState, initialEffects: [Effect],
    performer: EffectPerformer, clockMs: @escaping () -> Int64
  ) {
    state.size = terminal.size
    state.lastRefreshMs = clockMs()
    var run = Run(terminal: terminal, performer: performer, clockMs: clockMs)
    run.perform(initialEffects, state: &state)
    while !state.quit {
      let event: TerminalEvent
      if run.held.isEmpty {
        let frame = App.render(state)
        terminal.setCursor(frame.cursor)
        terminal.present(frame.grid)
        guard run.terminalOpen, let next = terminal.nextEvent(timeoutMs: 250) else { return }
        event = next
      } else {
        event = run.held.removeFirst()
      }
      if run.handlesItself(event) { continue }
      let appEvent: AppEvent
      switch event {
      case .key(let key): appEvent = .key(key)
      case .resize(let size): appEvent = .resize(size)
      case .tick: appEvent = .tick(nowMs: clockMs())
      case .signal(let signal): appEvent = .signal(signal)
      }
      state.nowMs = max(state.nowMs, clockMs())
      run.perform(App.update(&state, appEvent), state: &state)
      if let copy = state.clipboard {
        state.clipboard = nil
        state.message =
          terminal.copyToClipboard(copy.text)
          ? .success(
            tr("Copied \(copy.what) to the clipboard (where the terminal allows it)."))
          : .error(tr("This terminal cannot copy to the clipboard; select the text instead."))
      }
    }
  }

  /// Performs effects in order on this thread; effects caused by their results run after
  /// them. For tests that drive the state without a terminal.
  public static func perform(_ effects: [Effect], state: inout AppState, runtime: Runtime) {
    var queue = effects
    while !queue.isEmpty {
      let effect = queue.removeFirst()
      let event = runtime.perform(effect) { interim in _ = App.update(&state, interim) }
      queue += App.update(&state, event)
    }
  }

  /// One run of the loop: the terminal, where effects go, and the input that arrived while
  /// an effect was running.
  private struct Run {
    let terminal: TerminalDevice
    let performer: EffectPerformer
    let clockMs: () -> Int64
    /// Keys and signals that arrived while an effect ran, replayed in order once it is done:
    /// a key never acts on a screen the person has not seen yet.
    var held: [TerminalEvent] = []
    /// False once the terminal said it has no more events.
    var terminalOpen = true
    /// How long an effect may take before the screen says it is working: quick ones (almost
    /// all) never flash a message.
    static let quietMs = 100

    init(terminal: TerminalDevice, performer: EffectPerformer, clockMs: @escaping () -> Int64) {
      self.terminal = terminal
      self.performer = performer
      self.clockMs = clockMs
    }

    /// Keys about the terminal itself, not the screens.
    func handlesItself(_ event: TerminalEvent) -> Bool {
      switch event {
      case .key(.control("z")):
        terminal.suspend()
        return true
      case .key(.control("l")):
        terminal.redrawAll()
        return true
      default:
        return false
      }
    }

    /// Performs effects one at a time, in order; effects caused by their results run after
    /// them. While one runs, the screen keeps up with the terminal's size and says why it
    /// waits; the state learns the time each result came back (the key guard after a booking
    /// counts from then).
    mutating func perform(_ effects: [Effect], state: inout AppState) {
      var queue = effects
      while !queue.isEmpty {
        let locksBefore = performer.lockWaits
        performer.start(queue.removeFirst())
        var news = performer.news(waitMs: Self.quietMs)
        var result: AppEvent?
        while true {
          for item in news {
            switch item {
            // Progress changes only the status line; it causes no effects of its own.
            case .progress(let interim): _ = App.update(&state, interim)
            case .finished(let event): result = event
            }
          }
          if result != nil { break }
          if performer.lockWaits > locksBefore { state.work = .waitingForDatabase }
          if state.work == nil { state.work = .working }
          waitForNews(&state)
          news = performer.news(waitMs: terminalOpen ? 0 : 20)
        }
        state.work = nil
        state.nowMs = max(state.nowMs, clockMs())
        if let result { queue += App.update(&state, result) }
      }
    }

    /// Draws the screen and reads the terminal for a moment: a resize is drawn at once,
    /// Ctrl-L and Ctrl-Z act at once, everything else waits its turn.
    private mutating func waitForNews(_ state: inout AppState) {
      let frame = App.render(state)
      terminal.setCursor(frame.cursor)
      terminal.present(frame.grid)
      guard terminalOpen else { return }
      guard let event = terminal.nextEvent(timeoutMs: 50) else {
        terminalOpen = false
        return
      }
      switch event {
      case .tick: break
      case .resize(let size):
        state.size = size
        // Replayed too, so the screens can move by the new page size.
        held.append(event)
      default:
        if !handlesItself(event) { held.append(event) }
      }
    }
  }
}
