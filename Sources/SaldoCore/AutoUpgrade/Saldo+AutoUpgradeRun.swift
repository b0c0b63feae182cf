/// What the automatic upgrade did for one environment on one day.
public enum AutoUpgradeAction: Sendable, Hashable {
  case notConfigured
  case off
  case paused(String)
  case notDue
  case alreadyDone(collectionID: Int64)
  case upgraded(collectionID: Int64, amount: Money, invoice: String)
  case capped(String)
  case failed(String)

  /// A short word for reports and JSON.
  public var name: String {
    switch self {
    case .notConfigured: return "not-configured"
    case .off: return "off"
    case .paused: return "paused"
    case .notDue: return "not-due"
    case .alreadyDone: return "already-done"
    case .upgraded: return "upgraded"
    case .capped: return "capped"
    case .failed: return "failed"
    }
  }
}

/// One environment's line in the daily report.
public struct DailyReport: Sendable, Hashable {
  public let environment: Environment
  public let day: Day
  public let summaryBefore: CreditSummary
  public let action: AutoUpgradeAction
  public let balanceAfter: Money
}

extension Saldo {
  /// The daily job: for every environment this account may run it for (all, for an operator),
  /// expire stale payments, take the automatic-upgrade decision for `day`, and send alerts.
  /// Idempotent: safe to run from cron every few minutes.
  /// With `only`, just that environment (its administrators and operators may run it).
  public func daily(on day: Day? = nil, only: Environment? = nil) throws -> [DailyReport] {
    let today = day ?? Day(containing: clock.now())
    try expireStalePayments()
    let environments: [Environment] = try store.read {
      if let only {
        try access.requireAdministratorOrOperator(of: only, to: "run the daily job")
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
        "account \(account.login) administers no environment here; the daily job runs for an"
          + " operator or an administrator")
    }
    // One read pass decides, from the maintained aggregates, which environments need a write
    // at all; only those take the write lock, where the decision is taken again.
    let plans: [(Environment, CreditSummary, AutoUpgradeAction?)] = try store.read {
      let settings = try store.allAutoUpgrades()
      let alerts = try store.runningAlerts()
      var upgradedToday: [Int64: Int64] = [:]
      for collection in try store.collections(day: today) {
        upgradedToday[collection.environmentID] = collection.id
      }
      return try environments.map { environment in
        let summary = try unauthorisedCreditSummary(of: environment, on: today)
        let quiet = Self.quietAction(
          summary, settings: settings[environment.id],
          alerts: alerts[environment.id] ?? [], upgradedToday: upgradedToday[environment.id])
        return (environment, summary, quiet)
      }
    }
    return try plans.map { environment, summary, quiet in
      if let quiet {
        return DailyReport(
          environment: environment, day: today, summaryBefore: summary, action: quiet,
          balanceAfter: summary.balance)
      }
      do {
        return try store.write {
          let before = try unauthorisedCreditSummary(of: environment, on: today)
          let action = try runAutoUpgrade(environment, on: today)
          let after = try unauthorisedCreditSummary(of: environment, on: today)
          try evaluateAlerts(environment, summary: after)
          return DailyReport(
            environment: environment, day: today, summaryBefore: before, action: action,
            balanceAfter: after.balance)
        }
      } catch let error as SaldoError {
        // One environment's problem must not stop the sweep for the others; it is reported.
        return DailyReport(
          environment: environment, day: today, summaryBefore: summary,
          action: .failed(error.description), balanceAfter: summary.balance)
      }
    }
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

  /// Takes the automatic-upgrade decision for an environment and day, inside one write
  /// transaction: the decision is re-read under the write lock, and the (environment, day)
  /// unique key of collections makes a second upgrade for the same day impossible.
  @discardableResult
  func runAutoUpgrade(_ environment: Environment, on day: Day) throws -> AutoUpgradeAction {
    try store.write {
      guard let settings = try store.autoUpgrade(environmentID: environment.id) else {
        return .notConfigured
      }
      guard settings.enabled else { return .off }
      if let reason = settings.pausedReason { return .paused(reason) }
      if let done = try store.collection(environmentID: environment.id, day: day) {
        return .alreadyDone(collectionID: done.id)
      }
      let summary = try unauthorisedCreditSummary(of: environment, on: day)
      guard summary.upgradeDue else { return .notDue }
      return try executeUpgrade(environment, settings: settings, day: day, summary: summary)
    }
  }

  private func executeUpgrade(
    _ environment: Environment, settings: AutoUpgradeSettings, day: Day, summary: CreditSummary
  ) throws -> AutoUpgradeAction {
    let now = clock.now()
    let plan = try plan(of: environment)
    func fail(_ reason: String, pause: Bool) throws -> AutoUpgradeAction {
      if pause {
        var paused = settings
        paused.pausedReason = reason
        try store.saveAutoUpgrade(paused, environmentID: environment.id)
      }
      try store.addAutoUpgradeEvent(
        environmentID: environment.id,
        event: AutoUpgradeEvent(at: now, kind: pause ? .paused : .failed, message: reason))
      try notifyAdministrators(
        environment, key: "auto-failed:\(environment.id):\(day.iso)",
        subject: "Automatic upgrade of \(environment.name) \(pause ? "paused" : "failed")",
        body: """
          The automatic upgrade of \(environment.name) could not top up the credit on \(day.iso):
          \(reason).

          Balance: \(MoneyFormat.display(summary.balance)). Top up by hand with Pay and upgrade
          (or `saldo topup`), and check the automatic upgrade in My environment (Edit).
          """)
      return pause ? .paused(reason) : .failed(reason)
    }
    if let reason = plan.availability(of: .directDebit).reason {
      return try fail("the plan no longer allows direct debit (\(reason))", pause: true)
    }
    let iban: IBAN
    do { iban = try IBAN.parse(settings.iban) } catch {
      return try fail("the mandate's IBAN is invalid (\(error.description))", pause: true)
    }
    if settings.mandateDate > day {
      return try fail("the mandate is dated after \(day.iso)", pause: true)
    }
    let seller: SellerProfile
    do { seller = try self.seller() } catch {
      return try fail("the platform's seller data is incomplete", pause: false)
    }
    guard let creditorText = seller.creditorID, let creditorID = try? SEPACreditorID(creditorText)
    else { return try fail("the platform has no valid SEPA creditor id", pause: false) }
    guard let organisation = try store.organisation(id: settings.organisationID) else {
      return try fail("the invoice organisation no longer exists", pause: true)
    }
    let amount = settings.amount(windowConsumption: summary.windowConsumption)
    let credit = min(amount, TopUpRules.maximum)
    if let cap = settings.monthlyCap {
      let (year, month, _) = day.civil
      guard let first = Day(year: year, month: month, day: 1),
        let last = Day(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
      else { return .notDue }
      let used = try store.collectedCredit(environmentID: environment.id, from: first, to: last)
      if used.mills + credit.mills > cap.mills {
        let reason =
          "the monthly cap of \(MoneyFormat.display(cap, ascii: true)) is reached"
          + " (\(MoneyFormat.display(used, ascii: true)) collected this month); no further"
          + " automatic upgrades until next month"
        let monthKey = CivilDate.pad(year, 4) + "-" + CivilDate.pad(month, 2)
        if try store.startAlert(environmentID: environment.id, kind: "capped:" + monthKey, since: now) {
          try store.addAutoUpgradeEvent(
            environmentID: environment.id,
            event: AutoUpgradeEvent(at: now, kind: .capped, message: reason))
          try notifyAdministrators(
            environment, key: "auto-capped:\(environment.id):\(monthKey)",
            subject: "Automatic upgrade of \(environment.name) stopped: monthly cap reached",
            body: """
              The automatic upgrade of \(environment.name) did not top up on \(day.iso): \(reason).

              Balance: \(MoneyFormat.display(summary.balance)). Top up by hand with Pay and
              upgrade, or raise the cap in My environment (Edit).
              """)
        }
        return .capped(reason)
      }
    }

    // Execute: a payment under the mandate, the invoice, the credit, the collection. The
    // invoice is tried first with a placeholder number, so data that cannot be invoiced (an
    // organisation whose details became incomplete) pauses the upgrade and tells the
    // administrators, instead of failing half-way or failing the caller's consumption batch.
    let quote = TopUpRules.quote(amount: credit, plan: plan)
    var sellerForInvoice = seller
    sellerForInvoice.creditorID = creditorID.value
    do {
      _ = try TopUpInvoice.document(
        number: "0000-000000", issueDate: Day(containing: now), dueDate: collectionDate(after: day),
        seller: sellerForInvoice, buyer: organisation, environmentName: environment.name,
        amount: quote.credit, bonus: quote.bonus, orderNumber: settings.orderNumber,
        payment: .directDebit(mandateID: settings.mandateID, debtorIBAN: iban, reference: "check"))
    } catch let error as SaldoError {
      return try fail(error.description, pause: true)
    }
    let payment = try store.insertPayment(
      NewPayment(
        environmentID: environment.id, organisationID: organisation.id, method: .directDebit,
        amount: quote.credit, bonus: quote.bonus, vat: quote.vat, status: .invoiced,
        idempotencyKey: "auto:\(environment.id):\(day.iso)", provider: "sepa",
        checkoutReference: nil, orderNumber: settings.orderNumber, createdAt: now,
        expiresAt: now, actor: "automatic-upgrade"))
    let year = Day(containing: now).civil.year
    let sequence = try store.nextInvoiceSequence(year: year)
    let number = TopUpInvoice.number(year: year, sequence: sequence)
    guard try store.markPaymentCredited(id: payment.id, invoiceNumber: number) else {
      throw SaldoError.conflict("automatic upgrade payment \(payment.id) was credited already")
    }
    let document = try TopUpInvoice.document(
      number: number, issueDate: Day(containing: now), dueDate: collectionDate(after: day),
      seller: sellerForInvoice, buyer: organisation, environmentName: environment.name,
      amount: quote.credit, bonus: quote.bonus, orderNumber: settings.orderNumber,
      payment: .directDebit(mandateID: settings.mandateID, debtorIBAN: iban, reference: number),
      description: "Transaction credit (automatic upgrade)")
    _ = try issue(
      document, payment: payment, organisation: organisation, environment: environment,
      means: .directDebit, year: year, sequence: sequence)
    let standing = try store.standingCollections(mandateID: settings.mandateID)
    let collectionID = try store.insertCollection(
      environmentID: environment.id, day: day, paymentID: payment.id, invoiceNumber: number,
      endToEndID: "SALDO-\(environment.id)-\(day.iso)", amount: quote.total,
      credited: Money(mills: quote.credit.mills + quote.bonus.mills),
      sequence: standing == 0 ? .first : .recurring, mandateID: settings.mandateID,
      mandateDate: settings.mandateDate, debtorName: settings.holder, debtorIBAN: iban.value,
      collectionDate: collectionDate(after: day), at: now)
    let message =
      "Topped up \(MoneyFormat.display(quote.credit, ascii: true))"
      + (quote.bonus.isZero ? "" : " + \(MoneyFormat.display(quote.bonus, ascii: true)) bonus")
      + " by direct debit; invoice \(number)"
    try store.addAutoUpgradeEvent(
      environmentID: environment.id, event: AutoUpgradeEvent(at: now, kind: .done, message: message))
    try notifyAdministrators(
      environment, key: "auto-done:\(environment.id):\(day.iso)",
      subject: "Automatic upgrade of \(environment.name): \(MoneyFormat.display(quote.credit))",
      body: """
        The balance of \(environment.name) would not cover the next 20 days, so the automatic
        upgrade topped it up on \(day.iso).

        \(message).
        \(MoneyFormat.display(quote.total)) (incl. 21% VAT) is collected by SEPA direct debit from
        \(iban.maskedASCII) under mandate \(settings.mandateID) on or after
        \(collectionDate(after: day).iso).

        Open the invoice with:  saldo open invoice/\(number)
        """)
    return .upgraded(collectionID: collectionID, amount: quote.credit, invoice: number)
  }

  /// The requested collection date: the next business day (banks do not collect at weekends).
  func collectionDate(after day: Day) -> Day {
    var next = day.adding(days: 1)
    while next.weekday >= 5 { next = next.adding(days: 1) }
    return next
  }

  /// Sends "credit running low" and "credit used up" once per episode: when the condition
  /// starts, not at every run; it may start again after it ended.
  func evaluateAlerts(_ environment: Environment, summary: CreditSummary) throws {
    let now = clock.now()
    if summary.blocked {
      if try store.startAlert(environmentID: environment.id, kind: "exhausted", since: now) {
        try notifyAdministrators(
          environment, key: "exhausted:\(environment.id):\(now.seconds)",
          subject: "Credit of \(environment.name) used up: please top up",
          body: """
            The transaction credit of \(environment.name) is used up (balance
            \(MoneyFormat.display(summary.balance))). API traffic is blocked until the credit is
            topped up.

            Please top up now: open My environment and choose Pay and upgrade, or run
              saldo topup AMOUNT --method ideal|invoice
            """)
      }
    } else {
      try store.endAlert(environmentID: environment.id, kind: "exhausted")
    }
    let automatic = try store.autoUpgrade(environmentID: environment.id)?.isActive ?? false
    if summary.upgradeDue && !summary.blocked && !automatic {
      if try store.startAlert(environmentID: environment.id, kind: "low", since: now) {
        try notifyAdministrators(
          environment, key: "low:\(environment.id):\(now.seconds)",
          subject: "Credit of \(environment.name) running low",
          body: """
            The balance of \(environment.name), \(MoneyFormat.display(summary.balance)), covers
            \(summary.runwayDays.map { "\($0) days" } ?? "few days") at the average of the past 100
            days (\(MoneyFormat.display(summary.averageDaily)) a day): less than 20 days.

            Top up with Pay and upgrade in My environment, or switch on the automatic upgrade.
            """)
      }
    } else if !summary.upgradeDue {
      try store.endAlert(environmentID: environment.id, kind: "low")
    }
  }

  /// Queues a message to each administrator whose profile asks for credit alerts.
  func notifyAdministrators(_ environment: Environment, key: String, subject: String, body: String)
    throws
  {
    for member in try store.members(environmentID: environment.id)
    where member.role == .administrator && member.user.notifications.creditAlerts {
      guard let address = member.user.email else { continue }
      _ = try store.enqueue(
        key: key + ":" + String(member.user.id), environmentID: environment.id,
        toName: member.user.displayName, toAddress: address, subject: subject,
        body: "Hello \(member.user.displayName),\n\n" + body
          + "\n\nYou receive this because your profile asks for credit alerts; change that with"
          + " `saldo profile --credit-alerts off`.\n",
        at: clock.now())
    }
  }
}
