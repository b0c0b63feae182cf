/// My environment in the terminal interface: not measurable before the screens exist.
enum TUIBenchmark {
  static func run(_ context: BenchContext) throws -> [Figure] {
    let reason = "the terminal interface (SaldoUI) is not part of this build yet"
    return [
      .notMeasured(
        "tui", key: "tui.first-frame", title: "first frame of My environment from process start",
        unit: .milliseconds, target: .atMost(30, .milliseconds), reason: reason),
      .notMeasured(
        "tui", key: "tui.keystroke", title: "redraw after a keystroke", unit: .milliseconds,
        target: .atMost(16, .milliseconds), reason: reason),
      .notMeasured(
        "tui", key: "tui.rss", title: "peak RSS of the TUI", unit: .megabytes,
        target: .atMost(50, .megabytes), reason: reason),
    ]
  }
}
