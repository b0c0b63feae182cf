import SaldoCore
import Terminal

/// The Pay and upgrade dialog: an amount (a preset or typed), a payment method, for an
/// invoice the organisation and an own order number, then a review of everything that will be
/// booked, from which alone the top-up is booked.
///
/// The idempotency key is made once, when the dialog opens, and sent with every booking, so
/// however often Enter is pressed the core books one top-up.
public struct PayAndUpgradeState {
  public enum Focus: CaseIterable, Equatable {
    case amounts, otherAmount, methods, organisation, orderNumber, confirm, cancel
  }

  public let setup: PayAndUpgradeSetup
  /// An index of `TopUpRules.presets`, or `presets.count` for the typed amount.
  public var amountChoice: Int
  public var otherAmount = TextField(maxLength: 24)
  /// An index of `setup.methods`; may point at a method that cannot be used (shown disabled).
  public var method: Int
  public var organisation = 0
  public var orderNumber = TextField(maxLength: 60)
  public var focus: Focus = .amounts
  /// The review step is open: it states what will be booked; Enter or y books it.
  public var reviewing = false
  /// The booking was sent and its answer has not come back: further Enters are ignored.
  public var submitting = false
  /// The core's answer to the last booking, when it refused.
  public var error: String?
  /// The finished top-up by invoice (online payments continue in the checkout).
  public var outcome: TopUpResult?

  private let initialAmountChoice: Int
  private let initialMethod: Int

  public init(setup: PayAndUpgradeSetup) {
    self.setup = setup
    amountChoice = 1
    initialAmountChoice = 1
    method = setup.methods.firstIndex { $0.availability.isAvailable } ?? 0
    initialMethod = method
  }

  var presets: [Money] { TopUpRules.presets }
  var otherIndex: Int { presets.count }
  var methods: [PaymentMethodChoice] { setup.methods }
  var chosenMethod: PaymentMethod {
    methods.isEmpty ? .invoice : methods[min(method, methods.count - 1)].method
  }
  var isInvoice: Bool { chosenMethod == .invoice }
  var methodReason: String? {
    methods.isEmpty
      ? tr("no payment method is offered")
      : methods[min(method, methods.count - 1)].availability.reason
  }
  var organisationName: String? {
    let organisations = setup.organisations
    guard !organisations.isEmpty else { return nil }
    return organisations[min(organisation, organisations.count - 1)].name
  }

  /// The amount to top up, or the core's reason why the typed text is not one.
  var amount: Result<Money, UIError> {
    if amountChoice < presets.count { return .success(presets[amountChoice]) }
    do {
      let money = try MoneyFormat.parse(otherAmount.text)
      try TopUpRules.check(amount: money)
      return .success(money)
    } catch let error as AmountError {
      return .failure(UIError(error.description))
    } catch {
      return .failure(UIError(error))
    }
  }

  /// The reason beside the typed amount; nothing while the field is still empty.
  var amountError: String? {
    guard amountChoice == otherIndex, !otherAmount.text.isEmpty,
      case .failure(let error) = amount
    else { return nil }
    return error.message
  }

  var quote: TopUpQuote? {
    guard case .success(let money) = amount else { return nil }
    let organisations = setup.organisations
    let chosen =
      isInvoice && !organisations.isEmpty
      ? organisations[min(organisation, organisations.count - 1)].id : nil
    return TopUpRules.quote(
      amount: money, plan: setup.plan, tax: setup.taxes.treatment(for: chosen))
  }

  var canConfirm: Bool { quote != nil && methodReason == nil && !submitting && outcome == nil }

  public var isDirty: Bool {
    outcome == nil
      && (amountChoice != initialAmountChoice || !otherAmount.text.isEmpty
        || method != initialMethod || organisation != 0 || !orderNumber.text.isEmpty)
  }

  var stops: [Focus] {
    var stops: [Focus] = [.amounts]
    if amountChoice == otherIndex { stops.append(.otherAmount) }
    stops.append(.methods)
    if isInvoice { stops += [.organisation, .orderNumber] }
    return stops + [.confirm, .cancel]
  }

  var editsText: Bool { !reviewing && (focus == .otherAmount || focus == .orderNumber) }

  /// The order the core receives.
  var order: TopUpOrder? {
    guard case .success(let money) = amount else { return nil }
    let organisations = setup.organisations
    let text = orderNumber.text.trimmingCharacters()
    return TopUpOrder(
      amount: money, method: chosenMethod,
      organisationID: isInvoice && !organisations.isEmpty
        ? organisations[min(organisation, organisations.count - 1)].id : nil,
      orderNumber: isInvoice && !text.isEmpty ? text : nil,
      idempotencyKey: setup.idempotencyKey)
  }
}

