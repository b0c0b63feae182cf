/// Selection and scrolling of a list shown `height` rows at a time. A value type holding
/// only indices, so a screen keeps it in its state; the caller maps keys (j/k, arrows) to
/// the moves.
///
/// Invariants after every call: `selected` is in `0..<count` (or 0 when empty) and, given
/// the height passed last, `top...top+height-1` contains `selected`.
public struct ListViewport: Hashable, Sendable {
  public private(set) var count: Int
  public private(set) var selected: Int
  /// Index of the first visible row.
  public private(set) var top: Int

  public init(count: Int, selected: Int = 0) {
    self.count = max(0, count)
    self.selected = 0
    self.top = 0
    select(selected, height: 1)
  }

  /// Puts back a selection and scroll position kept elsewhere (clamped; call
  /// `scrollToSelection` with the height to make the selection visible).
  public mutating func restore(selected: Int, top: Int) {
    self.selected = count == 0 ? 0 : min(max(0, selected), count - 1)
    self.top = max(0, min(top, max(0, count - 1)))
  }

  /// Rows visible when `height` rows fit.
  public func visibleRange(height: Int) -> Range<Int> {
    top..<min(count, top + max(0, height))
  }

  /// Changes the number of items (data refreshed), keeping the selection where possible.
  public mutating func setCount(_ newCount: Int, height: Int) {
    count = max(0, newCount)
    select(selected, height: height)
  }

  /// Selects `index` (clamped) and scrolls just enough to show it.
  public mutating func select(_ index: Int, height: Int) {
    selected = count == 0 ? 0 : min(max(0, index), count - 1)
    scrollToSelection(height: height)
  }

  public mutating func moveUp(height: Int) { select(selected - 1, height: height) }
  public mutating func moveDown(height: Int) { select(selected + 1, height: height) }
  public mutating func home(height: Int) { select(0, height: height) }
  public mutating func end(height: Int) { select(count - 1, height: height) }

  /// Moves a page up: the selection and the window move by `height - 1` rows so one row of
  /// context stays on screen, as in `less`.
  public mutating func pageUp(height: Int) {
    let step = max(1, height - 1)
    top = max(0, top - step)
    select(selected - step, height: height)
  }

  public mutating func pageDown(height: Int) {
    let step = max(1, height - 1)
    top = max(0, min(top + step, count - max(1, height)))
    select(selected + step, height: height)
  }

  /// Scrolls the least amount that makes the selection visible, and never leaves empty rows
  /// at the bottom while there are items above.
  public mutating func scrollToSelection(height: Int) {
    let rows = max(1, height)
    if selected < top { top = selected }
    if selected >= top + rows { top = selected - rows + 1 }
    top = max(0, min(top, count - rows))
  }
}

/// The moves every list understands, named once so each list maps the same keys: arrows and
/// j/k, PgUp/PgDn, Home/End, and the mouse wheel (three rows a step, as terminals scroll).
public enum ListMove: Hashable, Sendable {
  case up(Int)
  case down(Int)
  case pageUp
  case pageDown
  case home
  case end

  /// Rows one wheel step moves.
  public static let wheelStep = 3

  /// The move a key asks for, or nil when the key is not a list key.
  public init?(_ key: Key) {
    switch key {
    case .up, .character("k"): self = .up(1)
    case .down, .character("j"): self = .down(1)
    case .mouseWheel(up: true, _, _): self = .up(Self.wheelStep)
    case .mouseWheel(up: false, _, _): self = .down(Self.wheelStep)
    case .pageUp: self = .pageUp
    case .pageDown: self = .pageDown
    case .home: self = .home
    case .end: self = .end
    default: return nil
    }
  }
}

extension ListViewport {
  /// Applies a move for a list `height` rows tall.
  public mutating func apply(_ move: ListMove, height: Int) {
    switch move {
    case .up(let rows): select(selected - rows, height: height)
    case .down(let rows): select(selected + rows, height: height)
    case .pageUp: pageUp(height: height)
    case .pageDown: pageDown(height: height)
    case .home: home(height: height)
    case .end: end(height: height)
    }
  }

  /// "N of M", the position every list shows once it is longer than the screen.
  public var position: String { count == 0 ? "0 of 0" : "\(selected + 1) of \(count)" }
}
