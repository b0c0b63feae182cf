import SaldoCore
import Terminal

/// Drawing of the Pay and upgrade dialog; returns where the text cursor goes.
extension PayAndUpgradeDialog {
  static func render(_ state: PayAndUpgradeState, app: AppState, into grid: inout Grid) -> Point? {
    let ascii = app.ascii
    grid.put("Pay and upgrade", at: Point(x: 1, y: 1), role: .title)
    if let outcome = state.outcome {
      renderOutcome(outcome, state: state, app: app, into: &grid)
      return nil
    }
    var cursor: Point?
    let width = grid.width
    let right = width / 2 + 4
    let on = ascii ? "(*)" : "(•)"
    let off = "( )"

    grid.put("Amount (excl. VAT)", at: Point(x: 2, y: 3), role: .title)
    for (index, preset) in state.presets.enumerated() {
      let y = 4 + index
      let chosen = index == state.amountChoice
      grid.put((chosen ? on : off) + " " + Format.money(preset, ascii: ascii),
        at: Point(x: 3, y: y), role: .normal)
      let bonus = state.setup.plan.bonus(for: preset)
      if bonus.mills > 0 {
        grid.put("+ " + Format.money(bonus, ascii: ascii) + " bonus", at: Point(x: 20, y: y),
          role: .success)
      }
      if chosen && state.focus == .amounts {
        grid.paint(Rect(x: 2, y: y, width: 16, height: 1), role: .selection)
      }
    }
    let otherY = 4 + state.presets.count
    let otherChosen = state.amountChoice == state.otherIndex
    grid.put((otherChosen ? on : off) + " Other", at: Point(x: 3, y: otherY), role: .normal)
    if otherChosen && state.focus == .amounts {
      grid.paint(Rect(x: 2, y: otherY, width: 16, height: 1), role: .selection)
    }
    let field = Rect(x: 13, y: otherY, width: right - 17, height: 1)
    let caret = state.otherAmount.draw(into: &grid, rect: field,
      role: state.focus == .otherAmount ? .inputFocused : .input)
    if state.focus == .otherAmount { cursor = caret }
    if let error = state.amountError {
      grid.text(error, at: Point(x: 7, y: otherY + 1), width: width - 9, role: .error, ascii: ascii)
    } else if let quote = state.quote, otherChosen, quote.bonus.mills > 0 {
      grid.put("+ " + Format.money(quote.bonus, ascii: ascii) + " bonus",
        at: Point(x: 13, y: otherY + 1), role: .success)
    }

    grid.put("Payment method", at: Point(x: right, y: 3), role: .title)
    for (index, method) in PayAndUpgradeState.methods.enumerated() {
      let y = 4 + index
      let available = state.setup.plan.availability(of: method).isAvailable
      let chosen = index == state.method
      let label = (chosen ? on : off) + " " + method.label + (available ? "" : "  (not in plan)")
      grid.text(label, at: Point(x: right + 1, y: y), width: width - right - 2,
        role: available ? .normal : .disabled, ascii: ascii)
      if chosen && state.focus == .methods {
        grid.paint(Rect(x: right, y: y, width: width - right - 2, height: 1), role: .selection)
      }
    }
    if state.isInvoice {
      let organisations = state.setup.organisations
      let name = organisations.isEmpty ? "none"
        : organisations[min(state.organisation, organisations.count - 1)].name
      grid.put("Invoice to", at: Point(x: 2, y: 12), role: .normal)
      let arrows = ascii ? ("< ", " >") : ("◂ ", " ▸")
      grid.text(arrows.0 + Sanitize.line(name, limit: 80) + arrows.1, at: Point(x: 21, y: 12),
        width: width - 23, role: state.focus == .organisation ? .inputFocused : .input,
        ascii: ascii)
      grid.put("Own order number", at: Point(x: 2, y: 13), role: .normal)
      let orderField = Rect(x: 21, y: 13, width: 30, height: 1)
      let orderCaret = state.orderNumber.draw(into: &grid, rect: orderField,
        role: state.focus == .orderNumber ? .inputFocused : .input)
      if state.focus == .orderNumber { cursor = orderCaret }
      grid.put("optional", at: Point(x: orderField.maxX + 2, y: 13), role: .muted)
    }

    if let quote = state.quote {
      var x = 2
      let y = 15
      for (label, value, role) in [
        ("Credit ", quote.credit, Paint.normal), ("Bonus ", quote.bonus, .success),
        ("VAT \(TopUpRules.vatPercent)% ", quote.vat, .normal),
        ("Total to pay ", quote.total, .title),
      ] {
        x += grid.put(label, at: Point(x: x, y: y), role: .muted)
        x += grid.put(Format.money(value, ascii: ascii), at: Point(x: x, y: y), role: role) + 3
      }
    }
    grid.put(refundNote, at: Point(x: 2, y: 16), role: .warning)
    if let reason = state.methodReason {
      grid.text(PayAndUpgradeState.methods[state.method].label + ": " + reason + ".",
        at: Point(x: 2, y: 17), width: width - 4, role: .warning, ascii: ascii)
      grid.put("Choose another working method or change the subscription.",
        at: Point(x: 2, y: 18), role: .warning)
    } else if let error = state.error {
      grid.text(error, at: Point(x: 2, y: 18), width: width - 4, role: .error, ascii: ascii)
    }
    let buttonsY = 19
    let confirmRole: Paint =
      !state.canConfirm ? .disabled : state.focus == .confirm ? .buttonFocused : .accent
    let used = confirmButton.draw(into: &grid, at: Point(x: 2, y: buttonsY), role: confirmRole)
    cancelButton.draw(into: &grid, at: Point(x: 4 + used, y: buttonsY),
      role: state.focus == .cancel ? .buttonFocused : .button)
    if state.submitting {
      grid.put("Working…", at: Point(x: 30, y: buttonsY), role: .muted)
    }
    return cursor
  }

