#if canImport(Glibc)
  import Glibc
#endif

extension Saldo {
  /// Opens the store at `path` (creating it only when asked) and the core on top of it: the
  /// one place a front end names the store it runs on.
  /// With `lockWait`, every pause for another process's lock is told to it.
  public static func open(
    databaseAt path: String, create: Bool = false, account: SystemAccount,
    clock: WallClock = SystemClock(), lockWait: LockWaitSignal? = nil
  ) throws -> sending Saldo {
    Saldo(
      store: try SQLiteStore(path: path, create: create, lockWait: lockWait), account: account,
      clock: clock)
  }

  /// Whether the database at `path` is one `saldo demo` made (and may be made anew); false
  /// for any other database and for a file that is not one.
  /// It only reads: a file that is not a demo is left exactly as it was.
  public static func isDemoDatabase(at path: String) -> Bool {
    Database.peekSetting(DemoEnvironment.settingKey, at: path) == "1"
  }

  /// `saldo check`: every guarantee of the store and of the money lifecycle. Operators only.
  public func verify() throws -> [String] {
    try store.read { try access.requireOperator(to: "check the database") }
    return try store.verify() + identifierProblems()
  }

  /// Organisations' KvK numbers and VAT ids are read back as checked values; one stored by an
  /// earlier release without the checks (or edited by hand) is reported with the fix.
  func identifierProblems() throws -> [String] {
    try store.read {
      var problems: [String] = []
      for environment in try store.environments() {
        for organisation in try store.organisations(environmentID: environment.id) {
          let name = Sanitize.line(organisation.name, limit: 60)
          let fix =
            "saldo --env \"\(Sanitize.line(environment.name, limit: 60))\" org set"
            + " \"\(name)\""
          if let kvk = organisation.details.kvk,
            (try? KvKNumber.parse(kvk.value))?.value != kvk.value
          {
            problems.append(
              "organisation \(name) of \(environment.name) has KvK number \"\(kvk.value)\","
                + " which is not eight digits; correct it with `\(fix) --kvk NUMBER`")
          }
          if let vat = organisation.details.vat, (try? VATID.parse(vat.value))?.value != vat.value {
            problems.append(
              "organisation \(name) of \(environment.name) has VAT id \"\(vat.value)\", which"
                + " is not a valid VAT id; correct it with `\(fix) --vat ID`")
          }
        }
      }
      return problems
    }
  }

  /// Records a consumption file (JSON lines or CSV) in batches. With `strict`, the whole file
  /// is one transaction, so one bad line leaves nothing behind; without it, good lines are
  /// recorded and bad ones reported. `scope` nil lets an operator feed every environment.
  /// `progress` hears after every batch how many events were read and how far into the file
  /// (in bytes, of its size when it is a regular file).
  public func importConsumption(
    from file: UnsafeMutablePointer<FILE>, scope: Environment?, strict: Bool,
    progress: ((WorkProgress) -> Void)? = nil
  ) throws -> ConsumptionSummary {
    let recorder = ConsumptionRecorder(saldo: self, scope: scope, strict: strict)
    var size: Int64?
    var info = stat()
    if progress != nil, fstat(fileno(file), &info) == 0, info.st_mode & S_IFMT == S_IFREG {
      size = Int64(info.st_size)
    }
    var events: Int64 = 0
    func run() throws {
      try ConsumptionFileReader.forEachBatch(of: file) { batch in
        try recorder.record(batch)
        events += Int64(batch.count)
        if let progress {
          progress(WorkProgress(items: events, position: max(0, Int64(ftello(file))), total: size))
        }
      } reject: { line in
        try recorder.reject(line)
      }
    }
    if strict { try store.write { try run() } } else { try run() }
    return recorder.summary
  }
}
