/// What an administrator submits to switch the automatic upgrade on or change it.
public struct AutoUpgradeInput: Sendable, Hashable {
  public var amount: AutoUpgradeAmount
  public var holder: String
  public var iban: String
  /// The debtor's bank; needed for an account outside the EEA (GB, CH, …).
  public var bic: String?
  /// As on the signed mandate; empty to keep the current one (same IBAN) or have Saldo issue a
  /// unique reference.
  public var mandateID: String
  /// `YYYY-MM-DD`, the day the mandate was signed.
  public var mandateDate: Day
  public var organisation: Organisation
  public var orderNumber: String?
  public var monthlyCap: Money?

  public init(
    amount: AutoUpgradeAmount, holder: String, iban: String, mandateID: String, mandateDate: Day,
    organisation: Organisation, orderNumber: String?, monthlyCap: Money?, bic: String? = nil
  ) {
    self.bic = bic
    self.amount = amount
    self.holder = holder
    self.iban = iban
    self.mandateID = mandateID
    self.mandateDate = mandateDate
    self.organisation = organisation
    self.orderNumber = orderNumber
    self.monthlyCap = monthlyCap
  }
}

extension AutoUpgradeService {
  /// The rule in one sentence, in the reader's language (read each time it is shown).
  public static var ruleExplanation: String {
    tr(
      "Tops up when the average daily consumption of the past 100 days would not cover the next"
        + " 20 days.")
  }

  public func settings(of environment: Environment) throws -> AutoUpgradeSettings? {
    try store.read {
      try access.requireAdministratorOrOperator(
        of: environment, to: tr("see the automatic upgrade"))
      return try store.autoUpgrade(environmentID: environment.id)
    }
  }

  /// What the automatic upgrades of the current calendar month collect (VAT included), and
  /// what the monthly cap leaves for the rest of the month (nil without a cap).
  public func monthlyCapUse(of environment: Environment) throws -> (used: Money, left: Money?) {
    try store.read {
      try access.requireAdministratorOrOperator(
        of: environment, to: tr("see the automatic upgrade"))
      let month = Self.calendarMonth(of: Day(containing: clock.now()))
      let used = try store.collectedAmount(
        environmentID: environment.id, createdFrom: month.lowerBound, to: month.upperBound)
      let cap = try store.autoUpgrade(environmentID: environment.id)?.monthlyCap
      return (used, cap.map { Money(mills: max($0.mills - used.mills, 0)) })
    }
  }

  /// The latest things the automatic upgrade did or could not do, newest first.
  public func autoUpgradeEvents(of environment: Environment, limit: Int = 10) throws
    -> [AutoUpgradeEvent]
  {
    try store.read {
      try access.requireAdministratorOrOperator(
        of: environment, to: tr("see the automatic upgrade"))
      return try store.autoUpgradeEvents(environmentID: environment.id, limit: limit)
    }
  }

  public func autoUpgradeCollections(of environment: Environment, limit: Int = 20) throws
    -> [DirectDebitCollection]
  {
    try store.read {
      try access.requireAdministratorOrOperator(of: environment, to: tr("see the collections"))
      return try store.collections(environmentID: environment.id, limit: limit)
    }
  }

