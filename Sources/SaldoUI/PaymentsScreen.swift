import SaldoCore
import Terminal

public struct PaymentsState {
  /// Nil until loaded; newest first.
  public var payments: [Payment]?
  public var list = ListViewport(count: 0)
  public var organisations: [Organisation]
  public var error: String?
  var search: ListSearch?

  public init(organisations: [Organisation]) {
    self.organisations = organisations
  }

  var selectedPayment: Payment? {
    guard let payments, payments.indices.contains(list.selected) else { return nil }
    return payments[list.selected]
  }
}

/// The environment's payments: open, pending, failed, expired, canceled and paid. An
/// abandoned checkout is resumed with Enter or canceled with C.
enum PaymentsScreen {
  static let hints = [
    KeyHint("↑↓", "payment"), KeyHint("Enter", "resume checkout"), KeyHint("C", "cancel it"),
    KeyHint("/", "search"), KeyHint("q", "back"), KeyHint("?", "keys"),
  ]
  static let help = [
    KeyHint("↑ ↓ j k PgUp PgDn", "choose a payment"),
    KeyHint("Home End", "the newest or the oldest"),
    KeyHint("Enter", "resume an open or pending checkout"),
    KeyHint("C", "cancel an open or pending payment (asks first); nothing is charged"),
    KeyHint("/, n", "search order numbers, references and organisations; next match"),
    KeyHint("q, Esc", "back"),
  ]

  static func listHeight(_ size: Size) -> Int { max(1, size.height - 8) }

  static func handle(_ key: Key, state: inout PaymentsState, app: AppState) -> KeyResult {
    let height = listHeight(app.size)
    if var search = state.search, search.editing {
      switch search.handle(key) {
      case .editing: state.search = search
      case .close: state.search = nil
      case .search:
        state.search = search
        find(&state, height: height)
      }
      return .handled([])
    }
    switch key {
    case .up, .character("k"), .mouseWheel(up: true, _, _): state.list.moveUp(height: height)
    case .down, .character("j"), .mouseWheel(up: false, _, _): state.list.moveDown(height: height)
    case .pageUp: state.list.pageUp(height: height)
    case .pageDown: state.list.pageDown(height: height)
    case .home: state.list.home(height: height)
    case .end: state.list.end(height: height)
    case .character("/"): state.search = ListSearch()
    case .character("n") where state.search != nil: find(&state, height: height)
    case .escape where state.search != nil: state.search = nil
    case .enter:
      guard let payment = state.selectedPayment else { return .handled([]) }
      guard isOpen(payment) else {
        return .message(.info("Payment \(payment.id) is \(payment.status.rawValue); nothing to resume."))
      }
      let name = state.organisations.first { $0.id == payment.organisationID }?.name ?? ""
      return .handled([.resumeCheckout(id: payment.id, organisationName: name)])
    case .character("c"), .character("C"):
      guard let payment = state.selectedPayment else { return .handled([]) }
      guard isOpen(payment) else {
        return .message(.info("Payment \(payment.id) is \(payment.status.rawValue); only an open"
          + " payment can be canceled."))
      }
      return .confirm(ConfirmPrompt(
        question: "Cancel payment \(payment.id) of "
          + Format.money(payment.total, ascii: app.ascii) + "? Nothing is charged.",
        action: .perform([.cancelPayment(id: payment.id)]), title: "Cancel payment"))
    case .mouseClick(let row, _):
      let index = state.list.top + row - 4
      guard let payments = state.payments, row >= 4, index < payments.count else {
        return .unhandled
      }
      state.list.select(index, height: height)
    default: return .unhandled
    }
    return .handled([])
  }

  static func isOpen(_ payment: Payment) -> Bool {
    payment.status == .open || payment.status == .pending
  }

