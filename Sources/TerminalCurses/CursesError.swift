/// Why the curses screen could not start. The message is one line a person can act on;
/// the app prints it after the terminal is restored and exits.
public enum CursesError: Error, Hashable, Sendable, CustomStringConvertible {
  /// `newterm` failed: no terminfo entry for this terminal type.
  case unknownTerminal(type: String?)
  /// Only one curses screen can own the terminal at a time.
  case alreadyActive
  /// The terminal cannot move its cursor (`TERM=dumb`, a printing terminal): a full-screen
  /// interface would be invisible.
  case noCursorAddressing(type: String)

  public var description: String {
    switch self {
    case .unknownTerminal(let type?) where !type.isEmpty:
      return
        "cannot start the screen: terminal type \"\(type)\" is unknown to ncurses "
        + "(no terminfo entry); set TERM to a known type such as xterm-256color"
    case .unknownTerminal:
      return "cannot start the screen: TERM is not set; set it, e.g. TERM=xterm-256color"
    case .noCursorAddressing(let type):
      return "the terminal interface needs a terminal that can place its cursor; TERM=\(type)"
        + " cannot, so use the commands (`saldo --help`) or set TERM, e.g. TERM=xterm-256color"
    case .alreadyActive:
      return "cannot start the screen: another screen is already active in this process"
    }
  }
}
