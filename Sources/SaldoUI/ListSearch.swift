import SaldoCore
import Terminal

/// `/` in a list, as in less, tig and lazygit: type, Enter jumps to the next row that
/// contains the text (case-insensitive), `n` jumps again, Esc closes the prompt.
struct ListSearch: Equatable {
  var field = TextField(maxLength: 80)
  /// The prompt is open and takes the keys.
  var editing = true
  var notFound = false

  var query: String { field.text.lowercased() }

  /// The index of the next row after `selected` (wrapping) whose text contains the query.
  static func next(
    after selected: Int, count: Int, query: String, text: (Int) -> String
  ) -> Int? {
    guard count > 0, !query.isEmpty else { return nil }
    for step in 1...count {
      let index = (selected + step) % count
      if text(index).lowercased().contains(query) { return index }
    }
    return nil
  }

  enum Outcome {
    /// Keep the prompt open.
    case editing
    /// Jump to the next match.
    case search
    case close
  }

  /// Edits the prompt; Enter searches, Esc closes.
  mutating func handle(_ key: Key) -> Outcome {
    switch key {
    case .enter:
      editing = false
      return .search
    case .escape:
      return .close
    default:
      field.handle(key)
      notFound = false
      return .editing
    }
  }

  /// Draws the prompt on row `y`; returns the text cursor.
  func draw(into grid: inout Grid, y: Int) -> Point? {
    grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), role: .normal)
    let label = tr("Search: ")
    grid.put(label, at: Point(x: 1, y: y), role: .title)
    let x = 1 + TextWidth.columns(of: label)
    let caret = field.draw(
      into: &grid, rect: Rect(x: x, y: y, width: max(1, grid.width - x - 14), height: 1),
      role: editing ? .inputFocused : .input)
    if notFound { grid.put(tr("not found"), at: Point(x: grid.width - 11, y: y), role: .warning) }
    return editing ? caret : nil
  }
}
