extension SQLiteStore {
  public func append(_ entry: NewLedgerEntry) throws -> Int64 {
    try insert(entry, sql: Self.insertEntry)
    return database.lastInsertRowID
  }

  public func appendConsumptions(_ entries: [NewLedgerEntry]) throws -> [Bool] {
    var hashes = [Int64](repeating: 0, count: entries.count)
    for index in entries.indices {
      if let reference = entries[index].reference { hashes[index] = eventHash(reference) }
    }
    // Stable on equal keys, so of two entries with the same id the first given is charged.
    let order = entries.indices.sorted {
      (entries[$0].environmentID, hashes[$0], $0) < (entries[$1].environmentID, hashes[$1], $1)
    }
    var added = [Bool](repeating: false, count: entries.count)
    for index in order {
      let entry = entries[index]
      if entry.kind == .consumption, let reference = entry.reference {
        added[index] = try appendConsumption(entry, reference: reference, hash: hashes[index])
      } else {
        try insert(entry, sql: Self.insertEntry)
        added[index] = true
      }
    }
    return added
  }

  private func appendConsumption(_ entry: NewLedgerEntry, reference: String, hash: Int64)
    throws -> Bool
  {
    let known = try database.statement(Self.chargedBefore, bindingEvery: true)
    try known.bind(1, int: entry.environmentID)
    try known.bind(2, int: hash)
    try known.bind(3, text: reference)
    let charged = try known.step()
    known.resetKeepingBindings()
    if charged { return false }
    let statement = try database.statement(Self.insertConsumption, bindingEvery: true)
    try bind(entry, to: statement)
    try statement.bind(9, int: hash)
    try statement.runBound()
    return true
  }

  private static let insertEntry = """
    INSERT INTO ledger_entry(environment_id, organisation_id, kind, transaction_kind, amount, at,
      reference, actor)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
    """

  // Charged before when an entry of the environment has the same hash and the same id; an
  // equal hash alone is a collision, and the event is charged. The index is named so that a
  // change to it fails loudly here instead of silently scanning the ledger. The caller's write
  // transaction holds the write lock, so no other process can insert between this and the
  // insert.
  static let chargedBefore = """
    SELECT 1 FROM ledger_entry INDEXED BY ledger_entry_environment_event_hash
    WHERE environment_id = ?1 AND event_hash = ?2 AND kind = 'consumption' AND reference = ?3
    """

  // A separate lookup, not INSERT ... SELECT ... WHERE NOT EXISTS: SQLite keeps a statement
  // journal for an insert from a SELECT (it could insert many rows), and once a batch's journal
  // has spilled to a temporary file that wrote each event's pages a second time.
  private static let insertConsumption = """
    INSERT INTO ledger_entry(environment_id, organisation_id, kind, transaction_kind, amount, at,
      reference, actor, event_hash)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
    """

  // Runs once per consumed event: binds each parameter straight to the statement.
  private func insert(_ entry: NewLedgerEntry, sql: String) throws {
    let statement = try database.statement(sql, bindingEvery: true)
    try bind(entry, to: statement)
    try statement.runBound()
  }

  private func bind(_ entry: NewLedgerEntry, to statement: Statement) throws {
    try statement.bind(1, int: entry.environmentID)
    if let organisationID = entry.organisationID {
      try statement.bind(2, int: organisationID)
    } else {
      try statement.bind(2, text: nil)
    }
    try statement.bind(3, text: entry.kind.rawValue)
    try statement.bind(4, text: entry.transactionKind?.rawValue)
    try statement.bind(5, int: entry.amount.mills)
    try statement.bind(6, int: entry.at.seconds)
    try statement.bind(7, text: entry.reference)
    try statement.bind(8, text: entry.actor)
  }

  @discardableResult
  public func adjustCredit(environmentID: Int64, by delta: Money, entries: Int64, at: Instant)
    throws -> Money
  {
    let row = try database.statement(
      """
      UPDATE credit SET balance = balance + ?2, entries = entries + ?3, updated_at = ?4
      WHERE environment_id = ?1 RETURNING balance
      """)
    try row.bind(.int(environmentID), .int(delta.mills), .int(entries), .int(at.seconds))
    defer { row.reset() }
    guard try row.step() else {
      throw StoreError.sqlite(
        code: 0, message: "no credit row for environment \(environmentID)", sql: "adjustCredit")
    }
    return Money(mills: row.int(0))
  }

