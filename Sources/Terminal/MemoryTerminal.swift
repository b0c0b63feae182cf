/// An in-memory `TerminalDevice` for tests and scripted sessions: a fixed size you can
/// change, a queue of events to feed, and the last grid presented.
public final class MemoryTerminal: TerminalDevice {
  /// The terminal size. Setting a different size queues a `.resize` event, as a real
  /// terminal would report it.
  public var size: Size {
    didSet {
      if size != oldValue { events.append(.resize(size)) }
    }
  }
  public var capabilities: TerminalCapabilities
  /// Events still to be delivered, oldest first.
  public private(set) var events: [TerminalEvent] = []
  /// The most recent grid passed to `present`, or nil before the first one.
  public private(set) var lastGrid: Grid?
  /// How many times `present` was called; lets tests check redraw behaviour.
  public private(set) var presentCount = 0
  /// The cursor requested with `setCursor`.
  public private(set) var cursor: Point?
  public private(set) var isRestored = false
  /// When true, an empty queue answers `.tick` (like a real idle terminal) instead of nil.
  public var ticksWhenIdle: Bool

  public init(
    size: Size = Size(width: 80, height: 24),
    capabilities: TerminalCapabilities = TerminalCapabilities(colors: .full256, unicode: true),
    ticksWhenIdle: Bool = false
  ) {
    self.size = size
    self.capabilities = capabilities
    self.ticksWhenIdle = ticksWhenIdle
  }

  /// Queues an event to be returned by a later `nextEvent`.
  public func enqueue(_ event: TerminalEvent) {
    events.append(event)
  }

  /// Queues key presses.
  public func enqueue(keys: [Key]) {
    events.append(contentsOf: keys.map { .key($0) })
  }

  /// Queues each character of `text` as a `.character` key, as if typed.
  public func type(_ text: String) {
    enqueue(keys: text.map { .character($0) })
  }

  public func present(_ grid: Grid) {
    lastGrid = grid
    presentCount += 1
  }

  public func setCursor(_ position: Point?) {
    cursor = position
  }

  /// Returns the next queued event immediately; the timeout is ignored so tests run fast.
  public func nextEvent(timeoutMs: Int) -> TerminalEvent? {
    if events.isEmpty { return ticksWhenIdle ? .tick : nil }
    return events.removeFirst()
  }

  public func restore() {
    isRestored = true
  }

  /// How often the app asked to suspend and to repaint everything, and what it copied.
  public private(set) var suspendCount = 0
  public private(set) var fullRedrawCount = 0
  public private(set) var clipboard: [String] = []

  public func suspend() { suspendCount += 1 }
  public func redrawAll() { fullRedrawCount += 1 }
  public func copyToClipboard(_ text: String) -> Bool {
    clipboard.append(text)
    return true
  }

  /// The text of the last presented grid, rows joined by newlines, trailing spaces trimmed;
  /// empty before the first `present`.
  public func screenText() -> String {
    lastGrid?.text() ?? ""
  }

  /// The role codes of the last presented grid (see `Grid.roleLines()`), rows joined by
  /// newlines.
  public func screenRoles() -> String {
    lastGrid?.roleLines().joined(separator: "\n") ?? ""
  }
}
