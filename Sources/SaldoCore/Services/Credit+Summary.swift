/// What an administrator sees of an environment's credit at a moment.
public struct CreditSummary: Sendable, Hashable {
  public let environment: Environment
  public let balance: Money
  /// The day the figures are for (Amsterdam).
  public let day: Day
  /// Consumption of the 100 full days before `day`.
  public let windowConsumption: Money
  /// `windowConsumption / 100`, rounded to the mill.
  public let averageDaily: Money
  /// Whole days the balance lasts at the average; nil when there is no consumption.
  public let runwayDays: Int64?
  public let upgradeDue: Bool
  public let blocked: Bool
  public let state: CreditState

  public init(environment: Environment, balance: Money, day: Day, windowConsumption: Money) {
    self.environment = environment
    self.balance = balance
    self.day = day
    self.windowConsumption = windowConsumption
    averageDaily = CreditRules.averageDaily(windowConsumption: windowConsumption)
    runwayDays = CreditRules.runwayDays(balance: balance, windowConsumption: windowConsumption)
    upgradeDue = CreditRules.isUpgradeDue(balance: balance, windowConsumption: windowConsumption)
    blocked = CreditRules.isBlocked(balance: balance)
    state = CreditRules.creditState(balance: balance, windowConsumption: windowConsumption)
  }
}

extension CreditService {
  /// The balance and its rule figures, from the maintained aggregates only (no history scan).
  public func creditSummary(of environment: Environment, on day: Day? = nil) throws
    -> CreditSummary
  {
    try store.read {
      try access.requireAdministratorOrOperator(of: environment, to: tr("see the credit"))
      return try unauthorisedCreditSummary(of: environment, on: day)
    }
  }

  /// The same figures without the permission check, for jobs that already checked.
  func unauthorisedCreditSummary(of environment: Environment, on day: Day?) throws
    -> CreditSummary
  {
    let today = day ?? Day(containing: clock.now())
    return CreditSummary(
      environment: environment, balance: try store.balance(environmentID: environment.id),
      day: today,
      windowConsumption: try store.consumption(
        environmentID: environment.id, days: CreditRules.averageWindow(before: today)))
  }

  /// Daily consumption of the last `days` full days before `day`, oldest first, zero-filled.
  public func dailyConsumption(of environment: Environment, days: Int, before day: Day? = nil)
    throws -> [(day: Day, amount: Money)]
  {
    let end = (day ?? Day(containing: clock.now())).adding(days: -1)
    let start = end.adding(days: -Int64(max(days, 1) - 1))
    let totals = try store.read {
      try access.requireAdministratorOrOperator(of: environment, to: tr("see the consumption"))
      return try store.dailyConsumption(environmentID: environment.id, days: start...end)
    }
    return (0..<Int64(max(days, 1))).map {
      let d = start.adding(days: $0)
      return (d, totals[d] ?? .zero)
    }
  }

  /// Every matching entry, oldest first by when it happened, streamed to `body` (for exports of
  /// any size). `progress` hears every few thousand rows how many were written and how far
  /// through the environment's ledger the export is (by event time, from the first entry's to
  /// the last's: an estimate, and never a count that would cost a scan of its own).
  public func forEachTransaction(
    of environment: Environment, filter: LedgerFilter,
    progress: ((WorkProgress) -> Void)? = nil, _ body: (LedgerEntry) throws -> Void
  ) throws {
    try store.read {
      try access.requireAdministratorOrOperator(of: environment, to: tr("export the transactions"))
      guard let progress else {
        return try store.forEachEntry(environmentID: environment.id, filter: filter, body)
      }
      let span = try store.entryTimeRange(environmentID: environment.id)
      let total = span.map { $0.upperBound.seconds - $0.lowerBound.seconds + 1 }
      var rows: Int64 = 0
      try store.forEachEntry(environmentID: environment.id, filter: filter) { entry in
        try body(entry)
        rows += 1
        if rows % 2048 == 0 {
          progress(
            WorkProgress(
              items: rows,
              position: entry.at.seconds - (span?.lowerBound ?? entry.at).seconds + 1,
              total: total))
        }
      }
      progress(WorkProgress(items: rows, position: total ?? 0, total: total))
    }
  }
}

extension CreditService {
  /// The ledger as CSV, the same for every front end: the header, then every matching entry
  /// oldest first (at most `limit`), handed to `line` one line at a time without holding them.
  /// Returns how many entries were written.
  @discardableResult
  public func exportLedgerCSV(
    of environment: Environment, filter: LedgerFilter, limit: Int? = nil,
    progress: ((WorkProgress) -> Void)? = nil, line: (String) throws -> Void
  ) throws -> Int {
    struct Enough: Error {}
    return try store.read {
      try access.requireAdministratorOrOperator(of: environment, to: tr("export the transactions"))
      let names = Dictionary(
        uniqueKeysWithValues: try store.organisations(environmentID: environment.id).map {
          ($0.id, $0.name)
        })
      try line(LedgerCSV.header)
      var written = 0
      do {
        try forEachTransaction(of: environment, filter: filter, progress: progress) { entry in
          if let limit, written >= limit { throw Enough() }
          try line(LedgerCSV.row(entry, organisations: names))
          written += 1
        }
      } catch is Enough {}
      return written
    }
  }
}
