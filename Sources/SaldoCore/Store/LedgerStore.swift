/// The ledger and the aggregates kept with it in the same transaction (balance, daily
/// totals). Part of `SaldoStore`; its methods run inside the caller's `read` or `write`.
public protocol LedgerStore: AnyObject {
  func append(_ entry: NewLedgerEntry) throws -> Int64
  /// Appends a batch's consumption entries, each unless its external id was charged before in
  /// its environment (earlier in the batch included); returns for each entry, in the order
  /// given, whether it was added. They are written in the order of the environment's event-id
  /// index, not the order given: on a large ledger each event lands on a random page of that
  /// index, and taking the pages in order lets a batch load and write each page once instead of
  /// evicting it and reading it back for a later event.
  func appendConsumptions(_ entries: [NewLedgerEntry]) throws -> [Bool]
  /// Adds `delta` to the balance and returns the new balance.
  @discardableResult
  func adjustCredit(environmentID: Int64, by delta: Money, entries: Int64, at: Instant) throws
    -> Money
  /// Adds to one day's count and amount of one kind.
  func addDailyConsumption(
    environmentID: Int64, day: Day, kind: TransactionKind, count: Int64,
    amount: Money) throws
  /// Adds a batch's consumption of one environment (a positive amount per day, `entries` ledger
  /// entries) to every aggregate kept of it: the daily totals and their running sums (written
  /// up to the batch's last day; what it adds to later days joins the pending carry on the
  /// credit row), the remembered 100-day window when a day falls in it, and the balance, which
  /// it returns.
  func addConsumption(environmentID: Int64, days amounts: [Day: Money], entries: Int64, at: Instant)
    throws -> Money
  func balance(environmentID: Int64) throws -> Money
  /// Consumption (a positive amount) over the days of `range`: the remembered window when it is
  /// this range, otherwise from the daily totals' running sums.
  func consumption(environmentID: Int64, days range: ClosedRange<Day>) throws -> Money
  /// Remembers the consumption over `range` on the environment's credit row (unless it is
  /// remembered already), so that reading it is one lookup on a table the size of the number of
  /// environments, however long the history.
  func rememberWindow(environmentID: Int64, days range: ClosedRange<Day>) throws
  /// The same for every environment whose id is in `ids` (a slice of the table per write
  /// transaction keeps other writers' waits short); returns how many rows changed.
  @discardableResult
  func rememberWindows(days range: ClosedRange<Day>, ids: ClosedRange<Int64>) throws -> Int
  /// Daily consumption per day of `range` (days without consumption are absent).
  func dailyConsumption(environmentID: Int64, days range: ClosedRange<Day>) throws -> [Day: Money]
  /// When the environment's first and last entries happened (two index seeks), nil without
  /// entries.
  func entryTimeRange(environmentID: Int64) throws -> ClosedRange<Instant>?
  /// Walks all matching entries in event-time order (`at`, then `id`), oldest first, without
  /// holding them in memory.
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
