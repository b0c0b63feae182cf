import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// What every benchmark needs: the sizes, where data lives, who runs it, and the binaries.
final class BenchContext {
  let scale: Scale
  let folder: String
  let account: SystemAccount
  let rebuild: Bool
  /// The release `saldo` binary for the whole-process figures, if one was found.
  let saldoPath: String?
  let core: CoreProbe
  private var histories: [String: HistoryDatabase] = [:]

  init(
    scale: Scale, folder: String, account: SystemAccount, rebuild: Bool, saldoPath: String?,
    core: CoreProbe
  ) {
    self.scale = scale
    self.folder = folder
    self.account = account
    self.rebuild = rebuild
    self.saldoPath = saldoPath
    self.core = core
  }

  /// A baseline connection: the C API with WAL, `synchronous=NORMAL` and the core's page cache.
  func baseline(_ path: String, foreignKeys: Bool = false, create: Bool = false) throws
    -> RawDatabase
  {
    try RawDatabase(
      path: path, foreignKeys: foreignKeys, create: create, cacheSize: core.cacheSize)
  }

  /// Progress on stderr, so stdout carries only the table.
  func log(_ line: String) {
    BenchDiagnostics.write(line + "\n")
  }

  /// The read-side database of `spec`, built on first use (or taken from the cache).
  func history(_ spec: DataSetSpec) throws -> HistoryDatabase {
    if let known = histories[spec.name] { return known }
    let database = try HistoryBuilder.prepare(
      spec, folder: folder, account: account, rebuild: rebuild, schema: core.schema, log: log)
    histories[spec.name] = database
    return database
  }

  /// A core facade on `path` for this account, on the data set's day.
  func saldo(_ path: String, on day: Day? = nil) throws -> BenchCore {
    let store = try SQLiteStore(path: path)
    let clock: WallClock =
      day.map { FixedClock(Instant(seconds: $0.start.seconds + 9 * 3600)) }
      ?? SystemClock()
    return BenchCore(saldo: Saldo(store: store, account: account, clock: clock), store: store)
  }
}

/// The core over a store the benchmark keeps its own handle on: some figures time the store's
/// calls without the core around them, and each figure closes its connection when done. Front
/// ends never hold the store; the core keeps it to itself.
struct BenchCore {
  let saldo: Saldo
  let store: SQLiteStore

  func close() { store.database.close() }
}
