import SaldoCore

/// The same inserts written directly against the sqlite3 C API in the simplest correct form:
/// one prepared statement per kind of write, WAL, `synchronous=NORMAL`, events already in
/// memory (so these figures include no file parsing); 10,000-row transactions, or the core's
/// own batches where a baseline says so.
enum IngestBaseline {
  /// The transactions the baselines were first set against: 10,000 rows each.
  static func formerBatches(_ count: Int) -> [Int] {
    stride(from: 0, to: count, by: 10_000).map { min(10_000, count - $0) }
  }

  /// The consecutive ranges of `count` events that `sizes` commits at.
  static func slices(_ count: Int, _ sizes: [Int]) -> [Range<Int>] {
    var start = 0
    var result: [Range<Int>] = []
    for size in sizes where start < count {
      result.append(start..<min(start + size, count))
      start += size
    }
    if start < count { result.append(start..<count) }
    return result
  }

  /// (a) The physical limit: the ledger's columns in a table without indexes or constraints,
  /// no aggregates.
  static func bare(_ events: [GeneratedEvent], population: Population, context: BenchContext)
    throws -> UInt64
  {
    let path = context.folder + "/baseline-bare.db"
    FileText.removeDatabase(path)
    defer { FileText.removeDatabase(path) }
    let database = try context.baseline(path, create: true)
    defer { database.close() }
    try database.execute(
      """
      CREATE TABLE ledger_entry(id INTEGER PRIMARY KEY, environment_id INTEGER NOT NULL,
        organisation_id INTEGER, kind TEXT NOT NULL, transaction_kind TEXT,
        amount INTEGER NOT NULL, at INTEGER NOT NULL, reference TEXT, actor TEXT NOT NULL) STRICT
      """)
    let insert = try database.prepare(insertSQL)
    defer { insert.finalize() }
    var id = [UInt8](repeating: 0, count: 32)
    let (_, nanos) = try timed {
      for slice in slices(events.count, formerBatches(events.count)) {
        try database.execute("BEGIN")
        for event in events[slice] {
          try bindEntry(insert, event, population: population, id: &id)
          try insert.run()
        }
        try database.execute("COMMIT")
      }
      try database.execute("PRAGMA wal_checkpoint(PASSIVE)")
    }
    return nanos
  }

  /// Which ledger indexes a baseline writes, and how it charges an event id once.
  enum EventIndex {
    /// The schema the baselines have always used, from before event ids were hashed: a unique
    /// partial index on (environment_id, reference) with the insert's `ON CONFLICT DO NOTHING`,
    /// and the (environment_id, id) index the ledger was once listed by. The database the core
    /// created is taken back to it before the clock starts.
    case uniqueID
    /// The core's schema today: a 64-bit hash of the id in an integer column with a plain
    /// index, the insert skipped when an entry of the environment has the same hash and id;
    /// the ledger indexed by event time only.
    case hashed
  }

  /// (b) and (c): Saldo's schema as the core created it (foreign keys on) with the indexes of
  /// `eventIndex`, committed after each of `batches`; the balance row and the daily total are
  /// maintained either row by row (b) or, like the core, summed in memory and written once per
  /// environment and day per batch (c). Like the core, (c) writes a batch's entries in the
  /// order of the event-id index and its aggregates in the order of their keys, and leaves
  /// what a batch adds after its last day pending on the credit row.
  static func bookkeeping(
    _ events: [GeneratedEvent], population: Population, path: String, batchedAggregates: Bool,
    batches: [Int], eventIndex: EventIndex = .uniqueID, context: BenchContext
  ) throws -> UInt64 {
    let database = try context.baseline(path, foreignKeys: true)
    defer { database.close() }
    if eventIndex == .uniqueID { try useFormerIndexes(database) }
    let statements = try Statements(database, eventIndex: eventIndex)
    defer { statements.finalize() }
    var id = [UInt8](repeating: 0, count: 32)
    let (_, nanos) = try timed {
      for slice in slices(events.count, batches) {
        try database.execute("BEGIN")
        var balance: [Int64: (amount: Int64, entries: Int64)] = [:]
        var daily: [DailyKey: (count: Int64, amount: Int64)] = [:]
        var lastAt: Int64 = 0
        let order =
          batchedAggregates
          ? statements.writeOrder(events, slice, population: population) : Array(slice)
        for index in order {
          let event = events[index]
          guard try statements.record(event, population: population, id: &id) else { continue }
          let environment = population.environmentIDs[Int(event.environment)]
          let price = population.prices[event.kind] ?? 0
          lastAt = event.at
          if batchedAggregates {
            let current = balance[environment] ?? (0, 0)
            balance[environment] = (current.amount - price, current.entries + 1)
            let key = DailyKey(environment: environment, day: event.day, kind: event.kind)
            let totals = daily[key] ?? (0, 0)
            daily[key] = (totals.count + 1, totals.amount + price)
          } else {
            try statements.adjust(environment, by: -price, entries: 1, at: event.at)
            try statements.addDaily(environment, event.day, event.kind, count: 1, amount: price)
          }
        }
        // As the core does, in the order of the keys: each day's kinds, then per environment
        // the batch days' totals and running sums up to the last batch day, and the balance
        // with the pending carry.
        var totals: [Int64: [Int64: Int64]] = [:]
        for (key, sums) in daily.sorted(by: { $0.key < $1.key }) {
          try statements.addKind(
            key.environment, key.day, key.kind, count: sums.count, amount: sums.amount)
          totals[key.environment, default: [:]][key.day, default: 0] += sums.amount
        }
        for (environment, delta) in balance.sorted(by: { $0.key < $1.key }) {
          let last = try statements.addTotals(environment, totals[environment] ?? [:])
          try statements.adjust(
            environment, by: delta.amount, entries: delta.entries, at: lastAt, pendingFrom: last)
        }
        try database.execute("COMMIT")
      }
      // What closing the connection would do, on the clock as it is for the core: checkpoint
      // what the write-ahead log still holds.
      try database.execute("PRAGMA wal_checkpoint(PASSIVE)")
    }
    return nanos
  }

