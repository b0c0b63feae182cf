import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// Ingest through the core, as `saldo consume --file` does it: JSON lines read with
/// `ConsumptionFileReader`, recorded by `ConsumptionRecorder` one write transaction per batch,
/// batches sized by `ImportPacing`, into a new store whose environments were created through
/// the core.
enum IngestBenchmark {
  struct CoreRun {
    let path: String
    let population: Population
    let events: Int
    let nanos: UInt64
    /// The size of each write transaction's batch, in order: the baselines "with the core's
    /// batching" commit at the same events.
    let batches: [Int]
    var eventsPerSecond: Double { Double(events) / (Double(nanos) / 1e9) }
  }

  static func run(_ context: BenchContext) throws -> [Figure] {
    var figures: [Figure] = []
    for spec in context.scale.ingest {
      figures += try measure(spec, context)
    }
    figures.append(try measureOnto(context))
    return figures
  }

  /// Ingest when the ledger already holds the largest history: the index on event ids is then
  /// far larger than SQLite's page cache, as on a platform after a year of traffic. Runs on
  /// copies, so the cached history stays as it is; the baseline's copy gets its former indexes
  /// (`IngestBaseline.useFormerIndexes`) before its clock starts.
  private static func measureOnto(_ context: BenchContext) throws -> Figure {
    let history = try context.history(context.scale.large)
    let population = history.population
    let count = context.scale.ontoEvents
    let label = "\(BenchFormat.count(count)) events onto the \(population.spec.label) history"
    context.log("ingest, \(label)")
    let checkpoint = try RawDatabase(path: history.path)
    try checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    let events = EventStream.all(population, count: count, salt: 0x4F4E_544F)
    let filePath = context.folder + "/ingest-onto.jsonl"
    _ = try EventFile.write(events, to: filePath)
    let corePath = context.folder + "/onto-core.db"
    let rowByRowPath = context.folder + "/onto-row.db"
    defer {
      FileText.removeDatabase(corePath)
      FileText.removeDatabase(rowByRowPath)
      unlink(filePath)
    }
    try FileText.copy(history.path, to: corePath)
    let core = try ingest(file: filePath, into: corePath, population: population, context)
    let decided = try sideWork(in: corePath, since: history.path) + "; " + batching(core)
    FileText.removeDatabase(corePath)
    try FileText.copy(history.path, to: rowByRowPath)
    let rowByRow = try IngestBaseline.bookkeeping(
      events, population: population, path: rowByRowPath, batchedAggregates: false,
      batches: IngestBaseline.formerBatches(events.count), context: context)
    return Figure(
      "ingest", key: "ingest.core.onto-\(population.spec.name)",
      title: "ingest through the core, \(label)", unit: .eventsPerSecond,
      value: core.eventsPerSecond,
      baseline: Double(events.count) / (Double(rowByRow) / 1e9),
      baselineName: "C API row by row as above, on a copy of the same history",
      target: .ratioAtLeast(2), note: decided)
  }

  /// What the core decided while it ingested, which the C baselines do not do: automatic
  /// upgrades (each an invoice, a payment and a SEPA collection) and e-mails queued (invoice
  /// notices, top-up requests). Counted against the database the run started from.
  private static func sideWork(in path: String, since start: String? = nil) throws -> String {
    func counts(_ path: String) throws -> (upgrades: Int64, mails: Int64) {
      let database = try RawDatabase(path: path)
      defer { database.close() }
      return (
        try database.scalarInt("SELECT count(*) FROM payment WHERE method = 'direct-debit'")
          ?? 0,
        try database.scalarInt("SELECT count(*) FROM outbox") ?? 0
      )
    }
    let after = try counts(path)
    let before = try start.map(counts) ?? (upgrades: 0, mails: 0)
    let upgrades = BenchFormat.count(Int(after.upgrades - before.upgrades))
    let mails = BenchFormat.count(Int(after.mails - before.mails))
    let note: String =
      "the core also ran \(upgrades) automatic upgrades and queued \(mails) e-mails on the way;"
    return note + " the C baselines do neither"
  }

