extension SQLiteStore {
  private static let autoUpgradeColumns = """
    environment_id, enabled, amount, cover_days, holder, iban, mandate_id, mandate_date,
    organisation_id, order_number, monthly_cap, paused_reason, updated_at, updated_by, debtor_bic,
    paused_reason_nl
    """

  public func autoUpgrade(environmentID: Int64) throws -> AutoUpgradeSettings? {
    let row = try database.statement(
      "SELECT \(Self.autoUpgradeColumns) FROM auto_upgrade WHERE environment_id = ?1")
    try row.bind(.int(environmentID))
    defer { row.reset() }
    return try row.step() ? Self.autoUpgrade(row) : nil
  }

  public func allAutoUpgrades() throws -> [Int64: AutoUpgradeSettings] {
    let rows = try database.statement("SELECT \(Self.autoUpgradeColumns) FROM auto_upgrade")
    var result: [Int64: AutoUpgradeSettings] = [:]
    while try rows.step() { result[rows.int(0)] = Self.autoUpgrade(rows) }
    return result
  }

  public func runningAlerts() throws -> [Int64: Set<String>] {
    let rows = try database.statement("SELECT environment_id, kind FROM alert_state")
    var result: [Int64: Set<String>] = [:]
    while try rows.step() { result[rows.int(0), default: []].insert(rows.text(1)) }
    return result
  }

  private static func autoUpgrade(_ row: Statement) -> AutoUpgradeSettings {
    let amount: AutoUpgradeAmount =
      row.optionalInt(2).map { .fixed(Money(mills: $0)) } ?? .coverDays(Int(row.int(3)))
    var settings = AutoUpgradeSettings(
      enabled: row.int(1) != 0, amount: amount, holder: row.text(4),
      iban: IBAN(stored: row.text(5)),
      mandateID: MandateReference(stored: row.text(6)), mandateDate: Day(number: row.int(7)),
      organisationID: row.int(8),
      orderNumber: row.optionalText(9), monthlyCap: row.optionalInt(10).map(Money.init(mills:)),
      pausedReason: row.optionalText(11), updatedAt: Instant(seconds: row.int(12)),
      updatedBy: row.text(13), bic: row.optionalText(14).map(BIC.init(stored:)))
    settings.pausedReasonDutch = row.optionalText(15)
    return settings
  }

  public func saveAutoUpgrade(_ s: AutoUpgradeSettings, environmentID: Int64) throws {
    var fixed: SQLValue = .null
    var days: SQLValue = .null
    switch s.amount {
    case .fixed(let money): fixed = .int(money.mills)
    case .coverDays(let n): days = .int(Int64(n))
    }
    try database.statement(
      """
      INSERT INTO auto_upgrade(environment_id, enabled, amount, cover_days, holder, iban,
        mandate_id, mandate_date, organisation_id, order_number, monthly_cap, paused_reason,
        updated_at, updated_by, debtor_bic, paused_reason_nl)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
      ON CONFLICT(environment_id) DO UPDATE SET enabled = excluded.enabled,
        amount = excluded.amount, cover_days = excluded.cover_days, holder = excluded.holder,
        iban = excluded.iban, mandate_id = excluded.mandate_id,
        mandate_date = excluded.mandate_date, organisation_id = excluded.organisation_id,
        order_number = excluded.order_number, monthly_cap = excluded.monthly_cap,
        paused_reason = excluded.paused_reason, updated_at = excluded.updated_at,
        updated_by = excluded.updated_by, debtor_bic = excluded.debtor_bic,
        paused_reason_nl = excluded.paused_reason_nl
      """
    ).run(
      .int(environmentID), .int(s.enabled ? 1 : 0), fixed, days, .text(s.holder),
      .text(s.iban.value),
      .text(s.mandateID.value), .int(s.mandateDate.number), .int(s.organisationID),
      .optional(s.orderNumber), .optional(s.monthlyCap?.mills), .optional(s.pausedReason),
      .int(s.updatedAt.seconds), .text(s.updatedBy), .optional(s.bic?.value),
      .optional(s.pausedReason == nil ? nil : s.pausedReasonDutch))
  }

  public func recordAutoUpgradeChange(
    environmentID: Int64, at: Instant, actor: String, change: String
  ) throws {
    try database.statement(
      "INSERT INTO auto_upgrade_change(environment_id, at, actor, change) VALUES (?1, ?2, ?3, ?4)"
    ).run(.int(environmentID), .int(at.seconds), .text(actor), .text(change))
  }

  public func autoUpgradeChanges(environmentID: Int64, limit: Int) throws
    -> [(at: Instant, actor: String, change: String)]
  {
    let rows = try database.statement(
      """
      SELECT at, actor, change FROM auto_upgrade_change WHERE environment_id = ?1
      ORDER BY id DESC LIMIT ?2
      """)
    try rows.bind(.int(environmentID), .int(Int64(limit)))
    var result: [(at: Instant, actor: String, change: String)] = []
    while try rows.step() {
      result.append((Instant(seconds: rows.int(0)), rows.text(1), rows.text(2)))
    }
    return result
  }

  public func addAutoUpgradeEvent(environmentID: Int64, event: AutoUpgradeEvent) throws {
    try database.statement(
      """
      INSERT INTO auto_upgrade_event(environment_id, at, kind, message, message_nl)
      VALUES (?1, ?2, ?3, ?4, ?5)
      """
    ).run(
      .int(environmentID), .int(event.at.seconds), .text(event.kind.rawValue), .text(event.message),
      .optional(event.dutch))
  }

  public func autoUpgradeEvents(environmentID: Int64, limit: Int) throws -> [AutoUpgradeEvent] {
    let rows = try database.statement(
      """
      SELECT at, kind, message, message_nl FROM auto_upgrade_event WHERE environment_id = ?1
      ORDER BY id DESC LIMIT ?2
      """)
    try rows.bind(.int(environmentID), .int(Int64(limit)))
    var result: [AutoUpgradeEvent] = []
    while try rows.step() {
      result.append(
        AutoUpgradeEvent(
          at: Instant(seconds: rows.int(0)),
          kind: AutoUpgradeEvent.Kind(rawValue: rows.text(1)) ?? .failed, message: rows.text(2),
          dutch: rows.optionalText(3)))
    }
    return result
  }

  public func startAlert(environmentID: Int64, kind: String, since: Instant) throws -> Bool {
    try database.statement(
      """
      INSERT INTO alert_state(environment_id, kind, since) VALUES (?1, ?2, ?3)
      ON CONFLICT DO NOTHING
      """
    ).run(.int(environmentID), .text(kind), .int(since.seconds))
    return database.changes == 1
  }

  public func endAlert(environmentID: Int64, kind: String) throws {
    try database.statement("DELETE FROM alert_state WHERE environment_id = ?1 AND kind = ?2")
      .run(.int(environmentID), .text(kind))
  }
}
