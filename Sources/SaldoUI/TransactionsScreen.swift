import SaldoCore
import Terminal

public struct TransactionsState {
  public var organisations: [Organisation]
  public var filter = LedgerFilter()
  public var window = LedgerWindow()
  /// The highlighted row and the first row on screen, as indices of `window.rows`.
  public var selected = 0
  public var top = 0
  /// The page asked for and not yet answered; one at a time.
  public var pending: LedgerPageRequest?
  public var loaded = false
  public var filterForm: TransactionFilterForm?
  public var exportPath: TextField?
  public var error: String?

  /// A screen waiting for its first page: send `.loadTransactions(pending)`.
  public init(organisations: [Organisation]) {
    self.organisations = organisations
    pending = Self.firstPage(filter)
  }

  static func firstPage(_ filter: LedgerFilter) -> LedgerPageRequest {
    LedgerPageRequest(filter: filter, beforeID: nil, limit: LedgerWindow.pageSize, purpose: .reset)
  }
}

/// The ledger, newest first, scrolled through page by page without ever holding more than a
/// few pages; filters on dates, organisation and kind; CSV export of everything that matches.
enum TransactionsScreen {
  /// Rows closer than this to an edge of the window fetch the next page.
  static let preloadMargin = 20

  static let hints = [
    KeyHint("↑↓ PgUp PgDn", "scroll"), KeyHint("F", "filter"), KeyHint("X", "CSV export"),
    KeyHint("q", "back"), KeyHint("?", "keys"),
  ]
  static let help = [
    KeyHint("↑ ↓ j k PgUp PgDn", "scroll; older rows load as you go"),
    KeyHint("Home", "back to the newest row"),
    KeyHint("End", "the oldest row loaded so far"),
    KeyHint("F", "filter: Tab between From, To, organisation, kind; ←→ choose; Enter applies"),
    KeyHint("X", "export all matching rows as CSV to a file you name"),
    KeyHint("q, Esc", "back"),
  ]

  static func listHeight(_ size: Size) -> Int { max(1, size.height - 6) }

  static func handle(_ key: Key, state: inout TransactionsState, app: AppState) -> KeyResult {
    if state.filterForm != nil { return handleFilter(key, state: &state) }
    if state.exportPath != nil { return handleExport(key, state: &state) }
    let height = listHeight(app.size)
    let count = state.window.rows.count
    switch key {
    case .up, .character("k"): state.selected -= 1
    case .down, .character("j"): state.selected += 1
    case .pageUp: state.selected -= max(1, height - 1); state.top -= max(1, height - 1)
    case .pageDown: state.selected += max(1, height - 1); state.top += max(1, height - 1)
    case .end: state.selected = count - 1
    case .home:
      if state.window.hasNewer {
        state.selected = 0
        state.top = 0
        let request = TransactionsState.firstPage(state.filter)
        state.pending = request
        return .handled([.loadTransactions(request)])
      }
      state.selected = 0
    case .character("f"), .character("F"):
      state.filterForm = TransactionFilterForm(filter: state.filter, organisations: state.organisations)
      return .handled([])
    case .character("x"), .character("X"):
      state.exportPath = TextField(text: "./transactions.csv", maxLength: 400)
      return .handled([])
    default: return .unhandled
    }
    clamp(&state, height: height)
    return .handled(preload(&state))
  }

  private static func handleFilter(_ key: Key, state: inout TransactionsState) -> KeyResult {
    guard var form = state.filterForm else { return .unhandled }
    if form.handle(key, organisationCount: state.organisations.count) {
      state.filterForm = form
      return .handled([])
    }
    if key == .escape {
      state.filterForm = nil
      return .handled([])
    }
    switch form.filter(organisations: state.organisations) {
    case .failure(let error):
      form.error = error.message
      state.filterForm = form
      return .message(.error(error.message))
    case .success(let filter):
      state.filterForm = nil
      state.filter = filter
      state.selected = 0
      state.top = 0
      state.loaded = false
      let request = TransactionsState.firstPage(filter)
      state.pending = request
      return .handled([.loadTransactions(request)])
    }
  }

  private static func handleExport(_ key: Key, state: inout TransactionsState) -> KeyResult {
    guard var field = state.exportPath else { return .unhandled }
    switch key {
    case .escape: state.exportPath = nil
    case .enter:
      let path = field.text.trimmingCharacters()
      guard !path.isEmpty else { return .message(.error("type a file path, e.g. ./ledger.csv")) }
      state.exportPath = nil
      return .handled([.exportTransactions(state.filter, path: path)])
    default:
      field.handle(key)
      state.exportPath = field
    }
    return .handled([])
  }

  static func clamp(_ state: inout TransactionsState, height: Int) {
    let count = state.window.rows.count
    state.selected = max(0, min(state.selected, count - 1))
    if state.selected < state.top { state.top = state.selected }
    if state.selected >= state.top + height { state.top = state.selected - height + 1 }
    state.top = max(0, min(state.top, count - height))
  }

