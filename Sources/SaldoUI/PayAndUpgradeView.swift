import SaldoCore
import Terminal

/// Drawing of the Pay and upgrade dialog; returns where the text cursor goes.
extension PayAndUpgradeDialog {
  static func render(_ state: PayAndUpgradeState, app: AppState, into grid: inout Grid) -> Point? {
    let ascii = app.ascii
    grid.put(tr("Pay and upgrade"), at: Point(x: 1, y: 1), role: .title)
    if let outcome = state.outcome {
      renderOutcome(outcome, state: state, app: app, into: &grid)
      return nil
    }
    if state.reviewing {
      renderReview(state, app: app, into: &grid)
      return nil
    }
    var cursor: Point?
    let width = grid.width
    let right = width / 2 + 4
    let on = ascii ? "(*)" : "(•)"
    let off = "( )"

    grid.put(tr("Amount (excl. VAT)"), at: Point(x: 2, y: 3), role: .title)
    for (index, preset) in state.presets.enumerated() {
      let y = 4 + index
      let chosen = index == state.amountChoice
      grid.put(
        (chosen ? on : off) + " " + ScreenFormat.money(preset, ascii: ascii),
        at: Point(x: 3, y: y), role: .normal)
      let bonus = state.setup.plan.bonus(for: preset)
      if bonus.mills > 0 {
        grid.put(
          tr("+ \(ScreenFormat.money(bonus, ascii: ascii)) bonus"), at: Point(x: 20, y: y),
          role: .success)
      }
      if chosen && state.focus == .amounts {
        grid.paint(Rect(x: 2, y: y, width: 16, height: 1), role: .selection)
      }
      grid.onClick(Rect(x: 2, y: y, width: 16, height: 1), keys: clickKeys(amount: index, state))
    }
    let otherY = 4 + state.presets.count
    let otherChosen = state.amountChoice == state.otherIndex
    grid.put(
      (otherChosen ? on : off) + " " + tr("Other"), at: Point(x: 3, y: otherY), role: .normal)
    if otherChosen && state.focus == .amounts {
      grid.paint(Rect(x: 2, y: otherY, width: 16, height: 1), role: .selection)
    }
    grid.onClick(
      Rect(x: 2, y: otherY, width: 11, height: 1),
      keys: clickKeys(amount: state.otherIndex, state))
    let field = Rect(x: 13, y: otherY, width: right - 17, height: 1)
    grid.onClick(
      field,
      keys: otherChosen
        ? keys(toFocus: .otherAmount, state)
        : clickKeys(amount: state.otherIndex, state) + [.tab])
    let caret = state.otherAmount.draw(
      into: &grid, rect: field,
      role: state.focus == .otherAmount ? .inputFocused : .input)
    if state.focus == .otherAmount { cursor = caret }
    if let error = state.amountError {
      grid.text(error, at: Point(x: 7, y: otherY + 1), width: width - 9, role: .error, ascii: ascii)
    } else if let quote = state.quote, otherChosen, quote.bonus.mills > 0 {
      grid.put(
        tr("+ \(ScreenFormat.money(quote.bonus, ascii: ascii)) bonus"),
        at: Point(x: 13, y: otherY + 1), role: .success)
    }

    grid.put(tr("Payment method"), at: Point(x: right, y: 3), role: .title)
    for (index, choice) in state.methods.enumerated() {
      let y = 4 + index
      let available = choice.availability.isAvailable
      let chosen = index == state.method
      let label =
        (chosen ? on : off) + " " + choice.method.label
        + (available ? "" : "  " + tr("(unavailable)"))
      grid.text(
        label, at: Point(x: right + 1, y: y), width: width - right - 2,
        role: available ? .normal : .disabled, ascii: ascii)
      if chosen && state.focus == .methods {
        grid.paint(Rect(x: right, y: y, width: width - right - 2, height: 1), role: .selection)
      }
      grid.onClick(
        Rect(x: right, y: y, width: width - right - 2, height: 1),
        keys: keys(toFocus: .methods, state)
          + Array(
            repeating: index < state.method ? Key.up : .down,
            count: abs(index - state.method)))
    }
    var y = max(otherY + 2, 4 + state.methods.count + 1)
    if state.isInvoice {
      let name = state.organisationName ?? "none"
      grid.put(tr("Invoice to"), at: Point(x: 2, y: y), role: .normal)
      let arrows = ascii ? ("< ", " >") : ("◂ ", " ▸")
      grid.text(
        arrows.0 + Sanitize.line(name, limit: 80) + arrows.1, at: Point(x: 21, y: y),
        width: width - 23, role: state.focus == .organisation ? .inputFocused : .input,
        ascii: ascii)
      grid.onClick(
        Rect(x: 21, y: y, width: width - 23, height: 1),
        keys: keys(toFocus: .organisation, state) + [.right])
      y += 1
      grid.put(tr("Own order number"), at: Point(x: 2, y: y), role: .normal)
      let orderField = Rect(x: 21, y: y, width: min(40, width - 34), height: 1)
      let orderCaret = state.orderNumber.draw(
        into: &grid, rect: orderField,
        role: state.focus == .orderNumber ? .inputFocused : .input)
      if state.focus == .orderNumber { cursor = orderCaret }
      grid.onClick(orderField, keys: keys(toFocus: .orderNumber, state))
      grid.put(tr("optional"), at: Point(x: orderField.maxX + 2, y: y), role: .muted)
      y += 1
    }
    y += 1
    let text = width - 4
    if let quote = state.quote {
      y += grid.wrapped(
        tr(
          "Credit \(ScreenFormat.money(quote.credit, ascii: ascii))  + bonus \(ScreenFormat.money(quote.bonus, ascii: ascii))  + \(quote.tax.label) \(ScreenFormat.money(quote.vat, ascii: ascii))"
        ),
        at: Point(x: 2, y: y), width: text, role: .muted, ascii: ascii)
      var x = 2
      x += grid.put(tr("Total to pay "), at: Point(x: x, y: y), role: .muted)
      grid.put(ScreenFormat.money(quote.total, ascii: ascii), at: Point(x: x, y: y), role: .title)
      y += 1
    }
    y += grid.wrapped(refundNote, at: Point(x: 2, y: y), width: text, role: .warning, ascii: ascii)
    if let reason = state.methodReason {
      y += grid.wrapped(
        tr(
          "\(state.chosenMethod.label): \(reason.sentence) Choose another working method or change the subscription."
        ),
        at: Point(x: 2, y: y), width: text, role: .warning, ascii: ascii)
    } else if let error = state.error {
      y += grid.wrapped(error, at: Point(x: 2, y: y), width: text, role: .error, ascii: ascii)
    }
    let buttonsY = max(y + 1, min(grid.height - 3, 20))
    let reviewRole: Paint =
      !state.canConfirm ? .disabled : state.focus == .confirm ? .buttonFocused : .accent
    let used = reviewButton.draw(
      into: &grid, at: Point(x: 2, y: buttonsY), role: reviewRole,
      clickKeys: [.control("s")])
    cancelButton.draw(
      into: &grid, at: Point(x: 4 + used, y: buttonsY),
      role: state.focus == .cancel ? .buttonFocused : .button, clickKeys: [.escape])
    return cursor
  }