enum PayAndUpgradeDialog {
  static var reviewButton: Button { Button(title: tr("Review"), mnemonic: "R") }
  static var cancelButton: Button { Button(title: tr("Cancel")) }
  static var refundNote: String { tr("Prepaid credit is not refunded (general conditions 5.4).") }

  /// What the dialog's keys ask for. The keys of the part in focus (choosing an amount, a
  /// method or an organisation; typing) are the part's own and listed for `?` only.
  enum Request: Equatable {
    case next, previous, choose, typeAmount, advance, review, cancel
    case book, change
    case close
  }

  /// The form's keys: the handler, the footer and `?` read them.
  static let formKeys = KeyTable<Request>([
    KeyBinding(
      request: .next, label: "Tab", footer: localized("next"),
      help: localized("next part of the form (Shift-Tab: the previous)"), keys: [.tab]),
    KeyBinding(request: .previous, label: "", footer: nil, help: "", keys: [.backTab]),
    KeyBinding(
      request: .choose, label: "↑↓", footer: localized("choose"),
      help: localized("choose an amount, a method or an organisation (also j k)")),
    KeyBinding(
      request: .typeAmount, label: "0-9", footer: nil,
      help: localized("type another amount (250, 250,00 or € 250)")),
    KeyBinding(
      request: .advance, label: "Enter", footer: localized("next"),
      help: localized("next part of the form; on Review: the review"), keys: [.enter]),
    KeyBinding(
      request: .review, label: "Ctrl-S", footer: localized("review"),
      help: localized("review the top-up, from any part (R too, outside a text field)"),
      keys: [.control("s")]),
    KeyBinding(
      request: .cancel, label: "Esc", footer: localized("cancel"),
      help: localized("cancel (asks when you changed something)")),
  ])

  /// The review step's keys.
  static let reviewKeys = KeyTable<Request>([
    KeyBinding(
      request: .book, label: "Enter, y", footer: localized("book and pay"),
      help: localized(
        "book the top-up and pay (once: the key is made when the dialog opens, and keys within 300 ms after booking are ignored)"
      ),
      keys: [.enter, .character("y")]),
    KeyBinding(
      request: .change, label: "Esc, n", footer: localized("change"),
      help: localized("back to the form to change it (also Backspace, q)"),
      keys: [.escape, .character("n"), .backspace, .character("q")]),
  ])

  /// Once booked by invoice, only the way back is left.
  static let outcomeKeys = KeyTable<Request>([
    KeyBinding(
      request: .close, label: "Enter", footer: localized("back"),
      help: localized("back to My environment (also Esc, q, Space)"),
      keys: [.enter, .escape, .character("q"), .character(" ")])
  ])

  static func table(_ state: PayAndUpgradeState) -> KeyTable<Request> {
    state.outcome != nil ? outcomeKeys : state.reviewing ? reviewKeys : formKeys
  }

  static func hints(_ state: PayAndUpgradeState) -> [KeyHint] {
    table(state).footer(for: .anyone) + [KeyHint("?", tr("keys"))]
  }

  static func help(_ state: PayAndUpgradeState) -> [KeyHint] {
    table(state).help(for: .anyone)
  }

  static func handle(_ key: Key, state: inout PayAndUpgradeState) -> KeyResult {
    let request = table(state).lookup(key, for: .anyone)?.request
    if state.outcome != nil {
      if request == .close { return .back }
      return key == .character("?") ? .unhandled : .handled([])
    }
    if state.reviewing { return handleReview(request, key: key, state: &state) }
    switch request {
    case .next: move(&state, by: 1)
    case .previous: move(&state, by: -1)
    case .review: return review(&state)
    case .advance:
      switch state.focus {
      case .cancel: return .back
      case .confirm: return review(&state)
      default: move(&state, by: 1)
      }
    default:
      if key == .escape { return .unhandled }
      return handleInFocus(key, state: &state)
    }
    return .handled([])
  }

  private static func handleReview(_ request: Request?, key: Key, state: inout PayAndUpgradeState)
    -> KeyResult
  {
    switch request {
    case .book: return submit(&state)
    case .change:
      guard !state.submitting else { return .handled([]) }
      state.reviewing = false
      state.focus = .confirm
      return .handled([])
    default: return key == .character("?") ? .unhandled : .handled([])
    }
  }