  public func addDailyConsumption(
    environmentID: Int64, day: Day, kind: TransactionKind, count: Int64, amount: Money
  ) throws {
    try database.statement(
      """
      INSERT INTO daily_consumption(environment_id, day, kind, count, amount)
      VALUES (?1, ?2, ?3, ?4, ?5)
      ON CONFLICT(environment_id, day, kind)
      DO UPDATE SET count = count + excluded.count, amount = amount + excluded.amount
      """
    ).run(
      .int(environmentID), .int(day.number), .text(kind.rawValue), .int(count),
      .int(amount.mills))
  }

  public func addConsumption(
    environmentID: Int64, days amounts: [Day: Money], entries: Int64, at: Instant
  ) throws -> Money {
    try addDailyTotals(environmentID: environmentID, amounts: amounts)
    var total: Int64 = 0
    for amount in amounts.values { total += amount.mills }
    let row = try database.statement(
      """
      UPDATE credit SET balance = balance - ?2, entries = entries + ?3, updated_at = ?4,
        pending_from = coalesce(?5, pending_from), pending_amount = pending_amount + ?2
      WHERE environment_id = ?1 RETURNING balance, window_first, window_last
      """)
    try row.bind(
      .int(environmentID), .int(total), .int(entries), .int(at.seconds),
      .optional(amounts.keys.max()?.number))
    guard try row.step() else {
      row.reset()
      throw StoreError.sqlite(
        code: 0, message: "no credit row for environment \(environmentID)", sql: "addConsumption")
    }
    let balance = Money(mills: row.int(0))
    let first = row.optionalInt(1)
    let last = row.optionalInt(2)
    row.reset()
    // Live events fall on today, after the window; only a back-dated batch changes it.
    guard let first, let last, first <= last else { return balance }
    let window = Day(number: first)...Day(number: last)
    var inWindow: Int64 = 0
    for (day, amount) in amounts where window.contains(day) { inWindow += amount.mills }
    if inWindow != 0 {
      try database.statement(
        "UPDATE credit SET window_amount = window_amount + ?2 WHERE environment_id = ?1"
      ).run(.int(environmentID), .int(inWindow))
    }
    return balance
  }

  /// Adds a batch's amounts to the daily totals and to the running sums up to the batch's last
  /// day. What the batch adds to every later day is not written there: it joins the credit
  /// row's pending carry (`Schema.pendingCarry`), whose start moves to the batch's last day when
  /// the caller updates the balance.
  private func addDailyTotals(environmentID: Int64, amounts: [Day: Money]) throws {
    let days = amounts.keys.sorted()
    guard let last = days.last?.number else { return }
    let pending = try pendingCarry(environmentID: environmentID)
    // Every day's row; a new day starts from the running sum of the latest earlier day as it
    // is stored. That day has the pending carry exactly when the new one has it: the carry's
    // start always has a row.
    let upsert = try database.statement(
      """
      INSERT INTO daily_total(environment_id, day, amount, cumulative)
      VALUES (?1, ?2, ?3, coalesce(
        (SELECT cumulative FROM daily_total WHERE environment_id = ?1 AND day < ?2
         ORDER BY day DESC LIMIT 1), 0))
      ON CONFLICT(environment_id, day) DO UPDATE SET amount = amount + excluded.amount
      """)
    for day in days {
      try upsert.run(
        .int(environmentID), .int(day.number), .int(amounts[day, default: .zero].mills))
    }
    // Up to the last day, each stretch between two points gets one update: from each batch day
    // on, what the batch added up to it; from the old start of the pending carry on, the carry,
    // which is written now that it starts at the last day. From the last day on, the batch's
    // amounts join the carry instead.
    var steps: [Int64: Int64] = [:]
    for day in days.dropLast() {
      steps[day.number, default: 0] += amounts[day, default: .zero].mills
    }
    let shift = try database.statement(
      """
      UPDATE daily_total SET cumulative = cumulative + ?4
      WHERE environment_id = ?1 AND day >= ?2 AND day < ?3
      """)
    if let from = pending.from, pending.amount != 0 {
      if from < last {
        steps[from, default: 0] += pending.amount
      } else if from > last {
        // The carry moves back: the days from the last day to its old start lose it again.
        try shift.run(.int(environmentID), .int(last), .int(from), .int(-pending.amount))
      }
    }
    let starts = steps.keys.sorted()
    var added: Int64 = 0
    for (index, start) in starts.enumerated() {
      added += steps[start, default: 0]
      let end = index + 1 < starts.count ? starts[index + 1] : last
      if added != 0 {
        try shift.run(.int(environmentID), .int(start), .int(end), .int(added))
      }
    }
  }

  /// The running sums of the days from `from` on lack `amount`; no `from`: nothing pending.
  private func pendingCarry(environmentID: Int64) throws -> (from: Int64?, amount: Int64) {
    let row = try database.statement(
      "SELECT pending_from, pending_amount FROM credit WHERE environment_id = ?1")
    try row.bind(.int(environmentID))
    defer { row.reset() }
    guard try row.step() else { return (nil, 0) }
    return (row.optionalInt(0), row.int(1))
  }

