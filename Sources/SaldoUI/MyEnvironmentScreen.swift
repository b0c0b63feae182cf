import SaldoCore
import Terminal

public struct MyEnvironmentState: Equatable {
  /// The highlighted organisation; Enter opens its Inbox-in.
  public var selectedOrganisation = 0
  public init() {}
}

/// The home screen: credit, consumption chart, automatic upgrade, Pay and upgrade, the
/// organisations with their unread invoices and the latest transactions. Members who are not
/// administrators get a notice that names the administrators instead.
enum MyEnvironmentScreen {
  static let payButton = Button(title: "Pay and upgrade", mnemonic: "P")
  static let editButton = Button(title: "Edit", mnemonic: "E")
  static let chartHeight = 6

  struct Layout {
    var credit: Int
    var chartCaption: Int
    var chart: Rect
    var axis: Int
    var upgrade: Int
    var listsTitle: Int
    var lists: Rect
    var payButtonX: Int
    var editButtonX: Int
  }

  static func layout(_ size: Size) -> Layout {
    let width = size.width
    let chart = Rect(x: 2, y: 4, width: width - 4, height: chartHeight)
    let upgrade = chart.maxY + 2
    // The automatic upgrade takes three rows: its state, its details, its latest event.
    let lists = Rect(
      x: 1, y: upgrade + 4, width: width - 2, height: max(0, size.height - upgrade - 5))
    return Layout(
      credit: 2, chartCaption: 3, chart: chart, axis: chart.maxY, upgrade: upgrade,
      listsTitle: upgrade + 3, lists: lists, payButtonX: width - 2 - payButton.columns,
      editButtonX: width - 2 - editButton.columns)
  }

  static func hints(_ home: HomeData?) -> [KeyHint] {
    guard home?.mayAdminister ?? false else { return [KeyHint("q", "quit"), KeyHint("?", "keys")] }
    return [
      KeyHint("P", "pay and upgrade"), KeyHint("↑↓", "choose"), KeyHint("Enter", "Inbox-in"),
      KeyHint("T", "transactions"), KeyHint("?", "keys"), KeyHint("q", "quit"),
    ]
  }

  static let help: [KeyHint] = [
    KeyHint("P", "Pay and upgrade: top up the credit"),
    KeyHint("E", "Edit the automatic upgrade"),
    KeyHint("↑ ↓ j k", "choose an organisation"),
    KeyHint("Enter, I", "open its Inbox-in"),
    KeyHint("T", "transactions (ledger, filters, CSV export)"),
    KeyHint("R", "refresh now (it also refreshes by itself)"),
    KeyHint("q", "quit"),
  ]

  static func handle(_ key: Key, state: inout MyEnvironmentState, app: AppState) -> KeyResult {
    guard let home = app.home else { return .unhandled }
    guard home.mayAdminister else {
      if editButton.matches(key) {
        return .message(.error(AutoUpgradeForm.refusal(
          environmentName: home.environment.name, administrators: home.administratorNames)))
      }
      return .unhandled
    }
    let count = home.organisations.count
    switch key {
    case .up, .character("k"):
      state.selectedOrganisation = max(0, state.selectedOrganisation - 1)
    case .down, .character("j"):
      state.selectedOrganisation = min(max(0, count - 1), state.selectedOrganisation + 1)
    case .home: state.selectedOrganisation = 0
    case .end: state.selectedOrganisation = max(0, count - 1)
    case .enter, .character("i"), .character("I"):
      guard count > 0 else { return .handled([]) }
      let organisation = home.organisations[min(state.selectedOrganisation, count - 1)]
      return .push(.inbox(InboxState(organisation: organisation)), [.loadInbox(organisation)])
    case .character("t"), .character("T"):
      let transactions = TransactionsState(organisations: home.organisations)
      return .push(.transactions(transactions), transactions.pending.map { [.loadTransactions($0)] } ?? [])
    case .character("r"), .character("R"):
      return .handled([.loadHome])
    case .character("e"), .character("E"):
      return .handled([.prepareAutoUpgradeForm])
    case .mouseClick(let row, let col):
      let layout = layout(app.size)
      if row == layout.upgrade, col >= layout.payButtonX, col < layout.payButtonX + payButton.columns {
        return .handled([.preparePayAndUpgrade])
      }
      if row == layout.upgrade + 1, col >= layout.editButtonX,
        col < layout.editButtonX + editButton.columns
      {
        return .handled([.prepareAutoUpgradeForm])
      }
      let index = row - layout.lists.y
      if index >= 0, index < min(count, layout.lists.height), col < layout.lists.width / 2 {
        state.selectedOrganisation = index
        return handle(.enter, state: &state, app: app)
      }
      return .unhandled
    default:
      if payButton.matches(key) { return .handled([.preparePayAndUpgrade]) }
      return .unhandled
    }
    return .handled([])
  }

