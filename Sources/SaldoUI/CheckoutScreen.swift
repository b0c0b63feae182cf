import SaldoCore
import Terminal

public struct CheckoutState {
  /// The started payment.
  public var topUp: TopUpResult
  public var organisationName: String
  /// An index of `PaymentStatus.outcomes`.
  public var outcome = 0
  public var settling = false
  /// The payment after the chosen outcome was applied.
  public var settled: TopUpResult?
  public var error: String?
  /// A remote provider's checkout (Mollie): polled, with a link and a QR code.
  public var isRemote: Bool { !topUp.isSandbox }
  public var checkoutURL: String?
  public var testMode = false
  /// When the next poll is due (monotonic ms) and how long the one after waits.
  public var nextPollMs: Int64 = 0
  public var pollDelayMs: Int64 = CheckoutScreen.firstPollDelayMs
  public var following = false

  public init(topUp: TopUpResult, organisationName: String) {
    self.topUp = topUp
    self.organisationName = organisationName
  }
}

/// The sandbox payment provider's checkout: the administrator decides whether the payment is
/// paid, failed, canceled or expired, and sees the outcome and the new balance. Clearly
/// labelled SANDBOX, because no money moves.
enum CheckoutScreen {
  /// What the keys of the sandbox checkout ask for.
  enum Request: Equatable {
    case previousOutcome, nextOutcome, apply, back
  }

  /// The one table of the sandbox checkout's keys: the handler, the footer and `?` read it.
  static let keys = KeyTable<Request>([
    KeyBinding(
      request: .previousOutcome, label: "↑↓", footer: localized("outcome"),
      help: localized("choose the outcome the sandbox reports (also j k)"),
      keys: [.up, .character("k")]),
    KeyBinding(
      request: .nextOutcome, label: "", footer: nil, help: "", keys: [.down, .character("j")]),
    KeyBinding(
      request: .apply, label: "Enter", footer: localized("apply"),
      help: localized("apply it (paid adds the credit and issues the invoice)"), keys: [.enter]),
    KeyBinding(
      request: .back, label: "Esc", footer: localized("back"),
      help: localized("back to My environment (also q; an open payment expires after an hour)"),
      keys: [.escape, .character("q")]),
  ])

  /// Once the outcome is applied, only the way back is left.
  static let settledKeys = KeyTable<Request>([
    KeyBinding(
      request: .back, label: "Enter", footer: localized("back"),
      help: localized("back to My environment (also Esc, q)"),
      keys: [.enter, .escape, .character("q")])
  ])

  static func table(_ state: CheckoutState) -> KeyTable<Request> {
    state.settled == nil ? keys : settledKeys
  }

  static func handle(_ key: Key, state: inout CheckoutState) -> KeyResult {
    if state.isRemote { return handleRemote(key, state: &state) }
    // The sandbox checkout has no keys one viewer may use and another may not.
    guard let (request, _) = table(state).lookup(key, for: .anyone) else {
      return state.settled == nil ? .unhandled : .handled([])
    }
    let count = PaymentStatus.outcomes.count
    switch request {
    case .previousOutcome: state.outcome = max(0, state.outcome - 1)
    case .nextOutcome: state.outcome = min(count - 1, state.outcome + 1)
    case .back: return .back
    case .apply:
      guard !state.settling else { return .handled([]) }
      state.settling = true
      state.error = nil
      return .handled([
        .settle(paymentID: state.topUp.payment.id, outcome: PaymentStatus.outcomes[state.outcome])
      ])
    }
    return .handled([])
  }

  static func settled(_ result: Result<TopUpResult, UIError>, state: inout CheckoutState)
    -> [Effect]
  {
    state.settling = false
    switch result {
    case .success(let topUp):
      state.settled = topUp
      return [.loadHome]
    case .failure(let error):
      state.error = error.message
      return []
    }
  }

