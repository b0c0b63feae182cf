import SaldoCore
import Terminal

/// Drawing of the Transactions screen.
extension TransactionsScreen {
  static func title(_ state: TransactionsState, ascii: Bool) -> String {
    var title = tr("Transactions: \(describe(state.filter, organisations: state.organisations))")
    if let totals = state.totals {
      let count = ScreenFormat.count(totals.count)
      let sum = ScreenFormat.money(totals.sum, ascii: ascii)
      title +=
        " · "
        + tr(
          count: totals.count, one: "\(count) row, sum \(sum)", other: "\(count) rows, sum \(sum)")
    }
    return title
  }

  static func render(_ state: TransactionsState, app: AppState, into grid: inout Grid) -> Point? {
    let ascii = app.ascii
    let width = grid.width
    let rows = state.window.rows
    var position = ""
    if !rows.isEmpty {
      let row = ScreenFormat.count(state.window.firstRowNumber + state.selected + 1)
      position =
        state.totals.map { tr("row \(row) of \(ScreenFormat.count($0.count))") }
        ?? tr("row \(row)")
    }
    let positionWidth = TextWidth.columns(of: position)
    // The title wraps under itself rather than lose the sum; the position stays right.
    let titleRows = Grid.wrapLines(
      title(state, ascii: ascii), width: width - 4 - positionWidth,
      ascii: ascii)
    grid.put(titleRows.first ?? "", at: Point(x: 1, y: 1), role: .title)
    if titleRows.count > 1 {
      grid.put(titleRows[1...].joined(separator: " "), at: Point(x: 1, y: 2), role: .muted)
    }
    grid.textRight(position, right: width - 1, y: 1, role: .muted)
    var cursor: Point?
    var barRows = 1
    if let form = state.filterForm {
      (cursor, barRows) = form.draw(
        into: &grid, y: 2, organisations: state.organisations, ascii: ascii)
    } else if let search = state.search {
      cursor = search.draw(into: &grid, y: 2)
      if state.searching != nil {
        grid.put(tr("searching…"), at: Point(x: width - 11, y: 2), role: .muted)
      }
    } else if let error = state.error {
      grid.text(error, at: Point(x: 2, y: 2), width: width - 4, role: .error, ascii: ascii)
    }
    let height = listHeight(app.size, detail: state.showsDetail)
    let visible = Array(rows[min(rows.count, state.top)..<min(rows.count, state.top + height)])
    let columns = layoutColumns(width: width, visible: visible, ascii: ascii)
    for (x, title) in [
      (1, tr("When")), (columns.kind, tr("Kind")),
      (columns.amountRight - TextWidth.columns(of: tr("Amount")), tr("Amount")),
      (columns.reference, tr("Reference")),
      (
        columns.organisation,
        width - columns.organisation - 1 >= 12 ? tr("Organisation") : tr("Org.")
      ),
    ] where x < width - 1 && barRows == 1 {
      grid.put(title, at: Point(x: x, y: 3), role: .title)
    }
    if !state.loaded {
      grid.put(tr("Loading…"), at: Point(x: 1, y: 4), role: .muted)
    } else if rows.isEmpty {
      grid.put(tr("No transactions match."), at: Point(x: 1, y: 4), role: .muted)
    }
    var namesCut = false
    for (offset, entry) in visible.enumerated() {
      let index = state.top + offset
      let y = 4 + offset
      grid.put(entry.at.amsterdamMinute, at: Point(x: 1, y: y), role: .normal)
      grid.text(
        ScreenFormat.entryKind(entry), at: Point(x: columns.kind, y: y), width: 13,
        role: .normal, ascii: ascii)
      grid.textRight(
        ScreenFormat.money(entry.amount, ascii: ascii), right: columns.amountRight, y: y,
        role: entry.amount.isNegative ? .normal : .success)
      grid.text(
        entry.reference ?? "", at: Point(x: columns.reference, y: y),
        width: columns.organisation - columns.reference - 1, role: .muted, ascii: ascii)
      let name = state.organisationName(entry.organisationID)
      let nameWidth = width - columns.organisation - 1
      if TextWidth.columns(of: name) > nameWidth { namesCut = true }
      grid.text(
        name, at: Point(x: columns.organisation, y: y), width: nameWidth,
        role: .normal, ascii: ascii)
      if index == state.selected {
        grid.paint(Rect(x: 0, y: y, width: width, height: 1), role: .selection)
      }
      // A click selects the row; a click on the selected row opens its detail, as Enter.
      if state.filterForm == nil, state.search?.editing != true, state.exportPath == nil {
        grid.onClick(
          Rect(x: 0, y: y, width: width, height: 1),
          keys: index == state.selected
            ? [.enter]
            : Array(
              repeating: index < state.selected ? .up : .down,
              count: abs(index - state.selected)))
      }
    }
    if state.showsDetail, let entry = state.selectedEntry {
      renderDetail(entry, state: state, app: app, y: 4 + height, into: &grid)
    } else if namesCut, state.exportPath == nil {
      // The row below the list is free: say how to read a name the column had to shorten.
      grid.text(
        Self.cutNote(ascii: ascii), at: Point(x: 1, y: 4 + height), width: width - 2,
        role: .muted, ascii: ascii)
    }
    if let field = state.exportPath {
      let y = grid.height - 2
      grid.fill(Rect(x: 0, y: y, width: width, height: 1), role: .normal)
      let label = tr("Export CSV to: ")
      grid.put(label, at: Point(x: 1, y: y), role: .title)
      let x = 1 + TextWidth.columns(of: label)
      cursor = field.draw(
        into: &grid, rect: Rect(x: x, y: y, width: width - x - 1, height: 1),
        role: .inputFocused)
    }
    return cursor
  }