  /// The review step: everything that will be booked, the total on its own line, and the
  /// condition that prepaid credit is not refunded. Booking happens only from here.
  private static func renderReview(
    _ state: PayAndUpgradeState, app: AppState, into grid: inout Grid
  ) {
    let ascii = app.ascii
    let width = grid.width - 4
    guard let quote = state.quote else { return }
    grid.put(tr("Review before paying"), at: Point(x: 2, y: 2), role: .warning)
    var rows: [(String, String)] = []
    var amount = ScreenFormat.money(quote.credit, ascii: ascii)
    if state.amountChoice == state.otherIndex {
      amount += "  " + tr("(you typed \"\(state.otherAmount.text)\")")
    }
    rows.append((tr("Amount (excl. VAT)"), amount))
    rows.append((tr("Bonus"), ScreenFormat.money(quote.bonus, ascii: ascii)))
    rows.append(
      (
        tr("Credit added"),
        ScreenFormat.money(
          Money(mills: quote.credit.mills + quote.bonus.mills), ascii: ascii)
      ))
    rows.append((quote.tax.label, ScreenFormat.money(quote.vat, ascii: ascii)))
    rows.append((tr("Method"), state.chosenMethod.label))
    let organisation =
      state.isInvoice
      ? state.organisationName
      : state.setup.organisations.min(by: { $0.id < $1.id })?.name
    rows.append(
      (tr("Organisation"), organisation.map { Sanitize.line($0, limit: 200) } ?? tr("none")))
    if state.isInvoice {
      let order = state.orderNumber.text.trimmingCharacters()
      rows.append((tr("Order number"), order.isEmpty ? tr("none") : order))
    }
    var y = 4
    // Wide enough for the longest label (a VAT treatment's can be long): labels are never cut.
    let labelWidth = max(20, (rows.map { TextWidth.columns(of: $0.0) }.max() ?? 0) + 2)
    for (label, value) in rows {
      grid.put(label, at: Point(x: 4, y: y), role: .muted)
      y += max(
        1,
        grid.wrapped(
          value, at: Point(x: 4 + labelWidth, y: y),
          width: width - 2 - labelWidth, role: .normal, ascii: ascii))
    }
    y += 1
    grid.put(tr("Total to pay"), at: Point(x: 4, y: y), role: .title)
    y += 1
    grid.put(ScreenFormat.money(quote.total, ascii: ascii), at: Point(x: 4, y: y), role: .title)
    y += 2
    let how =
      state.isInvoice
      ? tr("An invoice is issued at once and the credit is added now; pay it by bank transfer.")
      : tr("A checkout opens; the credit is added when the payment is paid.")
    y += grid.wrapped(how, at: Point(x: 2, y: y), width: width, role: .normal, ascii: ascii)
    y += grid.wrapped(
      refundNote, at: Point(x: 2, y: y), width: width, role: .warning,
      ascii: ascii)
    if let error = state.error {
      y += grid.wrapped(error, at: Point(x: 2, y: y), width: width, role: .error, ascii: ascii)
    }
    y += 1
    if state.submitting {
      grid.put(tr("Working…"), at: Point(x: 2, y: y), role: .muted)
    } else {
      let used = grid.put(
        tr("[ Book and pay (Enter, y) ]"), at: Point(x: 2, y: y),
        role: state.canConfirm ? .buttonFocused : .disabled)
      let change = grid.put(tr("[ Change (Esc, n) ]"), at: Point(x: 4 + used, y: y), role: .button)
      grid.onClick(Rect(x: 2, y: y, width: used, height: 1), keys: [.character("y")])
      grid.onClick(Rect(x: 4 + used, y: y, width: change, height: 1), keys: [.character("n")])
    }
  }

