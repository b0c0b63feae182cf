/// SSH keys: people reach Saldo over SSH with their own keys; sshd proves who they are and the
/// forced command in the service account's `authorized_keys` names them.
extension KeyService {
  /// Adds a public key to a user. Operators add anyone's; a user adds their own.
  public func addKey(login: String, publicKey text: String, label: String?) throws -> StoredKey {
    let key = try SSHPublicKey.parse(text)
    let checkedLabel = try label.map { try Saldo.checkName($0, what: tr("key label"), limit: 100) }
    return try store.write {
      try access.requireKeyManagement(of: login, to: tr("add keys"))
      guard let user = try store.user(login: login) else { throw noUser(login) }
      if let existing = try store.key(fingerprint: key.fingerprint) {
        let owner =
          try existing.login == account.login || access.isOperator()
          ? existing.login : "another user"
        throw SaldoError.conflict(
          tr(
            "this key (\(key.fingerprint)) is already registered to \(owner); a key belongs to one"
              + " person: make a new one with `ssh-keygen -t ed25519`"))
      }
      return try store.insertKey(
        key, userID: user.id, label: checkedLabel, at: clock.now(), actor: account.login)
    }
  }

  /// The keys of `login`, or without one: every key for an operator, one's own otherwise.
  public func list(login: String?) throws -> [StoredKey] {
    try store.read {
      let whose = try login ?? (access.isOperator() ? nil : account.login)
      guard let whose else { return try store.keys(userID: nil) }
      try access.requireKeyManagement(of: whose, to: tr("list the keys"))
      guard let user = try store.user(login: whose) else { throw noUser(whose) }
      return try store.keys(userID: user.id)
    }
  }

  /// Removes a key by its fingerprint. Operators remove anyone's; a user their own.
  @discardableResult
  public func removeKey(fingerprint: String) throws -> StoredKey {
    guard SSHPublicKey.isFingerprint(fingerprint) else {
      throw SaldoError.invalid(
        tr(
          "\(Sanitize.line(fingerprint, limit: 60)) is not a key fingerprint; copy one from"
            + " `saldo key list` (SHA256:…)"))
    }
    return try store.write {
      guard let key = try store.key(fingerprint: fingerprint),
        (try? access.requireKeyManagement(of: key.login, to: tr("remove keys"))) != nil
      else {
        // Someone else's key is reported like a missing one: fingerprints of others stay theirs.
        throw SaldoError.notFound(
          tr(
            "no key \(fingerprint) of yours; `saldo key list` shows the keys you may remove"))
      }
      _ = try store.deleteKey(fingerprint: fingerprint)
      return key
    }
  }

  /// Every key as its `authorized_keys` line, forcing `binary`. Not a permission: the lines are
  /// written only by the service account that owns the database, which can read it all anyway.
  public func authorizedKeysLines(binary: String) throws -> [String] {
    let keys = try store.read { try store.keys(userID: nil) }
    if !keys.isEmpty { try AuthorizedKeysFile.checkBinary(binary) }
    return keys.map {
      AuthorizedKeysFile.line(for: $0, binary: binary)
    }
  }

  /// The line for one key, for sshd's `AuthorizedKeysCommand`; nil for an unknown key.
  public func authorizedKeysLine(base64: String, binary: String) throws -> String? {
    try AuthorizedKeysFile.checkBinary(binary)
    guard let key = try? SSHPublicKey.parse(base64: base64) else { return nil }
    return try store.read { try store.key(fingerprint: key.fingerprint) }.map {
      AuthorizedKeysFile.line(for: $0, binary: binary)
    }
  }

  /// Starts a session sshd let in with `key`: the key must still belong to this user (a stale
  /// `authorized_keys` never outlives a removal), and the session goes into the audit trail
  /// with the client's address and the command asked for.
  public func beginRemoteSession(fingerprint: String, client: String?, command: String) throws {
    try store.write {
      guard let user = try access.user() else {
        throw SaldoError.forbidden(
          tr(
            "\(account.login) is not a user of this Saldo any more; ask an operator"))
      }
      guard let key = try store.key(fingerprint: fingerprint), key.login == user.login else {
        throw SaldoError.forbidden(
          tr(
            "key \(Sanitize.line(fingerprint, limit: 60)) is not registered to \(user.login) (was"
              + " it removed?); ask an operator to run `saldo key sync`"))
      }
      try store.recordKeyUse(
        fingerprint: fingerprint, userID: user.id,
        client: client.map { Sanitize.line($0, limit: 100) },
        command: Sanitize.line(command, limit: 500), at: clock.now())
    }
  }

  /// Logins of users with no key (they cannot come in over SSH). Operators only.
  public func usersWithoutKeys() throws -> [String] {
    try store.read {
      try access.requireOperator(to: tr("check the SSH set-up and see who has no SSH key"))
      let withKeys = Set(try store.keys(userID: nil).map(\.login))
      var logins = Set<String>()
      for environment in try store.environments() {
        for member in try store.members(environmentID: environment.id) {
          logins.insert(member.user.login)
        }
      }
      // The account running this owns the database and needs no key.
      return logins.subtracting(withKeys).subtracting([account.login]).sorted()
    }
  }

  private func noUser(_ login: String) -> SaldoError {
    SaldoError.notFound(
      tr(
        "no user \(Sanitize.line(login, limit: 40)); add them first with `saldo user add"
          + " \(Sanitize.line(login, limit: 40)) --role member`"))
  }
}