  private static func handleInFocus(_ key: Key, state: inout PayAndUpgradeState) -> KeyResult {
    switch state.focus {
    case .amounts:
      switch key {
      case .up, .character("k"): state.amountChoice = max(0, state.amountChoice - 1)
      case .down, .character("j"):
        state.amountChoice = min(state.otherIndex, state.amountChoice + 1)
      case .character(let c) where c.isNumber || c == "€" || c == "," || c == ".":
        state.amountChoice = state.otherIndex
        state.focus = .otherAmount
        state.otherAmount.insert(c)
      default: return plainKey(key, state: &state)
      }
    case .otherAmount, .orderNumber:
      switch key {
      case .up: move(&state, by: -1)
      case .down: move(&state, by: 1)
      default:
        var field = state.focus == .otherAmount ? state.otherAmount : state.orderNumber
        guard field.handle(key) else { return .handled([]) }
        if state.focus == .otherAmount {
          state.otherAmount = field
        } else {
          state.orderNumber = field
        }
        state.error = nil
      }
    case .methods:
      switch key {
      case .up, .character("k"): state.method = max(0, state.method - 1)
      case .down, .character("j"):
        state.method = min(max(0, state.methods.count - 1), state.method + 1)
      default: return plainKey(key, state: &state)
      }
      state.error = nil
    case .organisation:
      let count = max(1, state.setup.organisations.count)
      switch key {
      case .up, .left, .character("k"):
        state.organisation = (state.organisation + count - 1) % count
      case .down, .right, .character("j"), .character(" "):
        state.organisation = (state.organisation + 1) % count
      default: return plainKey(key, state: &state)
      }
    case .confirm, .cancel:
      switch key {
      case .left, .up: move(&state, by: -1)
      case .right, .down: move(&state, by: 1)
      case .character(" ") where state.focus == .confirm: return review(&state)
      case .character(" "): return .back
      default: return plainKey(key, state: &state)
      }
    }
    return .handled([])
  }

  /// Keys outside text fields: the Review mnemonic, or the root's common keys.
  private static func plainKey(_ key: Key, state: inout PayAndUpgradeState) -> KeyResult {
    if reviewButton.matches(key) { return review(&state) }
    return .unhandled
  }

  private static func move(_ state: inout PayAndUpgradeState, by step: Int) {
    let stops = state.stops
    let index = stops.firstIndex(of: state.focus) ?? 0
    state.focus = stops[(index + step + stops.count) % stops.count]
  }

  /// Opens the review step when the form holds a top-up the core can book; else says why not
  /// beside the part to change.
  static func review(_ state: inout PayAndUpgradeState) -> KeyResult {
    guard !state.submitting, state.outcome == nil else { return .handled([]) }
    if case .failure(let error) = state.amount {
      state.error =
        state.amountChoice == state.otherIndex && state.otherAmount.text.isEmpty
        ? tr("enter an amount, e.g. 250 or 250,00") : error.message
      state.focus = state.amountChoice == state.otherIndex ? .otherAmount : .amounts
      return .handled([])
    }
    if let reason = state.methodReason {
      state.error = tr("\(reason); choose another working method or change the subscription")
      state.focus = .methods
      return .handled([])
    }
    state.error = nil
    state.reviewing = true
    return .handled([])
  }

  /// Books the reviewed top-up; only from the review step.
  static func submit(_ state: inout PayAndUpgradeState) -> KeyResult {
    guard state.reviewing, !state.submitting, state.outcome == nil, state.canConfirm,
      let order = state.order
    else { return .handled([]) }
    state.error = nil
    state.submitting = true
    return .handled([.topUp(order)])
  }

  /// The core's answer to the booking.
  static func toppedUp(_ result: Result<TopUpResult, UIError>, state: inout PayAndUpgradeState)
    -> KeyResult
  {
    state.submitting = false
    switch result {
    case .failure(let error):
      state.error = error.message
      state.reviewing = false
      state.focus = .confirm
      return .handled([])
    case .success(let topUp):
      if topUp.payment.method == .invoice || topUp.invoice != nil {
        state.outcome = topUp
        return .handled([.loadHome])
      }
      let name = state.setup.organisations.first { $0.id == topUp.payment.organisationID }?.name
      return .replace(.checkout(CheckoutState(topUp: topUp, organisationName: name ?? "")), [])
    }
  }
}

extension String {
  func trimmingCharacters() -> String {
    var text = Substring(self)
    while text.first?.isWhitespace == true { text.removeFirst() }
    while text.last?.isWhitespace == true { text.removeLast() }
    return String(text)
  }
}