  /// Asks for the next page when the selection nears an edge of what is in memory.
  static func preload(_ state: inout TransactionsState) -> [Effect] {
    guard state.pending == nil, state.loaded else { return [] }
    let rows = state.window.rows.count
    var request: LedgerPageRequest?
    if state.selected >= rows - preloadMargin, let cursor = state.window.olderCursor {
      request = LedgerPageRequest(
        filter: state.filter, beforeID: cursor, limit: LedgerWindow.pageSize, purpose: .older)
    } else if state.selected < preloadMargin, let cursor = state.window.newerCursor {
      request = LedgerPageRequest(
        filter: state.filter, beforeID: cursor, limit: LedgerWindow.pageSize, purpose: .newer)
    }
    guard let request else { return [] }
    state.pending = request
    return [.loadTransactions(request)]
  }

  static func loaded(
    _ request: LedgerPageRequest, _ result: Result<[LedgerEntry], UIError>,
    state: inout TransactionsState, app: AppState
  ) -> [Effect] {
    guard state.pending == request else { return [] }
    state.pending = nil
    let page: [LedgerEntry]
    switch result {
    case .failure(let error):
      state.error = error.message
      state.loaded = true
      return []
    case .success(let entries): page = entries
    }
    state.error = nil
    switch request.purpose {
    case .reset:
      state.window.reset(with: page)
      state.loaded = true
    case .older:
      let shift = state.window.appendOlder(page, cursor: request.beforeID ?? 0)
      state.selected += shift
      state.top += shift
    case .newer:
      let shift = state.window.prependNewer(page)
      state.selected += shift
      state.top += shift
    }
    clamp(&state, height: listHeight(app.size))
    return preload(&state)
  }

  static func render(_ state: TransactionsState, app: AppState, into grid: inout Grid) -> Point? {
    let ascii = app.ascii
    let width = grid.width
    grid.put("Transactions", at: Point(x: 1, y: 1), role: .title)
    grid.text(describe(state.filter, organisations: state.organisations), at: Point(x: 15, y: 1),
      width: width - 36, role: .muted, ascii: ascii)
    let rows = state.window.rows
    if !rows.isEmpty {
      let first = state.window.firstRowNumber
      grid.textRight("row " + Format.count(first + state.selected + 1)
        + (state.window.reachedEnd ? " of " + Format.count(first + rows.count) : ""),
        right: width - 1, y: 1, role: .muted)
    }
    var cursor: Point?
    if let form = state.filterForm {
      cursor = form.draw(into: &grid, y: 2, organisations: state.organisations, ascii: ascii)
    } else if let error = state.error {
      grid.text(error, at: Point(x: 2, y: 2), width: width - 4, role: .error, ascii: ascii)
    }
    let columns = [(1, "When"), (18, "Kind"), (33, "Organisation"), (56, "Amount"), (67, "Reference")]
    for (x, title) in columns { grid.put(title, at: Point(x: x, y: 3), role: .title) }
    if !state.loaded {
      grid.put("Loading…", at: Point(x: 1, y: 4), role: .muted)
    } else if rows.isEmpty {
      grid.put("No transactions match.", at: Point(x: 1, y: 4), role: .muted)
    }
    let height = listHeight(app.size)
    let names = Dictionary(uniqueKeysWithValues: state.organisations.map { ($0.id, $0.name) })
    for index in state.top..<min(rows.count, state.top + height) {
      let entry = rows[index]
      let y = 4 + index - state.top
      grid.put(entry.at.amsterdamMinute, at: Point(x: 1, y: y), role: .normal)
      grid.text(Format.entryKind(entry), at: Point(x: 18, y: y), width: 14, role: .normal,
        ascii: ascii)
      grid.text(entry.organisationID.flatMap { names[$0] } ?? "", at: Point(x: 33, y: y),
        width: 21, role: .normal, ascii: ascii)
      grid.textRight(Format.price(entry.amount, ascii: ascii), right: 65, y: y,
        role: entry.amount.isNegative ? .normal : .success)
      grid.text(entry.reference ?? "", at: Point(x: 67, y: y), width: width - 68, role: .muted,
        ascii: ascii)
      if index == state.selected {
        grid.paint(Rect(x: 0, y: y, width: width, height: 1), role: .selection)
      }
    }
    if let field = state.exportPath {
      let y = grid.height - 2
      grid.fill(Rect(x: 0, y: y, width: width, height: 1), role: .normal)
      let label = "Export CSV to: "
      grid.put(label, at: Point(x: 1, y: y), role: .title)
      let x = 1 + TextWidth.columns(of: label)
      cursor = field.draw(into: &grid, rect: Rect(x: x, y: y, width: width - x - 1, height: 1),
        role: .inputFocused)
    }
    return cursor
  }

  static func describe(_ filter: LedgerFilter, organisations: [Organisation]) -> String {
    var parts: [String] = []
    if filter.from != nil || filter.to != nil {
      parts.append((filter.from?.iso ?? "…") + " to " + (filter.to?.iso ?? "…"))
    }
    if let id = filter.organisationID, let organisation = organisations.first(where: { $0.id == id }) {
      parts.append(Sanitize.line(organisation.name, limit: 40))
    }
    if let kind = TransactionFilterForm.kinds.first(where: {
      $0.kind == filter.kind && $0.use == filter.transactionKind
    }), kind.kind != nil {
      parts.append(kind.label)
    }
    return parts.isEmpty ? "all" : parts.joined(separator: " · ")
  }
}
