import SaldoCore
import Terminal

public struct InvoiceViewState {
  public var number: String
  public var invoice: IssuedInvoice?
  /// The invoice's text rendering, one sanitised line each.
  public var lines: [String] = []
  public var scroll = 0
  public var error: String?
  /// The path being typed for an export, while the prompt is open.
  public var exportPath: TextField?

  public init(number: String) {
    self.number = number
  }
}

/// One invoice, readable in the terminal, with export of its UBL or text file.
enum InvoiceView {
  enum Request: Equatable { case scroll, ends, export, copy }

  /// The invoice view's keys: the handler, the footer and `?` read this one table.
  static let keys = KeyTable<Request>([
    KeyBinding(
      request: .scroll, label: "↑↓", footer: localized("scroll"),
      help: localized("scroll (also j k, PgUp PgDn, Space)")),
    KeyBinding(
      request: .ends, label: "Home End", footer: nil, help: localized("to the top or the end")),
    KeyBinding(
      request: .export, label: "X", footer: localized("export"),
      help: localized(
        "export the invoice: a path ending in .xml writes UBL (Peppol BIS 3), .txt writes this text; the default is ./NUMBER.xml; an existing file is only overwritten after you say yes"
      ), keys: [.character("x")]),
    KeyBinding(
      request: .copy, label: "c", footer: localized("copy IBAN + reference"),
      help: localized("copy the IBAN and payment reference to the clipboard (OSC 52)"),
      keys: [.character("c")]),
  ])

  static func hints(_ viewer: KeyViewer) -> [KeyHint] {
    keys.footer(for: viewer) + [KeyHint("q", tr("back")), KeyHint("?", tr("keys"))]
  }

  static func help(_ viewer: KeyViewer) -> [KeyHint] {
    keys.help(for: viewer) + [KeyHint("q, Esc", tr("back"))]
  }

  static func textHeight(_ size: Size) -> Int { max(1, size.height - 5) }

  /// The invoice's lines wrapped to the screen: a long line (the bank-transfer instruction
  /// with beneficiary, IBAN, reference and due date) continues on the next row, indented
  /// like the line it belongs to, instead of being cut.
  static func rows(_ state: InvoiceViewState, width: Int, ascii: Bool) -> [String] {
    let area = max(10, width - 4)
    var rows: [String] = []
    for line in state.lines {
      let shown = ascii ? ASCIIFallback.transliterate(line) : line
      if TextWidth.columns(of: shown) <= area {
        rows.append(shown)
        continue
      }
      let indent = String(line.prefix { $0 == " " })
      let wrapped = Grid.wrapLines(line, width: area - indent.count, ascii: ascii)
      if wrapped.isEmpty { rows.append("") }
      for (index, row) in wrapped.enumerated() {
        rows.append((index == 0 ? indent : indent + "  ") + row)
      }
    }
    return rows
  }

  static func handle(_ key: Key, state: inout InvoiceViewState, app: AppState) -> KeyResult {
    if var field = state.exportPath {
      switch key {
      case .escape:
        state.exportPath = nil
      case .enter, .control("s"):
        let path = field.text.trimmingCharacters()
        guard !path.isEmpty else {
          return .message(.error(tr("type a file path, e.g. ./invoice.xml")))
        }
        let lower = path.lowercased()
        guard lower.hasSuffix(".xml") || lower.hasSuffix(".txt") else {
          return .message(
            .error(
              tr("end the file name in .xml (UBL for accounting software) or .txt (this text)")))
        }
        state.exportPath = nil
        return FileExport.confirmingOverwrite(
          path, effects: [.exportInvoice(number: state.number, path: path)])
      default:
        field.handle(key)
        state.exportPath = field
      }
      return .handled([])
    }
    let height = textHeight(app.size)
    let last = max(0, rows(state, width: app.size.width, ascii: app.ascii).count - height)
    switch key {
    case .up, .character("k"): state.scroll = max(0, state.scroll - 1)
    case .down, .character("j"): state.scroll = min(last, state.scroll + 1)
    case .pageUp: state.scroll = max(0, state.scroll - max(1, height - 1))
    case .pageDown, .character(" "): state.scroll = min(last, state.scroll + max(1, height - 1))
    case .home: state.scroll = 0
    case .end: state.scroll = last
    default:
      switch keys.lookup(key, for: KeyViewer(app.home))?.request {
      case .copy?:
        guard let invoice = state.invoice else { return .handled([]) }
        return .copy(what: tr("the IBAN and payment reference"), text: copyText(invoice))
      case .export?:
        guard state.invoice != nil else { return .handled([]) }
        state.exportPath = TextField(text: defaultPath(state.number), maxLength: 400)
      default: return .unhandled
      }
    }
    return .handled([])
  }

