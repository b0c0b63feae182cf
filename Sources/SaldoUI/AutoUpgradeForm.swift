import SaldoCore
import Terminal

/// The keys of Edit automatic upgrade and the core's answer to Save.
enum AutoUpgradeForm {
  static var saveButton: Button { Button(title: tr("Save"), mnemonic: "S") }
  static var cancelButton: Button { Button(title: tr("Cancel")) }

  /// What the form's keys ask for. Keys of the field in focus (a switch, the organisation,
  /// the buttons, typing) are the field's own.
  enum Request: Equatable {
    case nextField, previousField, save, cancel, switchValue, chooseOrganisation, saveLetter
    case clearText
  }

  /// The form's keys: the handler, the footer and `?` read them. The footer shows the keys
  /// of the field in focus only.
  static let keys = KeyTable<Request>([
    KeyBinding(
      request: .nextField, label: "Tab ↑↓", footer: localized("field"),
      help: localized("next or previous field (also Shift-Tab)"), keys: [.tab, .down]),
    KeyBinding(request: .previousField, label: "", footer: nil, help: "", keys: [.backTab, .up]),
    KeyBinding(
      request: .switchValue, label: "Space", footer: localized("switch"),
      help: localized("switch on or off; fixed amount or days to cover (also Enter, ← →)")),
    KeyBinding(
      request: .chooseOrganisation, label: "← →", footer: localized("choose"),
      help: localized("choose the organisation that receives the invoices (also Space)")),
    KeyBinding(
      request: .saveLetter, label: "S", footer: localized("save"),
      help: localized(
        "save, outside a text field where S is a letter (Enter on Save too); saving lifts a pause")),
    KeyBinding(
      request: .save, label: "Ctrl-S", footer: localized("save"),
      help: localized("save from any field; switching off asks first"), keys: [.control("s")]),
    KeyBinding(
      request: .clearText, label: "Ctrl-U", footer: nil,
      help: localized("clear a text field up to the cursor")
    ),
    KeyBinding(
      request: .cancel, label: "Esc", footer: localized("cancel"),
      help: localized("cancel (asks when you changed something)")),
  ])

  /// The keys that work in the field in focus, for the footer.
  static func hints(_ state: AutoUpgradeFormState) -> [KeyHint] {
    let shown = keys.bindings.filter { binding in
      switch binding.request {
      case .switchValue: state.focus == .enabled || state.focus == .amountMode
      case .chooseOrganisation: state.focus == .organisation
      case .saveLetter: !state.editsText
      case .save: state.editsText
      default: true
      }
    }
    return KeyTable(shown).footer(for: .anyone) + [KeyHint("?", tr("keys"))]
  }

  static var help: [KeyHint] { keys.help(for: .anyone) }

  static func describe(_ amount: AutoUpgradeAmount, ascii: Bool) -> String {
    switch amount {
    case .fixed(let money): ScreenFormat.money(money, ascii: ascii)
    case .coverDays(let days):
      tr(count: days, one: "enough for \(days) day", other: "enough for \(days) days")
    }
  }

  static func handle(_ key: Key, state: inout AutoUpgradeFormState) -> KeyResult {
    switch keys.lookup(key, for: .anyone)?.request {
    case .nextField: move(&state, by: 1)
    case .previousField: move(&state, by: -1)
    case .save: return submit(&state)
    default:
      if key == .escape { return .unhandled }
      return handleInFocus(key, state: &state)
    }
    return .handled([])
  }

  private static func handleInFocus(_ key: Key, state: inout AutoUpgradeFormState) -> KeyResult {
    if let path = state.path(of: state.focus) {
      if key == .enter {
        move(&state, by: 1)
        return .handled([])
      }
      var field = state[keyPath: path]
      guard field.handle(key) else { return .unhandled }
      if field != state[keyPath: path] { state.error = nil }
      state[keyPath: path] = field
      return .handled([])
    }
    switch (state.focus, key) {
    case (.enabled, .character(" ")), (.enabled, .enter), (.enabled, .left), (.enabled, .right):
      state.enabled.toggle()
      state.error = nil
    case (.amountMode, .character(" ")), (.amountMode, .enter), (.amountMode, .left),
      (.amountMode, .right):
      state.amountMode = state.amountMode == .fixed ? .coverDays : .fixed
      state.error = nil
    case (.organisation, .left), (.organisation, .right), (.organisation, .character(" ")):
      let count = max(1, state.setup.organisations.count)
      state.organisation = (state.organisation + (key == .left ? count - 1 : 1)) % count
      state.error = nil
    case (.organisation, .enter): move(&state, by: 1)
    case (.save, .enter), (.save, .character(" ")): return submit(&state)
    case (.cancel, .enter), (.cancel, .character(" ")): return .back
    case (.save, .left), (.cancel, .left): move(&state, by: -1)
    case (.save, .right), (.cancel, .right): move(&state, by: 1)
    default:
      if saveButton.matches(key) { return submit(&state) }
      return .unhandled
    }
    return .handled([])
  }

  private static func move(_ state: inout AutoUpgradeFormState, by step: Int) {
    let stops = state.stops
    let index = stops.firstIndex(of: state.focus) ?? 0
    state.focus = stops[(index + step + stops.count) % stops.count]
  }

  /// Save: switched on, the settings after the form's checks; switched off, the switch-off.
  static func submit(_ state: inout AutoUpgradeFormState) -> KeyResult {
    guard !state.submitting else { return .handled([]) }
    guard state.enabled else {
      guard state.setup.settings?.enabled == true else {
        return .close(.info(tr("The automatic upgrade stays off.")))
      }
      state.error = nil
      return .confirm(
        ConfirmPrompt(
          question: tr(
            "Switch the automatic upgrade off? The credit is then no longer topped up when it runs low."
          ),
          action: .perform([.disableAutoUpgrade]), title: tr("Switch off")))
    }
    switch state.input {
    case .failure(let problem):
      state.error = problem.message
      state.focus = problem.field
      return .handled([])
    case .success(let input):
      state.error = nil
      state.submitting = true
      return .handled([.saveAutoUpgrade(input)])
    }
  }

  /// The core's answer to Save: back to My environment, which reloads, or the reason beside
  /// the form, which stays as it was typed.
  static func saved(
    _ result: Result<AutoUpgradeSettings?, UIError>, state: inout AutoUpgradeFormState,
    ascii: Bool
  ) -> KeyResult {
    state.submitting = false
    switch result {
    case .failure(let error):
      state.error = error.message
      return .handled([])
    case .success(.some(let settings)):
      let amount = describe(settings.amount, ascii: ascii)
      return .close(
        .success(
          state.pausedReason != nil
            ? tr("The automatic upgrade is on: \(amount). The pause is lifted.")
            : tr("The automatic upgrade is on: \(amount).")))
    case .success(.none):
      return .close(.success(tr("The automatic upgrade is off.")))
    }
  }
}