  static func render(_ state: MyEnvironmentState, app: AppState, into grid: inout Grid) {
    guard let home = app.home else {
      grid.put("Loading…", at: Point(x: 2, y: 2), role: .muted)
      return
    }
    guard home.mayAdminister else {
      renderMemberNotice(home, app: app, into: &grid)
      return
    }
    let ascii = app.ascii
    let layout = layout(app.size)
    let width = grid.width
    grid.put("My environment", at: Point(x: 1, y: 1), role: .title)
    if let summary = home.summary {
      var x = 2
      x += grid.put("Credit ", at: Point(x: x, y: layout.credit), role: .normal)
      x += grid.put(Format.money(summary.balance, ascii: ascii), at: Point(x: x, y: layout.credit),
        role: Header.role(for: summary.state))
      let runway: String
      if summary.blocked {
        runway = "  used up: API traffic is blocked until you top up"
      } else if let days = summary.runwayDays {
        runway = "  lasts \(days) day\(days == 1 ? "" : "s") at "
          + Format.money(summary.averageDaily, ascii: ascii) + " a day (100-day average)"
      } else {
        runway = "  no consumption in the last 100 days"
      }
      grid.text(runway, at: Point(x: x, y: layout.credit), width: width - x - 1,
        role: summary.state == .healthy ? .normal : (summary.blocked ? .error : .warning),
        ascii: ascii)
      let need = Money(mills: summary.averageDaily.mills * CreditRules.coverDays)
      let dash = ascii ? "-" : "─"
      grid.text(
        "Consumption per day, last 100 days.  \(dash) average; 20-day need "
          + Format.money(need, ascii: ascii),
        at: Point(x: 2, y: layout.chartCaption), width: width - 4, role: .muted, ascii: ascii)
      ConsumptionChart.draw(into: &grid, rect: layout.chart, daily: home.daily,
        average: summary.averageDaily, ascii: ascii)
      grid.put("100 days ago", at: Point(x: 2, y: layout.axis), role: .muted)
      let bars = ConsumptionChart.bars(home.daily, width: layout.chart.width).count
      grid.textRight("yesterday", right: min(width - 2, 2 + max(bars, 24)), y: layout.axis,
        role: .muted)
    }
    let (upgrade, detail) = describeAutoUpgrade(home, ascii: ascii)
    grid.text("Automatic upgrade: " + upgrade, at: Point(x: 2, y: layout.upgrade),
      width: layout.payButtonX - 3, role: home.autoUpgrade?.pausedReason == nil ? .normal : .warning,
      ascii: ascii)
    if let detail {
      grid.text(detail, at: Point(x: 4, y: layout.upgrade + 1), width: layout.editButtonX - 6,
        role: .muted, ascii: ascii)
    }
    if let event = home.autoUpgradeEvents.first {
      let (text, role) = AutoUpgradeForm.eventLine(event)
      grid.text(text, at: Point(x: 4, y: layout.upgrade + 2), width: width - 6, role: role,
        ascii: ascii)
    }
    editButton.draw(into: &grid, at: Point(x: layout.editButtonX, y: layout.upgrade + 1),
      role: .button)
    payButton.draw(into: &grid, at: Point(x: layout.payButtonX, y: layout.upgrade), role: .accent)
    renderLists(state, home: home, layout: layout, ascii: ascii, into: &grid)
  }

