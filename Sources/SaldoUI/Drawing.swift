import SaldoCore
import Terminal

/// Small drawing helpers shared by the screens.
extension Grid {
  /// Draws store text after `Sanitize.line`, cut to `width` columns with an ellipsis.
  @discardableResult
  mutating func text(
    _ text: String, at point: Point, width: Int, role: Paint, ascii: Bool = false
  ) -> Int {
    guard width > 0 else { return 0 }
    var clean = Sanitize.line(text, limit: 400)
    if ascii { clean = ASCIIFallback.transliterate(clean) }
    let cut = TextWidth.truncate(clean, toColumns: width, ellipsis: ascii ? "~" : "…")
    return put(cut, at: point, role: role)
  }

  /// Draws text wrapped to `width` columns, with nothing cut: amounts, IBANs and commands in
  /// backticks stay whole on one row (see `TextWrap`). Returns the rows used; the caller
  /// leaves room for them.
  @discardableResult
  mutating func wrapped(
    _ text: String, at point: Point, width: Int, role: Paint, ascii: Bool = false
  ) -> Int {
    let rows = Self.wrapLines(text, width: width, ascii: ascii)
    for (index, row) in rows.enumerated() {
      put(row, at: Point(x: point.x, y: point.y + index), role: role)
    }
    return rows.count
  }

  /// The rows `wrapped` would draw.
  static func wrapLines(_ text: String, width: Int, ascii: Bool) -> [String] {
    var clean = Sanitize.line(text, limit: 2000)
    if ascii { clean = ASCIIFallback.transliterate(clean) }
    return TextWrap.lines(clean, width: width)
  }

  /// Draws store text word-wrapped into at most `lines` rows of `width` columns. Amounts,
  /// IBANs and commands are never broken; when the text needs more rows than `lines`, it
  /// takes them (a cut message is worse than a pushed-down line). Returns the rows used.
  @discardableResult
  mutating func paragraph(
    _ text: String, at point: Point, width: Int, lines: Int, role: Paint, ascii: Bool = false
  ) -> Int {
    guard width > 0, lines > 0 else { return 0 }
    return wrapped(text, at: point, width: width, role: role, ascii: ascii)
  }

  /// Draws `text` so that it ends at column `right` (exclusive).
  mutating func textRight(_ text: String, right: Int, y: Int, role: Paint) {
    let clean = Sanitize.line(text, limit: 400)
    put(clean, at: Point(x: right - TextWidth.columns(of: clean), y: y), role: role)
  }

  /// A framed panel with a title in its top edge; returns the inside.
  @discardableResult
  mutating func panel(_ rect: Rect, title: String, ascii: Bool, role: Paint = .border) -> Rect {
    fill(rect, role: .normal)
    box(rect, role: role, ascii: ascii)
    if !title.isEmpty {
      text(
        " " + title + " ", at: Point(x: rect.x + 2, y: rect.y), width: rect.width - 4,
        role: .title, ascii: ascii)
    }
    return rect.insetBy(dx: 2, dy: 1)
  }
}

enum ScreenFormat {
  static func money(_ money: Money, ascii: Bool) -> String {
    MoneyFormat.display(money, ascii: ascii)
  }

  /// An amount as a person would type it into a field: `1.234,56`, without the currency,
  /// which `MoneyFormat.parse` reads back to the same amount.
  static func editable(_ money: Money) -> String {
    let shown = MoneyFormat.display(money, ascii: false)
    return shown.hasPrefix("€ ") ? String(shown.dropFirst(2)) : shown
  }

  /// Prices and single consumption rows keep their third decimal (€ 0,171); only the
  /// transaction detail shows them, every list rounds to the cent.
  static func price(_ money: Money, ascii: Bool) -> String {
    MoneyFormat.displayPrice(money, ascii: ascii)
  }

  /// A day as the reader's language writes it: `26 nov. 2026`, `26 Nov 2026`.
  static func date(_ day: Day, _ language: Language = .current) -> String {
    let (year, month, date) = day.civil
    let index = max(0, min(11, month - 1))
    switch language {
    case .nl:
      let months = [
        "jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.",
        "dec.",
      ]
      return "\(date) \(months[index]) \(year)"
    case .en:
      let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
      ]
      return "\(date) \(months[index]) \(year)"
    }
  }

  static func entryKind(_ entry: LedgerEntry) -> String {
    (entry.kind == .consumption ? entry.transactionKind?.useLabel : nil) ?? entry.kind.label
  }

  /// Thousands with dots, as Dutch administrators read them: 123.456.
  static func count(_ value: Int) -> String {
    var digits = String(value)
    var grouped = ""
    while digits.count > 3 {
      grouped = "." + digits.suffix(3) + grouped
      digits.removeLast(3)
    }
    return digits + grouped
  }
}

/// Maps between a key list and a line of hints in the footer.
struct KeyHint: Equatable {
  var keys: String
  var action: String
  init(_ keys: String, _ action: String) {
    self.keys = keys
    self.action = action
  }

  static func line(_ hints: [KeyHint]) -> String {
    hints.map { "\($0.keys) \($0.action)" }.joined(separator: "  ")
  }
}

extension String {
  /// The text with a full stop, unless it ends with one already ("B.V.").
  var sentence: String { hasSuffix(".") ? self : self + "." }
}

/// The symbols screens use, spelled in ASCII for terminals whose locale is not UTF-8 (which
/// would otherwise show them as `?`). Letters with accents in stored names cannot be helped.
enum ASCIIFallback {
  static let table: [Character: String] = [
    "·": "-", "…": "...", "€": "EUR", "—": "-", "–": "-", "─": "-", "•": "*", "✓": "ok",
    "✗": "x", "◂": "<", "▸": ">", "↑": "^", "↓": "v", "←": "<-", "→": "->", "│": "|",
  ]

  static func transliterate(_ text: String) -> String {
    guard !text.allSatisfy(\.isASCII) else { return text }
    var out = ""
    for character in text { out += table[character] ?? String(character) }
    return out
  }
}