  public func balance(environmentID: Int64) throws -> Money {
    let row = try database.statement("SELECT balance FROM credit WHERE environment_id = ?1")
    try row.bind(.int(environmentID))
    defer { row.reset() }
    return try row.step() ? Money(mills: row.int(0)) : .zero
  }

  public func consumption(environmentID: Int64, days range: ClosedRange<Day>) throws -> Money {
    // The remembered window when it is this range: one row of credit. Otherwise two point
    // lookups on the running sums, whatever the length of the history; coalesce evaluates its
    // arguments lazily, so they are only read when the first gives nothing.
    let row = try database.statement(Self.windowConsumption)
    try row.bind(.int(environmentID), .int(range.lowerBound.number), .int(range.upperBound.number))
    defer { row.reset() }
    return try row.step() ? Money(mills: row.int(0)) : .zero
  }

  /// The consumption of `environment` (an SQL expression) from day ?2 to day ?3 as the
  /// difference of two point lookups on the running sums: the consumption up to the last day
  /// less that before the first. The pending carry (on `credit`, an SQL table name or alias
  /// whose row is the environment's) is missing from the sum up to the last day but not from
  /// the sum before the first exactly when it starts within the range; otherwise it is missing
  /// from both or from neither.
  private static func windowFromRunningSums(of environment: String, credit: String) -> String {
    """
    coalesce((SELECT cumulative FROM daily_total WHERE environment_id = \(environment)
        AND day <= ?3 ORDER BY day DESC LIMIT 1), 0)
      - coalesce((SELECT cumulative FROM daily_total WHERE environment_id = \(environment)
        AND day < ?2 ORDER BY day DESC LIMIT 1), 0)
      + CASE WHEN \(credit).pending_from BETWEEN ?2 AND ?3 THEN \(credit).pending_amount
        ELSE 0 END
    """
  }

  private static let windowConsumption = """
    SELECT coalesce(
      (SELECT window_amount FROM credit
        WHERE environment_id = ?1 AND window_first = ?2 AND window_last = ?3),
      (SELECT \(windowFromRunningSums(of: "?1", credit: "pending"))
        FROM credit AS pending WHERE pending.environment_id = ?1), 0)
    """

  private static let rememberOneWindow = """
    UPDATE credit SET window_first = ?2, window_last = ?3,
      window_amount = \(windowFromRunningSums(of: "?1", credit: "credit"))
    WHERE environment_id = ?1 AND (window_first IS NOT ?2 OR window_last IS NOT ?3)
    """

  // Inside the UPDATE the lookups name each row's own `credit.environment_id`.
  private static let rememberWindowsOfIDs = """
    UPDATE credit SET window_first = ?2, window_last = ?3,
      window_amount = \(windowFromRunningSums(of: "credit.environment_id", credit: "credit"))
    WHERE environment_id BETWEEN ?1 AND ?4
      AND (window_first IS NOT ?2 OR window_last IS NOT ?3)
    """

  public func rememberWindow(environmentID: Int64, days range: ClosedRange<Day>) throws {
    try database.statement(Self.rememberOneWindow).run(
      .int(environmentID), .int(range.lowerBound.number), .int(range.upperBound.number))
  }

  @discardableResult
  public func rememberWindows(days range: ClosedRange<Day>, ids: ClosedRange<Int64>) throws -> Int {
    try database.statement(Self.rememberWindowsOfIDs).run(
      .int(ids.lowerBound), .int(range.lowerBound.number), .int(range.upperBound.number),
      .int(ids.upperBound))
    return database.changes
  }

  public func dailyConsumption(environmentID: Int64, days range: ClosedRange<Day>) throws
    -> [Day: Money]
  {
    let rows = try database.statement(
      """
      SELECT day, amount FROM daily_total
      WHERE environment_id = ?1 AND day BETWEEN ?2 AND ?3
      """)
    try rows.bind(.int(environmentID), .int(range.lowerBound.number), .int(range.upperBound.number))
    var result: [Day: Money] = [:]
    while try rows.step() { result[Day(number: rows.int(0))] = Money(mills: rows.int(1)) }
    return result
  }

  public func ledgerSum(environmentID: Int64) throws -> Money {
    let row = try database.statement(
      "SELECT coalesce(sum(amount), 0) FROM ledger_entry WHERE environment_id = ?1")
    try row.bind(.int(environmentID))
    defer { row.reset() }
    return try row.step() ? Money(mills: row.int(0)) : .zero
  }
}