  /// The automatic upgrade in a line and a detail line: amount and masked account, then the
  /// organisation invoiced, the order number and the last collection.
  static func describeAutoUpgrade(_ home: HomeData, ascii: Bool) -> (String, String?) {
    guard let settings = home.autoUpgrade, settings.enabled else { return ("off", nil) }
    let amount = AutoUpgradeForm.describe(settings.amount, ascii: ascii)
    // The account in short, as on a bank card: country, check digits and the last four.
    let account = (try? IBAN.parse(settings.iban)).map { iban -> String in
      let masked = ascii ? iban.maskedASCII : iban.masked
      return masked.prefix(4) + (ascii ? "..." : "…") + masked.suffix(4)
    } ?? "the account on file"
    var line = "on, " + amount + " from " + account
    if let reason = settings.pausedReason { line = "paused: " + reason }
    var details = ["last run " + (home.lastAutoUpgrade?.iso ?? "never")]
    if let order = settings.orderNumber, !order.isEmpty { details.append("order " + order) }
    details.append("invoices to " + home.organisationName(settings.organisationID))
    return (line, details.joined(separator: " · "))
  }

  private static func renderLists(
    _ state: MyEnvironmentState, home: HomeData, layout: Layout, ascii: Bool, into grid: inout Grid
  ) {
    let half = layout.lists.width / 2
    let left = layout.lists.x
    let right = left + half + 2
    let rightWidth = layout.lists.maxX - right
    grid.put("Organisations", at: Point(x: left + 1, y: layout.listsTitle), role: .title)
    grid.textRight("Unread", right: left + half - 1, y: layout.listsTitle, role: .title)
    grid.put("Latest transactions", at: Point(x: right, y: layout.listsTitle), role: .title)
    grid.verticalLine(at: Point(x: left + half, y: layout.listsTitle),
      length: layout.lists.maxY - layout.listsTitle, role: .border, ascii: ascii)
    for (index, organisation) in home.organisations.prefix(layout.lists.height).enumerated() {
      let y = layout.lists.y + index
      let unread = home.unread[organisation.id] ?? 0
      let role: Paint = unread > 0 ? .unread : .normal
      grid.text(organisation.name, at: Point(x: left + 1, y: y), width: half - 10, role: role,
        ascii: ascii)
      grid.textRight(unread > 0 ? String(unread) : "-", right: left + half - 1, y: y, role: role)
      if index == state.selectedOrganisation {
        grid.paint(Rect(x: left, y: y, width: half, height: 1), role: .selection)
      }
    }
    if home.organisations.isEmpty {
      grid.put("No organisations", at: Point(x: left + 1, y: layout.lists.y), role: .muted)
    }
    for (index, entry) in home.latest.prefix(layout.lists.height).enumerated() {
      let y = layout.lists.y + index
      let amount = Format.price(entry.amount, ascii: ascii)
      let amountWidth = 12
      grid.text(String(entry.at.amsterdamMinute.dropFirst(5)) + " " + Format.entryKind(entry),
        at: Point(x: right, y: y), width: rightWidth - amountWidth - 1, role: .normal, ascii: ascii)
      grid.textRight(amount, right: layout.lists.maxX, y: y,
        role: entry.amount.isNegative ? .normal : .success)
    }
    if home.latest.isEmpty {
      grid.put("No transactions yet", at: Point(x: right, y: layout.lists.y), role: .muted)
    }
  }

  private static func renderMemberNotice(_ home: HomeData, app: AppState, into grid: inout Grid) {
    let width = grid.width - 4
    grid.put("My environment", at: Point(x: 1, y: 1), role: .title)
    grid.text("My environment is for the environment's administrators.",
      at: Point(x: 2, y: 3), width: width, role: .warning, ascii: app.ascii)
    grid.text("You are a member of " + home.environment.name + ", not an administrator.",
      at: Point(x: 2, y: 5), width: width, role: .normal, ascii: app.ascii)
    grid.text("Its administrators: " + home.administratorNames, at: Point(x: 2, y: 6),
      width: width, role: .normal, ascii: app.ascii)
    grid.text("Ask one of them to top up the credit, or to make you an administrator.",
      at: Point(x: 2, y: 8), width: width, role: .muted, ascii: app.ascii)
    grid.text("Invoices reach you by e-mail; open one with `saldo open invoice/NUMBER`.",
      at: Point(x: 2, y: 9), width: width, role: .muted, ascii: app.ascii)
  }
}
