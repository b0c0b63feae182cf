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
}
