import SaldoCore
import Terminal

/// The terminal front as a pure state machine: `update` turns events into a new state and
/// effects; `render` draws a state. The runtime performs effects and feeds their results back.
public enum App {
  /// The aggregates are reloaded at most this often on idle ticks.
  public static let refreshIntervalMs: Int64 = 2_000
  /// How long after a booking keys are ignored (a double Enter is faster than this).
  public static let keyGuardMs: Int64 = 300

  /// The state and first effects for a session: My environment, or directly an invoice (the
  /// link that e-mails carry).
  public static func start(
    environmentName: String, ascii: Bool, size: Size, invoiceNumber: String? = nil
  ) -> (AppState, [Effect]) {
    var state = AppState(environmentName: environmentName, ascii: ascii, size: size)
    var effects: [Effect] = [.loadHome]
    if let invoiceNumber {
      state.stack.append(.invoice(InvoiceViewState(number: invoiceNumber)))
      effects.append(.openInvoice(number: invoiceNumber))
    }
    return (state, effects)
  }

  public static func update(_ state: inout AppState, _ event: AppEvent) -> [Effect] {
    switch event {
    case .key(let key):
      return handleKey(&state, key)
    case .resize(let size):
      state.size = size
      return []
    case .tick(let now):
      state.nowMs = now
      var polls: [Effect] = []
      if case .checkout(var checkout) = state.top {
        polls = CheckoutScreen.poll(&checkout, now: now)
        state.stack[state.stack.count - 1] = .checkout(checkout)
      }
      if !polls.isEmpty { return polls }
      guard now - state.lastRefreshMs >= refreshIntervalMs else { return [] }
      state.lastRefreshMs = now
      return refreshEffects(for: state.top)
    case .signal(.interrupt):
      return requestQuit(&state)
    case .signal:
      state.quit = true
      return []
    case .homeLoaded(.success(let home)):
      state.home = home
      state.environmentName = home.environment.name
      if case .myEnvironment(var screen) = state.stack[0] {
        screen.organisations.setCount(
          home.organisations.count, height: MyEnvironmentScreen.organisationRows(state.size))
        state.stack[0] = .myEnvironment(screen)
      }
      return []
    case .homeLoaded(.failure(let error)):
      state.message = .error(error.message)
      return []
    case .payAndUpgradeReady(.success(let setup)):
      state.stack.append(.payAndUpgrade(PayAndUpgradeState(setup: setup)))
      return []
    case .payAndUpgradeReady(.failure(let error)),
      .invoiceExported(.failure(let error)), .transactionsExported(.failure(let error)):
      state.message = .error(error.message)
      return []
    case .invoiceExported(.success(let text)), .transactionsExported(.success(let text)):
      state.message = .success(text)
      return []
    case .paymentFollowed(let result):
      guard case .checkout(var checkout) = state.top else { return [] }
      let effects = CheckoutScreen.followed(result, state: &checkout, now: state.nowMs)
      state.stack[state.stack.count - 1] = .checkout(checkout)
      return effects
    case .exportProgress(let text):
      state.message = .info(tr("Exporting CSV: ") + text)
      return []
    case .toppedUp(let result):
      guard case .payAndUpgrade(var dialog) = state.top else { return [] }
      let outcome = PayAndUpgradeDialog.toppedUp(result, state: &dialog)
      state.stack[state.stack.count - 1] = .payAndUpgrade(dialog)
      if case .success = result { state.ignoreKeysUntilMs = state.nowMs + keyGuardMs }
      return apply(outcome, to: &state, key: nil)
    case .settled(let result):
      guard case .checkout(var checkout) = state.top else { return [] }
      let effects = CheckoutScreen.settled(result, state: &checkout)
      state.stack[state.stack.count - 1] = .checkout(checkout)
      if case .success = result { state.ignoreKeysUntilMs = state.nowMs + keyGuardMs }
      return effects
    case .inboxLoaded(let organisationID, let result):
      guard case .inbox(var inbox) = state.top, inbox.organisation.id == organisationID else {
        return []
      }
      InboxScreen.loaded(result, state: &inbox, app: state)
      state.stack[state.stack.count - 1] = .inbox(inbox)
      return []
    case .invoiceOpened(let result):
      guard case .invoice(var view) = state.top else { return [] }
      InvoiceView.opened(result, state: &view)
      state.stack[state.stack.count - 1] = .invoice(view)
      return []
    case .autoUpgradeFormReady(.success(let setup)):
      state.stack.append(.autoUpgrade(AutoUpgradeFormState(setup: setup)))
      return []
    case .autoUpgradeFormReady(.failure(let error)):
      state.message = .error(error.message)
      return []
    case .autoUpgradeSaved(let result):
      guard case .autoUpgrade(var form) = state.top else { return [] }
      let outcome = AutoUpgradeForm.saved(result, state: &form, ascii: state.ascii)
      state.stack[state.stack.count - 1] = .autoUpgrade(form)
      return apply(outcome, to: &state, key: nil)
    case .paymentsLoaded(let result):
      guard case .payments(var list) = state.top else { return [] }
      PaymentsScreen.loaded(result, state: &list, app: state)
      state.stack[state.stack.count - 1] = .payments(list)
      return []
    case .paymentCanceled(.success(let payment)):
      state.message = .success(
        tr("Payment \(payment.id) is canceled; nothing was charged and no credit was added."))
      return [.loadPayments, .loadHome]
    case .paymentCanceled(.failure(let error)), .checkoutResumed(_, .failure(let error)):
      state.message = .error(error.message)
      return [.loadPayments]
    case .checkoutResumed(let name, .success(let topUp)):
      state.stack.append(.checkout(CheckoutState(topUp: topUp, organisationName: name)))
      return []
    case .transactionFound(let search, let result):
      guard case .transactions(var list) = state.top else { return [] }
      let effects = TransactionsScreen.found(search, result, state: &list, app: state)
      state.stack[state.stack.count - 1] = .transactions(list)
      return effects
    case .transactionsLoaded(let request, let result):
      guard case .transactions(var list) = state.top else { return [] }
      let effects = TransactionsScreen.loaded(request, result, state: &list, app: state)
      state.stack[state.stack.count - 1] = .transactions(list)
      return effects
    }
  }

