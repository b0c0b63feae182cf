import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// What every command needs: where the store is, who is asking, and where output goes.
final class Context {
  let databasePath: String
  /// Whether --db named the path (the demo never writes to the default database).
  let databasePathGiven: Bool
  let environmentName: String?
  let account: SystemAccount
  let output = Output()
  let clock: WallClock
  /// Set when sshd let a person in with a key (`--as LOGIN --key FINGERPRINT`).
  var remote: RemoteSession?
  private var remoteRecorded = false

  /// Who came in over SSH, with which key, from where, asking for what.
  struct RemoteSession {
    let fingerprint: String?
    let client: String?
    let command: String
  }

  init(
    databasePath: String, databasePathGiven: Bool = true, environmentName: String?,
    account: SystemAccount, clock: WallClock
  ) {
    self.databasePath = databasePath
    self.databasePathGiven = databasePathGiven
    self.environmentName = environmentName
    self.account = account
    self.clock = clock
  }

  /// This context, serving a person who came in over SSH (nil: a local account).
  func serving(_ remote: RemoteSession?) -> Context {
    self.remote = remote
    return self
  }

  /// Opens the store (creating it only when asked) and the core on top of it.
  /// - Parameter lockWait: told each time the store waits for another process's lock.
  func open(create: Bool = false, lockWait: LockWaitSignal? = nil) throws -> sending Saldo {
    let saldo = try Saldo.open(
      databaseAt: databasePath, create: create, account: account, clock: clock,
      lockWait: lockWait)
    if remote == nil { warnAboutPermissions() }
    saldo.sshAddress = { (try? Context.configuration())?.ssh }
    // A session is checked (the key still belongs to this person) and recorded once, before
    // the first thing it does.
    if let remote, let fingerprint = remote.fingerprint, !remoteRecorded {
      try saldo.keys.beginRemoteSession(
        fingerprint: fingerprint, client: remote.client, command: remote.command)
      remoteRecorded = true
    }
    return saldo
  }

  /// `--db`, else `$SALDO_DB`, else `$XDG_DATA_HOME/saldo/saldo.db`, else
  /// `~/.local/share/saldo/saldo.db`.
  static func defaultDatabasePath(file: String = "saldo.db") -> String {
    if file == "saldo.db", let path = environment("SALDO_DB"), !path.isEmpty { return path }
    if let data = environment("XDG_DATA_HOME"), data.hasPrefix("/") {
      return data + "/saldo/" + file
    }
    return homeDirectory() + "/.local/share/saldo/" + file
  }

  static func environment(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    return String(cString: value)
  }

  static func homeDirectory() -> String {
    if let home = environment("HOME"), !home.isEmpty { return home }
    if let entry = getpwuid(geteuid()), let dir = entry.pointee.pw_dir {
      return String(cString: dir)
    }
    return "."
  }

  /// `$XDG_CONFIG_HOME/saldo/config`, else `~/.config/saldo/config`.
  static func configPath() -> String {
    if let config = environment("XDG_CONFIG_HOME"), config.hasPrefix("/") {
      return config + "/saldo/config"
    }
    return homeDirectory() + "/.config/saldo/config"
  }

  /// The configuration file, or the defaults when there is none.
  func config() throws -> SaldoConfig { try Context.configuration() }

  /// The configuration file of this process, read once: the language is taken from it at
  /// start, and the command asks it again for its theme, sendmail or SSH address.
  static func configuration() throws -> SaldoConfig { try processConfiguration.get() }

  private static let processConfiguration = Result { try readConfig() }

  /// Reads and checks the configuration file: the one reader for every key it holds.
  static func readConfig(path: String = configPath()) throws -> SaldoConfig {
    guard let file = fopen(path, "r") else {
      if errno == ENOENT { return SaldoConfig() }
      throw SaldoError.invalid(tr("cannot read \(path): \(String(cString: strerror(errno)))"))
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = fread(&buffer, 1, buffer.count, file)
      if count <= 0 { break }
      bytes += buffer[0..<count]
      if bytes.count > 65 * 1024 { break }
    }
    do { return try SaldoConfig.parse(bytes: bytes, path: path) } catch {
      throw SaldoError.invalid(error.description)
    }
  }

  /// sendmail when the config names it, else `.eml` files in `outbox/` beside the database.
  func mailTransport() throws -> MailTransport {
    if let sendmail = try config().sendmail { return SendmailTransport(path: sendmail) }
    let folder =
      databasePath.contains("/")
      ? String(databasePath[..<(databasePath.lastIndex(of: "/") ?? databasePath.endIndex)]) : "."
    return FolderTransport(directory: (folder.isEmpty ? "/" : folder) + "/outbox")
  }

  /// A ledger readable by other accounts, or owned by another one, still opens (an operator
  /// may need it), but never silently.
  func warnAboutPermissions() {
    var info = stat()
    guard stat(databasePath, &info) == 0 else { return }
    if info.st_mode & 0o077 != 0 {
      StandardError.line(
        "saldo: "
          + tr(
            "warning: \(databasePath) is accessible to other accounts; restrict it with chmod 600 \(databasePath)"
          ))
    }
    if info.st_uid != geteuid() {
      StandardError.line(
        "saldo: "
          + tr(
            "warning: \(databasePath) belongs to another account (uid \(info.st_uid)); files Saldo creates beside it will belong to you"
          ))
    }
  }
}
