/// Charges consumption events to their environments' credit.
///
/// Events are recorded a batch per write transaction: each event becomes a ledger entry (unless
/// its external id was charged before), and the batch's effect on each balance and each daily
/// total is summed in memory and written once per environment and day, so the aggregates cost
/// a handful of writes per batch instead of two per event. Every line is checked before the
/// first is written; entries and aggregates are then written in the order of their indexes
/// (environment first), so that a batch takes each page it changes once. Insufficient credit
/// never drops an event: the balance may go negative, which blocks API traffic until it is
/// topped up.
public final class ConsumptionRecorder {
  private let saldo: Saldo
  private let scope: Environment?
  private let strict: Bool
  /// Each organisation named in the feed, with its plan, once its permission was checked:
  /// one lookup per event instead of four.
  private var targets: [String: Target] = [:]
  private var organisations: [String: Organisation] = [:]
  private var plans: [Int64: Plan] = [:]
  private var permitted: [Int64: Bool] = [:]
  private var operatorAccount: Bool?
  private var environments: [Int64: Environment] = [:]
  private var windows: [Int64: (day: Day, amount: Money)] = [:]
  private var evaluatedState: [Int64: Int] = [:]
  private var days = DayCache()
  public private(set) var summary = ConsumptionSummary()

  /// Events may be at most this far in the future (clocks drift; a year typo does not pass).
  public static let futureTolerance: Int64 = 24 * 3600
  /// Events before 2000-01-01T00:00:00Z are typos: Saldo's platform did not exist.
  public static let earliest = Instant(seconds: 946_684_800)
  /// Appended to the reason when a strict run stops; a single event says it without the flag.
  public var strictNote = tr(" (nothing was recorded: --strict)")

  /// `scope` is the environment names are looked up in; `nil` lets an operator feed the whole
  /// platform, naming organisations by id. With `strict`, the first bad line throws.
  public init(saldo: Saldo, scope: Environment?, strict: Bool) {
    self.saldo = saldo
    self.scope = scope
    self.strict = strict
  }

  /// Notes a line that could not be parsed; in strict mode it aborts the run.
  public func reject(_ line: RejectedLine) throws {
    try note(line, in: &summary)
  }

  /// The one place a rejection is handled: in strict mode it aborts (the caller's transaction
  /// rolls everything back), otherwise it is counted and the run goes on.
  private func note(_ line: RejectedLine, in summary: inout ConsumptionSummary) throws {
    if strict { throw SaldoError.invalid(line.description + strictNote) }
    summary.rejected.append(line)
  }