  /// What a refresh reloads: the header and My environment always (cheap aggregates), and
  /// the Inbox-in on top, so new invoices appear.
  static func refreshEffects(for screen: Screen) -> [Effect] {
    if case .inbox(let inbox) = screen { return [.loadHome, .loadInbox(inbox.organisation)] }
    if case .payments = screen { return [.loadHome, .loadPayments] }
    return [.loadHome]
  }

  private static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if state.nowMs < state.ignoreKeysUntilMs, key != .control("c") { return [] }
    // A click on something drawn as clickable is the keys it stands for, replayed; clicks
    // elsewhere go on to the screen (lists select the row under the pointer).
    if case .mouseClick(let row, let col) = key, !state.showsHelp,
      let target = render(state).grid.clickTarget(at: Point(x: col, y: row))
    {
      return target.keys.flatMap { handleKey(&state, $0) }
    }
    state.message = nil
    if let confirm = state.confirm {
      switch key {
      case .character("y"), .character("Y"):
        state.confirm = nil
        switch confirm.action {
        case .quit:
          state.quit = true
          return []
        case .perform(let effects): return effects
        case .discardTop: return pop(&state)
        }
      case .character("n"), .character("N"), .escape:
        if case .perform = confirm.action { state.message = .info(tr("Nothing was changed.")) }
        state.confirm = nil
      case .control("c"): state.quit = true
      default: break
      }
      return []
    }
    if state.showsHelp {
      state.showsHelp = false
      return []
    }
    if key == .control("c") { return requestQuit(&state) }
    if state.isTooSmall {
      if key == .character("q") { return requestQuit(&state) }
      return []
    }
    return apply(screenHandle(&state, key), to: &state, key: key)
  }

  /// Lets the screen on top handle the key, and stores its changed state.
  private static func screenHandle(_ state: inout AppState, _ key: Key) -> KeyResult {
    let last = state.stack.count - 1
    switch state.stack[last] {
    case .myEnvironment(var screen):
      let result = MyEnvironmentScreen.handle(key, state: &screen, app: state)
      state.stack[last] = .myEnvironment(screen)
      return result
    case .payAndUpgrade(var dialog):
      let result = PayAndUpgradeDialog.handle(key, state: &dialog)
      state.stack[last] = .payAndUpgrade(dialog)
      return result
    case .checkout(var checkout):
      let result = CheckoutScreen.handle(key, state: &checkout)
      state.stack[last] = .checkout(checkout)
      return result
    case .inbox(var inbox):
      let result = InboxScreen.handle(key, state: &inbox, app: state)
      state.stack[last] = .inbox(inbox)
      return result
    case .invoice(var view):
      let result = InvoiceView.handle(key, state: &view, app: state)
      state.stack[last] = .invoice(view)
      return result
    case .transactions(var list):
      let result = TransactionsScreen.handle(key, state: &list, app: state)
      state.stack[last] = .transactions(list)
      return result
    case .autoUpgrade(var form):
      let result = AutoUpgradeForm.handle(key, state: &form)
      state.stack[last] = .autoUpgrade(form)
      return result
    case .payments(var list):
      let result = PaymentsScreen.handle(key, state: &list, app: state)
      state.stack[last] = .payments(list)
      return result
    }
  }

  private static func apply(_ result: KeyResult, to state: inout AppState, key: Key?) -> [Effect] {
    switch result {
    case .handled(let effects): return effects
    case .push(let screen, let effects):
      state.stack.append(screen)
      return effects
    case .replace(let screen, let effects):
      state.stack[state.stack.count - 1] = screen
      return effects
    case .back: return back(&state, quitsAtRoot: false)
    case .message(let message):
      state.message = message
      return []
    case .confirm(let prompt):
      state.confirm = prompt
      return []
    case .copy(let what, let text):
      state.clipboard = (what, text)
      return []
    case .close(let message):
      let effects = pop(&state)
      state.message = message
      return effects
    case .unhandled:
      switch key {
      case .character("?"):
        state.showsHelp = true
        return []
      case .character("q"), .character("Q"): return back(&state, quitsAtRoot: true)
      case .escape: return back(&state, quitsAtRoot: false)
      default: return []
      }
    }
  }

  /// Closes the top screen, asking first when it holds unsaved input; q on the first screen
  /// quits.
  private static func back(_ state: inout AppState, quitsAtRoot: Bool) -> [Effect] {
    if let work = state.top.unsavedWork {
      state.confirm = ConfirmPrompt(question: tr("Discard \(work)?"), action: .discardTop)
      return []
    }
    guard state.stack.count > 1 else {
      if quitsAtRoot { state.quit = true }
      return []
    }
    return pop(&state)
  }

  private static func pop(_ state: inout AppState) -> [Effect] {
    guard state.stack.count > 1 else {
      state.quit = true
      return []
    }
    state.stack.removeLast()
    return refreshEffects(for: state.top)
  }

  private static func requestQuit(_ state: inout AppState) -> [Effect] {
    if let work = state.stack.lazy.compactMap(\.unsavedWork).last {
      state.confirm = ConfirmPrompt(question: tr("Quit and discard \(work)?"), action: .quit)
    } else {
      state.quit = true
    }
    return []
  }
}
