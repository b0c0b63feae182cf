import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// Who a person is when sshd let them in: the forced command in the service account's
/// `authorized_keys` says `--as LOGIN --key FINGERPRINT`, and what they asked for arrives in
/// `SSH_ORIGINAL_COMMAND`, which is split into words here and never given to a shell.
enum RemoteIdentity {
  struct Served {
    let account: SystemAccount
    let session: Context.RemoteSession
  }

  /// Checks that this process may speak for `login` and replaces `words` with the command the
  /// person asked for.
  static func resolve(
    login: String, fingerprint: String?, databasePath: String, words: inout [String]
  ) throws -> Served {
    var info = stat()
    guard stat(databasePath, &info) == 0 else { throw StoreError.missing(path: databasePath) }
    try Access.requireServiceAccount(
      login: login, databaseOwner: UInt32(info.st_uid), effectiveUID: UInt32(geteuid()))
    if let fingerprint, !SSHPublicKey.isFingerprint(fingerprint) {
      throw UsageError(tr("--key takes a fingerprint as `saldo key list` prints it (SHA256:…)"))
    }
    let overSSH = getenv("SSH_CONNECTION") != nil || getenv("SSH_ORIGINAL_COMMAND") != nil
    if overSSH, fingerprint == nil {
      throw SaldoError.forbidden(
        tr("a session over SSH needs --key FINGERPRINT in its forced command; run `saldo key sync`")
      )
    }
    var command = words.joined(separator: " ")
    if let raw = getenv("SSH_ORIGINAL_COMMAND") {
      guard words.isEmpty else {
        throw UsageError(tr("the forced command takes no command words; they come from ssh"))
      }
      let length = strlen(raw)
      guard length <= RemoteCommand.byteLimit else {
        throw SaldoError.invalid(
          tr(
            "the command is longer than \(RemoteCommand.byteLimit) bytes; Saldo commands are short: give a file on stdin instead (`… | ssh HOST consume --file -`)"
          ))
      }
      let bytes = UnsafeBufferPointer(start: raw, count: length).map { UInt8(bitPattern: $0) }
      command = try TextRules.decodeUTF8(bytes, what: tr("SSH command"))
      words = try RemoteCommand.split(command)
    }
    try RemoteCommand.check(words)
    // SSH_CONNECTION is "client-address client-port server-address server-port".
    let client = getenv("SSH_CONNECTION").map { String(cString: $0) }.map {
      $0.split(separator: " ").prefix(2).joined(separator: " port ")
    }
    return Served(
      account: SystemAccount(login: login, displayName: login),
      session: Context.RemoteSession(
        fingerprint: fingerprint, client: client, command: command.isEmpty ? "(terminal)" : command)
    )
  }
}
