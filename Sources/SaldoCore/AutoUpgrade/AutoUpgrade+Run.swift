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

extension AutoUpgradeService {
  /// Takes the automatic-upgrade decision for an environment, inside one write transaction:
  /// the decision is re-read under the write lock, and the unique (environment, real day) key
  /// of collections makes a second upgrade on one real day impossible. `day` is the day the
  /// decision is taken for (today, or a past day an operator catches up); the upgrade itself
  /// is always made, dated and collected from the real today.
  @discardableResult
  func runAutoUpgrade(_ environment: Environment, on day: Day) throws -> AutoUpgradeAction {
    try store.write {
      guard let settings = try store.autoUpgrade(environmentID: environment.id) else {
        return .notConfigured
      }
      guard settings.enabled else { return .off }
      if let reason = settings.pausedReason { return .paused(reason) }
      let today = Day(containing: clock.now())
      if let done = try store.collection(environmentID: environment.id, createdDay: today) {
        return .alreadyDone(collectionID: done.id)
      }
      let summary = try core.credit.unauthorisedCreditSummary(of: environment, on: day)
      guard summary.upgradeDue else { return .notDue }
      return try executeUpgrade(environment, settings: settings, day: day, summary: summary)
    }
  }

  private func executeUpgrade(
    _ environment: Environment, settings: AutoUpgradeSettings, day: Day, summary: CreditSummary
  ) throws -> AutoUpgradeAction {
    let now = clock.now()
    let today = Day(containing: now)
    let plan = try core.directory.plan(of: environment)
    // The reason is kept (the pause, the event, the daily report) as the code writes it, and
    // each administrator reads it in their own language.
    func fail(_ reason: Translations, pause: Bool) throws -> AutoUpgradeAction {
      let kept = reason.english
      if pause {
        var paused = settings
        paused.pausedReason = kept
        paused.pausedReasonDutch = reason.texts[.nl]
        try store.saveAutoUpgrade(paused, environmentID: environment.id)
      }
      try store.addAutoUpgradeEvent(
        environmentID: environment.id,
        event: AutoUpgradeEvent(at: now, kind: pause ? .paused : .failed, messages: reason))
      let name = environment.name
      let balance = MoneyFormat.display(summary.balance)
      try notifyAdministrators(environment, key: "auto-failed:\(environment.id):\(today.iso)") {
        language in
        let why = reason.text(in: language)
        return MailText(
          subject: pause
            ? tr("Automatic upgrade of \(name) paused", language)
            : tr("Automatic upgrade of \(name) failed", language),
          body: tr(
            """
            The automatic upgrade of \(name) could not top up the credit on \(today.iso):
            \(why).

            Balance: \(balance). Top up by hand with Pay and upgrade
            (or `saldo topup`), and check the automatic upgrade in My environment (Edit).
            """, language))
      }
      return pause ? .paused(kept) : .failed(kept)
    }
    let directDebit = plan.availability(of: .directDebit)
    if !directDebit.isAvailable {
      return try fail(
        Translations {
          tr("the plan no longer allows direct debit (\(directDebit.reason(in: $0) ?? ""))", $0)
        }, pause: true)
    }
    let iban = settings.iban
    if settings.mandateDate > today {
      return try fail(
        Translations { tr("the mandate is dated after \(today.iso)", $0) }, pause: true)
    }
    let seller: SellerProfile
    do { seller = try core.platform.seller() } catch {
      return try fail(
        Translations { tr("the platform's seller data is incomplete", $0) }, pause: false)
    }
    guard seller.creditorID != nil else {
      return try fail(Translations { tr("the platform has no SEPA creditor id", $0) }, pause: false)
    }
    guard let organisation = try store.organisation(id: settings.organisationID) else {
      return try fail(
        Translations { tr("the invoice organisation no longer exists", $0) }, pause: true)
    }
    let amount = settings.amount(
      windowConsumption: summary.windowConsumption, balance: summary.balance)
    // The treatment of the invoice this upgrade issues today: the direct debit collects its
    // total, and the monthly cap counts that total.
    let tax = TaxTreatment.decide(seller: seller.details, buyer: organisation.details, on: today)
    let quote = TopUpRules.quote(amount: min(amount, TopUpRules.maximum), plan: plan, tax: tax)
    if let capped = try checkMonthlyCap(environment, settings: settings, quote: quote, summary) {
      return capped
    }

    // Everything the bank and the invoice need is checked before anything is booked: data that
    // cannot be invoiced or collected pauses the upgrade and tells the administrators, instead
    // of booking credit that can never be collected or failing the caller's consumption batch.
    let collectionDate = TargetCalendar.earliestCollectionDate(fileMadeOn: today)
    let endToEndID = "SALDO-\(environment.id)-\(today.iso)"
    do {
      _ = try TopUpInvoice.document(
        number: "0000-000000", issueDate: today, dueDate: collectionDate,
        seller: seller, buyer: organisation, environmentName: environment.name,
        amount: quote.credit, bonus: quote.bonus, orderNumber: settings.orderNumber,
        payment: .directDebit(mandateID: settings.mandateID, debtorIBAN: iban, reference: "check"))
      _ = try SEPACollection(
        endToEndID: endToEndID, amount: quote.total, mandateID: settings.mandateID,
        mandateSignedOn: settings.mandateDate, debtorName: settings.holder,
        debtorIBAN: iban, debtorBIC: settings.bic, sequenceType: .first)
    } catch let error as SaldoError {
      return try fail(Translations { _ in error.description }, pause: true)
    } catch let error as SEPAError {
      return try fail(
        Translations { tr("the mandate cannot be collected: \(error.description)", $0) },
        pause: true)
    }
    let payment = try store.insertPayment(
      NewPayment(
        environmentID: environment.id, organisationID: organisation.id, method: .directDebit,
        amount: quote.credit, bonus: quote.bonus, vat: quote.vat, status: .invoiced,
        idempotencyKey: "auto:\(environment.id):\(today.iso)", provider: "sepa",
        checkoutReference: nil, orderNumber: settings.orderNumber, createdAt: now,
        expiresAt: now, actor: "automatic-upgrade"))
    let year = today.civil.year
    let sequence = try store.nextInvoiceSequence(year: year)
    let number = TopUpInvoice.number(year: year, sequence: sequence)
    guard try store.markPaymentCredited(id: payment.id, invoiceNumber: number) else {
      throw SaldoError.conflict(tr("automatic upgrade payment \(payment.id) was credited already"))
    }
    let document = try TopUpInvoice.document(
      number: number, issueDate: today, dueDate: collectionDate,
      seller: seller, buyer: organisation, environmentName: environment.name,
      amount: quote.credit, bonus: quote.bonus, orderNumber: settings.orderNumber,
      payment: .directDebit(mandateID: settings.mandateID, debtorIBAN: iban, reference: number),
      description: Translations { tr("Transaction credit (automatic upgrade)", $0) })
    _ = try core.invoices.issue(
      document, payment: payment, organisation: organisation, environment: environment,
      means: .directDebit, year: year, sequence: sequence)
    let standing = try store.standingCollections(mandateID: settings.mandateID)
    let collectionID = try store.insertCollection(
      NewCollection(
        environmentID: environment.id, day: day, createdDay: today, paymentID: payment.id,
        invoiceNumber: number, endToEndID: endToEndID, amount: quote.total,
        credited: Money(mills: quote.credit.mills + quote.bonus.mills),
        sequence: standing == 0 ? .first : .recurring, mandateID: settings.mandateID,
        mandateDate: settings.mandateDate, debtorName: settings.holder, debtorIBAN: iban,
        debtorBIC: settings.bic, collectionDate: collectionDate),
      at: now)
    let credit = MoneyFormat.display(quote.credit, ascii: true)
    let bonus = MoneyFormat.display(quote.bonus, ascii: true)
    // Kept in the history as the code writes it; each administrator's e-mail says it in theirs.
    let message = Translations { language in
      quote.bonus.isZero
        ? tr("Topped up \(credit) by direct debit; invoice \(number)", language)
        : tr("Topped up \(credit) + \(bonus) bonus by direct debit; invoice \(number)", language)
    }
    try store.addAutoUpgradeEvent(
      environmentID: environment.id,
      event: AutoUpgradeEvent(at: now, kind: .done, messages: message))
    let name = environment.name
    let total = MoneyFormat.display(quote.total)
    let open = core.openInvoiceCommand(number)
    try notifyAdministrators(environment, key: "auto-done:\(environment.id):\(today.iso)") {
      language in
      let done = message.text(in: language)
      let tax = quote.tax.inclusionPhrase(in: language)
      return MailText(
        subject: tr(
          "Automatic upgrade of \(name): \(MoneyFormat.display(quote.credit))", language),
        body: tr(
          """
          The balance of \(name) would not cover the next \(CreditRules.coverDays) days,
          so the automatic upgrade topped it up on \(today.iso).

          \(done).
          \(total) (\(tax)) is to be
          collected by SEPA direct debit from \(iban.maskedASCII) under mandate \(settings.mandateID)
          on or after \(collectionDate.iso).

          Open the invoice with:  \(open)
          """, language))
    }
    return .upgraded(collectionID: collectionID, amount: quote.credit, invoice: number)
  }

