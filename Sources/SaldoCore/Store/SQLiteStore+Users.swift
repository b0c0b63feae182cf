extension SQLiteStore {
  private static let userColumns =
    "id, login, display_name, email, notify_credit, notify_invoices, language, language_used"

  public func user(login: String) throws -> User? {
    let row = try database.statement("SELECT \(Self.userColumns) FROM user WHERE login = ?1")
    try row.bind(.text(login))
    defer { row.reset() }
    return try row.step() ? Self.user(row) : nil
  }

  public func user(id: Int64) throws -> User? {
    let row = try database.statement("SELECT \(Self.userColumns) FROM user WHERE id = ?1")
    try row.bind(.int(id))
    defer { row.reset() }
    return try row.step() ? Self.user(row) : nil
  }

  public func createUser(login: String, displayName: String, email: String?) throws -> User {
    try database.statement(
      "INSERT INTO user(login, display_name, email) VALUES (?1, ?2, ?3)"
    ).run(.text(login), .text(displayName), .optional(email))
    return User(
      id: database.lastInsertRowID, login: login, displayName: displayName, email: email)
  }

  public func updateUser(_ user: User) throws {
    try database.statement(
      """
      UPDATE user SET display_name = ?2, email = ?3, notify_credit = ?4, notify_invoices = ?5,
        language = ?6, language_used = ?7
      WHERE id = ?1
      """
    ).run(
      .int(user.id), .text(user.displayName), .optional(user.email),
      .int(user.notifications.creditAlerts ? 1 : 0),
      .int(user.notifications.invoiceMails ? 1 : 0), .optional(user.language?.rawValue),
      .optional(user.lastUsedLanguage?.rawValue))
  }

  public func setLastUsedLanguage(_ language: Language, userID: Int64) throws {
    try database.statement("UPDATE user SET language_used = ?2 WHERE id = ?1")
      .run(.int(userID), .text(language.rawValue))
  }

  public func setRole(_ role: MemberRole, userID: Int64, environmentID: Int64) throws {
    try database.statement(
      """
      INSERT INTO membership(environment_id, user_id, role) VALUES (?1, ?2, ?3)
      ON CONFLICT(environment_id, user_id) DO UPDATE SET role = excluded.role
      """
    ).run(.int(environmentID), .int(userID), .text(role.rawValue))
  }

  public func role(userID: Int64, environmentID: Int64) throws -> MemberRole? {
    let row = try database.statement(
      "SELECT role FROM membership WHERE environment_id = ?1 AND user_id = ?2")
    try row.bind(.int(environmentID), .int(userID))
    defer { row.reset() }
    return try row.step() ? MemberRole(rawValue: row.text(0)) : nil
  }

  public func members(environmentID: Int64) throws -> [Member] {
    let rows = try database.statement(
      """
      SELECT u.id, u.login, u.display_name, u.email, u.notify_credit, u.notify_invoices,
        u.language, u.language_used, m.role
      FROM membership m JOIN user u ON u.id = m.user_id
      WHERE m.environment_id = ?1 ORDER BY m.role, u.display_name
      """)
    try rows.bind(.int(environmentID))
    var result: [Member] = []
    while try rows.step() {
      result.append(
        Member(user: Self.user(rows), role: MemberRole(rawValue: rows.text(8)) ?? .member))
    }
    return result
  }

  public func environmentIDs(userID: Int64) throws -> [Int64] {
    let rows = try database.statement("SELECT environment_id FROM membership WHERE user_id = ?1")
    try rows.bind(.int(userID))
    var result: [Int64] = []
    while try rows.step() { result.append(rows.int(0)) }
    return result
  }

  public func addOperator(userID: Int64, at: Instant) throws {
    try database.statement(
      "INSERT INTO operator(user_id, since) VALUES (?1, ?2) ON CONFLICT DO NOTHING"
    ).run(.int(userID), .int(at.seconds))
  }

  public func isOperator(userID: Int64) throws -> Bool {
    let row = try database.statement("SELECT 1 FROM operator WHERE user_id = ?1")
    try row.bind(.int(userID))
    defer { row.reset() }
    return try row.step()
  }

  public func setting(_ key: String) throws -> String? {
    let row = try database.statement("SELECT value FROM setting WHERE key = ?1")
    try row.bind(.text(key))
    defer { row.reset() }
    return try row.step() ? row.text(0) : nil
  }

  public func setSetting(_ key: String, _ value: String) throws {
    try database.statement(
      """
      INSERT INTO setting(key, value) VALUES (?1, ?2)
      ON CONFLICT(key) DO UPDATE SET value = excluded.value
      """
    ).run(.text(key), .text(value))
  }

  private static func user(_ row: Statement) -> User {
    User(
      id: row.int(0), login: row.text(1), displayName: row.text(2), email: row.optionalText(3),
      notifications: NotificationSettings(
        creditAlerts: row.int(4) != 0, invoiceMails: row.int(5) != 0),
      language: row.optionalText(6).flatMap(Language.init(rawValue:)),
      lastUsedLanguage: row.optionalText(7).flatMap(Language.init(rawValue:)))
  }
}