  /// Records one batch in one write transaction.
  public func record(_ batch: [(line: Int, event: ConsumptionEvent)]) throws {
    guard !batch.isEmpty else { return }
    let store = saldo.store
    let now = saldo.clock.now()
    var batchSummary = summary
    try store.write {
      var accepted: [(kind: TransactionKind, entry: NewLedgerEntry)] = []
      accepted.reserveCapacity(batch.count)
      for (line, event) in batch {
        let organisation: Organisation
        let plan: Plan
        do {
          (organisation, plan) = try target(event.organisation)
        } catch let error as Unresolvable {
          try note(RejectedLine(line: line, error.reason), in: &batchSummary)
          continue
        } catch let error as SaldoError {
          try note(RejectedLine(line: line, reason: error.description), in: &batchSummary)
          continue
        }
        let at = event.at ?? now
        if at.seconds > now.seconds + Self.futureTolerance {
          try note(
            RejectedLine(
              line: line,
              Translations { tr("\"at\" \(at.rfc3339) is in the future; check the clock", $0) }),
            in: &batchSummary)
          continue
        }
        if at.seconds < Self.earliest.seconds {
          try note(
            RejectedLine(
              line: line,
              Translations { tr("\"at\" \(at.rfc3339) is before 2000; check the year", $0) }),
            in: &batchSummary)
          continue
        }
        let price = plan.price(of: event.kind)
        accepted.append(
          (
            event.kind,
            NewLedgerEntry(
              environmentID: organisation.environmentID, organisationID: organisation.id,
              kind: .consumption, transactionKind: event.kind, amount: price.negated, at: at,
              reference: event.externalID, actor: saldo.account.login)
          ))
      }
      let added = try store.appendConsumptions(accepted.map(\.entry))
      var entryCounts: [Int64: Int64] = [:]
      var daily: [DailyKey: (count: Int64, amount: Int64)] = [:]
      for (index, (kind, entry)) in accepted.enumerated() {
        guard added[index] else {
          batchSummary.alreadyKnown += 1
          continue
        }
        let price = entry.amount.negated
        batchSummary.recorded += 1
        batchSummary.charged = try batchSummary.charged.adding(price)
        let env = entry.environmentID
        entryCounts[env, default: 0] += 1
        let key = DailyKey(
          environmentID: env, day: days.day(containing: entry.at), kind: kind)
        let totals = daily[key] ?? (0, 0)
        daily[key] = (totals.count + 1, totals.amount + price.mills)
      }
      var dailyTotals: [Int64: [Day: Money]] = [:]
      for (key, totals) in daily.sorted(by: { $0.key < $1.key }) {
        try store.addDailyConsumption(
          environmentID: key.environmentID, day: key.day, kind: key.kind, count: totals.count,
          amount: Money(mills: totals.amount))
        let sum = dailyTotals[key.environmentID]?[key.day]?.mills ?? 0
        dailyTotals[key.environmentID, default: [:]][key.day] = Money(mills: sum + totals.amount)
      }
      let today = Day(containing: now)
      // Looked up for every environment of the batch: a list would make a feed for thousands
      // of used-up environments quadratic.
      var blocked = Set(batchSummary.blockedEnvironments)
      for (env, entries) in entryCounts.sorted(by: { $0.key < $1.key }) {
        let balance = try store.addConsumption(
          environmentID: env, days: dailyTotals[env] ?? [:], entries: entries, at: now)
        guard let environment = environments[env] else { continue }
        try react(
          to: balance, of: environment, on: today, summary: &batchSummary, blocked: &blocked)
      }
    }
    summary = batchSummary
  }

  /// After a batch: when the balance became due for an upgrade or used up, take the automatic
  /// upgrade decision and send alerts now, not only at the next daily run. Evaluated again only
  /// when that state changes, so a long feed does not repeat the work for every batch.
  private func react(
    to balance: Money, of environment: Environment, on today: Day,
    summary batchSummary: inout ConsumptionSummary, blocked: inout Set<String>
  ) throws {
    let window: Money
    if let cached = windows[environment.id], cached.day == today {
      window = cached.amount
    } else {
      window = try saldo.store.consumption(
        environmentID: environment.id, days: CreditRules.averageWindow(before: today))
      windows[environment.id] = (today, window)
    }
    let credit = CreditSummary(
      environment: environment, balance: balance, day: today, windowConsumption: window)
    let state = (credit.upgradeDue ? 1 : 0) + (credit.blocked ? 2 : 0)
    var current = balance
    if state != 0 && evaluatedState[environment.id] != state {
      evaluatedState[environment.id] = state
      // The consumption is recorded whatever happens to the upgrade: a fault in it is undone
      // on its own and recorded for this environment (event, alert e-mail).
      let action = try saldo.autoUpgrade.containedAutoUpgrade(environment, on: today)
      if case .upgraded = action { batchSummary.autoUpgraded.append(environment.name) }
      current = try saldo.credit.unauthorisedCreditSummary(of: environment, on: today).balance
    }
    if CreditRules.isBlocked(balance: current), blocked.insert(environment.name).inserted {
      batchSummary.blockedEnvironments.append(environment.name)
    }
  }

