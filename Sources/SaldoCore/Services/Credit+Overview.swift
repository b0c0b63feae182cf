/// What My environment and the header show of an environment, read in one snapshot: the
/// balance, the 100 daily totals and the latest entries always agree with each other, even
/// while a feed or another administrator writes.
public struct EnvironmentOverview: Sendable {
  public var environment: Environment
  /// Administrators of this environment, and the platform's operators (who may look only).
  public var mayAdminister: Bool
  /// An administrator of this environment: may top up and change the automatic upgrade.
  public var isAdministrator: Bool
  public var administratorNames: String
  public var organisations: [Organisation]
  /// Unread invoices in each organisation's Inbox-in, by organisation id.
  public var unread: [Int64: Int]
  /// nil for members: the credit is for administrators and operators only.
  public var credit: CreditOverview?
}

/// The credit side of the overview, for those who may see it.
public struct CreditOverview: Sendable {
  public var summary: CreditSummary
  /// Consumption per day, oldest first, for the full days of the average's window.
  public var daily: [Money]
  /// The newest entries by event time.
  public var latest: [LedgerEntry]
  /// Online payments still open or pending.
  public var openPayments: Int
  public var plan: Plan
  /// nil when the automatic upgrade was never set up.
  public var autoUpgrade: AutoUpgradeSettings?
  /// The day of the latest collection by the automatic upgrade.
  public var lastAutoUpgrade: Day?
  /// The latest thing the automatic upgrade did or could not do.
  public var autoUpgradeEvents: [AutoUpgradeEvent]
  /// What the monthly cap leaves for this month; nil without a cap.
  public var capLeft: Money?
}

extension CreditService {
  /// Everything My environment shows, from aggregates only (no history scan), in one read
  /// transaction. Members get the environment's organisations and administrators, not the
  /// credit.
  public func overview(of environment: Environment, latest: Int = 60) throws
    -> EnvironmentOverview
  {
    // Expiring stale payments writes; it must not run inside the snapshot below.
    try core.topUps.expireStalePayments()
    return try store.read {
      try access.requireMemberOrOperator(of: environment, to: tr("open My environment"))
      let role = try access.role(in: environment)
      let mayAdminister = try role == .administrator || access.isOperator()
      var overview = EnvironmentOverview(
        environment: environment, mayAdminister: mayAdminister,
        isAdministrator: role == .administrator,
        administratorNames: try access.administratorNames(environment),
        organisations: try core.directory.organisations(of: environment),
        unread: try core.invoices.unreadCounts(of: environment), credit: nil)
      guard mayAdminister else { return overview }
      let collections = try store.collections(environmentID: environment.id, limit: 1)
      overview.credit = CreditOverview(
        summary: try creditSummary(of: environment),
        daily: try dailyConsumption(of: environment, days: Int(CreditRules.averageWindowDays))
          .map(\.amount),
        latest: try transactions(of: environment, from: nil, order: .newestFirst, limit: latest),
        openPayments: try store.payments(environmentID: environment.id, limit: 50)
          .filter { $0.status == .open || $0.status == .pending }.count,
        plan: try core.directory.plan(of: environment),
        autoUpgrade: try core.autoUpgrade.settings(of: environment),
        lastAutoUpgrade: collections.first?.day,
        autoUpgradeEvents: try store.autoUpgradeEvents(environmentID: environment.id, limit: 1),
        capLeft: try core.autoUpgrade.monthlyCapUse(of: environment).left)
      return overview
    }
  }
}
