import SaldoCore
import Terminal

/// The filter bar of the Transactions screen: a date range, an organisation and a kind.
public struct TransactionFilterForm {
  public enum Field: Int, CaseIterable { case from, to, organisation, kind }

  /// The kinds to filter on, as shown; nil entries mean "all".
  static var kinds: [(label: String, kind: EntryKind?, use: TransactionKind?)] {
    [(tr("all kinds"), nil, nil)] + EntryKind.allCases.map { ($0.label, $0, nil) }
      + TransactionKind.allCases.map { ($0.useLabel, .consumption, $0) }
  }

  public var from: TextField
  public var to: TextField
  /// 0 is every organisation, then the organisations in order.
  public var organisation: Int
  public var kind: Int
  public var focus: Field = .from
  public var error: String?

  init(filter: LedgerFilter, organisations: [Organisation]) {
    from = TextField(text: filter.from?.iso ?? "", maxLength: 10)
    to = TextField(text: filter.to?.iso ?? "", maxLength: 10)
    organisation =
      filter.organisationID.flatMap { id in organisations.firstIndex { $0.id == id } }
      .map { $0 + 1 } ?? 0
    kind =
      Self.kinds.firstIndex { $0.kind == filter.kind && $0.use == filter.transactionKind } ?? 0
  }

  /// The filter the form describes, or the reason it is not one.
  func filter(organisations: [Organisation]) -> Result<LedgerFilter, UIError> {
    var filter = LedgerFilter()
    for (field, text) in [(Field.from, from.text), (.to, to.text)] where !text.isEmpty {
      guard let day = Day(iso: text.trimmingCharacters()) else {
        return .failure(
          UIError(
            field == .from
              ? tr("From must be a date like 2026-11-24, or empty")
              : tr("To must be a date like 2026-11-24, or empty")))
      }
      if field == .from { filter.from = day } else { filter.to = day }
    }
    if let from = filter.from, let to = filter.to, from > to {
      return .failure(UIError(tr("From \(from.iso) is after To \(to.iso); swap them")))
    }
    if organisation > 0, organisation <= organisations.count {
      filter.organisationID = organisations[organisation - 1].id
    }
    filter.kind = Self.kinds[kind].kind
    filter.transactionKind = Self.kinds[kind].use
    return .success(filter)
  }

  /// Edits the form; returns false for keys it leaves to the screen (Enter, Esc).
  mutating func handle(_ key: Key, organisationCount: Int) -> Bool {
    switch key {
    case .tab: focus = Field(rawValue: (focus.rawValue + 1) % 4) ?? .from
    case .backTab: focus = Field(rawValue: (focus.rawValue + 3) % 4) ?? .from
    case .enter, .escape: return false
    default:
      switch focus {
      case .from: from.handle(key)
      case .to: to.handle(key)
      case .organisation:
        let count = organisationCount + 1
        if key == .left || key == .up { organisation = (organisation + count - 1) % count }
        if key == .right || key == .down || key == .character(" ") {
          organisation = (organisation + 1) % count
        }
      case .kind:
        let count = Self.kinds.count
        if key == .left || key == .up { kind = (kind + count - 1) % count }
        if key == .right || key == .down || key == .character(" ") { kind = (kind + 1) % count }
      }
      error = nil
    }
    return true
  }

  /// Draws the bar on row `y`; returns the text cursor when a date field has focus, and the
  /// rows used. The organisation's name is never cut: when the bar does not fit on one row,
  /// the organisation and the kind take the row below (over the column titles).
  func draw(into grid: inout Grid, y: Int, organisations: [Organisation], ascii: Bool)
    -> (cursor: Point?, rows: Int)
  {
    let arrows = ascii ? ("<", ">") : ("◂", "▸")
    let name =
      organisation == 0 || organisation > organisations.count
      ? tr("all organisations") : Sanitize.line(organisations[organisation - 1].name, limit: 200)
    let orgText = arrows.0 + name + arrows.1
    let kindText = arrows.0 + Self.kinds[kind].label + arrows.1
    let datesWidth = 1 + 5 + 12 + 3 + 12
    let rows =
      datesWidth + TextWidth.columns(of: orgText) + 1 + TextWidth.columns(of: kindText)
        <= grid.width - 1 ? 1 : 2
    grid.fill(Rect(x: 0, y: y, width: grid.width, height: rows), role: .normal)
    var cursor: Point?
    var x = 1
    x += grid.put(tr("From "), at: Point(x: x, y: y), role: .muted)
    let fromCaret = from.draw(
      into: &grid, rect: Rect(x: x, y: y, width: 11, height: 1),
      role: focus == .from ? .inputFocused : .input)
    if focus == .from { cursor = fromCaret }
    grid.onClick(Rect(x: x, y: y, width: 11, height: 1), keys: focusKeys(.from))
    x += 12
    x += grid.put(tr("To "), at: Point(x: x, y: y), role: .muted)
    let toCaret = to.draw(
      into: &grid, rect: Rect(x: x, y: y, width: 11, height: 1),
      role: focus == .to ? .inputFocused : .input)
    if focus == .to { cursor = toCaret }
    grid.onClick(Rect(x: x, y: y, width: 11, height: 1), keys: focusKeys(.to))
    x += 12
    var row = y
    if rows == 2 {
      row = y + 1
      x = 1 + grid.put(tr("Organisation "), at: Point(x: 1, y: row), role: .muted)
    }
    // Only a name longer than a whole row (names may have 200 characters) is clipped here;
    // once applied, the title shows it whole, wrapped.
    let orgWidth = grid.put(
      orgText, at: Point(x: x, y: row),
      role: focus == .organisation ? .inputFocused : .input)
    grid.onClick(
      Rect(x: x, y: row, width: orgWidth, height: 1),
      keys: focusKeys(.organisation) + [.right])
    x += orgWidth + 1
    if x + TextWidth.columns(of: kindText) > grid.width - 1 {
      row = y
      x = 1 + datesWidth
    }
    let kindWidth = grid.put(
      kindText, at: Point(x: x, y: row), role: focus == .kind ? .inputFocused : .input)
    grid.onClick(
      Rect(x: x, y: row, width: kindWidth, height: 1),
      keys: focusKeys(.kind) + [.right])
    return (cursor, rows)
  }

  /// A click on a field of the bar: the Tabs to it.
  private func focusKeys(_ field: Field) -> [Key] {
    FocusClicks.tabs(to: field, from: focus, stops: Field.allCases)
  }
}
