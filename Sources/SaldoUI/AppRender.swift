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
    Header.draw(into: &grid, environmentName: state.environmentName,
      summary: state.home?.summary, ascii: state.ascii)
    var cursor: Point?
    switch state.top {
    case .myEnvironment(let screen): MyEnvironmentScreen.render(screen, app: state, into: &grid)
    case .payAndUpgrade(let dialog):
      cursor = PayAndUpgradeDialog.render(dialog, app: state, into: &grid)
    case .checkout(let checkout): CheckoutScreen.render(checkout, app: state, into: &grid)
    case .inbox(let inbox): InboxScreen.render(inbox, app: state, into: &grid)
    case .invoice(let view): cursor = InvoiceView.render(view, app: state, into: &grid)
    case .transactions(let list): cursor = TransactionsScreen.render(list, app: state, into: &grid)
    case .autoUpgrade(let form): cursor = AutoUpgradeForm.render(form, app: state, into: &grid)
    }
    drawFooter(state, into: &grid)
    if state.showsHelp {
      HelpOverlay.draw(state.top, into: &grid, ascii: state.ascii)
      cursor = nil
    }
    if let confirm = state.confirm {
      drawConfirm(confirm, into: &grid, ascii: state.ascii)
      cursor = nil
    }
    return Frame(grid: grid, cursor: cursor)
  }

  static func hints(for state: AppState) -> [KeyHint] {
    switch state.top {
    case .myEnvironment: MyEnvironmentScreen.hints(state.home)
    case .payAndUpgrade(let dialog) where dialog.outcome != nil: [KeyHint("Enter", "back")]
    case .payAndUpgrade(let dialog) where dialog.reviewing: PayAndUpgradeDialog.reviewHints
    case .payAndUpgrade: PayAndUpgradeDialog.hints
    case .checkout: CheckoutScreen.hints
    case .inbox: InboxScreen.hints
    case .invoice: InvoiceView.hints
    case .transactions: TransactionsScreen.hints
    case .autoUpgrade(let form): AutoUpgradeForm.hints(form)
    }
  }

  private static func drawFooter(_ state: AppState, into grid: inout Grid) {
    let y = grid.height - 1
    grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), role: .normal)
    if let message = state.message {
      let role: Paint = message.kind == .error ? .error : message.kind == .success ? .success : .help
      grid.text(message.text, at: Point(x: 1, y: y), width: grid.width - 2, role: role,
        ascii: state.ascii)
      return
    }
    var line = KeyHint.line(hints(for: state))
    if state.ascii { line = line.replacingArrows() }
    grid.text(line, at: Point(x: 1, y: y), width: grid.width - 2, role: .help, ascii: state.ascii)
  }

  private static func drawConfirm(_ confirm: ConfirmPrompt, into grid: inout Grid, ascii: Bool) {
    let width = min(grid.width - 4, max(40, TextWidth.columns(of: confirm.question) + 6))
    let rect = Rect(x: (grid.width - width) / 2, y: grid.height / 2 - 2, width: width, height: 5)
    let inside = grid.panel(rect, title: "Unsaved changes", ascii: ascii, role: .warning)
    grid.text(confirm.question, at: inside.origin, width: inside.width, role: .normal, ascii: ascii)
    grid.put("y yes   n no", at: Point(x: inside.x, y: inside.y + 2), role: .help, clipTo: inside)
  }

  private static func drawTooSmall(_ state: AppState, into grid: inout Grid) {
    let lines = [
      ("Terminal too small", Paint.warning),
      ("\(state.size.width)x\(state.size.height); Saldo needs at least "
        + "\(AppState.minimumSize.width)x\(AppState.minimumSize.height).", .normal),
      ("Enlarge the window, or press q to quit.", .muted),
    ]
    let top = max(0, (grid.height - lines.count) / 2)
    for (index, (text, role)) in lines.enumerated() {
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