  private static func renderOutcome(
    _ outcome: TopUpResult, state: PayAndUpgradeState, app: AppState, into grid: inout Grid
  ) {
    let ascii = app.ascii
    let payment = outcome.payment
    grid.put(tr("Topped up by invoice."), at: Point(x: 2, y: 3), role: .success)
    // The invoice's own treatment names a VAT of nothing, so € 0,00 is not read as an error.
    let treatment = outcome.invoice.flatMap {
      TaxTreatment.stored($0.taxCategory.rawValue, issued: $0.issueDate)
    }
    let vatNote =
      treatment.map { $0.category == .standard ? "" : "  (" + $0.inclusionPhrase + ")" } ?? ""
    let rows: [(String, String)] = [
      (tr("Credit"), ScreenFormat.money(payment.amount, ascii: ascii)),
      (tr("Bonus"), ScreenFormat.money(payment.bonus, ascii: ascii)),
      (tr("VAT"), ScreenFormat.money(payment.vat, ascii: ascii) + vatNote),
      (tr("Total"), ScreenFormat.money(payment.total, ascii: ascii)),
    ]
    for (index, (label, value)) in rows.enumerated() {
      grid.put(label, at: Point(x: 4, y: 5 + index), role: .muted)
      grid.put(value, at: Point(x: 14, y: 5 + index), role: .normal)
    }
    var y = 10
    if let invoice = outcome.invoice {
      let organisation = state.setup.organisations.first { $0.id == invoice.organisationID }
      y += grid.wrapped(
        tr(
          "Invoice \(invoice.number) is in the Inbox-in of \(Sanitize.line(organisation?.name ?? tr("the organisation"), limit: 200).sentence)"
        ),
        at: Point(x: 2, y: y), width: grid.width - 4, role: .normal, ascii: ascii)
      y += grid.wrapped(
        tr(
          "Pay \(ScreenFormat.money(invoice.total, ascii: ascii)) by bank transfer by \(ScreenFormat.date(invoice.dueDate)), reference \(invoice.paymentReference)."
        ),
        at: Point(x: 2, y: y), width: grid.width - 4, role: .normal, ascii: ascii)
    }
    y += 1
    if let summary = app.home?.summary {
      grid.put(tr("New balance "), at: Point(x: 2, y: y), role: .normal)
      grid.put(
        ScreenFormat.money(summary.balance, ascii: ascii), at: Point(x: 14, y: y),
        role: Header.role(for: summary.state))
      y += 2
    }
    let used = grid.put(
      tr("Press Enter to return to My environment."), at: Point(x: 2, y: y),
      role: .muted)
    grid.onClick(Rect(x: 2, y: y, width: used, height: 1), keys: [.enter])
  }

  /// The keys that move the focus to `target` from where it is, as Tab would.
  static func keys(toFocus target: PayAndUpgradeState.Focus, _ state: PayAndUpgradeState)
    -> [Key]
  {
    FocusClicks.tabs(to: target, from: state.focus, stops: state.stops)
  }

  /// A click on amount `index`: focus the amounts, then the arrows to it.
  static func clickKeys(amount index: Int, _ state: PayAndUpgradeState) -> [Key] {
    keys(toFocus: .amounts, state)
      + Array(
        repeating: index < state.amountChoice ? Key.up : .down,
        count: abs(index - state.amountChoice))
  }
}
