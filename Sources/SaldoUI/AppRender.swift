import SaldoCore
import Terminal

/// What the loop hands to the terminal: the cells and where the text cursor blinks.
public struct Frame {
  public var grid: Grid
  public var cursor: Point?
}

extension App {
  /// Draws the whole screen for the state. Pure: same state, same grid.
  public static func render(_ state: AppState) -> Frame {
    var grid = Grid(size: state.size)
    if state.isTooSmall {
      drawTooSmall(state, into: &grid)
      return Frame(grid: grid, cursor: nil)
    }
    Header.draw(
      into: &grid, environmentName: state.environmentName,
      summary: state.home?.summary, ascii: state.ascii)
    var cursor: Point?
    switch state.top {
    case .myEnvironment(let screen):
      cursor = MyEnvironmentScreen.render(screen, app: state, into: &grid)
    case .payAndUpgrade(let dialog):
      cursor = PayAndUpgradeDialog.render(dialog, app: state, into: &grid)
    case .checkout(let checkout): CheckoutScreen.render(checkout, app: state, into: &grid)
    case .inbox(let inbox): cursor = InboxScreen.render(inbox, app: state, into: &grid)
    case .invoice(let view): cursor = InvoiceView.render(view, app: state, into: &grid)
    case .transactions(let list): cursor = TransactionsScreen.render(list, app: state, into: &grid)
    case .autoUpgrade(let form): cursor = AutoUpgradeForm.render(form, app: state, into: &grid)
    case .payments(let list): cursor = PaymentsScreen.render(list, app: state, into: &grid)
    }
    drawFooter(state, into: &grid)
    if state.showsHelp {
      HelpOverlay.draw(state.top, home: state.home, into: &grid, ascii: state.ascii)
      cursor = nil
    }
    if let confirm = state.confirm {
      drawConfirm(confirm, into: &grid, ascii: state.ascii)
      cursor = nil
    }
    return Frame(grid: grid, cursor: cursor)
  }

  static func hints(for state: AppState) -> [KeyHint] {
    let viewer = KeyViewer(state.home)
    if isTypingSearch(state.top) {
      return [
        KeyHint("Enter", tr("find")), KeyHint("n", tr("next (after Enter)")),
        KeyHint("Esc", tr("close")),
      ]
    }
    return switch state.top {
    case .myEnvironment: MyEnvironmentScreen.hints(state.home)
    case .payAndUpgrade(let dialog): PayAndUpgradeDialog.hints(dialog)
    case .checkout(let checkout) where checkout.isRemote:
      CheckoutScreen.remoteKeys.footer(for: viewer) + [KeyHint("?", tr("keys"))]
    case .checkout(let checkout):
      CheckoutScreen.table(checkout).footer(for: viewer) + [KeyHint("?", tr("keys"))]
    case .inbox: InboxScreen.hints(viewer)
    case .invoice: InvoiceView.hints(viewer)
    case .transactions(let list) where list.filterForm != nil: TransactionsScreen.filterHints
    case .transactions(let list) where list.showsDetail: TransactionsScreen.detailHints
    case .transactions: TransactionsScreen.hints(viewer)
    case .payments: PaymentsScreen.hints(viewer)
    case .autoUpgrade(let form): AutoUpgradeForm.hints(form)
    }
  }

  /// The key a footer hint names, when it names exactly one.
  static func footerKey(_ label: String) -> Key? {
    switch label {
    case "Enter": return .enter
    case "Esc": return .escape
    case "Tab": return .tab
    default:
      guard label.count == 1, let character = label.first, !character.isWhitespace else {
        return nil
      }
      return .character(Character(character.lowercased()))
    }
  }

  /// A list's search prompt has the keys: the footer says what they do there.
  static func isTypingSearch(_ screen: Screen) -> Bool {
    switch screen {
    case .myEnvironment(let screen): screen.organisations.isTypingSearch
    case .inbox(let inbox): inbox.list.isTypingSearch
    case .payments(let list): list.list.isTypingSearch
    case .transactions(let list): list.search?.editing == true
    default: false
    }
  }

