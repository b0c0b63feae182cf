/// A key press, independent of how the terminal encoded it.
public enum Key: Hashable, Sendable {
  /// A printable character (already decoded from UTF-8).
  case character(Character)
  case enter
  case escape
  case tab
  /// Shift-Tab.
  case backTab
  case up
  case down
  case left
  case right
  case pageUp
  case pageDown
  case home
  case end
  case backspace
  case delete
  case insert
  /// F1…F64.
  case function(Int)
  /// Ctrl plus a letter, lower case: Ctrl-C arrives as `.control("c")`. In raw mode Ctrl-C
  /// is a key, not a signal, so the app decides what it means.
  case control(Character)
  /// A left-button click at a zero-based screen position.
  case mouseClick(row: Int, col: Int)
  /// The mouse wheel turned one step, up or down, over a screen position.
  case mouseWheel(up: Bool, row: Int, col: Int)
}

/// A request to stop from outside the app; deliver it as an event so the loop can save and
/// restore the terminal instead of dying mid-draw.
public enum TerminationSignal: String, Hashable, Sendable {
  /// SIGINT.
  case interrupt
  /// SIGTERM.
  case terminate
  /// SIGHUP: the terminal went away.
  case hangup
}

/// Everything the main loop can receive from a terminal.
public enum TerminalEvent: Hashable, Sendable {
  case key(Key)
  /// The terminal has a new size; the next `present` redraws everything.
  case resize(Size)
  /// Nothing happened before the timeout; a chance to refresh data and redraw.
  case tick
  case signal(TerminationSignal)
}
