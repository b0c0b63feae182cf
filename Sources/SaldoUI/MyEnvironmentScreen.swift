import SaldoCore
import Terminal

public struct MyEnvironmentState: Equatable {
  /// The organisations, scrolled so the selection is always shown; Enter opens its Inbox-in.
  var organisations = ScreenList()
  /// The highlighted organisation.
  public var selectedOrganisation: Int { organisations.selected }
  public init() {}
}

/// The home screen: credit, consumption chart, automatic upgrade, Pay and upgrade, the
/// organisations with their unread invoices and the latest transactions. Members who are not
/// administrators get a notice that names the administrators instead.
enum MyEnvironmentScreen {
  static var payButton: Button { Button(title: tr("Pay and upgrade"), mnemonic: "P") }
  static var editButton: Button { Button(title: tr("Edit"), mnemonic: "E") }
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

  /// What the keys of My environment ask for.
  enum Request: Equatable {
    case payAndUpgrade, editAutoUpgrade, move, openInbox, search, transactions, payments
    case refresh
  }

  /// The one table of My environment's keys: the handler, the footer and `?` read it.
  static let keys = KeyTable<Request>([
    KeyBinding(
      request: .payAndUpgrade, label: "P", footer: localized("pay and upgrade"),
      help: localized("Pay and upgrade: top up the credit"), audience: .administrators,
      keys: [.character("p")]),
    KeyBinding(
      request: .editAutoUpgrade, label: "E", footer: nil,
      help: localized("Edit the automatic upgrade"), audience: .administrators,
      keys: [.character("e")]),
    KeyBinding(
      request: .move, label: "↑↓", footer: localized("choose"),
      help: localized("choose an organisation (also j k, PgUp PgDn, Home End, the wheel)"),
      audience: .administratorsAndOperators),
    KeyBinding(
      request: .openInbox, label: "Enter", footer: localized("Inbox-in"),
      help: localized("open the organisation's Inbox-in (also I)"),
      audience: .administratorsAndOperators,
      keys: [.enter, .character("i")]),
    KeyBinding(
      request: .search, label: "/", footer: nil,
      help: localized("search the organisations by name; n for the next match"),
      audience: .administratorsAndOperators, keys: [.character("/")]),
    KeyBinding(
      request: .transactions, label: "T", footer: localized("transactions"),
      help: localized("transactions (ledger, filters, CSV export)"),
      audience: .administratorsAndOperators,
      keys: [.character("t")]),
    KeyBinding(
      request: .payments, label: "$", footer: nil,
      help: localized("payments: resume or cancel an open checkout"),
      audience: .administratorsAndOperators,
      keys: [.character("$")]),
    KeyBinding(
      request: .refresh, label: "R", footer: nil,
      help: localized("refresh now (it also refreshes by itself)"),
      audience: .administratorsAndOperators,
      keys: [.character("r")]),
  ])

  static func hints(_ home: HomeData?) -> [KeyHint] {
    let viewer = KeyViewer(home)
    var hints = keys.footer(for: viewer)
    if let home, viewer.mayAdminister, home.openPayments > 0 {
      let open = home.openPayments
      hints.insert(
        KeyHint(
          "$", tr(count: open, one: "\(open) open payment", other: "\(open) open payments")),
        at: 0)
    }
    return hints + [KeyHint("?", tr("keys")), KeyHint("q", tr("quit"))]
  }

  static func help(_ home: HomeData?) -> [KeyHint] {
    keys.help(for: KeyViewer(home)) + [KeyHint("q", tr("quit"))]
  }

