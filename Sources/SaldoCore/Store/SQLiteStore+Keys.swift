extension SQLiteStore {
  private static let keyColumns =
    "u.login, k.type, k.bits, k.key, k.fingerprint, k.label, k.added_at, k.added_by, k.last_used_at"

  public func insertKey(
    _ key: SSHPublicKey, userID: Int64, label: String?, at: Instant, actor: String
  ) throws -> StoredKey {
    try database.statement(
      """
      INSERT INTO ssh_key(user_id, type, bits, key, fingerprint, label, added_at, added_by)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
      """
    ).run(
      .int(userID), .text(key.type), .int(Int64(key.bits)), .text(key.base64),
      .text(key.fingerprint), .optional(label), .int(at.seconds), .text(actor))
    guard let stored = try self.key(fingerprint: key.fingerprint) else {
      throw StoreError.corrupt(path: database.path, detail: "a key just stored is missing")
    }
    return stored
  }

  public func key(fingerprint: String) throws -> StoredKey? {
    let row = try database.statement(
      "SELECT \(Self.keyColumns) FROM ssh_key k JOIN user u ON u.id = k.user_id"
        + " WHERE k.fingerprint = ?1")
    try row.bind(.text(fingerprint))
    defer { row.reset() }
    return try row.step() ? Self.storedKey(row) : nil
  }

  public func keys(userID: Int64?) throws -> [StoredKey] {
    let rows = try database.statement(
      "SELECT \(Self.keyColumns) FROM ssh_key k JOIN user u ON u.id = k.user_id"
        + " WHERE ?1 IS NULL OR k.user_id = ?1 ORDER BY u.login, k.added_at, k.id")
    try rows.bind(.optional(userID))
    defer { rows.reset() }
    var result: [StoredKey] = []
    while try rows.step() {
      if let key = Self.storedKey(rows) { result.append(key) }
    }
    return result
  }

  public func deleteKey(fingerprint: String) throws -> Bool {
    try database.statement("DELETE FROM ssh_key WHERE fingerprint = ?1").run(.text(fingerprint))
    return database.changes > 0
  }

  public func recordKeyUse(
    fingerprint: String, userID: Int64, client: String?, command: String, at: Instant
  ) throws {
    try database.statement("UPDATE ssh_key SET last_used_at = ?2 WHERE fingerprint = ?1")
      .run(.text(fingerprint), .int(at.seconds))
    try database.statement(
      """
      INSERT INTO ssh_session(user_id, fingerprint, client, command, at)
      VALUES (?1, ?2, ?3, ?4, ?5)
      """
    ).run(.int(userID), .text(fingerprint), .optional(client), .text(command), .int(at.seconds))
  }

  /// A stored row re-parsed, so a key in the database is held to the same checks as a new one;
  /// a row that no longer parses is left out (and `saldo check` would show it).
  private static func storedKey(_ row: Statement) -> StoredKey? {
    guard let key = try? SSHPublicKey.parse(type: row.text(1), base64: row.text(3)) else {
      return nil
    }
    return StoredKey(
      login: row.text(0), key: key, label: row.optionalText(5),
      addedAt: Instant(seconds: row.int(6)), addedBy: row.text(7),
      lastUsedAt: row.optionalInt(8).map { Instant(seconds: $0) })
  }
}
