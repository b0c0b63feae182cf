import Terminal

/// The main loop: draw, wait for an event, update, perform the effects. One thread; the
/// terminal is whatever `TerminalDevice` it is given (curses, or memory in tests).
public enum AppLoop {
  /// Runs until the state asks to quit or the terminal has no more events.
  /// - Parameter clockMs: a monotonic clock in milliseconds, for spacing refreshes.
  public static func run(
    terminal: TerminalDevice, state: inout AppState, initialEffects: [Effect],
    runtime: Runtime, clockMs: @escaping () -> Int64
  ) {
    state.size = terminal.size
    state.lastRefreshMs = clockMs()
    perform(
      initialEffects, state: &state, runtime: runtime, clockMs: clockMs, terminal: terminal)
    while !state.quit {
      let frame = App.render(state)
      terminal.setCursor(frame.cursor)
      terminal.present(frame.grid)
      guard let event = terminal.nextEvent(timeoutMs: 250) else { return }
      // Keys about the terminal itself, not the screens.
      if case .key(.control("z")) = event {
        terminal.suspend()
        continue
      }
      if case .key(.control("l")) = event {
        terminal.redrawAll()
        continue
      }
      let appEvent: AppEvent
      switch event {
      case .key(let key): appEvent = .key(key)
      case .resize(let size): appEvent = .resize(size)
      case .tick: appEvent = .tick(nowMs: clockMs())
      case .signal(let signal): appEvent = .signal(signal)
      }
      state.nowMs = max(state.nowMs, clockMs())
      perform(
        App.update(&state, appEvent), state: &state, runtime: runtime, clockMs: clockMs,
        terminal: terminal)
      if let copy = state.clipboard {
        state.clipboard = nil
        state.message =
          terminal.copyToClipboard(copy.text)
          ? .success("Copied " + copy.what + " to the clipboard (where the terminal allows it).")
          : .error("This terminal cannot copy to the clipboard; select the text instead.")
      }
    }
  }

  /// Performs effects in order; effects caused by their results run after them. With a
  /// clock, the state learns the time each result came back (the key guard after a booking
  /// counts from then). With a terminal, progress an effect reports while it runs is drawn at
  /// once, so the status line moves during a long export.
  public static func perform(
    _ effects: [Effect], state: inout AppState, runtime: Runtime, clockMs: (() -> Int64)? = nil,
    terminal: TerminalDevice? = nil
  ) {
    var queue = effects
    while !queue.isEmpty {
      let effect = queue.removeFirst()
      let event = runtime.perform(effect) { interim in
        // Progress changes only the status line; it causes no effects of its own.
        _ = App.update(&state, interim)
        if let terminal { terminal.present(App.render(state).grid) }
      }
      if let clockMs { state.nowMs = max(state.nowMs, clockMs()) }
      queue += App.update(&state, event)
    }
  }
}
