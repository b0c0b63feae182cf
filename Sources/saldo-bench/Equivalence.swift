import SaldoCore

/// Proves that the fast builder writes what the core writes: the same events, ingested through
/// the core and built in bulk, must give identical consumption entries and daily totals, and
/// in both databases every balance and entry count must match its ledger.
enum Equivalence {
  static func check(
    coreDatabase: String, spec: DataSetSpec, anchor: Day, context: BenchContext
  ) throws {
    let bulkPath = context.folder + "/equivalence-\(spec.name).db"
    defer { FileText.removeDatabase(bulkPath) }
    _ = try HistoryBuilder.build(spec, path: bulkPath, account: context.account, anchor: anchor)
    let database = try RawDatabase(path: coreDatabase)
    defer { database.close() }
    try database.execute("ATTACH DATABASE '\(bulkPath)' AS bulk")
    let comparisons = [
      ("daily totals", "environment_id, day, kind, count, amount", "daily_consumption", ""),
      (
        "consumption entries",
        "environment_id, organisation_id, transaction_kind, amount, at, reference, event_hash",
        "ledger_entry", " WHERE kind = 'consumption'"
      ),
    ]
    for (what, columns, table, condition) in comparisons {
      for (left, right) in [("main", "bulk"), ("bulk", "main")] {
        let differing =
          try database.scalarInt(
            """
            SELECT count(*) FROM (SELECT \(columns) FROM \(left).\(table)\(condition)
            EXCEPT SELECT \(columns) FROM \(right).\(table)\(condition))
            """) ?? -1
        if differing != 0 {
          throw BenchError(
            "the bulk builder's \(what) differ from the core's in \(differing) rows (\(spec.label))"
          )
        }
      }
    }
    for schema in ["main", "bulk"] {
      let broken =
        try database.scalarInt(
          """
          SELECT count(*) FROM \(schema).credit c
          WHERE balance != (SELECT coalesce(sum(amount), 0) FROM \(schema).ledger_entry l
                            WHERE l.environment_id = c.environment_id)
             OR entries != (SELECT count(*) FROM \(schema).ledger_entry l
                            WHERE l.environment_id = c.environment_id)
          """) ?? -1
      if broken != 0 {
        throw BenchError(
          "\(broken) balances in \(schema) do not match their ledger (\(spec.label))")
      }
    }
  }
}
