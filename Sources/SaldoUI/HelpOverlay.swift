import SaldoCore
import Terminal

/// `?`: the keys of the current screen in a box over it; any key closes it.
enum HelpOverlay {
  static var common: [KeyHint] {
    [
      KeyHint("?", tr("this list of keys")),
      KeyHint("q, Esc", tr("back; on My environment q quits (asks if a form has changes)")),
      KeyHint("Ctrl-C", tr("quit (asks if a form has changes)")),
    ]
  }

  static func keys(for screen: Screen, home: HomeData? = nil) -> [KeyHint] {
    switch screen {
    case .myEnvironment: MyEnvironmentScreen.help(home)
    case .payAndUpgrade(let dialog): PayAndUpgradeDialog.help(dialog)
    case .checkout(let checkout) where checkout.isRemote:
      CheckoutScreen.remoteKeys.help(for: .anyone)
    case .checkout(let checkout): CheckoutScreen.table(checkout).help(for: .anyone)
    case .inbox: InboxScreen.help(KeyViewer(home))
    case .invoice: InvoiceView.help(KeyViewer(home))
    case .transactions: TransactionsScreen.help(KeyViewer(home))
    case .autoUpgrade: AutoUpgradeForm.help
    case .payments: PaymentsScreen.help(KeyViewer(home))
    }
  }

  static func draw(_ screen: Screen, home: HomeData?, into grid: inout Grid, ascii: Bool) {
    let hints = keys(for: screen, home: home) + [KeyHint("", "")] + common
    let keyWidth = min(22, hints.map { TextWidth.columns(of: $0.keys) }.max() ?? 0)
    let width = min(grid.width - 4, 76)
    let actionWidth = max(10, width - 4 - keyWidth - 2)
    // Every action is wrapped, never cut; the box grows to hold it.
    let rows: [(String, String)] = hints.flatMap { hint -> [(String, String)] in
      let lines = Grid.wrapLines(hint.action, width: actionWidth, ascii: ascii)
      let keys = ascii ? hint.keys.replacingArrows() : hint.keys
      guard !lines.isEmpty else { return [(keys, "")] }
      // Keys wider than their column get a row of their own, the action below them.
      let own = TextWidth.columns(of: keys) > keyWidth ? [(keys, "")] : []
      return own
        + lines.enumerated().map {
          ($0.offset == 0 && own.isEmpty ? keys : "", $0.element)
        }
    }
    let height = min(grid.height - 2, rows.count + 4)
    // The overlay replaces the screen below it: nothing behind shows through at the edges.
    grid.fill(Rect(x: 0, y: 1, width: grid.width, height: max(0, grid.height - 2)), role: .normal)
    let rect = Rect(
      x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width,
      height: height)
    let inside = grid.panel(rect, title: tr("Keys: \(screen.title)"), ascii: ascii)
    for (index, row) in rows.prefix(inside.height - 1).enumerated() {
      let y = inside.y + index
      grid.put(row.0, at: Point(x: inside.x, y: y), role: .help, clipTo: inside)
      grid.put(row.1, at: Point(x: inside.x + keyWidth + 2, y: y), role: .normal, clipTo: inside)
    }
    grid.put(
      tr("Press any key to close"), at: Point(x: inside.x, y: inside.maxY - 1), role: .muted,
      clipTo: inside)
  }
}
