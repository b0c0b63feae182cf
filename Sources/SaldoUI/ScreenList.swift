import SaldoCore
import Terminal

/// The one list of the terminal front: a viewport whose selection is always on screen, the
/// moves of `ListMove` (arrows, j/k, PgUp/PgDn, Home/End, the wheel), "N of M", and `/`
/// search with `n` for the next match, as in less, tig and lazygit. Organisations, Inbox-in
/// and payments use it whole; the paged ledger uses its moves and search prompt and pages
/// Home and End itself.
struct ScreenList: Equatable {
  var viewport = ListViewport(count: 0)
  var search: ListSearch?

  var selected: Int { viewport.selected }
  var top: Int { viewport.top }
  var count: Int { viewport.count }

  /// The search prompt is open and takes the keys.
  var isTypingSearch: Bool { search?.editing == true }

  mutating func setCount(_ count: Int, height: Int) { viewport.setCount(count, height: height) }

  /// Handles a list key for a list `height` rows tall whose row `index` reads `text(index)`
  /// for search. Returns false for keys that are not the list's, so the screen (or the root)
  /// handles them.
  mutating func handle(_ key: Key, height: Int, text: (Int) -> String) -> Bool {
    if var prompt = search, prompt.editing {
      switch prompt.handle(key) {
      case .editing: search = prompt
      case .close: search = nil
      case .search:
        search = prompt
        findNext(height: height, text: text)
      }
      return true
    }
    if let move = ListMove(key) {
      viewport.apply(move, height: height)
      return true
    }
    switch key {
    case .character("/"):
      search = ListSearch()
    case .character("n") where search != nil:
      findNext(height: height, text: text)
    case .escape where search != nil:
      search = nil
    default:
      return false
    }
    return true
  }

  /// Jumps to the next row containing the query (wrapping), or says it is not there.
  mutating func findNext(height: Int, text: (Int) -> String) {
    guard var prompt = search else { return }
    let found = ListSearch.next(
      after: viewport.selected, count: viewport.count, query: prompt.query, text: text)
    prompt.notFound = found == nil
    search = prompt
    if let found { viewport.select(found, height: height) }
  }

  /// The row index a click at screen row `row` lands on, for a list drawn from `firstRow`.
  func index(atRow row: Int, firstRow: Int, height: Int) -> Int? {
    let index = viewport.top + row - firstRow
    guard row >= firstRow, row < firstRow + height, index < viewport.count else { return nil }
    return index
  }

  /// Draws the search prompt on row `y` when it is open, else "N of M" right-aligned at
  /// `right` when the list is longer than `height`. Returns the text cursor of the prompt.
  func drawStatus(into grid: inout Grid, y: Int, right: Int, height: Int) -> Point? {
    if let search { return search.draw(into: &grid, y: y) }
    if viewport.count > height {
      grid.textRight(viewport.shownPosition, right: right, y: y, role: .muted)
    }
    return nil
  }
}

extension ListViewport {
  /// "3 of 40" in the reader's language.
  var shownPosition: String {
    count == 0
      ? tr(context: "list position", "\(0) of \(0)")
      : tr(context: "list position", "\(selected + 1) of \(count)")
  }
}