  /// One event per transaction on the row-by-row database: BEGIN IMMEDIATE, the entry, the
  /// balance, the daily total, COMMIT.
  static func singleEvents(
    _ events: [GeneratedEvent], population: Population, path: String, context: BenchContext
  ) throws -> Samples {
    let database = try context.baseline(path, foreignKeys: true)
    defer { database.close() }
    try useFormerIndexes(database)
    let statements = try Statements(database, eventIndex: .uniqueID)
    defer { statements.finalize() }
    let begin = try database.prepare("BEGIN IMMEDIATE")
    let commit = try database.prepare("COMMIT")
    defer {
      begin.finalize()
      commit.finalize()
    }
    var id = [UInt8](repeating: 0, count: 32)
    var samples = Samples(reserving: events.count)
    for event in events {
      let start = monotonicNanos()
      try begin.run()
      if try statements.record(event, population: population, id: &id) {
        let environment = population.environmentIDs[Int(event.environment)]
        let price = population.prices[event.kind] ?? 0
        try statements.adjust(environment, by: -price, entries: 1, at: event.at)
        try statements.addDaily(environment, event.day, event.kind, count: 1, amount: price)
      }
      try commit.run()
      samples.add(monotonicNanos() - start)
    }
    return samples
  }

  private struct DailyKey: Hashable, Comparable {
    let environment: Int64
    let day: Int64
    let kind: TransactionKind

    static func < (left: DailyKey, right: DailyKey) -> Bool {
      (left.environment, left.day, left.kind.rawValue)
        < (right.environment, right.day, right.kind.rawValue)
    }
  }

  /// Takes a database the core created back to the ledger indexes the baselines have always
  /// had: the unique index on the event id text from before ids were hashed (the hash column
  /// stays, empty in the rows the baseline adds) and the (environment_id, id) index. Does
  /// nothing when it was done before.
  static func useFormerIndexes(_ database: RawDatabase) throws {
    try database.execute(
      """
      DROP INDEX IF EXISTS ledger_entry_environment_event_hash;
      CREATE INDEX IF NOT EXISTS ledger_entry_environment ON ledger_entry(environment_id, id);
      CREATE UNIQUE INDEX IF NOT EXISTS ledger_entry_environment_event
        ON ledger_entry(environment_id, reference)
        WHERE kind = 'consumption' AND reference IS NOT NULL
      """)
  }

  /// The core's own statements, text for text (the insert as it was before hashed ids, for
  /// `.uniqueID`).
  private final class Statements {
    let database: RawDatabase
    let insert: RawStatement
    /// With `.hashed` only: whether an entry of the environment has the event's hash and id.
    let known: RawStatement?
    let credit: RawStatement
    let daily: RawStatement
    let total: RawStatement
    let later: RawStatement
    let batchTotal: RawStatement
    let carry: RawStatement
    let pending: RawStatement
    let creditPending: RawStatement

