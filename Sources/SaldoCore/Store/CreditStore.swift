/// The core's view of persistence: repositories and transactions, with no SQL in sight.
///
/// Rules and services speak only to this protocol. SQLite (`SQLiteStore`) is the embedded
/// default; a server database can take over for a platform that outgrows one machine by
/// implementing the same protocol, without touching rules or screens.
///
/// Every method must be called inside `read` or `write`. `write` takes the write lock before
/// `body` runs, so a read-check-write decision in `body` cannot be overtaken by another process.
public protocol CreditStore: BillingStore, AutoUpgradeStore, KeyStore {
  func read<T>(_ body: () throws -> T) throws -> T
  /// Checks every guarantee the store makes, straight from its data; the problems found
  /// (empty when sound). `saldo check` runs this for any store, not one kind of it.
  func verify() throws -> [String]
  func write<T>(_ body: () throws -> T) throws -> T
  /// Inside `write`: runs `body` so that when it throws only its own changes are undone.
  func contained<T>(_ body: () throws -> T) throws -> T

  // Plans
  func plans() throws -> [Plan]
  func plan(id: Int64) throws -> Plan?

  // Environments, organisations, users
  func createEnvironment(name: String, planID: Int64, at: Instant) throws -> Environment
  func environment(named name: String) throws -> Environment?
  func environment(id: Int64) throws -> Environment?
  func environments() throws -> [Environment]
  /// Whether the store holds any environment (without listing them).
  func hasEnvironments() throws -> Bool
  func setPlan(environmentID: Int64, planID: Int64) throws

  func createOrganisation(environmentID: Int64, name: String, details: PartyDetails, at: Instant)
    throws -> Organisation
  func updateOrganisation(_ organisation: Organisation) throws
  func organisation(environmentID: Int64, name: String) throws -> Organisation?
  func organisation(id: Int64) throws -> Organisation?
  func organisations(environmentID: Int64) throws -> [Organisation]

  func user(login: String) throws -> User?
  func user(id: Int64) throws -> User?
  func createUser(login: String, displayName: String, email: String?) throws -> User
  func updateUser(_ user: User) throws
  func setRole(_ role: MemberRole, userID: Int64, environmentID: Int64) throws
  func role(userID: Int64, environmentID: Int64) throws -> MemberRole?
  func members(environmentID: Int64) throws -> [Member]
  func environmentIDs(userID: Int64) throws -> [Int64]
  func addOperator(userID: Int64, at: Instant) throws
  func isOperator(userID: Int64) throws -> Bool

  func setting(_ key: String) throws -> String?
  func setSetting(_ key: String, _ value: String) throws

  // Ledger and its aggregates
  func append(_ entry: NewLedgerEntry) throws -> Int64
  /// Appends a consumption entry unless its external id was charged before; false then.
  func appendConsumption(_ entry: NewLedgerEntry) throws -> Bool
  /// Adds `delta` to the balance and returns the new balance.
  @discardableResult
  func adjustCredit(environmentID: Int64, by delta: Money, entries: Int64, at: Instant) throws
    -> Money
  func addDailyConsumption(
    environmentID: Int64, day: Day, kind: TransactionKind, count: Int64,
    amount: Money) throws
  func balance(environmentID: Int64) throws -> Money
  /// Consumption (a positive amount) over the days of `range`, from the daily totals.
  func consumption(environmentID: Int64, days range: ClosedRange<Day>) throws -> Money
  /// Daily consumption per day of `range` (days without consumption are absent).
  func dailyConsumption(environmentID: Int64, days range: ClosedRange<Day>) throws -> [Day: Money]
  /// The lowest and highest entry id of the environment (two index seeks), nil without entries.
  func entryIDRange(environmentID: Int64) throws -> ClosedRange<Int64>?
  /// Ledger entries, newest first, below `beforeID` when given: a page at a time.
  func entries(environmentID: Int64, filter: LedgerFilter, beforeID: Int64?, limit: Int) throws
    -> [LedgerEntry]
  /// Walks all matching entries oldest first without holding them in memory.
  func forEachEntry(
    environmentID: Int64, filter: LedgerFilter, _ body: (LedgerEntry) throws -> Void)
    throws
  /// The sum of every ledger entry: the invariant says it equals `balance`.
  func ledgerSum(environmentID: Int64) throws -> Money
  /// A page of matching entries in event-time order (`at`, then `id`), strictly after or
  /// before `position` in that order; keyset paging from either end of the ledger.
  func entries(
    environmentID: Int64, filter: LedgerFilter, from position: LedgerPosition?,
    order: LedgerOrder, limit: Int
  ) throws -> [LedgerEntry]
  /// How many entries match and the sum of their amounts.
  func entryTotals(environmentID: Int64, filter: LedgerFilter) throws -> LedgerTotals
  /// The first matching entry past `position` in `order` whose reference or organisation name
  /// contains `text` (ASCII letters compared without case), with how many matching entries
  /// are newer than it; nil when none is.
  func findEntry(
    environmentID: Int64, filter: LedgerFilter, containing text: String,
    from position: LedgerPosition?, order: LedgerOrder
  ) throws -> LedgerMatch?
}

