import Terminal

/// `?`: the keys of the current screen in a box over it; any key closes it.
enum HelpOverlay {
  static let common: [KeyHint] = [
    KeyHint("?", "this list of keys"),
    KeyHint("q, Esc", "back; on My environment q quits (asks if a form has changes)"),
    KeyHint("Ctrl-C", "quit (asks if a form has changes)"),
  ]

  static func keys(for screen: Screen) -> [KeyHint] {
    switch screen {
    case .myEnvironment: MyEnvironmentScreen.help
    case .payAndUpgrade(let dialog) where dialog.reviewing: PayAndUpgradeDialog.reviewHelp
    case .payAndUpgrade: PayAndUpgradeDialog.help
    case .checkout: CheckoutScreen.help
    case .inbox: InboxScreen.help
    case .invoice: InvoiceView.help
    case .transactions: TransactionsScreen.help
    case .autoUpgrade: AutoUpgradeForm.help
    }
  }

  static func draw(_ screen: Screen, into grid: inout Grid, ascii: Bool) {
    let hints = keys(for: screen) + [KeyHint("", "")] + common
    let keyWidth = min(22, hints.map { TextWidth.columns(of: $0.keys) }.max() ?? 0)
    let width = min(grid.width - 4, 76)
    let height = min(grid.height - 2, hints.count + 4)
    let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width,
      height: height)
    let inside = grid.panel(rect, title: "Keys: " + screen.title, ascii: ascii)
    for (index, hint) in hints.prefix(inside.height - 1).enumerated() {
      let y = inside.y + index
      grid.put(ascii ? hint.keys.replacingArrows() : hint.keys, at: Point(x: inside.x, y: y),
        role: .help, clipTo: inside)
      grid.text(hint.action, at: Point(x: inside.x + keyWidth + 2, y: y),
        width: inside.width - keyWidth - 2, role: .normal, ascii: ascii)
    }
    grid.put("Press any key to close", at: Point(x: inside.x, y: inside.maxY - 1), role: .muted,
      clipTo: inside)
  }
}