    init(_ database: RawDatabase, eventIndex: EventIndex) throws {
      self.database = database
      switch eventIndex {
      case .uniqueID:
        insert = try database.prepare(
          insertSQL
            + " ON CONFLICT(environment_id, reference)"
            + " WHERE kind = 'consumption' AND reference IS NOT NULL"
            + " DO NOTHING")
        known = nil
      case .hashed:
        insert = try database.prepare(
          """
          INSERT INTO ledger_entry(environment_id, organisation_id, kind, transaction_kind,
            amount, at, reference, actor, event_hash)
          VALUES (?1, ?2, 'consumption', ?3, ?4, ?5, ?6, ?7, ?8)
          """)
        known = try database.prepare(
          """
          SELECT 1 FROM ledger_entry INDEXED BY ledger_entry_environment_event_hash
          WHERE environment_id = ?1 AND event_hash = ?2 AND kind = 'consumption'
            AND reference = ?3
          """)
      }
      credit = try database.prepare(
        """
        UPDATE credit SET balance = balance + ?2, entries = entries + ?3, updated_at = ?4
        WHERE environment_id = ?1
        """)
      daily = try database.prepare(
        """
        INSERT INTO daily_consumption(environment_id, day, kind, count, amount)
        VALUES (?1, ?2, ?3, ?4, ?5)
        ON CONFLICT(environment_id, day, kind)
        DO UPDATE SET count = count + excluded.count, amount = amount + excluded.amount
        """)
      total = try database.prepare(
        """
        INSERT INTO daily_total(environment_id, day, amount, cumulative)
        VALUES (?1, ?2, ?3, ?3 + coalesce(
          (SELECT cumulative FROM daily_total WHERE environment_id = ?1 AND day < ?2
           ORDER BY day DESC LIMIT 1), 0))
        ON CONFLICT(environment_id, day) DO UPDATE SET amount = amount + excluded.amount,
          cumulative = cumulative + excluded.amount
        """)
      later = try database.prepare(
        """
        UPDATE daily_total SET cumulative = cumulative + ?3
        WHERE environment_id = ?1 AND day > ?2
        """)
      batchTotal = try database.prepare(
        """
        INSERT INTO daily_total(environment_id, day, amount, cumulative)
        VALUES (?1, ?2, ?3, coalesce(
          (SELECT cumulative FROM daily_total WHERE environment_id = ?1 AND day < ?2
           ORDER BY day DESC LIMIT 1), 0))
        ON CONFLICT(environment_id, day) DO UPDATE SET amount = amount + excluded.amount
        """)
      carry = try database.prepare(
        """
        UPDATE daily_total SET cumulative = cumulative + ?4
        WHERE environment_id = ?1 AND day >= ?2 AND day < ?3
        """)
      pending = try database.prepare(
        "SELECT pending_from, pending_amount FROM credit WHERE environment_id = ?1")
      creditPending = try database.prepare(
        """
        UPDATE credit SET balance = balance + ?2, entries = entries + ?3, updated_at = ?4,
          pending_from = coalesce(?5, pending_from), pending_amount = pending_amount - ?2
        WHERE environment_id = ?1
        """)
    }

    /// The core's write order for a batch: by environment, then by the event-id index's key
    /// (the hash, or the id text, whose hex digits sort as the number), first given first.
    func writeOrder(_ events: [GeneratedEvent], _ slice: Range<Int>, population: Population)
      -> [Int]
    {
      var id = [UInt8](repeating: 0, count: 32)
      let keys: [(environment: Int64, high: UInt64, low: UInt64, index: Int)] = slice.map {
        let event = events[$0]
        let environment = population.environmentIDs[Int(event.environment)]
        guard known != nil else { return (environment, event.idHigh, event.idLow, $0) }
        var hash: Int64 = 0
        id.withUnsafeMutableBufferPointer { buffer in
          event.writeID(into: buffer)
          hash = EventHash.fnv1a(utf8: UnsafeRawBufferPointer(buffer))
        }
        // Flipping the sign bit orders the unsigned key as SQLite orders the signed hash.
        return (environment, UInt64(bitPattern: hash) ^ (1 << 63), 0, $0)
      }
      return keys.sorted { ($0.0, $0.1, $0.2, $0.3) < ($1.0, $1.1, $1.2, $1.3) }.map(\.index)
    }

    func addKind(
      _ environment: Int64, _ day: Int64, _ kind: TransactionKind, count: Int64, amount: Int64
    ) throws {
      daily.bind(1, environment)
      daily.bind(2, day)
      daily.bind(3, kind.rawValue)
      daily.bind(4, count)
      daily.bind(5, amount)
      try daily.run()
    }