  static func handle(_ key: Key, state: inout MyEnvironmentState, app: AppState) -> KeyResult {
    guard let home = app.home else { return .unhandled }
    let viewer = KeyViewer(home)
    let height = organisationRows(app.size)
    let names = home.organisations.map(\.name)
    if viewer.mayAdminister {
      state.organisations.setCount(names.count, height: height)
      if state.organisations.isTypingSearch || ListMove(key) != nil
        || (key == .escape && state.organisations.search != nil)
        || (key == .character("n") && state.organisations.search != nil)
      {
        _ = state.organisations.handle(key, height: height) { names[$0] }
        return .handled([])
      }
    }
    if case .mouseClick(let row, let col) = key {
      return click(row: row, col: col, state: &state, app: app)
    }
    guard let (request, allowed) = keys.lookup(key, for: viewer) else { return .unhandled }
    switch request {
    // Not hidden behind the table for a member: the core refuses, and says who may.
    case .payAndUpgrade: return .handled([.preparePayAndUpgrade])
    case .editAutoUpgrade: return .handled([.prepareAutoUpgradeForm])
    default: break
    }
    guard allowed else { return .unhandled }
    switch request {
    case .payAndUpgrade, .editAutoUpgrade, .move: return .handled([])
    case .openInbox:
      guard !names.isEmpty else { return .handled([]) }
      let organisation = home.organisations[min(state.organisations.selected, names.count - 1)]
      return .push(.inbox(InboxState(organisation: organisation)), [.loadInbox(organisation)])
    case .search:
      _ = state.organisations.handle(key, height: height) { names[$0] }
      return .handled([])
    case .transactions:
      let transactions = TransactionsState(organisations: home.organisations)
      return .push(
        .transactions(transactions), transactions.pending.map { [.loadTransactions($0)] } ?? [])
    case .payments:
      return .push(.payments(PaymentsState(organisations: home.organisations)), [.loadPayments])
    case .refresh:
      return .handled([.loadHome])
    }
  }

  private static func click(row: Int, col: Int, state: inout MyEnvironmentState, app: AppState)
    -> KeyResult
  {
    let layout = layout(app.size)
    if row == layout.upgrade, col >= layout.payButtonX,
      col < layout.payButtonX + payButton.columns
    {
      return .handled([.preparePayAndUpgrade])
    }
    if row == layout.upgrade + 1, col >= layout.editButtonX,
      col < layout.editButtonX + editButton.columns
    {
      return .handled([.prepareAutoUpgradeForm])
    }
    guard app.home?.mayAdminister == true, col < layout.lists.width / 2,
      let index = state.organisations.index(
        atRow: row, firstRow: layout.lists.y, height: organisationRows(app.size))
    else { return .unhandled }
    state.organisations.viewport.select(index, height: organisationRows(app.size))
    return handle(.enter, state: &state, app: app)
  }

  /// Rows for organisations: the lists' height less the "N of M" line.
  static func organisationRows(_ size: Size) -> Int { max(1, layout(size).lists.height - 1) }

  /// Draws My environment; returns the text cursor when the search prompt is open.
  static func render(_ state: MyEnvironmentState, app: AppState, into grid: inout Grid)
    -> Point?
  {
    guard let home = app.home else {
      grid.put(tr("Loading…"), at: Point(x: 2, y: 2), role: .muted)
      return nil
    }
    guard home.mayAdminister else {
      renderMemberNotice(home, app: app, into: &grid)
      return nil
    }
    let ascii = app.ascii
    let layout = layout(app.size)
    let width = grid.width
    grid.put(tr("My environment"), at: Point(x: 1, y: 1), role: .title)
    if let summary = home.summary {
      var x = 2
      x += grid.put(tr("Credit "), at: Point(x: x, y: layout.credit), role: .normal)
      x += grid.put(
        ScreenFormat.money(summary.balance, ascii: ascii), at: Point(x: x, y: layout.credit),
        role: Header.role(for: summary.state))
      let window = CreditRules.averageWindowDays
      let runway: String
      if summary.blocked {
        runway = "  " + tr("used up: API traffic is blocked until you top up")
      } else if let days = summary.runwayDays {
        let average = ScreenFormat.money(summary.averageDaily, ascii: ascii)
        runway =
          "  "
          + tr(
            count: days, one: "lasts \(days) day at \(average) a day (\(window)-day average)",
            other: "lasts \(days) days at \(average) a day (\(window)-day average)")
      } else {
        runway = "  " + tr("no consumption in the last \(window) days")
      }
      grid.text(
        runway, at: Point(x: x, y: layout.credit), width: width - x - 1,
        role: summary.state == .healthy ? .normal : (summary.blocked ? .error : .warning),
        ascii: ascii)
      let need = Money(mills: summary.averageDaily.mills * CreditRules.coverDays)
      let dash = ascii ? "-" : "─"
      grid.text(
        tr(
          "Consumption per day, last \(window) days.  \(dash) average; \(CreditRules.coverDays)-day need \(ScreenFormat.money(need, ascii: ascii))"
        ),
        at: Point(x: 2, y: layout.chartCaption), width: width - 4, role: .muted, ascii: ascii)
      if home.daily.allSatisfy({ $0.mills == 0 }) {
        grid.wrapped(
          tr(
            "No consumption yet: the chart fills as the platform records sent and received documents (an operator imports a file with `saldo consume --file FILE`). Top up first with P, so traffic is not blocked when it starts."
          ),
          at: Point(x: layout.chart.x, y: layout.chart.y + 1), width: layout.chart.width,
          role: .muted, ascii: ascii)
      } else {
        ConsumptionChart.draw(
          into: &grid, rect: layout.chart, daily: home.daily,
          average: summary.averageDaily, ascii: ascii)
      }
      grid.put(tr("\(window) days ago"), at: Point(x: 2, y: layout.axis), role: .muted)
      let bars = ConsumptionChart.bars(home.daily, width: layout.chart.width).count
      grid.textRight(
        tr("yesterday"), right: min(width - 2, 2 + max(bars, 24)), y: layout.axis,
        role: .muted)
    }
    let (upgrade, detail) = describeAutoUpgrade(
      home, ascii: ascii, width: max(layout.editButtonX - 6, 10))
    // The account is left out rather than cut when the line is too long for the room beside
    // the button (a longer language, a larger amount).
    var upgradeLine = tr("Automatic upgrade: \(upgrade)")
    if TextWidth.columns(of: upgradeLine) > layout.payButtonX - 3,
      let settings = home.autoUpgrade, settings.enabled, settings.pausedReason == nil
    {
      let amount = AutoUpgradeForm.describe(settings.amount, ascii: ascii)
      upgradeLine = tr("Automatic upgrade: \(tr("on, \(amount)"))")
    }
    grid.text(
      upgradeLine, at: Point(x: 2, y: layout.upgrade),
      width: layout.payButtonX - 3,
      role: home.autoUpgrade?.pausedReason == nil ? .normal : .warning,
      ascii: ascii)
    if let detail {
      grid.text(
        detail, at: Point(x: 4, y: layout.upgrade + 1), width: layout.editButtonX - 6,
        role: .muted, ascii: ascii)
    }
    if let event = home.autoUpgradeEvents.first {
      let (text, role) = AutoUpgradeForm.eventLine(event)
      grid.text(
        text, at: Point(x: 4, y: layout.upgrade + 2), width: width - 6, role: role,
        ascii: ascii)
    }
    editButton.draw(
      into: &grid, at: Point(x: layout.editButtonX, y: layout.upgrade + 1),
      role: .button)
    payButton.draw(into: &grid, at: Point(x: layout.payButtonX, y: layout.upgrade), role: .accent)
    return renderLists(state, home: home, layout: layout, ascii: ascii, into: &grid)
  }

