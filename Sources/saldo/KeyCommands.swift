import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// `saldo key …`: the SSH keys people reach Saldo with, and the service account's
/// `authorized_keys` block that lets them in.
enum KeyCommands {
  static let all: [CommandSpec] = [add, list, remove, sync, authorized]

  static let add = CommandSpec(
    name: "key add", summary: "add a user's SSH public key",
    usage: "saldo key add LOGIN [--file PUBKEY|-] [--label TEXT]",
    details: """
      Reads one OpenSSH public key (the .pub file; - or no --file reads stdin). Accepted:
      ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa of at least 3072 bits. A key belongs to
      one user. Operators add anyone's keys; a user adds their own. The service account's
      ~/.ssh/authorized_keys is rewritten at once.
      """,
    options: ["--file", "--label"]
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError(tr("give exactly one LOGIN"), command: "key add")
    }
    let text = try readKey(arguments.value("--file") ?? "-")
    let saldo = try context.open()
    let stored = try saldo.keys.addKey(
      login: arguments.positionals[0], publicKey: text, label: arguments.value("--label"))
    context.output.line(
      tr("Added \(stored.key.type) key \(stored.key.fingerprint) for \(stored.login)"))
    try syncAfterChange(context, saldo)
  }

  static let list = CommandSpec(
    name: "key list", summary: "list SSH keys (fingerprint, type, label, added, last used)",
    usage: "saldo key list [LOGIN] [--json]",
    details: "Operators see every key; a user sees their own.", flags: ["--json"]
  ) { context, arguments in
    guard arguments.positionals.count <= 1 else {
      throw UsageError(tr("give at most one LOGIN"), command: "key list")
    }
    let saldo = try context.open()
    let keys = try saldo.keys.list(login: arguments.positionals.first)
    if arguments.has("--json") {
      context.output.json(.array(keys.map(json)))
      return
    }
    if keys.isEmpty { context.output.line(tr("No keys.")) }
    for key in keys {
      context.output.line(
        key.login.padding(to: 16) + key.key.fingerprint + "  " + key.key.type + " "
          + String(key.key.bits) + "  " + tr("added \(key.addedAt.rfc3339)") + "  "
          + (key.lastUsedAt.map { tr("last used \($0.rfc3339)") } ?? tr("last used never"))
          + (key.label.map { "  " + Sanitize.line($0) } ?? ""))
    }
  }

  static let remove = CommandSpec(
    name: "key remove", summary: "remove an SSH key; the next ssh with it is refused",
    usage: "saldo key remove FINGERPRINT",
    details: "Operators remove anyone's keys; a user removes their own.", options: []
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError(
        tr("give exactly one FINGERPRINT (see `saldo key list`)"), command: "key remove")
    }
    let saldo = try context.open()
    let removed = try saldo.keys.removeKey(fingerprint: arguments.positionals[0])
    context.output.line(tr("Removed key \(removed.key.fingerprint) of \(removed.login)"))
    try syncAfterChange(context, saldo)
  }

  static let sync = CommandSpec(
    name: "key sync", summary: "rewrite the managed block of ~/.ssh/authorized_keys",
    usage: "saldo key sync [--check]",
    details: """
      Writes one line per key between Saldo's marker lines in the service account's
      ~/.ssh/authorized_keys; lines outside the block are kept. Run it after a restore or after
      moving the binary. --check changes nothing and exits 2 when the file differs.
      """,
    flags: ["--check"]
  ) { context, arguments in
    let saldo = try context.open()
    let (path, existing, wanted) = try authorizedKeys(saldo)
    if arguments.has("--check") {
      guard existing == wanted else {
        throw PartialFailure(
          tr("\(path) differs from the keys in the database; run `saldo key sync`"))
      }
      context.output.line(tr("\(path) matches the database"))
      return
    }
    if existing != wanted { try write(wanted, to: path) }
    context.output.line(tr("\(path) is up to date"))
  }

  static let authorized = CommandSpec(
    name: "key authorized",
    summary: "print the authorized_keys line for a key (sshd's AuthorizedKeysCommand)",
    usage: "saldo key authorized USER BASE64-KEY",
    details: """
      For sshd_config, as the service account:
        AuthorizedKeysCommand /usr/local/bin/saldo key authorized %u %k
        AuthorizedKeysCommandUser saldo
      Prints nothing for a key Saldo does not know, or for another account than this one.
      """
  ) { context, arguments in
    guard arguments.positionals.count == 2 else {
      throw UsageError(tr("give the account and the key (%u %k)"), command: "key authorized")
    }
    // Only for the account Saldo serves from: another account's keys are not Saldo's to grant.
    guard arguments.positionals[0] == SystemAccount.current()?.login else { return }
    let saldo = try context.open()
    if let line = try saldo.keys.authorizedKeysLine(
      base64: arguments.positionals[1], binary: try executablePath())
    {
      context.output.line(line)
    }
  }

  static func json(_ key: StoredKey) -> JSON {
    .object([
      ("login", .string(key.login)), ("fingerprint", .string(key.key.fingerprint)),
      ("type", .string(key.key.type)), ("bits", .int(Int64(key.key.bits))),
      ("label", .optional(key.label)), ("added", .string(key.addedAt.rfc3339)),
      ("added_by", .string(key.addedBy)),
      ("last_used", .optional(key.lastUsedAt?.rfc3339)),
    ])
  }

  /// After a key or user change the file follows the database at once; the change itself is
  /// already committed, so a file that cannot be written is reported with the fix.
  static func syncAfterChange(_ context: Context, _ saldo: Saldo) throws {
    do {
      let (path, existing, wanted) = try authorizedKeys(saldo)
      if existing != wanted { try write(wanted, to: path) }
    } catch {
      throw PartialFailure(
        tr(
          "the change is saved, but ~/.ssh/authorized_keys was not updated (\(error)); fix that and run `saldo key sync` as the service account"
        ))
    }
  }

  /// The file's path, its current text ("" when absent) and the text it should have.
  static func authorizedKeys(_ saldo: Saldo) throws -> (String, String, String) {
    let path = authorizedKeysPath()
    let existing = try readFile(path) ?? ""
    let lines = try saldo.keys.authorizedKeysLines(binary: try executablePath())
    // No keys and no block yet: an account that does not serve SSH keeps its file untouched.
    if lines.isEmpty, AuthorizedKeysFile.managedLines(existing) == nil {
      return (path, existing, existing)
    }
    return (path, existing, AuthorizedKeysFile.render(existing: existing, lines: lines))
  }

  /// `$SALDO_AUTHORIZED_KEYS` (for an sshd whose `AuthorizedKeysFile` points elsewhere),
  /// else `~/.ssh/authorized_keys` in the account's home from the password database, which is
  /// where sshd looks whatever `$HOME` says.
  static func authorizedKeysPath() -> String {
    if let path = Context.environment("SALDO_AUTHORIZED_KEYS"), path.hasPrefix("/") {
      return path
    }
    if let entry = getpwuid(geteuid()), let dir = entry.pointee.pw_dir {
      return String(cString: dir) + "/.ssh/authorized_keys"
    }
    return Context.homeDirectory() + "/.ssh/authorized_keys"
  }

  static func write(_ text: String, to path: String) throws {
    let folder = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
    // sshd's StrictModes refuses a folder others may write to; create it private.
    if mkdir(folder, 0o700) != 0, errno != EEXIST {
      throw SaldoError.invalid(tr("cannot create \(folder): \(String(cString: strerror(errno)))"))
    }
    try AtomicFile.write(text, to: path, mode: 0o600, replace: true)
  }

  /// The absolute path of this binary, as the forced command must name it.
  static func executablePath() throws -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard count > 0 else {
      throw SaldoError.invalid(tr("cannot tell where the saldo binary is (/proc/self/exe)"))
    }
    return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static func readFile(_ path: String) throws -> String? {
    guard let file = fopen(path, "r") else {
      if errno == ENOENT { return nil }
      throw SaldoError.invalid(tr("cannot read \(path): \(String(cString: strerror(errno)))"))
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = fread(&buffer, 1, buffer.count, file)
      if count <= 0 { break }
      bytes += buffer[0..<count]
      if bytes.count > 16 << 20 {
        throw SaldoError.invalid(
          tr("\(path) is larger than 16 MiB; it is not an authorized_keys file"))
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A public key from a file or stdin (`-`); public keys are small, so 64 KiB is plenty.
  static func readKey(_ path: String) throws -> String {
    let input = try InputFile(path)
    let file = input.handle
    defer { input.close() }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while bytes.count <= 65536 {
      let count = fread(&buffer, 1, buffer.count, file)
      if count <= 0 { break }
      bytes += buffer[0..<count]
    }
    guard bytes.count <= 65536 else {
      throw SaldoError.invalid(tr("that is not a public key: more than 64 KiB"))
    }
    return try TextRules.decodeUTF8(bytes, what: tr("the public key"))
  }
}