  private static func drawFooter(_ state: AppState, into grid: inout Grid) {
    let y = grid.height - 1
    grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), role: .normal)
    if let message = state.message {
      // A message is never cut: it grows upwards over the screen, so the command it tells
      // the reader to run stays whole.
      let role: Paint =
        message.kind == .error ? .error : message.kind == .success ? .success : .help
      let rows = Grid.wrapLines(message.text, width: grid.width - 2, ascii: state.ascii)
      let top = max(1, grid.height - rows.count)
      grid.fill(Rect(x: 0, y: top, width: grid.width, height: grid.height - top), role: .normal)
      for (index, row) in rows.enumerated() {
        grid.put(row, at: Point(x: 1, y: top + index), role: role)
      }
      return
    }
    if let work = state.work {
      grid.text(
        work.text, at: Point(x: 1, y: y), width: grid.width - 2, role: .help, ascii: state.ascii)
      return
    }
    var shown = hints(for: state)
    var line = KeyHint.line(shown)
    if state.ascii { line = line.replacingArrows() }
    // Too long for the row (a narrow window, a longer language): hints are left out from the
    // end, keeping `?` and what follows it, rather than cutting one in half; `?` lists them all.
    while TextWidth.columns(of: line) > grid.width - 2, shown.count > 1 {
      let help = shown.firstIndex(where: { $0.keys == "?" }) ?? shown.count - 1
      guard help > 0 else { break }
      shown.remove(at: help - 1)
      line = KeyHint.line(shown)
      if state.ascii { line = line.replacingArrows() }
    }
    grid.text(line, at: Point(x: 1, y: y), width: grid.width - 2, role: .help, ascii: state.ascii)
    // Each hint of one key is a button: a click presses its key.
    var x = 1
    for hint in shown {
      let text = hint.keys + " " + hint.action
      let columns = TextWidth.columns(of: state.ascii ? text.replacingArrows() : text)
      if let key = footerKey(hint.keys), x + columns <= grid.width - 1 {
        grid.onClick(Rect(x: x, y: y, width: columns, height: 1), keys: [key])
      }
      x += columns + 2
    }
  }

  private static func drawConfirm(_ confirm: ConfirmPrompt, into grid: inout Grid, ascii: Bool) {
    let width = min(grid.width - 4, max(40, TextWidth.columns(of: confirm.question) + 6))
    let rows = Grid.wrapLines(confirm.question, width: width - 4, ascii: ascii)
    let height = rows.count + 4
    let rect = Rect(
      x: (grid.width - width) / 2, y: max(1, grid.height / 2 - height / 2),
      width: width, height: height)
    let inside = grid.panel(rect, title: confirm.title, ascii: ascii, role: .warning)
    for (index, row) in rows.enumerated() {
      grid.put(row, at: Point(x: inside.x, y: inside.y + index), role: .normal)
    }
    // The question sits over the screen: only its own answers can be clicked.
    grid.clearClickTargets(in: Rect(x: 0, y: 0, width: grid.width, height: grid.height))
    let answers = inside.y + rows.count + 1
    grid.put(tr("y yes   n no"), at: Point(x: inside.x, y: answers), role: .help, clipTo: inside)
    grid.onClick(Rect(x: inside.x, y: answers, width: 5, height: 1), keys: [.character("y")])
    grid.onClick(Rect(x: inside.x + 8, y: answers, width: 4, height: 1), keys: [.character("n")])
  }

  private static func drawTooSmall(_ state: AppState, into grid: inout Grid) {
    let lines = [
      (tr("Terminal too small"), Paint.warning),
      (
        tr(
          "\(state.size.width)x\(state.size.height); Saldo needs at least \(AppState.minimumSize.width)x\(AppState.minimumSize.height)."
        ), .normal
      ),
      (tr("Press q to quit, or enlarge the window."), .muted),
    ]
    // Wrapped, never cut, however narrow: the size needed and the way out must be read.
    let width = max(1, grid.width - 2)
    let rows = lines.flatMap { text, role in
      Grid.wrapLines(text, width: width, ascii: state.ascii).map { ($0, role) }
    }
    let top = max(0, (grid.height - rows.count) / 2)
    for (index, (text, role)) in rows.enumerated() {
      let x = max(0, (grid.width - TextWidth.columns(of: text)) / 2)
      grid.put(text, at: Point(x: x, y: top + index), role: role)
    }
  }
}

extension String {
  /// Arrows for terminals without Unicode.
  func replacingArrows() -> String {
    var out = ""
    for character in self {
      switch character {
      case "↑": out += "Up"
      case "↓": out += "/Down"
      case "←": out += "Left"
      case "→": out += "/Right"
      default: out.append(character)
      }
    }
    return out
  }
}
