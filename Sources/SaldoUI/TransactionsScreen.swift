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
  /// How many rows match the filter and their sum (loaded with the first page).
  public var totals: LedgerTotals?
  /// The detail pane of the selected row is open.
  public var showsDetail = false
  public var filterForm: TransactionFilterForm?
  public var exportPath: TextField?
  var search: ListSearch?
  /// A search of the whole ledger sent to the core and not yet answered.
  public var searching: LedgerSearch?
  public var error: String?

  /// A screen waiting for its first page: send `.loadTransactions(pending)`.
  public init(organisations: [Organisation]) {
    self.organisations = organisations
    pending = Self.firstPage(filter)
  }

  static func firstPage(_ filter: LedgerFilter) -> LedgerPageRequest {
    LedgerPageRequest(
      filter: filter, position: nil, order: .newestFirst, limit: LedgerWindow.pageSize,
      purpose: .reset)
  }

  var selectedEntry: LedgerEntry? {
    window.rows.indices.contains(selected) ? window.rows[selected] : nil
  }

  func organisationName(_ id: Int64?) -> String {
    guard let id, let organisation = organisations.first(where: { $0.id == id }) else { return "" }
    return Sanitize.line(organisation.name, limit: 200)
  }
}

/// The ledger in event-time order, newest first, scrolled page by page without ever holding
/// more than a few pages; Home and End reach the real ends at once; filters on dates,
/// organisation and kind, shown in the title with the count and sum of what matches; a
/// detail pane per row; CSV export of everything that matches.
enum TransactionsScreen {
  /// Rows closer than this to an edge of the window fetch the next page.
  static let preloadMargin = 20
  /// Rows the detail pane takes from the list.
  static let detailHeight = 7

  enum Request: Equatable { case scroll, ends, detail, filter, search, next, export }

  /// The ledger's keys: the handler, the footer and `?` read this one table (moves come from
  /// `ListMove`, shared by every list).
  static let keys = KeyTable<Request>([
    KeyBinding(
      request: .scroll, label: "↑↓ PgUp PgDn Home End", footer: localized("scroll"),
      help: localized("scroll (also j k, the wheel); rows load as you go, newest event first")),
    KeyBinding(
      request: .ends, label: "Home, End", footer: nil,
      help: localized("the newest or the oldest row, on any size of ledger")),
    KeyBinding(
      request: .detail, label: "Enter", footer: localized("detail"),
      help: localized(
        "detail of the row (whole organisation, recorded time, actor); Enter again on a top-up opens its invoice"
      ), keys: [.enter]),
    KeyBinding(
      request: .filter, label: "F", footer: localized("filter"),
      help: localized("filter: Tab between From, To, organisation, kind; ←→ choose; Enter applies"),
      keys: [.character("f")]),
    KeyBinding(
      request: .search, label: "/", footer: localized("search"),
      help: localized("search references and organisations in the whole ledger"),
      keys: [.character("/")]),
    KeyBinding(
      request: .next, label: "n", footer: nil, help: localized("the next match of the search"),
      keys: [.character("n")]),
    KeyBinding(
      request: .export, label: "X", footer: localized("CSV"),
      help: localized("export all matching rows as CSV to a file you name"), keys: [.character("x")]
    ),
  ])

  static func hints(_ viewer: KeyViewer) -> [KeyHint] {
    keys.footer(for: viewer) + [KeyHint("q", tr("back"))]
  }

  static func help(_ viewer: KeyViewer) -> [KeyHint] {
    keys.help(for: viewer) + [KeyHint("q, Esc", tr("back; Esc first closes the detail or search"))]
  }
  static var filterHints: [KeyHint] {
    [
      KeyHint("Tab", tr("field")), KeyHint("←→", tr("choose")), KeyHint("Enter", tr("apply")),
      KeyHint("Esc", tr("close")),
    ]
  }
  static var detailHints: [KeyHint] {
    [
      KeyHint("Enter", tr("open invoice (top-ups)")), KeyHint("↑↓", tr("row")),
      KeyHint("Esc", tr("close")),
    ]
  }

