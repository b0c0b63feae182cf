#if canImport(Glibc)
  import Glibc
#endif

/// The `saldo` binary itself, started in a pseudo-terminal as a person would start it: the
/// first screen from process start as the terminal receives it, keystroke round trips, and
/// the peak resident memory of the whole TUI process.
enum PseudoTerminalRun {
  static let columns = 120
  static let lines = 40

  static func figures(_ history: HistoryDatabase, _ context: BenchContext) throws -> [Figure] {
    let label = context.scale.large.label
    guard let saldo = context.saldoPath else {
      let reason =
        "no release saldo binary beside the benchmark; build it with"
        + " `swift build -c release --product saldo` or pass --saldo PATH"
      return [
        .notMeasured(
          "tui", key: "tui.rss", title: "peak RSS of the TUI process, \(label)", unit: .megabytes,
          target: .atMost(50, .megabytes), reason: reason)
      ]
    }
    do {
      return try measure(history, saldo: saldo, context)
    } catch let unavailable as Unavailable {
      return [
        .notMeasured(
          "tui", key: "tui.rss", title: "peak RSS of the TUI process, \(label)", unit: .megabytes,
          target: .atMost(50, .megabytes), reason: unavailable.reason)
      ]
    }
  }

  /// A machine without pseudo-terminals (some containers): the figures needing one are not
  /// measured, and the rest of the suite still runs.
  struct Unavailable: Error {
    let reason: String
  }

  private static func measure(_ history: HistoryDatabase, saldo: String, _ context: BenchContext)
    throws -> [Figure]
  {
    let label = context.scale.large.label
    let name = history.population.environmentNames[history.population.showcase]
    var firstScreens = Samples()
    var keys = Samples()
    var peak = 0
    let runs = max(3, context.scale.frameRuns / 3)
    for _ in 0..<runs {
      let session = try Session(saldo: saldo, arguments: ["--db", history.path, "--env", name])
      defer { session.close() }
      try session.waitFor(["Latest transactions", "quit"])
      firstScreens.add(session.firstScreenNanos)
      // `?` opens the key help and the next key closes it: each press changes the screen.
      for _ in 0..<max(4, context.scale.keystrokes / 20) {
        keys.add(try session.roundTrip("?"))
      }
      peak = max(peak, session.peakResidentKilobytes())
      _ = try session.quit()
    }
    return [
      Figure(
        "tui", key: "tui.rss", title: "peak RSS of the TUI process, \(label)", unit: .megabytes,
        value: Double(peak) / 1024, target: .atMost(50, .megabytes),
        note: "the saldo binary on My environment in a \(columns)×\(lines) pseudo-terminal,"
          + " after the first screen and \(keys.count / runs) keystrokes: its high-water mark"
          + " (VmHWM) just before q, largest of \(runs) runs"),
      Figure(
        "tui", key: "tui.pty-first-screen",
        title: "  first screen of saldo in a pseudo-terminal (median)", unit: .milliseconds,
        value: Unit.milliseconds.fromNanos(firstScreens.median),
        p99: Unit.milliseconds.fromNanos(firstScreens.p99),
        note: "posix_spawn to the screen's last line arriving on the terminal, with ncurses;"
          + " \(runs) runs (a bare C ncurses program takes ~3 ms in tmux)"),
      Figure(
        "tui", key: "tui.pty-keystroke",
        title: "  keystroke to redraw in the pseudo-terminal (median)", unit: .milliseconds,
        value: Unit.milliseconds.fromNanos(keys.median),
        p99: Unit.milliseconds.fromNanos(keys.p99),
        note: "`?` written to the terminal until the first byte of the redraw arrives;"
          + " \(keys.count) keys"),
    ]
  }

  /// The X/Open pseudo-terminal functions. Swift's Glibc module leaves them out (they need
  /// _XOPEN_SOURCE), so they are looked up in the C library at run time.
  enum XOpen {
    typealias Call = @convention(c) (Int32) -> Int32
    typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

