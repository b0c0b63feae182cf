extension AutoUpgradeService {
  /// The daily job: for every environment this account may run it for (all, for an operator),
  /// expire stale payments, settle collections whose return window passed, remind about
  /// overdue invoices, take the automatic-upgrade decision and send alerts. Idempotent: safe to
  /// run from cron every few minutes. With `only`, just that environment.
  ///
  /// The job decides on the real date. `day` lets an operator catch up a past day after an
  /// outage: the decision then looks at that day's 100-day window, but the upgrade is made,
  /// dated and collected today, at most once per real day, and nothing is paused for being late.
  public func daily(on day: Day? = nil, only: Environment? = nil) throws -> [DailyReport] {
    let today = Day(containing: clock.now())
    if let day {
      guard day <= today else {
        throw SaldoError.invalid(
          tr(
            "--date \(day.iso) is later than today (\(today.iso)); the daily job decides on the"
              + " real date, and --date only catches up a past day"))
      }
      if day != today {
        try store.read { try access.requireOperator(to: tr("run the daily job for a past date")) }
      }
    }
    let decisionDay = day ?? today
    try core.topUps.expireStalePayments()
    let environments = try dailyEnvironments(only: only)
    try settleCollections(of: environments, on: today)
    try core.invoices.remindOverdueInvoices(of: environments, on: today)
    // A catch-up day's window is not remembered: today's readers need today's.
    if decisionDay == today {
      let everyEnvironment = try only == nil && store.read { try access.isOperator() }
      try rememberWindows(of: environments, everyEnvironment: everyEnvironment, on: today)
    }
    // One read pass decides, from the maintained aggregates, which environments need a write
    // at all; only those take the write lock, where the decision is taken again.
    let plans: [(Environment, CreditSummary, AutoUpgradeAction?)] = try store.read {
      let settings = try store.allAutoUpgrades()
      let alerts = try store.runningAlerts()
      var upgradedToday: [Int64: Int64] = [:]
      for collection in try store.collections(createdDay: today) {
        upgradedToday[collection.environmentID] = collection.id
      }
      return try environments.map { environment in
        let summary = try core.credit.unauthorisedCreditSummary(of: environment, on: decisionDay)
        let quiet = Self.quietAction(
          summary, settings: settings[environment.id],
          alerts: alerts[environment.id] ?? [], upgradedToday: upgradedToday[environment.id])
        return (environment, summary, quiet)
      }
    }
    return try plans.map { environment, summary, quiet in
      if let quiet {
        return DailyReport(
          environment: environment, day: decisionDay, summaryBefore: summary, action: quiet,
          balanceAfter: summary.balance)
      }
      // A fault is contained to this environment (recorded for it); only a store that
      // cannot be written at all stops the sweep.
      return try store.write {
        let before = try core.credit.unauthorisedCreditSummary(of: environment, on: decisionDay)
        let action = try containedAutoUpgrade(environment, on: decisionDay)
        let after = try core.credit.unauthorisedCreditSummary(of: environment, on: today)
        return DailyReport(
          environment: environment, day: decisionDay, summaryBefore: before, action: action,
          balanceAfter: after.balance)
      }
    }
  }

  /// Remembers the day's 100-day window on each swept environment's credit row: the read pass
  /// below, and every reading of the day after it (My environment, `saldo balance`, an import's
  /// upgrade decision), then reads one row instead of the running sums. In slices of 10,000
  /// environments, each its own write transaction, so that other writers wait briefly; a window
  /// already remembered for the day is left as it is.
  private func rememberWindows(
    of environments: [Environment], everyEnvironment: Bool, on day: Day
  ) throws {
    let window = CreditRules.averageWindow(before: day)
    let ids = environments.map(\.id).sorted()
    var start = 0
    while start < ids.count {
      let slice = ids[start..<min(start + 10_000, ids.count)]
      start = slice.endIndex
      try store.write {
        // Every environment is swept: the slice is all of its id range, one statement.
        if everyEnvironment, let first = slice.first, let last = slice.last {
          try store.rememberWindows(days: window, ids: first...last)
        } else {
          for id in slice { try store.rememberWindow(environmentID: id, days: window) }
        }
      }
    }
  }

  /// The environments the daily job sweeps for this account (or just `only`).
  func dailyEnvironments(only: Environment?) throws -> [Environment] {
    let environments: [Environment] = try store.read {
      if let only {
        try access.requireAdministratorOrOperator(of: only, to: tr("run the daily job"))
        return [only]
      }
      if try access.isOperator() { return try store.environments() }
      guard let user = try access.user() else { return [] }
      return try store.environmentIDs(userID: user.id).compactMap { id in
        guard let environment = try store.environment(id: id),
          try store.role(userID: user.id, environmentID: id) == .administrator
        else { return nil }
        return environment
      }
    }
    if environments.isEmpty {
      throw SaldoError.forbidden(
        tr(
          "account \(account.login) administers no environment here; the daily job runs for an"
            + " operator or an administrator"))
    }
    return environments
  }

  /// The daily outcome when nothing needs writing: no upgrade to make and no alert to start or
  /// end. Nil when the environment needs the write path.
  static func quietAction(
    _ summary: CreditSummary, settings: AutoUpgradeSettings?, alerts: Set<String>,
    upgradedToday collectionID: Int64?
  ) -> AutoUpgradeAction? {
    let active = settings?.isActive ?? false
    let low = summary.upgradeDue && !summary.blocked && !active
    if summary.blocked != alerts.contains("exhausted") { return nil }
    if low && !alerts.contains("low") { return nil }
    if !summary.upgradeDue && alerts.contains("low") { return nil }
    guard let settings else { return .notConfigured }
    guard settings.enabled else { return .off }
    if let reason = settings.pausedReason { return .paused(reason) }
    if let collectionID { return .alreadyDone(collectionID: collectionID) }
    // Due: an upgrade to make, on the write path.
    return summary.upgradeDue ? nil : .notDue
  }
  /// Sends "credit running low" and "credit used up" once per episode: when the condition
  /// starts, not at every run; it may start again after it ended.
  func evaluateAlerts(_ environment: Environment, summary: CreditSummary) throws {
    let now = clock.now()
    let name = environment.name
    let balance = MoneyFormat.display(summary.balance)
    if summary.blocked {
      if try store.startAlert(environmentID: environment.id, kind: "exhausted", since: now) {
        try notifyAdministrators(environment, key: "exhausted:\(environment.id):\(now.seconds)") {
          MailText(
            subject: tr("Credit of \(name) used up: please top up", $0),
            body: tr(
              """
              The transaction credit of \(name) is used up (balance
              \(balance)). API traffic is blocked until the credit is
              topped up.

              Please top up now: open My environment and choose Pay and upgrade, or run
                saldo topup AMOUNT --method ideal|invoice
              """, $0))
        }
      }
    } else {
      try store.endAlert(environmentID: environment.id, kind: "exhausted")
    }
    let automatic = try store.autoUpgrade(environmentID: environment.id)?.isActive ?? false
    if summary.upgradeDue && !summary.blocked && !automatic {
      if try store.startAlert(environmentID: environment.id, kind: "low", since: now) {
        let average = MoneyFormat.display(summary.averageDaily)
        try notifyAdministrators(environment, key: "low:\(environment.id):\(now.seconds)") {
          language in
          let runway =
            summary.runwayDays.map {
              tr(count: Int($0), one: "\($0) day", other: "\($0) days", language)
            } ?? tr("few days", language)
          return MailText(
            subject: tr("Credit of \(name) running low", language),
            body: tr(
              """
              The balance of \(name), \(balance), covers
              \(runway) at the average of the past 100
              days (\(average) a day): less than 20 days.

              Top up with Pay and upgrade in My environment, or switch on the automatic upgrade.
              """, language))
        }
      }
    } else if !summary.upgradeDue {
      try store.endAlert(environmentID: environment.id, kind: "low")
    }
  }

  /// Queues a message to each administrator whose profile asks for credit alerts, in the
  /// language of each: `text` writes the subject and body in the language it is given.
  func notifyAdministrators(
    _ environment: Environment, key: String, _ text: (Language) -> MailText
  ) throws {
    for member in try store.members(environmentID: environment.id)
    where member.role == .administrator && member.user.notifications.creditAlerts {
      guard let address = member.user.email else { continue }
      let language = member.user.mailLanguage
      let mail = text(language)
      let name = member.user.displayName
      _ = try store.enqueue(
        key: key + ":" + String(member.user.id), environmentID: environment.id,
        toName: member.user.displayName, toAddress: address, subject: mail.subject,
        body: tr("Hello \(name),", language) + "\n\n" + mail.body + "\n\n"
          + tr(
            """
            You receive this because your profile asks for credit alerts; change that with \
            `saldo profile --credit-alerts off`.
            """, language) + "\n",
        at: clock.now())
    }
  }
}

/// An e-mail's subject and body in one language, written for one recipient.
struct MailText {
  let subject: String
  let body: String
}
