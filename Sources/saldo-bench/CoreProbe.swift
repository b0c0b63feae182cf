import SaldoCore

/// What the core does to a new store today, read once per run: a hash of its schema (cached
/// data sets must match it) and the page-cache size its connections ask for (the baselines ask
/// for the same, so a figure compares designs, not cache settings).
struct CoreProbe {
  /// FNV-1a of the schema's SQL.
  let schema: String
  /// The core's `PRAGMA cache_size`.
  let cacheSize: Int64

  static func run(folder: String) throws -> CoreProbe {
    let path = folder + "/schema-probe.db"
    FileText.removeDatabase(path)
    defer { FileText.removeDatabase(path) }
    let store = try SQLiteStore(path: path, create: true)
    defer { store.database.close() }
    let cacheSize = try store.database.scalarInt("PRAGMA cache_size") ?? -2000
    let database = try RawDatabase(path: path)
    defer { database.close() }
    let sql =
      try database.scalarText(
        "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name)") ?? ""
    return CoreProbe(schema: String(FNV1a.hash(sql.utf8), radix: 16), cacheSize: cacheSize)
  }
}