  /// The seller's IBAN and the payment reference, as a bank's transfer form asks for them.
  static func copyText(_ invoice: IssuedInvoice) -> String {
    // The IBAN follows the word IBAN in the bank-transfer line, in groups of four.
    let words = invoice.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    var iban: String?
    if let at = words.firstIndex(of: "IBAN"), at + 1 < words.count {
      let groups = words[(at + 1)...].prefix { TextWrap.isIBANStart($0) || isGroup($0) }
      iban = groups.isEmpty ? nil : groups.joined(separator: " ")
    }
    return [iban, invoice.paymentReference].compactMap { $0 }.joined(separator: " ")
  }

  private static func isGroup(_ word: String) -> Bool {
    (1...4).contains(word.count)
      && word.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) }
  }

  /// `./NUMBER.xml` in the current directory; the number is made safe as a file name.
  static func defaultPath(_ number: String) -> String {
    let safe = number.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
    return "./" + String(safe) + ".xml"
  }

  static func opened(_ result: Result<IssuedInvoice, UIError>, state: inout InvoiceViewState) {
    switch result {
    case .success(let invoice):
      state.invoice = invoice
      state.lines = invoice.text.split(separator: "\n", omittingEmptySubsequences: false)
        .map { Sanitize.line(String($0), limit: 400) }
    case .failure(let error):
      state.error = error.message
    }
  }

  static func render(_ state: InvoiceViewState, app: AppState, into grid: inout Grid) -> Point? {
    let ascii = app.ascii
    grid.text(
      tr("Invoice \(state.number)"), at: Point(x: 1, y: 1), width: 40, role: .title,
      ascii: ascii)
    if let error = state.error {
      grid.text(error, at: Point(x: 2, y: 3), width: grid.width - 4, role: .error, ascii: ascii)
      return nil
    }
    guard state.invoice != nil else {
      grid.put(tr("Loading…"), at: Point(x: 2, y: 3), role: .muted)
      return nil
    }
    let height = textHeight(app.size)
    let area = Rect(x: 2, y: 3, width: grid.width - 4, height: height)
    let rows = rows(state, width: grid.width, ascii: ascii)
    let scroll = min(state.scroll, max(0, rows.count - height))
    for (offset, line) in rows.dropFirst(scroll).prefix(height).enumerated() {
      grid.put(line, at: Point(x: area.x, y: area.y + offset), role: .normal)
    }
    if rows.count > height {
      grid.textRight(
        tr("lines \(scroll + 1)-\(min(rows.count, scroll + height)) of \(rows.count)"),
        right: grid.width - 1, y: 1, role: .muted)
    }
    if let field = state.exportPath {
      let y = grid.height - 2
      grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), role: .normal)
      let label = tr("Export to (.xml UBL, .txt text): ")
      grid.put(label, at: Point(x: 1, y: y), role: .title)
      let x = 1 + TextWidth.columns(of: label)
      return field.draw(
        into: &grid, rect: Rect(x: x, y: y, width: grid.width - x - 1, height: 1),
        role: .inputFocused)
    }
    return nil
  }
}
