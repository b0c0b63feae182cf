#if canImport(Glibc)
  import Glibc
#endif

extension Saldo {
  /// Opens the store at `path` (creating it only when asked) and the core on top of it: the
  /// one place a front end names the store it runs on.
  public static func open(
    databaseAt path: String, create: Bool = false, account: SystemAccount,
    clock: WallClock = SystemClock()
  ) throws -> Saldo {
    Saldo(store: try SQLiteStore(path: path, create: create), account: account, clock: clock)
  }

  /// `saldo check`: every guarantee of the store and of the money lifecycle. Operators only.
  public func verify() throws -> [String] {
    try store.read { try access.requireOperator(to: "check the database") }
    return try store.verify()
  }

  /// Records a consumption file (JSON lines or CSV) in batches. With `strict`, the whole file
  /// is one transaction, so one bad line leaves nothing behind; without it, good lines are
  /// recorded and bad ones reported. `scope` nil lets an operator feed every environment.
  public func importConsumption(
    from file: UnsafeMutablePointer<FILE>, scope: Environment?, strict: Bool
  ) throws -> ConsumptionSummary {
    let recorder = ConsumptionRecorder(saldo: self, scope: scope, strict: strict)
    func run() throws {
      try ConsumptionFileReader.forEachBatch(of: file) { batch in
        try recorder.record(batch)
      } reject: { line in
        try recorder.reject(line)
      }
    }
    if strict { try store.write { try run() } } else { try run() }
    return recorder.summary
  }
}