  private static func renderOutcome(
    _ outcome: TopUpResult, state: PayAndUpgradeState, app: AppState, into grid: inout Grid
  ) {
    let ascii = app.ascii
    let payment = outcome.payment
    grid.put("Topped up by invoice.", at: Point(x: 2, y: 3), role: .success)
    let rows: [(String, Money)] = [
      ("Credit", payment.amount), ("Bonus", payment.bonus), ("VAT", payment.vat),
      ("Total", payment.total),
    ]
    for (index, (label, value)) in rows.enumerated() {
      grid.put(label, at: Point(x: 4, y: 5 + index), role: .muted)
      grid.put(Format.money(value, ascii: ascii), at: Point(x: 14, y: 5 + index), role: .normal)
    }
    if let invoice = outcome.invoice {
      let organisation = state.setup.organisations.first { $0.id == invoice.organisationID }
      grid.text("Invoice " + invoice.number + " is in the Inbox-in of "
        + Sanitize.line(organisation?.name ?? "the organisation", limit: 80).sentence,
        at: Point(x: 2, y: 10), width: grid.width - 4, role: .normal, ascii: ascii)
      grid.text("Pay " + Format.money(invoice.total, ascii: ascii) + " by bank transfer by "
        + invoice.dueDate.iso + ", reference " + invoice.paymentReference + ".",
        at: Point(x: 2, y: 11), width: grid.width - 4, role: .normal, ascii: ascii)
    }
    if let summary = app.home?.summary {
      grid.put("New balance ", at: Point(x: 2, y: 13), role: .normal)
      grid.put(Format.money(summary.balance, ascii: ascii), at: Point(x: 14, y: 13),
        role: Header.role(for: summary.state))
    }
    grid.put("Press Enter to return to My environment.", at: Point(x: 2, y: 15), role: .muted)
  }
}