  /// The automatic upgrade in a line and a detail line of at most `width` columns: amount and
  /// masked account; then the latest run and what the monthly cap leaves, which always show,
  /// then the order number and the organisation invoiced while they fit. Nothing is cut: an
  /// item that does not fit whole is left out, a shorter wording of the cap is taken first.
  /// What a run of the automatic upgrade did, in a word.
  static func eventKind(_ kind: AutoUpgradeEvent.Kind) -> String {
    switch kind {
    case .settings: tr("changed")
    case .done: tr("done")
    case .failed: tr("failed")
    case .capped: tr("capped")
    case .paused: tr("paused")
    }
  }

  static func describeAutoUpgrade(_ home: HomeData, ascii: Bool, width: Int = 200)
    -> (String, String?)
  {
    guard let settings = home.autoUpgrade, settings.enabled else { return (tr("off"), nil) }
    let amount = AutoUpgradeForm.describe(settings.amount, ascii: ascii)
    // The account in short, as on a bank card: country, check digits and the last four.
    let masked = ascii ? settings.iban.maskedASCII : settings.iban.masked
    let account = masked.prefix(4) + (ascii ? "..." : "…") + masked.suffix(4)
    var line = tr("on, \(amount) from \(account)")
    if let reason = settings.pausedReasonShown { line = tr("paused: \(reason)") }
    // The latest run is what the upgrade last did or could not do (a capped or failed run
    // counts), else the day of its last collection.
    let run = home.autoUpgradeEvents.first { $0.kind != .settings }
    let when =
      run.map { String(Day(containing: $0.at).iso.dropFirst(5)) + " " + eventKind($0.kind) }
      ?? home.lastAutoUpgrade.map { String($0.iso.dropFirst(5)) } ?? tr("never")
    let lastRun = tr("last run \(when)")
    var capWordings: [String] = [""]
    if let cap = settings.monthlyCap {
      let left = ScreenFormat.money(home.autoUpgradeCapLeft ?? .zero, ascii: ascii)
      let whole = ScreenFormat.money(cap, ascii: ascii)
      capWordings = [
        tr("cap \(whole) a month incl. VAT, \(left) left"),
        tr("cap \(whole)/month, \(left) left"),
        tr("\(left) of \(whole) cap left"),
      ]
    }
    var optional: [String] = []
    if let order = settings.orderNumber, !order.isEmpty { optional.append(tr("order \(order)")) }
    optional.append(tr("invoices to \(home.organisationName(settings.organisationID))"))
    func join(_ items: [String]) -> String {
      items.filter { !$0.isEmpty }.joined(separator: ascii ? " | " : " · ")
    }
    for cap in capWordings {
      var items = [lastRun, cap]
      guard TextWidth.columns(of: join(items)) <= width else { continue }
      for item in optional where TextWidth.columns(of: join(items + [item])) <= width {
        items.append(item)
      }
      return (line, join(items))
    }
    return (line, join([lastRun, capWordings.last ?? ""]))
  }