  private struct Target {
    let organisation: Organisation
    let plan: Plan
  }

  /// The organisation an event names, with its environment's plan, the permission to record
  /// for it checked. Only found targets are kept: a refusal is reported for every event.
  private func target(_ reference: String) throws -> (Organisation, Plan) {
    if let cached = targets[reference] { return (cached.organisation, cached.plan) }
    let organisation = try resolve(reference)
    let plan = try self.plan(for: organisation.environmentID)
    try checkPermission(organisation.environmentID)
    targets[reference] = Target(organisation: organisation, plan: plan)
    return (organisation, plan)
  }

  /// The Amsterdam day of the last event and where it begins and ends: a feed's events mostly
  /// fall on the day of the one before, and finding the offset from UTC costs more than the
  /// rest of placing an event.
  private struct DayCache {
    private var day = Day(number: 0)
    private var range: Range<Int64> = 0..<0

    mutating func day(containing at: Instant) -> Day {
      if range.contains(at.seconds) { return day }
      day = Day(containing: at)
      range = day.start.seconds..<day.adding(days: 1).start.seconds
      return day
    }
  }

  private struct DailyKey: Hashable, Comparable {
    let environmentID: Int64
    let day: Day
    let kind: TransactionKind

    static func < (left: DailyKey, right: DailyKey) -> Bool {
      (left.environmentID, left.day.number, left.kind.rawValue)
        < (right.environmentID, right.day.number, right.kind.rawValue)
    }
  }

  /// An event's organisation that cannot be found: the line is rejected, with a reason kept
  /// in English for machine formats and said in the reader's language.
  private struct Unresolvable: Error {
    let reason: Translations
  }

  private func resolve(_ reference: String) throws -> Organisation {
    if let cached = organisations[reference] { return cached }
    let store = saldo.store
    var found: Organisation?
    if let scope {
      found = try store.organisation(reference: reference, environmentID: scope.id)
    } else if let id = TextRules.organisationID(reference) {
      found = try store.organisation(id: id)
    } else {
      throw Unresolvable(
        reason: Translations {
          tr(
            "organisation \"\(Sanitize.line(reference, limit: 40))\" given by name, but no"
              + " environment is chosen; use --env NAME or the organisation's id", $0)
        })
    }
    guard let organisation = found else {
      let shown = Sanitize.line(reference, limit: 40)
      if let scope {
        throw Unresolvable(
          reason: Translations { tr("unknown organisation \"\(shown)\" in \(scope.name)", $0) })
      }
      throw Unresolvable(reason: Translations { tr("unknown organisation \"\(shown)\"", $0) })
    }
    organisations[reference] = organisation
    return organisation
  }

  /// The plan of an environment; plans are few and shared, so they are cached by plan id.
  private func plan(for environmentID: Int64) throws -> Plan {
    if let environment = environments[environmentID], let plan = plans[environment.planID] {
      return plan
    }
    guard let environment = try saldo.store.environment(id: environmentID) else {
      throw SaldoError.notFound(tr("environment \(environmentID) is missing"))
    }
    environments[environmentID] = environment
    if let plan = plans[environment.planID] { return plan }
    guard let plan = try saldo.store.plan(id: environment.planID) else {
      throw SaldoError.notFound(tr("the plan of \(environment.name) is missing"))
    }
    plans[environment.planID] = plan
    return plan
  }

  private func checkPermission(_ environmentID: Int64) throws {
    if permitted[environmentID] == true { return }
    guard let environment = environments[environmentID] else { return }
    // An operator may record for every environment: asked once, not for each of thousands
    // of environments a platform feed names. Like `permitted`, it holds for this recorder.
    if operatorAccount == nil { operatorAccount = try saldo.access.isOperator() }
    if operatorAccount != true {
      try saldo.access.requireAdministratorOrOperator(
        of: environment, to: tr("record consumption"))
    }
    permitted[environmentID] = true
  }
}
