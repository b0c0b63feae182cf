import CNcursesW
import Terminal

#if canImport(Glibc)
  import Glibc
#endif

/// The real terminal, driven by ncursesw. The only type in the app that talks to curses.
///
/// Create one at start-up, call `restore()` before printing anything or exiting (also
/// register `CursesTerminal.restoreAtExit` with `atexit` as a safety net). All calls must
/// come from one thread: curses is not thread-safe.
public final class CursesTerminal: TerminalDevice {
  public let capabilities: TerminalCapabilities
  /// The colour scheme; changing it redraws everything at the next `present`.
  public var theme: Theme {
    didSet {
      palette.apply(theme)
      previous = nil
    }
  }

  private let screen: OpaquePointer
  private let window: UnsafeMutablePointer<WINDOW>
  private var palette: CursesPalette
  private var signals: CursesSignals?
  /// What the terminal shows now; nil forces a full redraw.
  private var previous: Grid?
  /// Set on resize: the terminal may have reflowed its contents, so curses' idea of the
  /// screen is wrong and the next refresh must clear and repaint.
  private var needsClear = false
  private var cursor: Point?
  /// False on terminals without an alternate screen (vt100): the last frame would stay on
  /// screen after exit, so restore clears it.
  private let hasAlternateScreen: Bool

  /// Starts curses on the terminal.
  ///
  /// - Parameters:
  ///   - theme: colour scheme; replaced by `Theme.monochrome` when there is no colour.
  ///   - terminalType: terminfo name; nil uses `$TERM`.
  ///   - input, output: streams to use; nil for stdin and stdout. Tests pass /dev/null.
  ///   - handleSignals: deliver SIGINT/SIGTERM/SIGHUP as `.signal` events.
  ///   - noColor: force attributes only; nil follows the `NO_COLOR` convention (set and
  ///     non-empty means no colour).
  /// - Throws: `CursesError.unknownTerminal` when the terminal type has no terminfo entry,
  ///   instead of letting curses end the process as `initscr` would.
  public init(
    theme: Theme = .defaultTheme, terminalType: String? = nil,
    input: UnsafeMutablePointer<FILE>? = nil, output: UnsafeMutablePointer<FILE>? = nil,
    handleSignals: Bool = true, noColor: Bool? = nil, mouse: Bool = false
  ) throws(CursesError) {
    guard
      cursesActive.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
        .exchanged
    else { throw .alreadyActive }
    EnvironmentLocale.use(LC_ALL)
    let unicode = saldo_codeset_is_utf8() != 0
    var installed = handleSignals ? CursesSignals.install() : nil
    let typeName = terminalType ?? getenv("TERM").map { String(cString: $0) }
    let created: OpaquePointer? =
      if let typeName, !typeName.isEmpty {
        typeName.withCString {
          newterm(
            UnsafeMutablePointer(mutating: $0), output ?? saldo_stdout(), input ?? saldo_stdin())
        }
      } else {
        nil
      }
    guard let created, let window = saldo_stdscr() else {
      installed?.uninstall()
      cursesActive.store(false, ordering: .releasing)
      throw .unknownTerminal(type: typeName)
    }
    guard saldo_has_string_cap("cup") != 0 else {
      endwin()
      delscreen(created)
      installed?.uninstall()
      cursesActive.store(false, ordering: .releasing)
      throw .noCursorAddressing(type: typeName ?? "")
    }
    hasAlternateScreen = saldo_has_string_cap("smcup") != 0
    self.screen = created
    self.window = window
    self.signals = installed
    self.theme = theme

    raw()
    noecho()
    nonl()
    keypad(window, true)
    set_escdelay(25)
    curs_set(0)
    // Off unless asked for: mouse tracking takes text selection away from the terminal.
    // With it, left clicks (not presses too, which would deliver each click twice) and the
    // wheel; terminals still select text with Shift held down.
    mousemask(
      mouse ? saldo_button1_clicked() | saldo_button4_pressed() | saldo_button5_pressed() : 0, nil)

    let wantsColor = !(noColor ?? Self.noColorRequested())
    var support = ColorSupport.none
    var hasDefaultColors = false
    if wantsColor && has_colors() {
      start_color()
      hasDefaultColors = use_default_colors() == saldo_ok()
      support = saldo_colors() >= 256 ? .full256 : saldo_colors() >= 8 ? .eight : .none
    }
    capabilities = TerminalCapabilities(colors: support, unicode: unicode)
    palette = CursesPalette(
      support: support, colorCount: Int(saldo_colors()), hasDefaultColors: hasDefaultColors)
    palette.apply(theme)
  }

  deinit {
    restore()
    delscreen(screen)
  }

  /// NO_COLOR (https://no-color.org): present and non-empty means no colour.
  static func noColorRequested() -> Bool {
    guard let value = getenv("NO_COLOR") else { return false }
    return value.pointee != 0
  }

  public var size: Size {
    Size(width: Int(saldo_cols()), height: Int(saldo_lines()))
  }

  public func setCursor(_ position: Point?) {
    cursor = position
  }