  /// Switches the automatic upgrade on with these settings (and lifts a pause).
  ///
  /// `basedOn` is the settings a form was opened with (`.some(nil)`: none yet). When given and
  /// someone else saved in between, the save is refused as a conflict that names the values
  /// now in force, so two administrators editing at once never overwrite each other silently.
  @discardableResult
  public func setAutoUpgrade(
    _ input: AutoUpgradeInput, for environment: Environment,
    basedOn: AutoUpgradeSettings?? = nil
  ) throws -> AutoUpgradeSettings {
    let plan = try core.directory.plan(of: environment)
    if let reason = plan.availability(of: .directDebit).reason {
      throw SaldoError.forbidden(
        tr(
          "the automatic upgrade cannot be switched on: \(reason); top up by hand or change the"
            + " subscription"))
    }
    switch input.amount {
    case .fixed(let money):
      do { try TopUpRules.check(amount: money) } catch {
        throw SaldoError.invalid(tr("amount: \(error.description)"))
      }
    case .coverDays(let days):
      let range = AutoUpgradeSettings.coverDaysRange
      guard range.contains(days) else {
        throw SaldoError.invalid(
          tr(
            "the days to cover must be between \(range.lowerBound) and \(range.upperBound)"))
      }
    }
    if let cap = input.monthlyCap {
      do { try TopUpRules.check(amount: cap) } catch {
        throw SaldoError.invalid(tr("monthly cap: \(error.description)"))
      }
      // The cap counts what the debit collects: the organisation's treatment decides the VAT.
      let tax = TaxTreatment.decide(
        seller: core.topUps.sellerDetailsForTax(), buyer: input.organisation.details,
        on: Day(containing: clock.now()))
      try Self.checkCap(cap, amount: input.amount, plan: plan, tax: tax)
    }
    let today = Day(containing: clock.now())
    let mandate = try Self.checkMandate(input, today: today)
    let holder = mandate.holder
    let iban = mandate.iban
    let orderNumber = try input.orderNumber.flatMap { text -> String? in
      let trimmed = text.trimmingWhitespace()
      return trimmed.isEmpty ? nil : try Saldo.checkName(trimmed, what: tr("order number"))
    }
    guard input.organisation.environmentID == environment.id else {
      throw SaldoError.invalid(
        tr(
          "\(input.organisation.name) is not an organisation of"
            + " \(environment.name)"))
    }
    let seller = try core.platform.seller()
    guard seller.creditorID != nil else {
      throw SaldoError.invalid(
        tr(
          "the platform has no SEPA creditor id yet; an operator sets it with `saldo seller set"
            + " --creditor-id`"))
    }
    // The invoices of the upgrades go to this organisation: it must be able to receive one.
    _ = try TopUpInvoice.document(
      number: "0000-000000", issueDate: today, dueDate: today, seller: seller,
      buyer: input.organisation, environmentName: environment.name, amount: TopUpRules.minimum,
      bonus: .zero, orderNumber: orderNumber,
      payment: .directDebit(
        mandateID: mandate.id ?? MandateReference(stored: "SALDO-CHECK"), debtorIBAN: iban,
        reference: "check"))

    return try store.write {
      try access.requireAdministrator(of: environment, to: tr("change the automatic upgrade"))
      let now = clock.now()
      let before = try store.autoUpgrade(environmentID: environment.id)
      if let basedOn, before != basedOn {
        throw SaldoError.conflict(Self.changedMeanwhile(before))
      }
      let mandateID =
        try mandate.id
        ?? (before?.iban == iban ? before?.mandateID : nil)
        ?? issueMandateReference(environment, on: Day(containing: now))
      if try store.mandateInUse(mandateID: mandateID, outside: environment.id) {
        throw SaldoError.conflict(
          tr(
            "mandate reference \(mandateID) belongs to another environment: the platform collects"
              + " as one creditor, so every mandate has its own reference; type the reference on"
              + " this mandate, or leave --mandate-id out and Saldo issues one"))
      }
      let settings = AutoUpgradeSettings(
        enabled: true, amount: input.amount, holder: holder, iban: iban,
        mandateID: mandateID, mandateDate: input.mandateDate,
        organisationID: input.organisation.id, orderNumber: orderNumber,
        monthlyCap: input.monthlyCap, pausedReason: nil, updatedAt: now,
        updatedBy: account.login, bic: mandate.bic)
      try store.saveAutoUpgrade(settings, environmentID: environment.id)
      // The change log is kept as the code writes it, like the other history.
      let change =
        "on: " + Self.describe(settings.amount, in: .en)
        + ", mandate \(mandateID) of \(iban.maskedASCII),"
        + " invoices to \(input.organisation.name)"
        + (input.monthlyCap.map { ", monthly cap \(MoneyFormat.display($0, ascii: true))" } ?? "")
        + (before?.pausedReason != nil ? " (pause lifted)" : "")
      try store.recordAutoUpgradeChange(
        environmentID: environment.id, at: now, actor: account.login, change: change)
      try store.addAutoUpgradeEvent(
        environmentID: environment.id,
        event: AutoUpgradeEvent(
          at: now, kind: .settings,
          messages: Translations { tr("Switched on by \(account.login)", $0) }))
      return settings
    }
  }

  /// Switches the automatic upgrade off. It stays off until an administrator switches it on.
  public func disableAutoUpgrade(for environment: Environment) throws {
    try store.write {
      try access.requireAdministrator(of: environment, to: tr("change the automatic upgrade"))
      guard var settings = try store.autoUpgrade(environmentID: environment.id),
        settings.enabled
      else {
        throw SaldoError.conflict(tr("the automatic upgrade of \(environment.name) is off already"))
      }
      let now = clock.now()
      settings.enabled = false
      settings.updatedAt = now
      settings.updatedBy = account.login
      try store.saveAutoUpgrade(settings, environmentID: environment.id)
      try store.recordAutoUpgradeChange(
        environmentID: environment.id, at: now, actor: account.login, change: "off")
      try store.addAutoUpgradeEvent(
        environmentID: environment.id,
        event: AutoUpgradeEvent(
          at: now, kind: .settings,
          messages: Translations { tr("Switched off by \(account.login)", $0) }))
    }
  }

  public func autoUpgradeChanges(of environment: Environment, limit: Int = 20) throws
    -> [(at: Instant, actor: String, change: String)]
  {
    try store.read {
      try access.requireAdministratorOrOperator(
        of: environment, to: tr("see the automatic upgrade"))
      return try store.autoUpgradeChanges(environmentID: environment.id, limit: limit)
    }
  }

