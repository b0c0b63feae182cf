import SaldoCore
import Terminal

public struct PaymentsState {
  /// Nil until loaded; newest first.
  public var payments: [Payment]?
  var list = ScreenList()
  public var organisations: [Organisation]
  public var error: String?

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
  enum Request: Equatable { case move, resume, cancel, search }

  /// The payments view's keys: the handler, the footer and `?` read this one table.
  static let keys = KeyTable<Request>([
    KeyBinding(
      request: .move, label: "↑↓", footer: "payment",
      help: "choose a payment; also j k, PgUp PgDn, Home End (newest, oldest)"),
    KeyBinding(
      request: .resume, label: "Enter", footer: "resume checkout",
      help: "resume an open or pending checkout", keys: [.enter]),
    KeyBinding(
      request: .cancel, label: "C", footer: "cancel it",
      help: "cancel an open or pending payment (asks first); nothing is charged",
      keys: [.character("c")]),
    KeyBinding(
      request: .search, label: "/", footer: "search",
      help: "search order numbers, references and organisations; n for the next match",
      keys: [.character("/")]),
  ])

  static func hints(_ viewer: KeyViewer) -> [KeyHint] {
    keys.footer(for: viewer) + [KeyHint("q", "back"), KeyHint("?", "keys")]
  }

  static func help(_ viewer: KeyViewer) -> [KeyHint] {
    keys.help(for: viewer) + [KeyHint("q, Esc", "back")]
  }

  static func listHeight(_ size: Size) -> Int { max(1, size.height - 8) }

  static func handle(_ key: Key, state: inout PaymentsState, app: AppState) -> KeyResult {
    let height = listHeight(app.size)
    let payments = state.payments ?? []
    let organisations = state.organisations
    if state.list.handle(
      key, height: height, text: { searchText(payments[$0], organisations: organisations) })
    {
      return .handled([])
    }
    switch key {
    case .enter:
      guard let payment = state.selectedPayment else { return .handled([]) }
      guard isOpen(payment) else {
        return .message(
          .info("Payment \(payment.id) is \(payment.status.rawValue); nothing to resume."))
      }
      let name = state.organisations.first { $0.id == payment.organisationID }?.name ?? ""
      return .handled([.resumeCheckout(id: payment.id, organisationName: name)])
    case .character("c"), .character("C"):
      guard let payment = state.selectedPayment else { return .handled([]) }
      guard isOpen(payment) else {
        return .message(
          .info(
            "Payment \(payment.id) is \(payment.status.rawValue); only an open"
              + " payment can be canceled."))
      }
      return .confirm(
        ConfirmPrompt(
          question: "Cancel payment \(payment.id) of "
            + ScreenFormat.money(payment.total, ascii: app.ascii) + "? Nothing is charged.",
          action: .perform([.cancelPayment(id: payment.id)]), title: "Cancel payment"))
    case .mouseClick(let row, _):
      guard let index = state.list.index(atRow: row, firstRow: 4, height: height) else {
        return .unhandled
      }
      state.list.viewport.select(index, height: height)
    default: return .unhandled
    }
    return .handled([])
  }

  static func isOpen(_ payment: Payment) -> Bool {
    payment.status == .open || payment.status == .pending
  }

  /// What `/` searches in a payment: order number, references, organisation, id.
  static func searchText(_ payment: Payment, organisations: [Organisation]) -> String {
    let name = organisations.first { $0.id == payment.organisationID }?.name ?? ""
    return [
      payment.orderNumber ?? "", payment.checkoutReference ?? "",
      payment.invoiceNumber ?? "", name, String(payment.id),
    ].joined(separator: " ")
  }

  static func loaded(
    _ result: Result<[Payment], UIError>, state: inout PaymentsState, app: AppState
  ) {
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
      grid.textRight(
        state.list.viewport.position
          + (open > 0 ? (ascii ? ", " : " · ") + "\(open) open" : ""), right: width - 1, y: 1,
        role: .muted)
    }
    var cursor: Point?
    if state.list.search != nil {
      cursor = state.list.drawStatus(into: &grid, y: 2, right: width - 1, height: 0)
    } else if let error = state.error {
      grid.text(error, at: Point(x: 2, y: 2), width: width - 4, role: .error, ascii: ascii)
    }
    if payments.isEmpty {
      grid.wrapped(
        "No payments yet. Pay and upgrade (P on My environment) starts one.",
        at: Point(x: 2, y: 4), width: width - 4, role: .muted, ascii: ascii)
      return cursor
    }
    let columns = [
      (1, "Payment"), (10, "Created"), (28, "Method"), (43, "Status"),
      (68, "Invoice"),
    ]
    for (x, title) in columns { grid.put(title, at: Point(x: x, y: 3), role: .title) }
    grid.textRight("Total", right: 66, y: 3, role: .title)
    let height = listHeight(app.size)
    for index in state.list.viewport.visibleRange(height: height) {
      let payment = payments[index]
      let y = 4 + index - state.list.top
      let role: Paint = isOpen(payment) ? .warning : payment.status == .paid ? .normal : .muted
      grid.put(String(payment.id), at: Point(x: 1, y: y), role: role)
      grid.put(payment.createdAt.amsterdamMinute, at: Point(x: 10, y: y), role: role)
      grid.text(payment.method.label, at: Point(x: 28, y: y), width: 14, role: role, ascii: ascii)
      grid.put(payment.status.rawValue, at: Point(x: 43, y: y), role: role)
      grid.textRight(ScreenFormat.money(payment.total, ascii: ascii), right: 66, y: y, role: role)
      grid.put(payment.invoiceNumber ?? "-", at: Point(x: 68, y: y), role: role)
      if index == state.list.selected {
        grid.paint(Rect(x: 0, y: y, width: width, height: 1), role: .selection)
      }
    }
    if let payment = state.selectedPayment {
      var text =
        "Payment \(payment.id): " + ScreenFormat.money(payment.total, ascii: ascii)
        + (" for " + (state.organisations.first { $0.id == payment.organisationID }?.name ?? "")
        + (payment.orderNumber.map { ", order " + $0 } ?? "")).sentence
      if isOpen(payment) {
        text +=
          " Still \(payment.status.rawValue) until " + payment.expiresAt.amsterdamMinute
          + ": Enter resumes the checkout, C cancels it."
      }
      grid.wrapped(
        text, at: Point(x: 2, y: grid.height - 3), width: width - 4,
        role: isOpen(payment) ? .warning : .muted, ascii: ascii)
    }
    return cursor
  }
}