  /// The monthly cap counts what leaves the customer's account (VAT included) for upgrades made
  /// in the real calendar month; returned and withdrawn collections do not count. Nil when this
  /// upgrade fits; otherwise the capped action, recorded and e-mailed once a month.
  private func checkMonthlyCap(
    _ environment: Environment, settings: AutoUpgradeSettings, quote: TopUpQuote,
    _ summary: CreditSummary
  ) throws -> AutoUpgradeAction? {
    guard let cap = settings.monthlyCap else { return nil }
    let now = clock.now()
    let month = Self.calendarMonth(of: Day(containing: now))
    let used = try store.collectedAmount(
      environmentID: environment.id, createdFrom: month.lowerBound, to: month.upperBound)
    guard used.mills + quote.total.mills > cap.mills else { return nil }
    let capText = MoneyFormat.display(cap, ascii: true)
    let usedText = MoneyFormat.display(used, ascii: true)
    let next = MoneyFormat.display(quote.total, ascii: true)
    // Kept in the history and the report as the code writes it; each e-mail says it in the
    // administrator's language.
    let reason = Translations {
      tr(
        """
        the monthly cap of \(capText) (incl. VAT) is reached: \(usedText) collected this month, \
        and the next upgrade would collect \(next); no further automatic upgrades until next \
        month
        """, $0)
    }
    let (year, monthNumber, _) = month.lowerBound.civil
    let monthKey = CivilDate.pad(year, 4) + "-" + CivilDate.pad(monthNumber, 2)
    if try store.startAlert(environmentID: environment.id, kind: "capped:" + monthKey, since: now) {
      try store.addAutoUpgradeEvent(
        environmentID: environment.id,
        event: AutoUpgradeEvent(at: now, kind: .capped, messages: reason))
      let name = environment.name
      let balance = MoneyFormat.display(summary.balance)
      let day = Day(containing: now).iso
      try notifyAdministrators(environment, key: "auto-capped:\(environment.id):\(monthKey)") {
        language in
        let why = reason.text(in: language)
        return MailText(
          subject: tr("Automatic upgrade of \(name) stopped: monthly cap reached", language),
          body: tr(
            """
            The automatic upgrade of \(name) did not top up on
            \(day): \(why).

            Balance: \(balance). Top up by hand with Pay and
            upgrade, or raise the cap in My environment (Edit).
            """, language))
      }
    }
    return .capped(reason.english)
  }

  /// The Amsterdam calendar month that contains `day`.
  static func calendarMonth(of day: Day) -> ClosedRange<Day> {
    let (year, month, date) = day.civil
    let first = day.adding(days: -Int64(date - 1))
    let last = first.adding(days: Int64(CivilDate.daysIn(month: month, year: year) - 1))
    return first...last
  }
}