    /// The core's `addDailyTotals`: the batch days' rows, the running sums up to the last batch
    /// day (the pending carry's old start included), one update per stretch. Returns the last
    /// batch day, where the pending carry starts from now on.
    func addTotals(_ environment: Int64, _ amounts: [Int64: Int64]) throws -> Int64? {
      let days = amounts.keys.sorted()
      guard let last = days.last else { return nil }
      pending.bind(1, environment)
      var from: Int64?
      var carried: Int64 = 0
      if try pending.step() {
        from = pending.isNull(0) ? nil : pending.int(0)
        carried = pending.int(1)
      }
      pending.reset()
      for day in days {
        batchTotal.bind(1, environment)
        batchTotal.bind(2, day)
        batchTotal.bind(3, amounts[day, default: 0])
        try batchTotal.run()
      }
      var steps: [Int64: Int64] = [:]
      for day in days.dropLast() { steps[day, default: 0] += amounts[day, default: 0] }
      if let from, carried != 0 {
        if from < last {
          steps[from, default: 0] += carried
        } else if from > last {
          try shift(environment, last..<from, by: -carried)
        }
      }
      let starts = steps.keys.sorted()
      var added: Int64 = 0
      for (index, start) in starts.enumerated() {
        added += steps[start, default: 0]
        let end = index + 1 < starts.count ? starts[index + 1] : last
        if added != 0 { try shift(environment, start..<end, by: added) }
      }
      return last
    }

    private func shift(_ environment: Int64, _ days: Range<Int64>, by amount: Int64) throws {
      carry.bind(1, environment)
      carry.bind(2, days.lowerBound)
      carry.bind(3, days.upperBound)
      carry.bind(4, amount)
      try carry.run()
    }

    func adjust(_ environment: Int64, by amount: Int64, entries: Int64, at: Int64) throws {
      credit.bind(1, environment)
      credit.bind(2, amount)
      credit.bind(3, entries)
      credit.bind(4, at)
      try credit.run()
    }

    /// The balance as the core writes it after a batch, moving the pending carry's start to
    /// `pendingFrom` (nil: the batch had no day) and adding the batch's consumption to it.
    func adjust(
      _ environment: Int64, by amount: Int64, entries: Int64, at: Int64, pendingFrom: Int64?
    ) throws {
      creditPending.bind(1, environment)
      creditPending.bind(2, amount)
      creditPending.bind(3, entries)
      creditPending.bind(4, at)
      if let pendingFrom { creditPending.bind(5, pendingFrom) } else { creditPending.bindNull(5) }
      try creditPending.run()
    }

    func addDaily(
      _ environment: Int64, _ day: Int64, _ kind: TransactionKind, count: Int64, amount: Int64
    ) throws {
      try addKind(environment, day, kind, count: count, amount: amount)
      total.bind(1, environment)
      total.bind(2, day)
      total.bind(3, amount)
      try total.run()
      later.bind(1, environment)
      later.bind(2, day)
      later.bind(3, amount)
      try later.run()
    }

    /// Adds the event's entry unless its id was charged before in its environment; true when
    /// it was added.
    func record(_ event: GeneratedEvent, population: Population, id: inout [UInt8]) throws
      -> Bool
    {
      guard let known else {
        try bindEntry(insert, event, population: population, id: &id)
        try insert.run()
        return database.changes == 1
      }
      var hash: Int64 = 0
      id.withUnsafeMutableBufferPointer { buffer in
        event.writeID(into: buffer)
        hash = EventHash.fnv1a(utf8: UnsafeRawBufferPointer(buffer))
        if let base = buffer.baseAddress { known.bind(3, utf8: base, count: 32) }
      }
      known.bind(1, population.environmentIDs[Int(event.environment)])
      known.bind(2, hash)
      let charged = try known.step()
      known.reset()
      if charged { return false }
      try bindEntry(insert, event, population: population, id: &id, hash: hash)
      try insert.run()
      return true
    }

    func finalize() {
      known?.finalize()
      insert.finalize()
      credit.finalize()
      daily.finalize()
      total.finalize()
      later.finalize()
      batchTotal.finalize()
      carry.finalize()
      pending.finalize()
      creditPending.finalize()
    }
  }

  private static let insertSQL = """
    INSERT INTO ledger_entry(environment_id, organisation_id, kind, transaction_kind, amount, at,
      reference, actor)
    VALUES (?1, ?2, 'consumption', ?3, ?4, ?5, ?6, ?7)
    """

  private static func bindEntry(
    _ statement: RawStatement, _ event: GeneratedEvent, population: Population,
    id: inout [UInt8], hash: Int64? = nil
  ) throws {
    statement.bind(1, population.environmentIDs[Int(event.environment)])
    statement.bind(2, event.organisationID)
    statement.bind(3, event.kind.rawValue)
    statement.bind(4, -(population.prices[event.kind] ?? 0))
    statement.bind(5, event.at)
    id.withUnsafeMutableBufferPointer { buffer in
      event.writeID(into: buffer)
      if let base = buffer.baseAddress { statement.bind(6, utf8: base, count: 32) }
    }
    if let hash { statement.bind(8, hash) }
    statement.bind(7, population.login)
  }
}
