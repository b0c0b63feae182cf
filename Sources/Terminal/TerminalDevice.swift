/// How many colours a terminal can show.
public enum ColorSupport: Int, Hashable, Sendable, Comparable {
  /// Attributes only (bold, reverse, underline): no colour, or NO_COLOR is set.
  case none = 0
  case eight = 8
  case full256 = 256

  public static func < (lhs: ColorSupport, rhs: ColorSupport) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// What the terminal can show, so screens can choose fallbacks (ASCII boxes, "EUR" for €).
public struct TerminalCapabilities: Hashable, Sendable {
  public var colors: ColorSupport
  /// True when the locale's character set is UTF-8; when false draw ASCII only.
  public var unicode: Bool

  public init(colors: ColorSupport, unicode: Bool) {
    self.colors = colors
    self.unicode = unicode
  }
}

/// A terminal as the app's main loop sees it: show a grid, wait for an event, restore.
///
/// Two implementations exist: `CursesTerminal` (module TerminalCurses) for real terminals,
/// and `MemoryTerminal` for tests and scripted sessions. Screens never talk to a terminal
/// directly: they render a `Grid`, and the loop hands it to `present`.
public protocol TerminalDevice: AnyObject {
  /// The current size in cells; render grids of this size.
  var size: Size { get }
  var capabilities: TerminalCapabilities { get }
  /// Shows `grid`, writing only what changed since the previous call.
  func present(_ grid: Grid)
  /// Places a visible cursor (for a focused text field) or hides it with nil. Takes effect
  /// at the next `present`.
  func setCursor(_ position: Point?)
  /// Waits up to `timeoutMs` for input. Returns `.tick` on timeout; nil only when no event
  /// can ever come again (a scripted terminal that ran out of events).
  func nextEvent(timeoutMs: Int) -> TerminalEvent?
  /// Gives the terminal back to the shell. Safe to call more than once and from error paths.
  func restore()
  /// Ctrl-Z: hands the terminal to the shell and stops the process until `fg`, then redraws.
  func suspend()
  /// Ctrl-L: paints the whole screen again at the next `present`.
  func redrawAll()
  /// Puts text on the clipboard where the terminal allows it (OSC 52); false when it cannot.
  func copyToClipboard(_ text: String) -> Bool
}

extension TerminalDevice {
  public func suspend() {}
  public func redrawAll() {}
  public func copyToClipboard(_ text: String) -> Bool { false }
}
