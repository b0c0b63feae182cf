import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// Progress of long work, redrawn in place on standard error. Only a person watching a
/// terminal wants it: nothing is written when standard error is not a terminal, with --quiet,
/// or when standard output is the same terminal (the rows themselves are the progress then).
/// Never on standard output, so files and JSON stay exactly what they were.
final class ProgressLine {
  private var meter: ProgressMeter
  private var shown = false

  private init(noun: String) {
    meter = ProgressMeter(noun: noun, start: ProgressMeter.monotonicNanos())
  }

  /// A progress line when one should be shown, else nil.
  static func onTerminal(noun: String, quiet: Bool, stdoutIsOutput: Bool = false)
    -> ProgressLine?
  {
    guard !quiet, isatty(2) == 1 else { return nil }
    if stdoutIsOutput && isatty(1) == 1 { return nil }
    return ProgressLine(noun: noun)
  }

  func update(_ progress: WorkProgress) {
    guard let text = meter.line(for: progress, at: ProgressMeter.monotonicNanos()) else {
      return
    }
    // Carriage return, the line, then erase what a longer earlier line left to its right.
    put("\r" + text + "\u{1B}[K")
    shown = true
  }

  /// Clears the line, so the summary that follows starts on a clean row.
  func finish() {
    if shown { put("\r\u{1B}[K") }
    shown = false
  }

  private func put(_ text: String) {
    var copy = text
    copy.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
  }

  deinit { finish() }
}