  private static func renderLists(
    _ state: MyEnvironmentState, home: HomeData, layout: Layout, ascii: Bool, into grid: inout Grid
  ) -> Point? {
    var cursor: Point?
    let half = layout.lists.width / 2
    let left = layout.lists.x
    let right = left + half + 2
    let rightWidth = layout.lists.maxX - right
    grid.put(tr("Organisations"), at: Point(x: left + 1, y: layout.listsTitle), role: .title)
    grid.textRight(tr("Unread"), right: left + half - 1, y: layout.listsTitle, role: .title)
    grid.put(tr("Latest transactions"), at: Point(x: right, y: layout.listsTitle), role: .title)
    grid.verticalLine(
      at: Point(x: left + half, y: layout.listsTitle),
      length: layout.lists.maxY - layout.listsTitle, role: .border, ascii: ascii)
    let rows = max(1, layout.lists.height - 1)
    var list = state.organisations.viewport
    list.setCount(home.organisations.count, height: rows)
    for index in list.visibleRange(height: rows) {
      let organisation = home.organisations[index]
      let y = layout.lists.y + index - list.top
      let unread = home.unread[organisation.id] ?? 0
      let role: Paint = unread > 0 ? .unread : .normal
      grid.text(
        organisation.name, at: Point(x: left + 1, y: y), width: half - 10, role: role,
        ascii: ascii)
      grid.textRight(unread > 0 ? String(unread) : "-", right: left + half - 1, y: y, role: role)
      if index == state.selectedOrganisation {
        grid.paint(Rect(x: left, y: y, width: half, height: 1), role: .selection)
      }
    }
    if home.organisations.isEmpty {
      grid.put(tr("No organisations"), at: Point(x: left + 1, y: layout.lists.y), role: .muted)
    }
    var shown = state.organisations
    shown.viewport = list
    cursor = shown.drawStatus(
      into: &grid, y: layout.lists.maxY - 1, right: left + half - 1, height: rows)
    for (index, entry) in home.latest.prefix(layout.lists.height).enumerated() {
      let y = layout.lists.y + index
      let amount = ScreenFormat.money(entry.amount, ascii: ascii)
      let amountWidth = 12
      grid.text(
        String(entry.at.amsterdamMinute.dropFirst(5)) + " " + ScreenFormat.entryKind(entry),
        at: Point(x: right, y: y), width: rightWidth - amountWidth - 1, role: .normal, ascii: ascii)
      grid.textRight(
        amount, right: layout.lists.maxX, y: y,
        role: entry.amount.isNegative ? .normal : .success)
    }
    if home.latest.isEmpty {
      grid.put(tr("No transactions yet"), at: Point(x: right, y: layout.lists.y), role: .muted)
    }
    return cursor
  }

  private static func renderMemberNotice(_ home: HomeData, app: AppState, into grid: inout Grid) {
    let width = grid.width - 4
    grid.put(tr("My environment"), at: Point(x: 1, y: 1), role: .title)
    var y = 3
    for (text, role, gap) in [
      (tr("My environment is for the environment's administrators."), Paint.warning, 1),
      (tr("You are a member of \(home.environment.name), not an administrator."), .normal, 0),
      (tr("Its administrators: \(home.administratorNames)"), .normal, 1),
      (tr("Ask one of them to top up the credit, or to make you an administrator."), .muted, 0),
      (tr("Invoices reach you by e-mail; open one with `saldo open invoice/NUMBER`."), .muted, 0),
    ] {
      y +=
        grid.wrapped(text, at: Point(x: 2, y: y), width: width, role: role, ascii: app.ascii)
        + gap
    }
  }
}