  static func listHeight(_ size: Size, detail: Bool = false) -> Int {
    max(1, size.height - 6 - (detail ? detailHeight : 0))
  }

  static func handle(_ key: Key, state: inout TransactionsState, app: AppState) -> KeyResult {
    if state.filterForm != nil { return handleFilter(key, state: &state) }
    if state.exportPath != nil { return handleExport(key, state: &state, app: app) }
    if state.search?.editing == true { return handleSearch(key, state: &state, app: app) }
    let height = listHeight(app.size, detail: state.showsDetail)
    let count = state.window.rows.count
    let request = keys.lookup(key, for: KeyViewer(app.home))?.request
    switch (key, ListMove(key)) {
    case (_, .up(let rows)): state.selected -= rows
    case (_, .down(let rows)): state.selected += rows
    case (_, .pageUp):
      state.selected -= max(1, height - 1)
      state.top -= max(1, height - 1)
    case (_, .pageDown):
      state.selected += max(1, height - 1)
      state.top += max(1, height - 1)
    case (_, .end):
      if state.window.reachedOldest {
        state.selected = count - 1
      } else {
        let request = LedgerPageRequest(
          filter: state.filter, position: nil, order: .oldestFirst, limit: LedgerWindow.pageSize,
          purpose: .oldest)
        state.pending = request
        return .handled([.loadTransactions(request)])
      }
    case (_, .home):
      if state.window.hasNewer {
        let request = TransactionsState.firstPage(state.filter)
        state.pending = request
        return .handled([.loadTransactions(request)])
      }
      state.selected = 0
    case (_, _) where request == .detail:
      guard let entry = state.selectedEntry else { return .handled([]) }
      if state.showsDetail, let number = invoiceNumber(of: entry) {
        return .push(.invoice(InvoiceViewState(number: number)), [.openInvoice(number: number)])
      }
      state.showsDetail = true
    case (.escape, _) where state.showsDetail || state.search != nil:
      state.showsDetail = false
      state.search = nil
      return .handled([])
    case (_, _) where request == .search:
      state.search = ListSearch()
      return .handled([])
    case (_, _) where state.search != nil && request == .next:
      return find(&state, app: app)
    case (_, _) where request == .filter:
      state.filterForm = TransactionFilterForm(
        filter: state.filter, organisations: state.organisations)
      return .handled([])
    case (_, _) where request == .export:
      state.exportPath = TextField(text: "./transactions.csv", maxLength: 400)
      return .handled([])
    default: return .unhandled
    }
    clamp(&state, height: listHeight(app.size, detail: state.showsDetail))
    return .handled(preload(&state))
  }

  /// A top-up or its bonus carries the number of the invoice that booked it.
  static func invoiceNumber(of entry: LedgerEntry) -> String? {
    guard entry.kind == .topUp || entry.kind == .bonus, let reference = entry.reference,
      !reference.isEmpty
    else { return nil }
    return reference
  }

  private static func handleSearch(_ key: Key, state: inout TransactionsState, app: AppState)
    -> KeyResult
  {
    guard var search = state.search else { return .unhandled }
    switch search.handle(key) {
    case .editing:
      state.search = search
      return .handled([])
    case .close:
      state.search = nil
      return .handled([])
    case .search:
      state.search = search
      return find(&state, app: app)
    }
  }

  /// Asks the core for the next match in the whole ledger, past the selected row.
  private static func find(_ state: inout TransactionsState, app: AppState) -> KeyResult {
    guard var prompt = state.search else { return .handled([]) }
    let text = prompt.field.text.trimmingCharacters()
    guard !text.isEmpty else {
      prompt.editing = true
      state.search = prompt
      return .handled([])
    }
    prompt.notFound = false
    state.search = prompt
    let search = LedgerSearch(
      filter: state.filter, text: text, after: state.selectedEntry.map(LedgerPosition.init))
    state.searching = search
    return .handled([.findTransaction(search)])
  }

