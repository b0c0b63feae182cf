import SaldoCore

/// A generated database on disk, ready for the read-side figures.
struct HistoryDatabase {
  let path: String
  let population: Population
  /// Seconds the build took, when it was built in this run (not taken from the cache).
  let buildSeconds: Double?
}

/// Builds the large read-side databases quickly, and keeps them between runs.
///
/// The schema, environments, organisations, administrator, automatic-upgrade settings and
/// opening credit are created through the core (`Population.create`). The consumption itself is
/// then written with raw prepared statements in large transactions, with the ledger's indexes
/// dropped during the load and recreated from their stored definitions afterwards; the daily
/// totals and balances are the sums the core's ingest would have kept. `Equivalence` proves that
/// on every run by comparing a small build with the same events ingested through the core.
enum HistoryBuilder {
  /// Bump when the generator changes, so cached databases are rebuilt.
  static let version = "5"

  static func prepare(
    _ spec: DataSetSpec, folder: String, account: SystemAccount, rebuild: Bool,
    schema: String, log: (String) -> Void
  ) throws -> HistoryDatabase {
    let path = folder + "/" + spec.name + ".db"
    let metaPath = path + ".meta"
    let expected = meta(spec, login: account.login, schema: schema)
    if !rebuild, FileText.exists(path), let stored = FileText.read(metaPath),
      let anchorLine = stored.split(separator: "\n").first(where: { $0.hasPrefix("anchor=") }),
      let anchor = Int64(anchorLine.dropFirst("anchor=".count)),
      stored.hasPrefix(expected)
    {
      let database = try RawDatabase(path: path)
      defer { database.close() }
      let population = try Population.load(
        from: database, spec: spec, login: account.login, anchor: Day(number: anchor))
      return HistoryDatabase(path: path, population: population, buildSeconds: nil)
    }
    log(
      "building \(spec.name): \(BenchFormat.count(spec.events)) events, \(spec.days) days,"
        + " \(BenchFormat.count(spec.environments)) environments (kept in \(path))")
    let anchor = Day(containing: SystemClock().now())
    let (population, nanos) = try timed {
      try build(spec, path: path, account: account, anchor: anchor)
    }
    try rememberWindows(path: path, anchor: anchor)
    try verify(path: path, population: population, account: account)
    try FileText.write(expected + "anchor=\(anchor.number)\n", to: metaPath)
    let seconds = Unit.seconds.fromNanos(Double(nanos))
    log(
      "  built in \(BenchFormat.number(seconds)) s, \(BenchFormat.number(Double(FileText.size(path)) / 1e6)) MB"
    )
    return HistoryDatabase(path: path, population: population, buildSeconds: seconds)
  }

  /// What a cached database must match: the generator, the data set, the account, and the
  /// core's schema (a changed index or constraint changes every figure).
  private static func meta(_ spec: DataSetSpec, login: String, schema: String) -> String {
    "version=\(version)\nenvironments=\(spec.environments)\ndays=\(spec.days)\n"
      + "events=\(spec.events)\nseed=\(spec.seed)\nlogin=\(login)\nschema=\(schema)\n"
  }