  /// The refusal of a save that would overwrite someone else's: who changed it, when, and what
  /// is in force now.
  static func changedMeanwhile(_ now: AutoUpgradeSettings?) -> String {
    guard let now else {
      return tr(
        "the automatic upgrade was switched off and its settings removed meanwhile; reopen the"
          + " form and save again")
    }
    let state = now.enabled ? tr("on") : tr("off")
    let amount = describe(now.amount)
    let holder = Sanitize.line(now.holder, limit: 60)
    let when = now.updatedAt.rfc3339
    if let cap = now.monthlyCap.map({ MoneyFormat.display($0, ascii: true) }) {
      return tr(
        "the automatic upgrade was changed meanwhile by \(now.updatedBy) at \(when): now"
          + " \(state), \(amount), holder \(holder), mandate \(now.mandateID), monthly cap \(cap);"
          + " your changes were not saved: reopen the form to see them and save again")
    }
    return tr(
      "the automatic upgrade was changed meanwhile by \(now.updatedBy) at \(when): now"
        + " \(state), \(amount), holder \(holder), mandate \(now.mandateID); your changes were"
        + " not saved: reopen the form to see them and save again")
  }

  /// The amount setting in words, in the reader's language (or the one given).
  public static func describe(_ amount: AutoUpgradeAmount, in language: Language = .current)
    -> String
  {
    switch amount {
    case .fixed(let money): return MoneyFormat.display(money, ascii: true)
    case .coverDays(let days): return tr("enough for \(days) days", language)
    }
  }

  /// Everything a SEPA file will need from a mandate, checked when it is entered, so that the
  /// export never refuses it later: the holder as the bank will see it, the reference by the
  /// SEPA identifier rules, an IBAN of a SEPA country, a BIC where the country needs one, and a
  /// plausible signature date.
  static func checkMandate(_ input: AutoUpgradeInput, today: Day) throws
    -> (holder: String, iban: IBAN, id: MandateReference?, bic: BIC?)
  {
    let holder = try Saldo.checkName(input.holder, what: tr("account holder"), limit: 200)
    let bankName = SEPAText.latin(holder, limit: SEPAText.nameLimit)
    guard bankName.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else {
      throw SaldoError.invalid(
        tr(
          "the account holder \"\(Sanitize.line(holder, limit: 40))\" has no Latin letters, and"
            + " SEPA files carry only those; write the name as on the bank account (as the bank"
            + " statement shows it)"))
    }
    let iban: IBAN
    do { iban = try IBAN.parse(input.iban) } catch { throw SaldoError.invalid(error.description) }
    let country = iban.countryCode
    guard SEPACountries.isSEPA(country) else {
      throw SaldoError.invalid(
        tr(
          "an account in \(country) cannot be debited by SEPA direct debit; give an IBAN of a"
            + " SEPA country (EU, EEA, Switzerland, the United Kingdom, …)"))
    }
    var bic: BIC?
    if let text = input.bic?.trimmingWhitespace(), !text.isEmpty {
      do { bic = try BIC.parse(text) } catch {
        throw SaldoError.invalid(error.description)
      }
    }
    if SEPACountries.needsBIC(country) && bic == nil {
      throw SaldoError.invalid(
        tr(
          "an account in \(country) is outside the EEA, where SEPA needs the bank's BIC; give it"
            + " with --bic (8 or 11 letters and digits, as on the bank statement)"))
    }
    var id: MandateReference?
    let typed = input.mandateID.trimmingWhitespace()
    if !typed.isEmpty {
      do { id = try MandateReference.parse(typed) } catch {
        throw SaldoError.invalid(error.description)
      }
    }
    guard input.mandateDate <= today else {
      throw SaldoError.invalid(
        tr(
          "the mandate date \(input.mandateDate.iso) is in the future; give the day it was signed"))
    }
    guard let sepaStart = Day(year: 2009, month: 11, day: 1), input.mandateDate >= sepaStart
    else {
      throw SaldoError.invalid(
        tr(
          "the mandate date \(input.mandateDate.iso) is before SEPA direct debit began"
            + " (2009-11-01); give the day this mandate was signed"))
    }
    return (holder, iban, id, bic)
  }

  /// Refuses a cap that would stop every upgrade: it counts the money that leaves the
  /// customer's account, so it must hold at least one upgrade including VAT.
  static func checkCap(_ cap: Money, amount: AutoUpgradeAmount, plan: Plan, tax: TaxTreatment)
    throws
  {
    let smallest: Money
    switch amount {
    case .fixed(let money): smallest = TopUpRules.quote(amount: money, plan: plan, tax: tax).total
    case .coverDays:
      smallest = TopUpRules.quote(amount: TopUpRules.minimum, plan: plan, tax: tax).total
    }
    guard cap >= smallest else {
      throw SaldoError.invalid(
        tr(
          "the monthly cap of \(MoneyFormat.display(cap, ascii: true)) is less than one upgrade"
            + " (\(MoneyFormat.display(smallest, ascii: true)) \(tax.inclusionPhrase)),"
            + " so the automatic upgrade would never run; raise the cap or lower the amount"))
    }
  }

  /// A mandate reference no environment uses yet: SALDO-<environment>-<date>-<n>.
  func issueMandateReference(_ environment: Environment, on day: Day) throws -> MandateReference {
    let stem = "SALDO-\(environment.id)-" + String(day.iso.filter { $0 != "-" })
    var n = 1
    while true {
      let candidate = MandateReference(stored: "\(stem)-\(n)")
      if try !store.mandateInUse(mandateID: candidate, outside: -1) { return candidate }
      n += 1
    }
  }
}