/// An entry found by a search of the whole ledger, and where it stands in the filtered
/// ledger newest first (0 is the newest), so a screen can page to it and number it.
public struct LedgerMatch: Sendable, Hashable {
  public var entry: LedgerEntry
  public var rowNumber: Int

  public init(entry: LedgerEntry, rowNumber: Int) {
    self.entry = entry
    self.rowNumber = rowNumber
  }
}

/// A ledger entry before the store gave it an id.
public struct NewLedgerEntry: Sendable, Hashable {
  public var environmentID: Int64
  public var organisationID: Int64?
  public var kind: EntryKind
  public var transactionKind: TransactionKind?
  public var amount: Money
  public var at: Instant
  public var reference: String?
  public var actor: String

  public init(
    environmentID: Int64, organisationID: Int64?, kind: EntryKind,
    transactionKind: TransactionKind? = nil, amount: Money, at: Instant, reference: String?,
    actor: String
  ) {
    self.environmentID = environmentID
    self.organisationID = organisationID
    self.kind = kind
    self.transactionKind = transactionKind
    self.amount = amount
    self.at = at
    self.reference = reference
    self.actor = actor
  }
}

/// Which ledger entries to list: all fields optional, combined with AND.
public struct LedgerFilter: Sendable, Hashable {
  public var from: Day?
  public var to: Day?
  public var organisationID: Int64?
  public var kind: EntryKind?
  public var transactionKind: TransactionKind?

  public init(
    from: Day? = nil, to: Day? = nil, organisationID: Int64? = nil, kind: EntryKind? = nil,
    transactionKind: TransactionKind? = nil
  ) {
    self.from = from
    self.to = to
    self.organisationID = organisationID
    self.kind = kind
    self.transactionKind = transactionKind
  }
}

/// A place in the ledger's event-time order: entries with equal times are ordered by id.
public struct LedgerPosition: Sendable, Hashable {
  public var at: Instant
  public var id: Int64

  public init(at: Instant, id: Int64) {
    self.at = at
    self.id = id
  }

  public init(_ entry: LedgerEntry) {
    self.init(at: entry.at, id: entry.id)
  }
}

/// Which way a page of the ledger runs in event time.
public enum LedgerOrder: Sendable, Hashable {
  /// Newest first: the page after `position` holds older entries.
  case newestFirst
  /// Oldest first: the page after `position` holds newer entries.
  case oldestFirst
}

/// The size of a filtered set of ledger entries.
public struct LedgerTotals: Sendable, Hashable {
  public var count: Int
  public var sum: Money

  public init(count: Int, sum: Money) {
    self.count = count
    self.sum = sum
  }
}
