/// What an administrator submits to switch the automatic upgrade on or change it.
public struct AutoUpgradeInput: Sendable, Hashable {
  public var amount: AutoUpgradeAmount
  public var holder: String
  public var iban: String
  public var mandateID: String
  /// `YYYY-MM-DD`, the day the mandate was signed.
  public var mandateDate: Day
  public var organisation: Organisation
  public var orderNumber: String?
  public var monthlyCap: Money?

  public init(
    amount: AutoUpgradeAmount, holder: String, iban: String, mandateID: String, mandateDate: Day,
    organisation: Organisation, orderNumber: String?, monthlyCap: Money?
  ) {
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

extension Saldo {
  public static let ruleExplanation =
    "Tops up when the average daily consumption of the past 100 days would not cover the next"
    + " 20 days."

  public func autoUpgrade(of environment: Environment) throws -> AutoUpgradeSettings? {
    try store.read {
      try access.requireAdministratorOrOperator(of: environment, to: "see the automatic upgrade")
      return try store.autoUpgrade(environmentID: environment.id)
    }
  }

  /// The latest things the automatic upgrade did or could not do, newest first.
  public func autoUpgradeEvents(of environment: Environment, limit: Int = 10) throws
    -> [AutoUpgradeEvent]
  {
    try store.read {
      try access.requireAdministratorOrOperator(of: environment, to: "see the automatic upgrade")
      return try store.autoUpgradeEvents(environmentID: environment.id, limit: limit)
    }
  }

  public func autoUpgradeCollections(of environment: Environment, limit: Int = 20) throws
    -> [DirectDebitCollection]
  {
    try store.read {
      try access.requireAdministratorOrOperator(of: environment, to: "see the collections")
      return try store.collections(environmentID: environment.id, limit: limit)
    }
  }

  /// Switches the automatic upgrade on with these settings (and lifts a pause).
  @discardableResult
  public func setAutoUpgrade(_ input: AutoUpgradeInput, for environment: Environment) throws
    -> AutoUpgradeSettings
  {
    let plan = try plan(of: environment)
    if let reason = plan.availability(of: .directDebit).reason {
      throw SaldoError.forbidden(
        "the automatic upgrade cannot be switched on: \(reason); top up by hand or change the"
          + " subscription")
    }
    switch input.amount {
    case .fixed(let money):
      do { try TopUpRules.check(amount: money) } catch {
        throw SaldoError.invalid("amount: \(error.description)")
      }
    case .coverDays(let days):
      let range = AutoUpgradeSettings.coverDaysRange
      guard range.contains(days) else {
        throw SaldoError.invalid(
          "the days to cover must be between \(range.lowerBound) and \(range.upperBound)")
      }
    }
    if let cap = input.monthlyCap {
      do { try TopUpRules.check(amount: cap) } catch {
        throw SaldoError.invalid("monthly cap: \(error.description)")
      }
    }
    let holder = try Self.checkName(input.holder, what: "account holder")
    let iban: IBAN
    do { iban = try IBAN.parse(input.iban) } catch { throw SaldoError.invalid(error.description) }
    let mandateID = try Self.checkMandateID(input.mandateID)
    let today = Day(containing: clock.now())
    guard input.mandateDate <= today else {
      throw SaldoError.invalid("the mandate date \(input.mandateDate.iso) is in the future; give"
        + " the day it was signed")
    }
    let orderNumber = try input.orderNumber.flatMap { text -> String? in
      let trimmed = text.trimmingWhitespace()
      return trimmed.isEmpty ? nil : try Self.checkName(trimmed, what: "order number")
    }
    guard input.organisation.environmentID == environment.id else {
      throw SaldoError.invalid("\(input.organisation.name) is not an organisation of"
        + " \(environment.name)")
    }
    let seller = try seller()
    guard seller.creditorID != nil else {
      throw SaldoError.invalid(
        "the platform has no SEPA creditor id yet; an operator sets it with `saldo seller set"
          + " --creditor-id`")
    }
    // The invoices of the upgrades go to this organisation: it must be able to receive one.
    _ = try TopUpInvoice.document(
      number: "0000-000000", issueDate: today, dueDate: today, seller: seller,
      buyer: input.organisation, environmentName: environment.name, amount: TopUpRules.minimum,
      bonus: .zero, orderNumber: orderNumber,
      payment: .directDebit(mandateID: mandateID, debtorIBAN: iban, reference: "check"))

    return try store.write {
      try access.requireAdministrator(of: environment, to: "change the automatic upgrade")
      let now = clock.now()
      let settings = AutoUpgradeSettings(
        enabled: true, amount: input.amount, holder: holder, iban: iban.value,
        mandateID: mandateID, mandateDate: input.mandateDate,
        organisationID: input.organisation.id, orderNumber: orderNumber,
        monthlyCap: input.monthlyCap, pausedReason: nil, updatedAt: now,
        updatedBy: account.login)
      let before = try store.autoUpgrade(environmentID: environment.id)
      try store.saveAutoUpgrade(settings, environmentID: environment.id)
      let change =
        "on: " + Self.describe(settings.amount) + ", mandate \(mandateID) of \(iban.maskedASCII),"
        + " invoices to \(input.organisation.name)"
        + (input.monthlyCap.map { ", monthly cap \(MoneyFormat.display($0, ascii: true))" } ?? "")
        + (before?.pausedReason != nil ? " (pause lifted)" : "")
      try store.recordAutoUpgradeChange(
        environmentID: environment.id, at: now, actor: account.login, change: change)
      try store.addAutoUpgradeEvent(
        environmentID: environment.id,
        event: AutoUpgradeEvent(at: now, kind: .settings, message: "Switched on by \(account.login)"))
      return settings
    }
  }

  /// Switches the automatic upgrade off. It stays off until an administrator switches it on.
  public func disableAutoUpgrade(for environment: Environment) throws {
    try store.write {
      try access.requireAdministrator(of: environment, to: "change the automatic upgrade")
      guard var settings = try store.autoUpgrade(environmentID: environment.id),
        settings.enabled
      else { throw SaldoError.conflict("the automatic upgrade of \(environment.name) is off already") }
      let now = clock.now()
      settings.enabled = false
      settings.updatedAt = now
      settings.updatedBy = account.login
      try store.saveAutoUpgrade(settings, environmentID: environment.id)
      try store.recordAutoUpgradeChange(
        environmentID: environment.id, at: now, actor: account.login, change: "off")
      try store.addAutoUpgradeEvent(
        environmentID: environment.id,
        event: AutoUpgradeEvent(at: now, kind: .settings, message: "Switched off by \(account.login)"))
    }
  }

  public func autoUpgradeChanges(of environment: Environment, limit: Int = 20) throws
    -> [(at: Instant, actor: String, change: String)]
  {
    try store.read {
      try access.requireAdministratorOrOperator(of: environment, to: "see the automatic upgrade")
      return try store.autoUpgradeChanges(environmentID: environment.id, limit: limit)
    }
  }

  public static func describe(_ amount: AutoUpgradeAmount) -> String {
    switch amount {
    case .fixed(let money): return MoneyFormat.display(money, ascii: true)
    case .coverDays(let days): return "enough for \(days) days"
    }
  }

  static func checkMandateID(_ text: String) throws -> String {
    let id = text.trimmingWhitespace()
    let allowed = id.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
        || "/-?:().,'+ ".unicodeScalars.contains($0))
    }
    guard !id.isEmpty, id.count <= 35, allowed, !id.hasPrefix("/"), !id.contains("//") else {
      throw SaldoError.invalid(
        "the mandate id must be 1-35 characters of letters, digits and / - ? : ( ) . , ' +;"
          + " type it as on the signed mandate")
    }
    return id
  }
}
