import SaldoCore
import Terminal

/// The filter bar of the Transactions screen: a date range, an organisation and a kind.
public struct TransactionFilterForm {
  public enum Field: Int, CaseIterable { case from, to, organisation, kind }

  /// The kinds to filter on, as shown; nil entries mean "all".
  static let kinds: [(label: String, kind: EntryKind?, use: TransactionKind?)] = [
    ("all kinds", nil, nil), ("top-up", .topUp, nil), ("bonus", .bonus, nil),
    ("consumption", .consumption, nil), ("correction", .correction, nil),
    ("use: send", .consumption, .send), ("use: receive", .consumption, .receive),
    ("use: pdf", .consumption, .pdf), ("use: manual", .consumption, .manual),
  ]

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
        return .failure(UIError(
          "\(field == .from ? "From" : "To") must be a date like 2026-11-24, or empty"))
      }
      if field == .from { filter.from = day } else { filter.to = day }
    }
    if let from = filter.from, let to = filter.to, from > to {
      return .failure(UIError("From \(from.iso) is after To \(to.iso); swap them"))
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

  /// Draws the bar on row `y`; returns the text cursor when a date field has focus.
  func draw(into grid: inout Grid, y: Int, organisations: [Organisation], ascii: Bool) -> Point? {
    grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), role: .normal)
    var cursor: Point?
    var x = 1
    x += grid.put("From ", at: Point(x: x, y: y), role: .muted)
    let fromCaret = from.draw(into: &grid, rect: Rect(x: x, y: y, width: 11, height: 1),
      role: focus == .from ? .inputFocused : .input)
    if focus == .from { cursor = fromCaret }
    x += 12
    x += grid.put("To ", at: Point(x: x, y: y), role: .muted)
    let toCaret = to.draw(into: &grid, rect: Rect(x: x, y: y, width: 11, height: 1),
      role: focus == .to ? .inputFocused : .input)
    if focus == .to { cursor = toCaret }
    x += 12
    let arrows = ascii ? ("<", ">") : ("◂", "▸")
    let name = organisation == 0 || organisation > organisations.count
      ? "all organisations" : Sanitize.line(organisations[organisation - 1].name, limit: 60)
    let orgText = arrows.0 + TextWidth.truncate(name, toColumns: 18, ellipsis: ascii ? "~" : "…")
      + arrows.1
    x += grid.put(orgText, at: Point(x: x, y: y),
      role: focus == .organisation ? .inputFocused : .input) + 1
    grid.put(arrows.0 + Self.kinds[kind].label + arrows.1, at: Point(x: x, y: y),
      role: focus == .kind ? .inputFocused : .input)
    return cursor
  }
}