  /// How the core's pacing cut the file into write transactions.
  private static func batching(_ run: CoreRun) -> String {
    let largest = BenchFormat.count(run.batches.max() ?? 0)
    let batches =
      run.batches.count == 1
      ? "1 batch of \(largest) events"
      : "\(BenchFormat.count(run.batches.count)) batches of up to \(largest) events"
    return "the core committed \(batches) (ImportPacing), the row-by-row baseline 10,000-row ones"
  }

  private static func measure(_ spec: DataSetSpec, _ context: BenchContext) throws -> [Figure] {
    let label = spec.label
    context.log("ingest, \(label): generating the event file")
    let anchor = Day(containing: SystemClock().now())
    let corePath = context.folder + "/ingest-core.db"
    let filePath = context.folder + "/ingest-\(spec.name).jsonl"
    let population = try freshStore(spec, at: corePath, context: context, anchor: anchor)
    let written = try EventFile.write(EventStream(population), to: filePath)

    let parseNanos = try parseOnly(filePath)
    context.log("ingest, \(label): through the core")
    let core = try ingest(file: filePath, into: corePath, population: population, context)
    guard core.events == written else {
      throw BenchError("the core recorded \(core.events) of \(written) events")
    }
    try Equivalence.check(
      coreDatabase: corePath, spec: spec, anchor: anchor, context: context)
    let decided = try sideWork(in: corePath) + "; " + batching(core)

    context.log("ingest, \(label): baselines on the sqlite3 C API")
    let events = EventStream.all(population)
    let bare = try IngestBaseline.bare(events, population: population, context: context)
    let rowByRowPath = context.folder + "/baseline-row.db"
    _ = try freshStore(spec, at: rowByRowPath, context: context, anchor: anchor)
    let rowByRow = try IngestBaseline.bookkeeping(
      events, population: population, path: rowByRowPath, batchedAggregates: false,
      batches: IngestBaseline.formerBatches(events.count), context: context)
    let batchedPath = context.folder + "/baseline-batched.db"
    _ = try freshStore(spec, at: batchedPath, context: context, anchor: anchor)
    let batched = try IngestBaseline.bookkeeping(
      events, population: population, path: batchedPath, batchedAggregates: true,
      batches: core.batches, context: context)
    _ = try freshStore(spec, at: batchedPath, context: context, anchor: anchor)
    let hashed = try IngestBaseline.bookkeeping(
      events, population: population, path: batchedPath, batchedAggregates: true,
      batches: core.batches, eventIndex: .hashed, context: context)
    FileText.removeDatabase(batchedPath)

    // The core's run against each baseline; what the core decided on the way is said once,
    // on the figure with the target.
    func against(
      _ name: String, _ title: String, _ nanos: UInt64, _ baselineName: String,
      target: Target? = nil, note: String? = nil
    ) -> Figure {
      Figure(
        "ingest", key: "ingest.\(name).\(spec.name)", title: title, unit: .eventsPerSecond,
        value: core.eventsPerSecond, baseline: Double(events.count) / (Double(nanos) / 1e9),
        baselineName: baselineName, target: target, note: note)
    }
    var figures = [
      against(
        "core", "ingest through the core, batched from a file, \(label)", rowByRow,
        "C API, the schema before hashed ids (a unique index on the event id text, the"
          + " ledger also indexed by entry id),"
          + " balance and daily total updated row by row, 10,000-row transactions",
        target: .ratioAtLeast(2), note: decided),
      against(
        "core-vs-bare", "  the same, against the bare-insert limit", bare,
        "C API, same columns, no index, no aggregate, 10,000-row transactions"),
      against(
        "core-vs-batched", "  the same, against C with the core's batching", batched,
        "C API, the schema before hashed ids as above, balance and daily"
          + " totals summed in memory and written once per batch, committed where the core"
          + " committed"),
      against(
        "core-vs-hashed", "  the same, against C doing all the core does", hashed,
        "C API, the core's schema (event ids found by a 64-bit hash), its insert and its"
          + " batches: what the core's own code costs"),
      Figure(
        "ingest", key: "ingest.parse.\(spec.name)",
        title: "  of which reading the file alone", unit: .eventsPerSecond,
        value: Double(written) / (Double(parseNanos) / 1e9),
        note: "ConsumptionFileReader on the same file, nothing stored"),
    ]
    if spec == context.scale.ingest.last {
      context.log("ingest, \(label): one event per transaction")
      figures.append(
        try singleEvents(
          core: core, baselinePath: rowByRowPath, population: population, context: context))
    }
    FileText.removeDatabase(rowByRowPath)
    FileText.removeDatabase(corePath)
    unlink(filePath)
    return figures
  }

