import SaldoCore
import Terminal

/// The top row of every screen: the environment's name on the left, the balance in the
/// top-right corner, coloured by its state (healthy, low, used up).
enum Header {
  static func draw(
    into grid: inout Grid, environmentName: String, summary: CreditSummary?,
    ascii: Bool
  ) {
    let row = Rect(x: 0, y: 0, width: grid.width, height: 1)
    grid.fill(row, role: .header)
    var balanceColumns = 0
    if let summary {
      let balance = tr("Balance \(ScreenFormat.money(summary.balance, ascii: ascii))")
      balanceColumns = TextWidth.columns(of: balance) + 2
      grid.fill(
        Rect(x: grid.width - balanceColumns, y: 0, width: balanceColumns, height: 1),
        role: role(for: summary.state))
      grid.textRight(balance, right: grid.width - 1, y: 0, role: role(for: summary.state))
    }
    grid.text(
      environmentName, at: Point(x: 1, y: 0),
      width: grid.width - balanceColumns - 2, role: .header, ascii: ascii)
  }

  static func role(for state: CreditState) -> Paint {
    switch state {
    case .healthy: .balanceHealthy
    case .low: .balanceLow
    case .exhausted: .balanceNegative
    }
  }
}