  /// The core's match: selected at once when it is in memory, else the page that starts at
  /// it is fetched, numbered by its place in the whole ledger.
  static func found(
    _ search: LedgerSearch, _ result: Result<LedgerMatch?, UIError>,
    state: inout TransactionsState, app: AppState
  ) -> [Effect] {
    guard state.searching == search else { return [] }
    state.searching = nil
    switch result {
    case .failure(let error):
      state.error = error.message
      return []
    case .success(nil):
      state.search?.notFound = true
      return []
    case .success(let match?):
      if let index = state.window.rows.firstIndex(where: { $0.id == match.entry.id }) {
        state.selected = index
        clamp(&state, height: listHeight(app.size, detail: state.showsDetail))
        return preload(&state)
      }
      // Just past the match in newest-first order, so the page starts with it.
      let request = LedgerPageRequest(
        filter: state.filter, position: LedgerPosition(at: match.entry.at, id: match.entry.id + 1),
        order: .newestFirst, limit: LedgerWindow.pageSize, purpose: .match(row: match.rowNumber))
      state.pending = request
      return [.loadTransactions(request)]
    }
  }

  private static func handleFilter(_ key: Key, state: inout TransactionsState) -> KeyResult {
    guard var form = state.filterForm else { return .unhandled }
    if key == .control("s") {
      return apply(form, state: &state)
    }
    if form.handle(key, organisationCount: state.organisations.count) {
      state.filterForm = form
      return .handled([])
    }
    if key == .escape {
      state.filterForm = nil
      return .handled([])
    }
    return apply(form, state: &state)
  }

  private static func apply(_ form: TransactionFilterForm, state: inout TransactionsState)
    -> KeyResult
  {
    var form = form
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
      state.totals = nil
      let request = TransactionsState.firstPage(filter)
      state.pending = request
      return .handled([.loadTransactions(request)])
    }
  }

  private static func handleExport(_ key: Key, state: inout TransactionsState, app: AppState)
    -> KeyResult
  {
    guard var field = state.exportPath else { return .unhandled }
    switch key {
    case .escape: state.exportPath = nil
    case .enter, .control("s"):
      let path = field.text.trimmingCharacters()
      guard !path.isEmpty else {
        return .message(.error(tr("type a file path, e.g. ./ledger.csv")))
      }
      state.exportPath = nil
      return FileExport.confirmingOverwrite(
        path, effects: [.exportTransactions(state.filter, path: path)])
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
        filter: state.filter, position: cursor, order: .newestFirst,
        limit: LedgerWindow.pageSize, purpose: .older)
    } else if state.selected < preloadMargin, let cursor = state.window.newerCursor {
      request = LedgerPageRequest(
        filter: state.filter, position: cursor, order: .oldestFirst,
        limit: LedgerWindow.pageSize, purpose: .newer)
    }
    guard let request else { return [] }
    state.pending = request
    return [.loadTransactions(request)]
  }

  static func loaded(
    _ request: LedgerPageRequest, _ result: Result<LedgerPage, UIError>,
    state: inout TransactionsState, app: AppState
  ) -> [Effect] {
    guard state.pending == request else { return [] }
    state.pending = nil
    let page: LedgerPage
    switch result {
    case .failure(let error):
      state.error = error.message
      state.loaded = true
      return []
    case .success(let loaded): page = loaded
    }
    state.error = nil
    switch request.purpose {
    case .reset:
      state.window.reset(with: page.entries)
      if let totals = page.totals { state.totals = totals }
      state.loaded = true
      state.selected = 0
      state.top = 0
    case .match(let row):
      state.window.reset(startingAt: row, with: page.entries)
      state.loaded = true
      state.selected = 0
      state.top = 0
    case .oldest:
      state.window.resetAtOldest(with: page.entries, total: state.totals?.count ?? 0)
      state.selected = state.window.rows.count - 1
      state.top = state.selected
    case .older:
      guard let cursor = request.position else { break }
      let shift = state.window.appendOlder(page.entries, cursor: cursor)
      state.selected += shift
      state.top += shift
    case .newer:
      guard let cursor = request.position else { break }
      let shift = state.window.prependNewer(page.entries, cursor: cursor)
      state.selected += shift
      state.top += shift
    }
    clamp(&state, height: listHeight(app.size, detail: state.showsDetail))
    return preload(&state)
  }
}
