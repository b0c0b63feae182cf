import SaldoCore
import Terminal

public struct InboxState {
  public var organisation: Organisation
  /// Nil until loaded.
  public var invoices: [IssuedInvoice]?
  public var list = ListViewport(count: 0)
  public var error: String?

  public init(organisation: Organisation) {
    self.organisation = organisation
  }
}

/// The Inbox-in of one organisation: its invoices, newest first, unread ones in bold.
enum InboxScreen {
  static let hints = [
    KeyHint("↑↓", "invoice"), KeyHint("Enter", "open"), KeyHint("q", "back"), KeyHint("?", "keys"),
  ]
  static let help = [
    KeyHint("↑ ↓ j k", "choose an invoice (unread ones are bold)"),
    KeyHint("PgUp PgDn Home End", "move by pages, to the first or last"),
    KeyHint("Enter", "read the invoice (marks it read); X there exports it"),
    KeyHint("q, Esc", "back"),
  ]

  static func listHeight(_ size: Size) -> Int { max(1, size.height - 6) }

  static func handle(_ key: Key, state: inout InboxState, app: AppState) -> KeyResult {
    let height = listHeight(app.size)
    switch key {
    case .up, .character("k"): state.list.moveUp(height: height)
    case .down, .character("j"): state.list.moveDown(height: height)
    case .pageUp: state.list.pageUp(height: height)
    case .pageDown: state.list.pageDown(height: height)
    case .home: state.list.home(height: height)
    case .end: state.list.end(height: height)
    case .enter:
      guard let invoices = state.invoices, !invoices.isEmpty else { return .handled([]) }
      let number = invoices[state.list.selected].number
      return .push(.invoice(InvoiceViewState(number: number)), [.openInvoice(number: number)])
    case .mouseClick(let row, _):
      let index = state.list.top + row - 4
      guard let invoices = state.invoices, row >= 4, index < invoices.count else { return .unhandled }
      state.list.select(index, height: height)
      return handle(.enter, state: &state, app: app)
    default: return .unhandled
    }
    return .handled([])
  }

  static func loaded(_ result: Result<[IssuedInvoice], UIError>, state: inout InboxState, app: AppState) {
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

  static func render(_ state: InboxState, app: AppState, into grid: inout Grid) {
    let ascii = app.ascii
    grid.text("Inbox-in of " + state.organisation.name, at: Point(x: 1, y: 1),
      width: grid.width - 2, role: .title, ascii: ascii)
    guard let invoices = state.invoices else {
      grid.put("Loading…", at: Point(x: 2, y: 3), role: .muted)
      return
    }
    if let error = state.error {
      grid.text(error, at: Point(x: 2, y: 2), width: grid.width - 4, role: .error, ascii: ascii)
    }
    if invoices.isEmpty {
      grid.put("No invoices yet. Invoices for top-ups arrive here.", at: Point(x: 2, y: 4),
        role: .muted)
      return
    }
    let columns = [(2, "Number"), (16, "Date"), (28, "Total"), (44, "Status"), (54, "Order number")]
    for (x, title) in columns { grid.put(title, at: Point(x: x, y: 3), role: .title) }
    let today = app.home?.summary?.day ?? invoices[0].issueDate
    let height = listHeight(app.size)
    for index in state.list.visibleRange(height: height) {
      let invoice = invoices[index]
      let y = 4 + index - state.list.top
      let role: Paint = invoice.unread ? .unread : .normal
      grid.text((invoice.unread ? "* " : "  ") + invoice.number, at: Point(x: 0, y: y), width: 15,
        role: role, ascii: ascii)
      grid.put(invoice.issueDate.iso, at: Point(x: 16, y: y), role: role)
      grid.textRight(Format.money(invoice.total, ascii: ascii), right: 40, y: y, role: role)
      let status = invoice.state(on: today)
      grid.put(status.rawValue, at: Point(x: 44, y: y),
        role: status == .overdue ? .warning : role)
      grid.text(invoice.orderNumber ?? "", at: Point(x: 54, y: y), width: grid.width - 55,
        role: role, ascii: ascii)
      if index == state.list.selected {
        grid.paint(Rect(x: 0, y: y, width: grid.width, height: 1), role: .selection)
      }
    }
  }
}