    static let openpt = symbol("posix_openpt", as: Call.self)
    static let grant = symbol("grantpt", as: Call.self)
    static let unlock = symbol("unlockpt", as: Call.self)
    static let name = symbol("ptsname", as: Name.self)

    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
      guard let library = dlopen(nil, RTLD_NOW), let address = dlsym(library, name) else {
        return nil
      }
      return unsafeBitCast(address, to: type)
    }
  }

  /// One run of the TUI on a pseudo-terminal we hold the master side of.
  final class Session {
    private let master: Int32
    private let pid: pid_t
    private let start: UInt64
    private var output: [UInt8] = []
    private(set) var firstScreenNanos: UInt64 = 0
    private var reaped = false

    init(saldo: String, arguments: [String]) throws {
      guard let openpt = XOpen.openpt, let grant = XOpen.grant, let unlock = XOpen.unlock,
        let name = XOpen.name
      else { throw Unavailable(reason: "the C library offers no pseudo-terminals") }
      master = openpt(O_RDWR | O_NOCTTY)
      guard master >= 0, grant(master) == 0, unlock(master) == 0, let name = name(master) else {
        throw Unavailable(reason: "no pseudo-terminal can be opened here (/dev/ptmx)")
      }
      let slave = String(cString: name)
      var actions = posix_spawn_file_actions_t()
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      posix_spawn_file_actions_addclose(&actions, master)
      posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)
      posix_spawn_file_actions_adddup2(&actions, 0, 1)
      posix_spawn_file_actions_adddup2(&actions, 0, 2)
      let environment = Spawn.environment(overriding: [
        "TERM": "xterm-256color", "LINES": String(PseudoTerminalRun.lines),
        "COLUMNS": String(PseudoTerminalRun.columns), "LC_ALL": "C.UTF-8",
      ])
      start = monotonicNanos()
      pid = try Spawn.launch(saldo, arguments, actions: &actions, environment: environment)
    }

    /// Reads until every marker has appeared in the output; notes when that happened.
    func waitFor(_ markers: [String], timeoutMs: UInt64 = 10_000) throws {
      let deadline = monotonicNanos() + timeoutMs * 1_000_000
      while !markers.allSatisfy({ contains($0) }) {
        var closed = false
        do { try readSome(timeoutMs: 100) } catch { closed = true }
        if closed || monotonicNanos() >= deadline {
          throw BenchError(
            "saldo did not show My environment: "
              + String(decoding: output.suffix(400), as: UTF8.self))
        }
      }
      firstScreenNanos = monotonicNanos() - start
      drain(quietMs: 50)
    }

    /// Writes `key` and returns the time until the first byte of the answer.
    func roundTrip(_ key: String) throws -> UInt64 {
      let bytes = Array(key.utf8)
      let sent = monotonicNanos()
      guard write(master, bytes, bytes.count) == bytes.count else {
        throw BenchError("cannot write to the pseudo-terminal")
      }
      guard try readSome(timeoutMs: 2_000) else { throw BenchError("no redraw after \(key)") }
      let latency = monotonicNanos() - sent
      drain(quietMs: 20)
      return latency
    }

    /// The process's peak resident memory so far, in kilobytes.
    func peakResidentKilobytes() -> Int { ResidentMemory.peak(of: pid) ?? 0 }

    /// Presses q and waits for the process to end (the terminal closes when it does).
    func quit() throws -> ChildRun {
      _ = write(master, "q", 1)
      let deadline = monotonicNanos() + 5_000_000_000
      var closed = false
      while !closed && monotonicNanos() < deadline {
        do { try readSome(timeoutMs: 100) } catch { closed = true }
      }
      if !closed { kill(pid, SIGTERM) }
      reaped = true
      return try Spawn.reap(pid, start: start, output: [])
    }

    func close() {
      if !reaped {
        kill(pid, SIGTERM)
        _ = try? Spawn.reap(pid, start: start, output: [])
      }
      Glibc.close(master)
    }

    private func contains(_ marker: String) -> Bool {
      let needle = Array(marker.utf8)
      guard output.count >= needle.count else { return false }
      return output.withUnsafeBufferPointer { haystack in
        var index = 0
        while index + needle.count <= haystack.count {
          if haystack[index] == needle[0]
            && haystack[index..<(index + needle.count)].elementsEqual(needle)
          {
            return true
          }
          index += 1
        }
        return false
      }
    }

    /// Waits up to `timeoutMs` for output and appends it; false when none came. Throws when
    /// the terminal is gone (the process ended).
    @discardableResult
    private func readSome(timeoutMs: Int32) throws -> Bool {
      var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, timeoutMs) > 0 else { return false }
      var buffer = [UInt8](repeating: 0, count: 65_536)
      let count = read(master, &buffer, buffer.count)
      guard count > 0 else { throw BenchError("the pseudo-terminal closed") }
      output += buffer[0..<count]
      return true
    }

    private func drain(quietMs: Int32) {
      while (try? readSome(timeoutMs: quietMs)) == true {}
    }
  }
}
