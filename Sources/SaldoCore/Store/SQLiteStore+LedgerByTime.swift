extension SQLiteStore {
  private static let timeColumns =
    "id, environment_id, organisation_id, kind, transaction_kind, amount, at, reference, actor"

  private static let timeConditions = """
    environment_id = ?1
      AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR at < ?3)
      AND (?4 IS NULL OR organisation_id = ?4) AND (?5 IS NULL OR kind = ?5)
      AND (?6 IS NULL OR transaction_kind = ?6)
    """

  // Row values let SQLite seek the (environment_id, at, id) index straight to the cursor;
  // without a cursor the bound is the far end of the order.
  private static let newestFirst = """
    SELECT \(timeColumns) FROM ledger_entry INDEXED BY ledger_entry_environment_at
    WHERE \(timeConditions) AND (at, id) < (?7, ?8)
    ORDER BY at DESC, id DESC LIMIT ?9
    """

  private static let oldestFirst = """
    SELECT \(timeColumns) FROM ledger_entry INDEXED BY ledger_entry_environment_at
    WHERE \(timeConditions) AND (at, id) > (?7, ?8)
    ORDER BY at ASC, id ASC LIMIT ?9
    """

  // The text matches the reference, or the name of the entry's organisation; instr is a
  // literal match (no LIKE wildcards to escape), lower() folds ASCII only.
  private static let textCondition = """
    (instr(lower(coalesce(reference, '')), ?10) > 0
      OR organisation_id IN (
        SELECT id FROM organisation WHERE environment_id = ?1 AND instr(lower(name), ?10) > 0))
    """

  private static let findNewestFirst = """
    SELECT \(timeColumns) FROM ledger_entry INDEXED BY ledger_entry_environment_at
    WHERE \(timeConditions) AND (at, id) < (?7, ?8) AND \(textCondition)
    ORDER BY at DESC, id DESC LIMIT ?9
    """

  private static let findOldestFirst = """
    SELECT \(timeColumns) FROM ledger_entry INDEXED BY ledger_entry_environment_at
    WHERE \(timeConditions) AND (at, id) > (?7, ?8) AND \(textCondition)
    ORDER BY at ASC, id ASC LIMIT ?9
    """

  public func findEntry(
    environmentID: Int64, filter: LedgerFilter, containing text: String,
    from position: LedgerPosition?, order: LedgerOrder
  ) throws -> LedgerMatch? {
    let rows = try database.statement(
      order == .newestFirst ? Self.findNewestFirst : Self.findOldestFirst)
    defer { rows.reset() }
    let bound = Self.bound(position, order)
    try rows.bind(
      Self.timeFilterValues(environmentID, filter)
        + [.int(bound.0), .int(bound.1), .int(1), .text(text.lowercased())])
    guard try rows.step() else { return nil }
    let entry = Self.entry(rows)
    rows.reset()
    let newer = try database.statement(
      "SELECT count(*) FROM ledger_entry WHERE \(Self.timeConditions) AND (at, id) > (?7, ?8)")
    defer { newer.reset() }
    try newer.bind(
      Self.timeFilterValues(environmentID, filter) + [.int(entry.at.seconds), .int(entry.id)])
    guard try newer.step() else { return nil }
    return LedgerMatch(entry: entry, rowNumber: Int(newer.int(0)))
  }

  private static func bound(_ position: LedgerPosition?, _ order: LedgerOrder) -> (Int64, Int64) {
    position.map { ($0.at.seconds, $0.id) }
      ?? (order == .newestFirst ? (Int64.max, Int64.max) : (Int64.min, Int64.min))
  }

  private static func entry(_ rows: Statement) -> LedgerEntry {
    LedgerEntry(
      id: rows.int(0), environmentID: rows.int(1), organisationID: rows.optionalInt(2),
      kind: EntryKind(rawValue: rows.text(3)) ?? .correction,
      transactionKind: rows.optionalText(4).flatMap(TransactionKind.init(rawValue:)),
      amount: Money(mills: rows.int(5)), at: Instant(seconds: rows.int(6)),
      reference: rows.optionalText(7), actor: rows.text(8))
  }

  public func entries(
    environmentID: Int64, filter: LedgerFilter, from position: LedgerPosition?,
    order: LedgerOrder, limit: Int
  ) throws -> [LedgerEntry] {
    let rows = try database.statement(order == .newestFirst ? Self.newestFirst : Self.oldestFirst)
    let bound = Self.bound(position, order)
    try rows.bind(
      Self.timeFilterValues(environmentID, filter)
        + [.int(bound.0), .int(bound.1), .int(Int64(limit))])
    var result: [LedgerEntry] = []
    while try rows.step() { result.append(Self.entry(rows)) }
    return result
  }

  public func forEachEntry(
    environmentID: Int64, filter: LedgerFilter, _ body: (LedgerEntry) throws -> Void
  ) throws {
    let rows = try database.statement(
      """
      SELECT \(Self.timeColumns) FROM ledger_entry INDEXED BY ledger_entry_environment_at
      WHERE \(Self.timeConditions) ORDER BY at, id
      """)
    try rows.bind(Self.timeFilterValues(environmentID, filter))
    defer { rows.reset() }
    while try rows.step() { try body(Self.entry(rows)) }
  }

  public func entryTimeRange(environmentID: Int64) throws -> ClosedRange<Instant>? {
    // Two subqueries: SQLite answers a lone min() or max() with one index seek, but both in one
    // SELECT with a scan of the environment's whole index range.
    let row = try database.statement(
      """
      SELECT (SELECT min(at) FROM ledger_entry WHERE environment_id = ?1),
        (SELECT max(at) FROM ledger_entry WHERE environment_id = ?1)
      """)
    try row.bind(.int(environmentID))
    defer { row.reset() }
    guard try row.step(), let low = row.optionalInt(0), let high = row.optionalInt(1) else {
      return nil
    }
    return Instant(seconds: low)...Instant(seconds: high)
  }

  public func entryTotals(environmentID: Int64, filter: LedgerFilter) throws -> LedgerTotals {
    let row = try database.statement(
      "SELECT count(*), coalesce(sum(amount), 0) FROM ledger_entry WHERE \(Self.timeConditions)")
    try row.bind(Self.timeFilterValues(environmentID, filter))
    defer { row.reset() }
    guard try row.step() else { return LedgerTotals(count: 0, sum: .zero) }
    return LedgerTotals(count: Int(row.int(0)), sum: Money(mills: row.int(1)))
  }

  private static func timeFilterValues(_ environmentID: Int64, _ filter: LedgerFilter)
    -> [SQLValue]
  {
    [
      .int(environmentID), .optional(filter.from.map { $0.start.seconds }),
      .optional(filter.to.map { $0.adding(days: 1).start.seconds }),
      .optional(filter.organisationID), .optional(filter.kind?.rawValue),
      .optional(filter.transactionKind?.rawValue),
    ]
  }
}