  /// Said under the list when an organisation's name is shortened to fit its column.
  static func cutNote(ascii: Bool) -> String {
    tr(
      "A name ending in \(ascii ? "~" : "…") is shortened: Enter shows the row with its whole name."
    )
  }

  struct Columns {
    var kind: Int
    var amountRight: Int
    var reference: Int
    var organisation: Int
  }

  /// When, kind and amount are fixed; the reference gets the width of the longest one on
  /// screen (so it shows whole), the organisation what is left.
  static func layoutColumns(width: Int, visible: [LedgerEntry], ascii: Bool) -> Columns {
    let kind = 18
    let amountRight = kind + 14 + 14
    let reference = amountRight + 2
    let longest = visible.map { TextWidth.columns(of: $0.reference ?? "") }.max() ?? 9
    let referenceWidth = max(9, min(longest, width - reference - 12))
    return Columns(
      kind: kind, amountRight: amountRight, reference: reference,
      organisation: reference + referenceWidth + 2)
  }

  private static func renderDetail(
    _ entry: LedgerEntry, state: TransactionsState, app: AppState, y: Int, into grid: inout Grid
  ) {
    let ascii = app.ascii
    let width = grid.width
    grid.horizontalLine(at: Point(x: 0, y: y), length: width, role: .border, ascii: ascii)
    grid.put(tr(" Transaction "), at: Point(x: 2, y: y), role: .title)
    var lines: [String] = [
      ScreenFormat.entryKind(entry) + "  " + ScreenFormat.price(entry.amount, ascii: ascii)
        + "  " + tr("happened \(entry.at.amsterdamMinute)"),
      tr("Recorded as entry \(entry.id) by \(Sanitize.line(entry.actor, limit: 100))"),
      tr(
        "Organisation: \(state.organisationName(entry.organisationID).isEmpty ? tr("none") : state.organisationName(entry.organisationID))"
      ),
      tr("Reference: \(entry.reference.map { Sanitize.line($0, limit: 300) } ?? tr("none"))"),
    ]
    if let number = invoiceNumber(of: entry) {
      lines.append(tr("Press Enter to open invoice \(number)."))
    }
    var row = y + 1
    for line in lines {
      row += grid.wrapped(
        line, at: Point(x: 2, y: row), width: width - 4, role: .normal,
        ascii: ascii)
    }
  }

  static func describe(_ filter: LedgerFilter, organisations: [Organisation]) -> String {
    var parts: [String] = []
    if filter.from != nil || filter.to != nil {
      parts.append(tr("\(filter.from?.iso ?? "…") to \(filter.to?.iso ?? "…")"))
    }
    if let id = filter.organisationID,
      let organisation = organisations.first(where: { $0.id == id })
    {
      parts.append(Sanitize.line(organisation.name, limit: 200))
    }
    if let kind = TransactionFilterForm.kinds.first(where: {
      $0.kind == filter.kind && $0.use == filter.transactionKind
    }), kind.kind != nil {
      parts.append(kind.label)
    }
    return parts.isEmpty ? tr("all") : parts.joined(separator: " · ")
  }
}