  /// A new store with the data set's environments, created through the core.
  static func freshStore(
    _ spec: DataSetSpec, at path: String, context: BenchContext, anchor: Day
  ) throws -> Population {
    FileText.removeDatabase(path)
    let store = try SQLiteStore(path: path, create: true)
    defer { store.database.close() }
    return try Population.create(in: store, spec: spec, account: context.account, anchor: anchor)
  }

  /// Reads every line of the file as `saldo consume --file` does, batch by batch.
  static func ingest(
    file: String, into path: String, population: Population, _ context: BenchContext
  ) throws -> CoreRun {
    let start = monotonicNanos()
    let opened = try context.saldo(path)
    let saldo = opened.saldo
    defer { opened.close() }
    let recorder = ConsumptionRecorder(saldo: saldo, scope: nil, strict: false)
    var batches: [Int] = []
    try forEachBatch(of: file) { batch in
      try recorder.record(batch)
      batches.append(batch.count)
    } reject: {
      try recorder.reject($0)
    }
    // On the clock, as `saldo consume` exits only after it: closing the last connection
    // checkpoints what the write-ahead log still holds into the database file.
    opened.close()
    let nanos = monotonicNanos() - start
    let summary = recorder.summary
    if let first = summary.rejected.first {
      throw BenchError("the core rejected \(summary.rejected.count) lines, first: \(first)")
    }
    return CoreRun(
      path: path, population: population, events: summary.recorded, nanos: nanos,
      batches: batches)
  }

  /// The reading loop of `saldo consume --file`, from the core.
  static func forEachBatch(
    of path: String, _ body: ([(line: Int, event: ConsumptionEvent)]) throws -> Void,
    reject: (RejectedLine) throws -> Void
  ) throws {
    guard let file = fopen(path, "r") else { throw BenchError("cannot read \(path)") }
    defer { fclose(file) }
    try ConsumptionFileReader.forEachBatch(of: file, body, reject: reject)
  }

  private static func parseOnly(_ path: String) throws -> UInt64 {
    var events = 0
    let (_, nanos) = try timed {
      try forEachBatch(of: path) {
        events += $0.count
      } reject: {
        throw BenchError("\($0)")
      }
    }
    return nanos
  }

  /// One event per write transaction, as a feed that calls the library for each event would
  /// record it, on the database the batched run just filled.
  private static func singleEvents(
    core: CoreRun, baselinePath: String, population: Population, context: BenchContext
  ) throws -> Figure {
    let count = context.scale.singleEvents
    let events = EventStream.all(population, count: count, salt: 0x5349_4E47)
    let opened = try context.saldo(core.path)
    let saldo = opened.saldo
    defer { opened.close() }
    let recorder = ConsumptionRecorder(saldo: saldo, scope: nil, strict: true)
    var samples = Samples(reserving: count)
    for (index, event) in events.enumerated() {
      let item = ConsumptionEvent(
        externalID: event.id, organisation: String(event.organisationID), kind: event.kind,
        at: Instant(seconds: event.at))
      let start = monotonicNanos()
      try recorder.record([(index + 1, item)])
      samples.add(monotonicNanos() - start)
    }
    let baseline = try IngestBaseline.singleEvents(
      events, population: population, path: baselinePath, context: context)
    return Figure(
      "single", key: "single.core",
      title: "one event per transaction through the core (p50), on \(population.spec.label)",
      unit: .microseconds, value: Unit.microseconds.fromNanos(samples.median),
      p99: Unit.microseconds.fromNanos(samples.p99),
      baseline: Unit.microseconds.fromNanos(baseline.median),
      baselineName:
        "C API: BEGIN IMMEDIATE, insert, balance update, daily upsert, COMMIT (p99 "
        + BenchFormat.number(Unit.microseconds.fromNanos(baseline.p99)) + " µs)",
      note: "\(count) events, each recorded by ConsumptionRecorder.record in its own write"
        + " transaction")
  }
}