  static func render(_ state: CheckoutState, app: AppState, into grid: inout Grid) {
    if state.isRemote {
      renderRemote(state, app: app, into: &grid)
      return
    }
    let ascii = app.ascii
    let payment = state.topUp.payment
    let width = grid.width - 4
    grid.put(tr("Checkout"), at: Point(x: 1, y: 1), role: .title)
    if state.topUp.isSandbox {
      grid.put(tr(" SANDBOX "), at: Point(x: 11, y: 1), role: .sandbox)
      grid.put(tr("test payments: no money moves"), at: Point(x: 22, y: 1), role: .muted)
    }
    grid.text(
      tr(
        "\(payment.method.label) payment of \(ScreenFormat.money(payment.total, ascii: ascii)) (credit \(ScreenFormat.money(payment.amount, ascii: ascii)) + VAT \(ScreenFormat.money(payment.vat, ascii: ascii)))"
      ),
      at: Point(x: 2, y: 3), width: width, role: .normal, ascii: ascii)
    grid.text(
      tr("Reference \(payment.checkoutReference ?? "-")  payment \(payment.id)"),
      at: Point(x: 2, y: 4), width: width, role: .muted, ascii: ascii)
    if let settled = state.settled {
      renderSettled(settled, state: state, app: app, into: &grid)
      return
    }
    grid.put(tr("Choose what the payment provider reports:"), at: Point(x: 2, y: 6), role: .normal)
    for (index, outcome) in PaymentStatus.outcomes.enumerated() {
      let y = 8 + index
      grid.put(
        (index == state.outcome ? "> " : "  ") + outcome.label,
        at: Point(x: 3, y: y), role: .normal)
      if index == state.outcome {
        grid.paint(Rect(x: 2, y: y, width: 14, height: 1), role: .selection)
      }
      // A click chooses; a click on the chosen outcome applies it, as Enter does.
      grid.onClick(
        Rect(x: 2, y: y, width: 14, height: 1),
        keys: index == state.outcome
          ? [.enter]
          : Array(
            repeating: index < state.outcome ? .up : .down,
            count: abs(index - state.outcome)))
    }
    if let error = state.error {
      grid.text(error, at: Point(x: 2, y: 13), width: width, role: .error, ascii: ascii)
    }
    if state.settling { grid.put(tr("Working…"), at: Point(x: 2, y: 14), role: .muted) }
  }

  private static func renderSettled(
    _ settled: TopUpResult, state: CheckoutState, app: AppState, into grid: inout Grid
  ) {
    let ascii = app.ascii
    let payment = settled.payment
    let width = grid.width - 4
    let paid = payment.status == .paid
    grid.put(
      tr("Outcome: \(payment.status.label)"), at: Point(x: 2, y: 6),
      role: paid ? .success : .warning)
    if paid {
      grid.text(
        tr(
          "Credit \(ScreenFormat.money(payment.amount, ascii: ascii)) and bonus \(ScreenFormat.money(payment.bonus, ascii: ascii)) were added."
        ),
        at: Point(x: 2, y: 8), width: width, role: .normal, ascii: ascii)
      if let invoice = settled.invoice {
        // Wrapped, not cut: the organisation's name is how the reader finds the invoice.
        grid.wrapped(
          tr(
            "Invoice \(invoice.number) (paid) is in the Inbox-in of \(Sanitize.line(state.organisationName, limit: 200).sentence)"
          ), at: Point(x: 2, y: 9),
          width: width, role: .normal, ascii: ascii)
      }
    } else {
      grid.text(
        tr("Nothing was charged and no credit was added; try again with Pay and upgrade."),
        at: Point(x: 2, y: 8), width: width, role: .normal, ascii: ascii)
    }
    if let summary = app.home?.summary {
      grid.put(tr("New balance "), at: Point(x: 2, y: 11), role: .normal)
      grid.put(
        ScreenFormat.money(summary.balance, ascii: ascii), at: Point(x: 14, y: 11),
        role: Header.role(for: summary.state))
    }
    grid.put(tr("Press Enter to return to My environment."), at: Point(x: 2, y: 13), role: .muted)
    grid.onClick(Rect(x: 2, y: 13, width: 40, height: 1), keys: [.enter])
  }
}