  /// Writes the cells that changed since the last call, then refreshes once.
  public func present(_ grid: Grid) {
    guard cursesActive.load(ordering: .acquiring) else { return }
    if needsClear {
      clearok(window, true)
      needsClear = false
    }
    let spans: [Span]
    if let previous, previous.size == grid.size {
      spans = grid.diff(from: previous)
    } else {
      werase(window)
      spans = grid.diff(from: Grid(size: Size(width: 0, height: 0)))
    }
    let visible = size
    var writer = CursesCellWriter(unicode: capabilities.unicode)
    for span in spans where span.row < visible.height && span.column < visible.width {
      writer.write(span, to: window, palette: palette, maxColumns: visible.width - span.column)
    }
    if let cursor, Rect(size: visible).contains(cursor) {
      wmove(window, Int32(cursor.y), Int32(cursor.x))
      curs_set(1)
    } else {
      curs_set(0)
    }
    wnoutrefresh(window)
    doupdate()
    previous = grid
  }

  /// Waits up to `timeoutMs` for a key, resize, click or signal; `.tick` on timeout.
  public func nextEvent(timeoutMs: Int) -> TerminalEvent? {
    if let signal = CursesSignals.takePending() { return .signal(signal) }
    guard cursesActive.load(ordering: .acquiring) else { return .tick }
    wtimeout(window, Int32(clamping: max(0, timeoutMs)))
    var code: wint_t = 0
    let result = wget_wch(window, &code)
    if result == saldo_key_code_yes() {
      return functionKeyEvent(Int32(bitPattern: code)) ?? .tick
    }
    if result == saldo_ok(), let key = CursesKeys.key(forCharacter: code) {
      return .key(key)
    }
    if let signal = CursesSignals.takePending() { return .signal(signal) }
    return .tick
  }

  private func functionKeyEvent(_ code: Int32) -> TerminalEvent? {
    switch code {
    case KEY_RESIZE:
      previous = nil
      needsClear = true
      return .resize(size)
    case KEY_MOUSE:
      var event = MEVENT()
      guard getmouse(&event) == saldo_ok() else { return nil }
      if event.bstate & saldo_button4_pressed() != 0 {
        return .key(.mouseWheel(up: true, row: Int(event.y), col: Int(event.x)))
      }
      if saldo_button5_pressed() != 0, event.bstate & saldo_button5_pressed() != 0 {
        return .key(.mouseWheel(up: false, row: Int(event.y), col: Int(event.x)))
      }
      guard event.bstate & (saldo_button1_clicked() | saldo_button1_pressed()) != 0 else {
        return nil
      }
      return .key(.mouseClick(row: Int(event.y), col: Int(event.x)))
    default:
      return CursesKeys.key(forKeyCode: code).map { .key($0) }
    }
  }

  /// Ctrl-Z: gives the terminal back to the shell and stops, as a shell job does; after `fg`
  /// the next `present` repaints everything.
  public func suspend() {
    guard cursesActive.load(ordering: .acquiring) else { return }
    endwin()
    raise(SIGTSTP)
    // Resumed: back to curses mode with a clean slate.
    previous = nil
    needsClear = true
    wrefresh(window)
  }

  /// Ctrl-L: forget what the terminal shows and paint it whole at the next `present`.
  public func redrawAll() {
    previous = nil
    needsClear = true
  }

  /// OSC 52: asks the terminal to put `text` on the clipboard. Terminals that do not allow
  /// it ignore the sequence; there is no answer to wait for.
  public func copyToClipboard(_ text: String) -> Bool {
    guard cursesActive.load(ordering: .acquiring) else { return false }
    let sequence = "\u{1B}]52;c;" + Base64.encode(Array(text.utf8)) + "\u{07}"
    fputs(sequence, saldo_stdout())
    fflush(saldo_stdout())
    return true
  }

  /// Ends curses and puts back the signal handlers. Idempotent; safe from error paths.
  public func restore() {
    if !hasAlternateScreen, cursesActive.load(ordering: .acquiring) {
      werase(window)
      wrefresh(window)
    }
    signals?.uninstall()
    signals = nil
    Self.endCurses()
  }

  /// Calls `endwin` if curses is still active, exactly once per session.
  static func endCurses() {
    guard cursesActive.exchange(false, ordering: .acquiringAndReleasing) else { return }
    curs_set(1)
    endwin()
  }

  /// An `atexit`-compatible function that gives the terminal back if the app exits without
  /// calling `restore()`: `atexit(CursesTerminal.restoreAtExit)`.
  public static let restoreAtExit: @convention(c) () -> Void = {
    CursesTerminal.endCurses()
  }

  /// The text curses holds for `row`, read back with `mvwinnwstr`. For smoke tests and
  /// diagnostics: it shows what was actually written, not what the grid said.
  public func rowText(_ row: Int) -> String {
    let width = Int(saldo_cols())
    guard width > 0 else { return "" }
    var buffer = [wchar_t](repeating: 0, count: width + 1)
    let count = mvwinnwstr(window, Int32(row), 0, &buffer, Int32(width))
    guard count != saldo_err() else { return "" }
    let scalars = buffer.prefix(while: { $0 != 0 }).compactMap {
      Unicode.Scalar(UInt32(bitPattern: $0))
    }
    var text = String(String.UnicodeScalarView(scalars))
    while text.last == " " { text.removeLast() }
    return text
  }
}

/// Standard Base64, for the OSC 52 clipboard sequence.
enum Base64 {
  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

  static func encode(_ bytes: [UInt8]) -> String {
    var out = ""
    var index = 0
    while index < bytes.count {
      let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
      let value = chunk.enumerated().reduce(0) { $0 | (Int($1.element) << (16 - 8 * $1.offset)) }
      for position in 0..<4 {
        out.append(position <= chunk.count ? alphabet[(value >> (18 - 6 * position)) & 63] : "=")
      }
      index += 3
    }
    return out
  }
}