  /// Builds `spec` at `path` (replacing what is there) with `anchor` as the first day after
  /// the history.
  static func build(_ spec: DataSetSpec, path: String, account: SystemAccount, anchor: Day)
    throws -> Population
  {
    FileText.removeDatabase(path)
    let store = try SQLiteStore(path: path, create: true)
    let population = try Population.create(
      in: store, spec: spec, account: account, anchor: anchor)
    store.database.close()

    let database = try RawDatabase(path: path)
    defer { database.close() }
    try database.execute("PRAGMA cache_size=-1000000")
    var indexes: [(name: String, sql: String)] = []
    let definitions = try database.prepare(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'ledger_entry'"
        + " AND sql IS NOT NULL")
    while try definitions.step() { indexes.append((definitions.text(0), definitions.text(1))) }
    definitions.finalize()
    for index in indexes { try database.execute("DROP INDEX \(index.name)") }

    let insert = try database.prepare(
      """
      INSERT INTO ledger_entry(environment_id, organisation_id, kind, transaction_kind, amount,
        at, reference, actor, event_hash)
      VALUES (?1, ?2, 'consumption', ?3, ?4, ?5, ?6, ?7, ?8)
      """)
    let daily = try database.prepare(
      """
      INSERT INTO daily_consumption(environment_id, day, kind, count, amount)
      VALUES (?1, ?2, ?3, ?4, ?5)
      """)
    defer {
      insert.finalize()
      daily.finalize()
    }
    let environments = spec.environments
    let kinds = TransactionKind.allCases
    var dayCount = [Int64](repeating: 0, count: environments * kinds.count)
    var dayAmount = [Int64](repeating: 0, count: environments * kinds.count)
    var touched: [Int] = []
    var totalAmount = [Int64](repeating: 0, count: environments)
    var totalCount = [Int64](repeating: 0, count: environments)
    var currentDay: Int64 = -1
    var lastAt: Int64 = population.openingInstant.seconds
    var id = [UInt8](repeating: 0, count: 32)

    func flushDay() throws {
      touched.sort()
      for slot in touched {
        daily.bind(1, population.environmentIDs[slot / kinds.count])
        daily.bind(2, currentDay)
        daily.bind(3, kinds[slot % kinds.count].rawValue)
        daily.bind(4, dayCount[slot])
        daily.bind(5, dayAmount[slot])
        try daily.run()
        dayCount[slot] = 0
        dayAmount[slot] = 0
      }
      touched.removeAll(keepingCapacity: true)
    }

    try database.execute("BEGIN")
    var inTransaction = 0
    for event in EventStream(population) {
      if event.day != currentDay {
        if currentDay >= 0 { try flushDay() }
        currentDay = event.day
      }
      let environment = Int(event.environment)
      let price = population.prices[event.kind] ?? 0
      insert.bind(1, population.environmentIDs[environment])
      insert.bind(2, event.organisationID)
      insert.bind(3, event.kind.rawValue)
      insert.bind(4, -price)
      insert.bind(5, event.at)
      id.withUnsafeMutableBufferPointer { buffer in
        event.writeID(into: buffer)
        if let base = buffer.baseAddress { insert.bind(6, utf8: base, count: 32) }
        insert.bind(8, EventHash.fnv1a(utf8: UnsafeRawBufferPointer(buffer)))
      }
      insert.bind(7, population.login)
      try insert.run()
      let slot = environment * kinds.count + (kinds.firstIndex(of: event.kind) ?? 0)
      if dayCount[slot] == 0 { touched.append(slot) }
      dayCount[slot] += 1
      dayAmount[slot] += price
      totalAmount[environment] -= price
      totalCount[environment] += 1
      lastAt = event.at
      inTransaction += 1
      if inTransaction >= 250_000 {
        try database.execute("COMMIT; BEGIN")
        inTransaction = 0
      }
    }
    if currentDay >= 0 { try flushDay() }
    let credit = try database.prepare(
      """
      UPDATE credit SET balance = balance + ?2, entries = entries + ?3, updated_at = ?4
      WHERE environment_id = ?1
      """)
    defer { credit.finalize() }
    for index in 0..<environments where totalCount[index] > 0 {
      credit.bind(1, population.environmentIDs[index])
      credit.bind(2, totalAmount[index])
      credit.bind(3, totalCount[index])
      credit.bind(4, lastAt)
      try credit.run()
    }
    // The per-day totals over all kinds, exactly as the core keeps them beside the daily
    // totals per kind.
    try database.execute(
      """
      INSERT INTO daily_total(environment_id, day, amount)
      SELECT environment_id, day, sum(amount) FROM daily_consumption
      GROUP BY environment_id, day
      ON CONFLICT(environment_id, day) DO UPDATE SET amount = excluded.amount;
      UPDATE daily_total SET cumulative = running.total
      FROM (
        SELECT environment_id, day,
          sum(amount) OVER (PARTITION BY environment_id ORDER BY day) AS total
        FROM daily_total
      ) AS running
      WHERE daily_total.environment_id = running.environment_id
        AND daily_total.day = running.day
      """)
    try database.execute("COMMIT")
    for index in indexes { try database.execute(index.sql) }
    try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return population
  }

  /// Remembers every environment's window of the anchor day through the core, as the day's
  /// first daily run leaves them: the average's figures read what the platform reads on a day
  /// after its daily run (one figure reads a window not remembered).
  static func rememberWindows(path: String, anchor: Day) throws {
    let store = try SQLiteStore(path: path)
    defer { store.database.close() }
    _ = try store.write {
      try store.rememberWindows(
        days: CreditRules.averageWindow(before: anchor), ids: Int64.min...Int64.max)
    }
    try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
  }

  /// Checks the invariants through the core on a sample of environments: the balance equals
  /// the ledger's sum, the entry count matches, and the daily totals add up to the ledger's
  /// consumption.
  static func verify(path: String, population: Population, account: SystemAccount) throws {
    let store = try SQLiteStore(path: path)
    defer { store.database.close() }
    var random = SeededRandom(seed: 7)
    var sample = [population.showcase]
    for _ in 0..<20 { sample.append(Int(random.next() % UInt64(population.environmentIDs.count))) }
    let all = population.firstDay.adding(days: -1)...population.anchor
    for index in sample {
      let id = population.environmentIDs[index]
      let (balance, sum, consumption, entries, counted, consumed) = try store.read {
        (
          try store.balance(environmentID: id), try store.ledgerSum(environmentID: id),
          try store.consumption(environmentID: id, days: all),
          try store.database.scalarInt(
            "SELECT entries FROM credit WHERE environment_id = \(id)") ?? -1,
          try store.database.scalarInt(
            "SELECT count(*) FROM ledger_entry WHERE environment_id = \(id)") ?? -2,
          try store.database.scalarInt(
            "SELECT -coalesce(sum(amount), 0) FROM ledger_entry"
              + " WHERE environment_id = \(id) AND kind = 'consumption'") ?? -3
        )
      }
      guard balance == sum, entries == counted, consumption.mills == consumed else {
        throw BenchError(
          "\(path): environment \(id) is inconsistent (balance \(balance.mills), ledger"
            + " \(sum.mills), entries \(entries)/\(counted), daily \(consumption.mills)/\(consumed))"
        )
      }
    }
  }
}
