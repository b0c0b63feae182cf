import SaldoCore
import Terminal

/// Drawing of Edit automatic upgrade; returns where the text cursor goes. Laid out for 80×24:
/// labels in one column, fields in the next, checks and hints beside the fields.
extension AutoUpgradeForm {
  static let fieldX = 22

  static func render(_ state: AutoUpgradeFormState, app: AppState, into grid: inout Grid)
    -> Point?
  {
    let ascii = app.ascii
    let width = grid.width
    grid.put(tr("Edit automatic upgrade"), at: Point(x: 1, y: 1), role: .title)
    var y = 2
    y += grid.paragraph(
      AutoUpgradeService.ruleExplanation, at: Point(x: 2, y: y), width: width - 4,
      lines: 2, role: .muted, ascii: ascii)
    if let reason = state.pausedReason, state.setup.settings?.enabled == true {
      y += grid.paragraph(
        tr("Paused: \(reason). Saving lifts the pause and switches it back on."),
        at: Point(x: 2, y: y), width: width - 4, lines: 2, role: .warning, ascii: ascii)
    } else if let reason = state.setup.planReason {
      y += grid.paragraph(
        tr("\(reason.capitalisedFirst); top up by hand or change the subscription."),
        at: Point(x: 2, y: y), width: width - 4, lines: 2, role: .warning, ascii: ascii)
    }
    y += 1

    var cursor: Point?
    let on = ascii ? "(*)" : "(•)"
    let off = "( )"
    func focusKeys(_ field: AutoUpgradeFormState.Focus) -> [Key] {
      FocusClicks.tabs(to: field, from: state.focus, stops: state.stops)
    }
    func label(_ text: String, _ field: AutoUpgradeFormState.Focus) {
      let active = field == .enabled || state.enabled
      grid.put(text, at: Point(x: 2, y: y), role: active ? .normal : .disabled)
    }
    func choice(_ options: [String], chosen: Int, field: AutoUpgradeFormState.Focus) {
      let active = field == .enabled || state.enabled
      var x = fieldX
      for (index, option) in options.enumerated() {
        let text = (index == chosen ? on : off) + " " + option
        let used = grid.put(text, at: Point(x: x, y: y), role: active ? .normal : .disabled)
        if index == chosen && state.focus == field {
          grid.paint(Rect(x: x, y: y, width: used, height: 1), role: .selection)
        }
        grid.onClick(
          Rect(x: x, y: y, width: used, height: 1),
          keys: focusKeys(field) + (index == chosen ? [] : [.right]))
        x += used + 3
      }
    }
    func input(_ field: AutoUpgradeFormState.Focus, width fieldWidth: Int) {
      guard let path = state.path(of: field) else { return }
      let role: Paint =
        !state.enabled ? .disabled : state.focus == field ? .inputFocused : .input
      let caret = state[keyPath: path].draw(
        into: &grid, rect: Rect(x: fieldX, y: y, width: fieldWidth, height: 1), role: role)
      if state.focus == field { cursor = caret }
      grid.onClick(Rect(x: fieldX, y: y, width: fieldWidth, height: 1), keys: focusKeys(field))
    }
    func beside(_ text: String, after fieldWidth: Int, role: Paint = .muted) {
      let x = fieldX + fieldWidth + 2
      grid.text(
        text, at: Point(x: x, y: y), width: width - x - 1,
        role: state.enabled ? role : .disabled, ascii: ascii)
    }

    label(tr("Automatic upgrade"), .enabled)
    choice([tr("On"), tr("Off")], chosen: state.enabled ? 0 : 1, field: .enabled)
    y += 1
    label(tr("Amount"), .amountMode)
    choice(
      [tr("Fixed amount"), tr("Enough to cover days")],
      chosen: state.amountMode == .fixed ? 0 : 1, field: .amountMode)
    y += 1
    if state.amountMode == .fixed {
      label(tr("  Credit each time"), .amount)
      input(.amount, width: 14)
      beside(tr("excl. VAT, e.g. 500,00"), after: 14)
    } else {
      label(tr("  Days to cover"), .amount)
      input(.amount, width: 5)
      beside(tr("days at the \(CreditRules.averageWindowDays)-day average (1-365)"), after: 5)
    }
    y += 1
    label(tr("Account holder"), .holder)
    input(.holder, width: 40)
    y += 1
    label(tr("IBAN"), .iban)
    input(.iban, width: 30)
    if !state.iban.text.isEmpty {
      switch state.parsedIBAN {
      case .success:
        beside((ascii ? "ok" : "✓") + tr(" check digits match"), after: 30, role: .success)
      case .failure:
        beside((ascii ? "x" : "✗") + tr(" not a valid IBAN"), after: 30, role: .error)
      }
    }
    y += 1
    if state.asksBIC {
      label(tr("BIC"), .bic)
      input(.bic, width: 12)
      beside(tr("the bank's; needed outside the EEA"), after: 12)
      y += 1
    }
    label(tr("Mandate id"), .mandateID)
    input(.mandateID, width: 36)
    if state.enabled, state.mandateID.text.isEmpty, state.focus != .mandateID {
      // A placeholder: an empty reference is not a mistake, Saldo issues one on Save.
      grid.put(tr("(empty: Saldo issues one)"), at: Point(x: fieldX, y: y), role: .muted)
    }
    y += 1
    label(tr("Mandate signed on"), .mandateDate)
    input(.mandateDate, width: 11)
    beside(tr("YYYY-MM-DD"), after: 11)
    y += 1
    label(tr("Invoices to"), .organisation)
    let arrows = ascii ? ("< ", " >") : ("◂ ", " ▸")
    let name = state.chosenOrganisation.map { Sanitize.line($0.name, limit: 80) } ?? "none"
    grid.text(
      arrows.0 + name + arrows.1, at: Point(x: fieldX, y: y), width: width - fieldX - 2,
      role: !state.enabled ? .disabled : state.focus == .organisation ? .inputFocused : .input,
      ascii: ascii)
    grid.onClick(
      Rect(x: fieldX, y: y, width: width - fieldX - 2, height: 1),
      keys: focusKeys(.organisation) + [.right])
    y += 1
    label(tr("Own order number"), .orderNumber)
    input(.orderNumber, width: 30)
    beside(tr("optional"), after: 30)
    y += 1
    label(tr("Monthly cap"), .monthlyCap)
    input(.monthlyCap, width: 14)
    beside(tr("optional; per calendar month, incl. VAT"), after: 14)
    y += 1

    // A message is never cut: it takes the lines it needs and pushes the buttons down.
    var messageLines = 0
    if let error = state.error {
      messageLines = grid.paragraph(
        error, at: Point(x: 2, y: y), width: width - 4, lines: 5,
        role: .error, ascii: ascii)
    } else if state.enabled, let problem = state.liveProblem {
      messageLines = grid.paragraph(
        problem, at: Point(x: 2, y: y), width: width - 4, lines: 5,
        role: .warning, ascii: ascii)
    }
    y += max(2, messageLines)
    let saveRole: Paint =
      state.submitting ? .disabled : state.focus == .save ? .buttonFocused : .accent
    let used = saveButton.draw(
      into: &grid, at: Point(x: 2, y: y), role: saveRole,
      clickKeys: [.control("s")])
    cancelButton.draw(
      into: &grid, at: Point(x: 4 + used, y: y),
      role: state.focus == .cancel ? .buttonFocused : .button, clickKeys: [.escape])
    if state.submitting { grid.put(tr("Working…"), at: Point(x: 30, y: y), role: .muted) }

    let bottom = grid.height - 1
    y += bottom - y >= 5 ? 2 : 1
    guard y < bottom - 1 else { return cursor }
    grid.put(tr("Latest events"), at: Point(x: 2, y: y), role: .title)
    if state.setup.events.isEmpty {
      grid.put(
        tr("None yet: the daily run writes here what it did or could not do."),
        at: Point(x: 2, y: y + 1), role: .muted)
    }
    for event in state.setup.events.prefix(bottom - y - 1) {
      y += 1
      let (text, role) = eventLine(event)
      grid.text(text, at: Point(x: 2, y: y), width: width - 4, role: role, ascii: ascii)
    }
    return cursor
  }

  /// An event in one line, as My environment and the form show it: `11-24 12:00 done: …`.
  static func eventLine(_ event: AutoUpgradeEvent) -> (String, Paint) {
    let when = String(event.at.amsterdamMinute.dropFirst(5)) + " "
    switch event.kind {
    case .settings: return (when + event.shown, .muted)
    case .done: return (when + tr("done: \(event.shown)"), .success)
    case .failed: return (when + tr("failed: \(event.shown)"), .warning)
    case .capped: return (when + tr("capped: \(event.shown)"), .warning)
    case .paused: return (when + tr("paused: \(event.shown)"), .warning)
    }
  }
}

extension String {
  /// The text with its first letter in upper case, for core messages that start a sentence.
  var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
