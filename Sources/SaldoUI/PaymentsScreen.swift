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
      request: .move, label: "↑↓", footer: localized("payment"),
      help: localized("choose a payment; also j k, PgUp PgDn, Home End (newest, oldest)")),
    KeyBinding(
      request: .resume, label: "Enter", footer: localized("resume checkout"),
      help: localized("resume an open or pending checkout"), keys: [.enter]),
    KeyBinding(
      request: .cancel, label: "C", footer: localized("cancel it"),
      help: localized("cancel an open or pending payment (asks first); nothing is charged"),
      keys: [.character("c")]),
    KeyBinding(
      request: .search, label: "/", footer: localized("search"),
      help: localized("search order numbers, references and organisations; n for the next match"),
      keys: [.character("/")]),
  ])

  static func hints(_ viewer: KeyViewer) -> [KeyHint] {
    keys.footer(for: viewer) + [KeyHint("q", tr("back")), KeyHint("?", tr("keys"))]
  }

  static func help(_ viewer: KeyViewer) -> [KeyHint] {
    keys.help(for: viewer) + [KeyHint("q, Esc", tr("back"))]
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
          .info(
            tr(
              "Payment \(payment.id) is \(payment.status.label); nothing to resume."
            )))
      }
      let name = state.organisations.first { $0.id == payment.organisationID }?.name ?? ""
      return .handled([.resumeCheckout(id: payment.id, organisationName: name)])
    case .character("c"), .character("C"):
      guard let payment = state.selectedPayment else { return .handled([]) }
      guard isOpen(payment) else {
        return .message(
          .info(
            tr(
              "Payment \(payment.id) is \(payment.status.label); only an open payment can be canceled."
            )))
      }
      return .confirm(
        ConfirmPrompt(
          question: tr(
            "Cancel payment \(payment.id) of \(ScreenFormat.money(payment.total, ascii: app.ascii))? Nothing is charged."
          ),
          action: .perform([.cancelPayment(id: payment.id)]), title: tr("Cancel payment")))
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
    grid.put(tr("Payments"), at: Point(x: 1, y: 1), role: .title)
    guard let payments = state.payments else {
      grid.put(tr("Loading…"), at: Point(x: 2, y: 3), role: .muted)
      return nil
    }
    let open = payments.filter(isOpen).count
    if !payments.isEmpty {
      grid.textRight(
        state.list.viewport.shownPosition
          + (open > 0 ? (ascii ? ", " : " · ") + tr("\(open) open") : ""), right: width - 1, y: 1,
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
        tr("No payments yet. Pay and upgrade (P on My environment) starts one."),
        at: Point(x: 2, y: 4), width: width - 4, role: .muted, ascii: ascii)
      return cursor
    }
    let columns = [
      (1, tr("Payment")), (10, tr("Created")), (28, tr("Method")), (43, tr("Status")),
      (68, tr("Invoice")),
    ]
    for (x, title) in columns { grid.put(title, at: Point(x: x, y: 3), role: .title) }
    grid.textRight(tr("Total"), right: 66, y: 3, role: .title)
    let height = listHeight(app.size)
    for index in state.list.viewport.visibleRange(height: height) {
      let payment = payments[index]
      let y = 4 + index - state.list.top
      let role: Paint = isOpen(payment) ? .warning : payment.status == .paid ? .normal : .muted
      grid.put(String(payment.id), at: Point(x: 1, y: y), role: role)
      grid.put(payment.createdAt.amsterdamMinute, at: Point(x: 10, y: y), role: role)
      grid.text(payment.method.label, at: Point(x: 28, y: y), width: 14, role: role, ascii: ascii)
      grid.put(payment.status.label, at: Point(x: 43, y: y), role: role)
      grid.textRight(ScreenFormat.money(payment.total, ascii: ascii), right: 66, y: y, role: role)
      grid.put(payment.invoiceNumber ?? "-", at: Point(x: 68, y: y), role: role)
      if index == state.list.selected {
        grid.paint(Rect(x: 0, y: y, width: width, height: 1), role: .selection)
      }
    }
    if let payment = state.selectedPayment {
      let total = ScreenFormat.money(payment.total, ascii: ascii)
      let name = state.organisations.first { $0.id == payment.organisationID }?.name ?? ""
      var text =
        payment.orderNumber.map { order in
          tr("Payment \(payment.id): \(total) for \(name), order \(order)").sentence
        } ?? tr("Payment \(payment.id): \(total) for \(name)").sentence
      if isOpen(payment) {
        text +=
          " "
          + tr(
            "Still \(payment.status.label) until \(payment.expiresAt.amsterdamMinute): Enter resumes the checkout, C cancels it."
          )
      }
      grid.wrapped(
        text, at: Point(x: 2, y: grid.height - 3), width: width - 4,
        role: isOpen(payment) ? .warning : .muted, ascii: ascii)
    }
    return cursor
  }
}