  private static func find(_ state: inout PaymentsState, height: Int) {
    guard var search = state.search, let payments = state.payments else { return }
    let found = ListSearch.next(
      after: state.list.selected, count: payments.count, query: search.query
    ) { index in
      let payment = payments[index]
      let name = state.organisations.first { $0.id == payment.organisationID }?.name ?? ""
      return [payment.orderNumber ?? "", payment.checkoutReference ?? "",
        payment.invoiceNumber ?? "", name, String(payment.id)].joined(separator: " ")
    }
    search.notFound = found == nil
    state.search = search
    if let found { state.list.select(found, height: height) }
  }

  static func loaded(_ result: Result<[Payment], UIError>, state: inout PaymentsState, app: AppState)
  {
    switch result {
    case .success(let payments):
      state.payments = payments
      state.list.setCount(payments.count, height: listHeight(app.size))
      state.error = nil
    case .failure(let error):
      state.error = error.message
      if state.payments == nil { state.payments = [] }
    }
  }

  static func render(_ state: PaymentsState, app: AppState, into grid: inout Grid) -> Point? {
    let ascii = app.ascii
    let width = grid.width
    grid.put("Payments", at: Point(x: 1, y: 1), role: .title)
    guard let payments = state.payments else {
      grid.put("Loading…", at: Point(x: 2, y: 3), role: .muted)
      return nil
    }
    let open = payments.filter(isOpen).count
    if !payments.isEmpty {
      grid.textRight("\(state.list.selected + 1) of \(payments.count)"
        + (open > 0 ? " · \(open) open" : ""), right: width - 1, y: 1, role: .muted)
    }
    var cursor: Point?
    if let search = state.search {
      cursor = search.draw(into: &grid, y: 2)
    } else if let error = state.error {
      grid.text(error, at: Point(x: 2, y: 2), width: width - 4, role: .error, ascii: ascii)
    }
    if payments.isEmpty {
      grid.wrapped("No payments yet. Pay and upgrade (P on My environment) starts one.",
        at: Point(x: 2, y: 4), width: width - 4, role: .muted, ascii: ascii)
      return cursor
    }
    let columns = [(1, "Payment"), (10, "Created"), (28, "Method"), (43, "Status"),
      (68, "Invoice")]
    for (x, title) in columns { grid.put(title, at: Point(x: x, y: 3), role: .title) }
    grid.textRight("Total", right: 66, y: 3, role: .title)
    let height = listHeight(app.size)
    for index in state.list.visibleRange(height: height) {
      let payment = payments[index]
      let y = 4 + index - state.list.top
      let role: Paint = isOpen(payment) ? .warning : payment.status == .paid ? .normal : .muted
      grid.put(String(payment.id), at: Point(x: 1, y: y), role: role)
      grid.put(payment.createdAt.amsterdamMinute, at: Point(x: 10, y: y), role: role)
      grid.text(payment.method.label, at: Point(x: 28, y: y), width: 14, role: role, ascii: ascii)
      grid.put(payment.status.rawValue, at: Point(x: 43, y: y), role: role)
      grid.textRight(Format.money(payment.total, ascii: ascii), right: 66, y: y, role: role)
      grid.put(payment.invoiceNumber ?? "-", at: Point(x: 68, y: y), role: role)
      if index == state.list.selected {
        grid.paint(Rect(x: 0, y: y, width: width, height: 1), role: .selection)
      }
    }
    if let payment = state.selectedPayment {
      var text = "Payment \(payment.id): " + Format.money(payment.total, ascii: ascii)
        + " for " + (state.organisations.first { $0.id == payment.organisationID }?.name ?? "")
        + (payment.orderNumber.map { ", order " + $0 } ?? "") + "."
      if isOpen(payment) {
        text += " Still \(payment.status.rawValue) until " + payment.expiresAt.amsterdamMinute
          + ": Enter resumes the checkout, C cancels it."
      }
      grid.wrapped(text, at: Point(x: 2, y: grid.height - 3), width: width - 4,
        role: isOpen(payment) ? .warning : .muted, ascii: ascii)
    }
    return cursor
  }
}
