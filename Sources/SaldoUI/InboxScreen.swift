import SaldoCore
import Terminal

public struct InboxState {
  public var organisation: Organisation
  /// Nil until loaded.
  public var invoices: [IssuedInvoice]?
  var list = ScreenList()
  public var error: String?

  public init(organisation: Organisation) {
    self.organisation = organisation
  }
}

/// The Inbox-in of one organisation: its invoices, newest first, unread ones in bold.
enum InboxScreen {
  enum Request: Equatable { case move, open, search }

  /// The Inbox-in's keys: the handler, the footer and `?` read this one table.
  static let keys = KeyTable<Request>([
    KeyBinding(
      request: .move, label: "↑↓", footer: localized("invoice"),
      help: localized("choose an invoice (unread ones are bold); also j k, PgUp PgDn, Home End")),
    KeyBinding(
      request: .open, label: "Enter", footer: localized("open"),
      help: localized("read the invoice (marks it read); X there exports it"), keys: [.enter]),
    KeyBinding(
      request: .search, label: "/", footer: localized("search"),
      help: localized("search numbers, dates, payment references, order numbers; n: next match"),
      keys: [.character("/")]),
  ])

  static func hints(_ viewer: KeyViewer) -> [KeyHint] {
    keys.footer(for: viewer) + [KeyHint("q", tr("back")), KeyHint("?", tr("keys"))]
  }

  static func help(_ viewer: KeyViewer) -> [KeyHint] {
    keys.help(for: viewer) + [KeyHint("q, Esc", tr("back"))]
  }

  static func listHeight(_ size: Size) -> Int { max(1, size.height - 6) }

  /// The text `/` searches in a row: what the row shows (the status as of its issue day
  /// would be stale, so statuses are left to the eye).
  static func searchText(_ invoice: IssuedInvoice) -> String {
    [invoice.number, invoice.issueDate.iso, invoice.paymentReference, invoice.orderNumber ?? ""]
      .joined(separator: " ")
  }

  static func handle(_ key: Key, state: inout InboxState, app: AppState) -> KeyResult {
    let height = listHeight(app.size)
    let invoices = state.invoices ?? []
    if state.list.handle(key, height: height, text: { searchText(invoices[$0]) }) {
      return .handled([])
    }
    if case .mouseClick(let row, _) = key {
      guard let index = state.list.index(atRow: row, firstRow: 4, height: height) else {
        return .unhandled
      }
      state.list.viewport.select(index, height: height)
      return handle(.enter, state: &state, app: app)
    }
    guard let (request, allowed) = keys.lookup(key, for: KeyViewer(app.home)), allowed,
      request == .open
    else { return .unhandled }
    guard !invoices.isEmpty else { return .handled([]) }
    let number = invoices[state.list.selected].number
    return .push(.invoice(InvoiceViewState(number: number)), [.openInvoice(number: number)])
  }

  static func loaded(
    _ result: Result<[IssuedInvoice], UIError>, state: inout InboxState, app: AppState
  ) {
    switch result {
    case .success(let invoices):
      state.invoices = invoices
      state.list.setCount(invoices.count, height: listHeight(app.size))
      state.error = nil
    case .failure(let error):
      state.error = error.message
      if state.invoices == nil { state.invoices = [] }
    }
  }

  /// Draws the Inbox-in; returns the text cursor when the search prompt is open.
  static func render(_ state: InboxState, app: AppState, into grid: inout Grid) -> Point? {
    let ascii = app.ascii
    grid.text(
      tr("Inbox-in of \(state.organisation.name)"), at: Point(x: 1, y: 1),
      width: grid.width - 2, role: .title, ascii: ascii)
    guard let invoices = state.invoices else {
      grid.put(tr("Loading…"), at: Point(x: 2, y: 3), role: .muted)
      return nil
    }
    var cursor: Point?
    if state.list.search != nil || invoices.count > listHeight(app.size) {
      cursor = state.list.drawStatus(
        into: &grid, y: 2, right: grid.width - 1, height: listHeight(app.size))
    } else if let error = state.error {
      grid.wrapped(error, at: Point(x: 2, y: 2), width: grid.width - 4, role: .error, ascii: ascii)
    }
    if invoices.isEmpty {
      grid.put(
        tr("No invoices yet. Invoices for top-ups arrive here."), at: Point(x: 2, y: 4),
        role: .muted)
      return cursor
    }
    let columns = [
      (2, tr("Number")), (16, tr("Date")), (28, tr("Total")), (44, tr("Status")),
      (54, tr("Order number")),
    ]
    for (x, title) in columns { grid.put(title, at: Point(x: x, y: 3), role: .title) }
    let today = app.home?.summary?.day ?? invoices[0].issueDate
    let height = listHeight(app.size)
    for index in state.list.viewport.visibleRange(height: height) {
      let invoice = invoices[index]
      let y = 4 + index - state.list.top
      let role: Paint = invoice.unread ? .unread : .normal
      grid.text(
        (invoice.unread ? "* " : "  ") + invoice.number, at: Point(x: 0, y: y), width: 15,
        role: role, ascii: ascii)
      grid.put(invoice.issueDate.iso, at: Point(x: 16, y: y), role: role)
      grid.textRight(ScreenFormat.money(invoice.total, ascii: ascii), right: 40, y: y, role: role)
      let status = invoice.state(on: today)
      grid.put(
        status.label, at: Point(x: 44, y: y),
        role: status == .overdue ? .warning : role)
      grid.text(
        invoice.orderNumber ?? "", at: Point(x: 54, y: y), width: grid.width - 55,
        role: role, ascii: ascii)
      if index == state.list.selected {
        grid.paint(Rect(x: 0, y: y, width: grid.width, height: 1), role: .selection)
      }
    }
    return cursor
  }
}
