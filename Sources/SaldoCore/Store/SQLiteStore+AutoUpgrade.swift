extension SQLiteStore {
  private static let autoUpgradeColumns = """
    environment_id, enabled, amount, cover_days, holder, iban, mandate_id, mandate_date,
    organisation_id, order_number, monthly_cap, paused_reason, updated_at, updated_by
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
    return AutoUpgradeSettings(
      enabled: row.int(1) != 0, amount: amount, holder: row.text(4), iban: row.text(5),
      mandateID: row.text(6), mandateDate: Day(number: row.int(7)), organisationID: row.int(8),
      orderNumber: row.optionalText(9), monthlyCap: row.optionalInt(10).map(Money.init(mills:)),
      pausedReason: row.optionalText(11), updatedAt: Instant(seconds: row.int(12)),
      updatedBy: row.text(13))
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
        updated_at, updated_by)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
      ON CONFLICT(environment_id) DO UPDATE SET enabled = excluded.enabled,
        amount = excluded.amount, cover_days = excluded.cover_days, holder = excluded.holder,
        iban = excluded.iban, mandate_id = excluded.mandate_id,
        mandate_date = excluded.mandate_date, organisation_id = excluded.organisation_id,
        order_number = excluded.order_number, monthly_cap = excluded.monthly_cap,
        paused_reason = excluded.paused_reason, updated_at = excluded.updated_at,
        updated_by = excluded.updated_by
      """
    ).run(
      .int(environmentID), .int(s.enabled ? 1 : 0), fixed, days, .text(s.holder), .text(s.iban),
      .text(s.mandateID), .int(s.mandateDate.number), .int(s.organisationID),
      .optional(s.orderNumber), .optional(s.monthlyCap?.mills), .optional(s.pausedReason),
      .int(s.updatedAt.seconds), .text(s.updatedBy))
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

  public func insertCollection(
    environmentID: Int64, day: Day, paymentID: Int64, invoiceNumber: String, endToEndID: String,
    amount: Money, credited: Money, sequence: DirectDebitCollection.Sequence, mandateID: String,
    mandateDate: Day, debtorName: String, debtorIBAN: String, collectionDate: Day, at: Instant
  ) throws -> Int64 {
    try database.statement(
      """
      INSERT INTO collection(environment_id, day, payment_id, invoice_number, end_to_end_id,
        amount, credited, sequence, mandate_id, mandate_date, debtor_name, debtor_iban,
        collection_date, status, created_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'scheduled', ?14)
      """
    ).run(
      .int(environmentID), .int(day.number), .int(paymentID), .text(invoiceNumber),
      .text(endToEndID), .int(amount.mills), .int(credited.mills), .text(sequence.rawValue),
      .text(mandateID), .int(mandateDate.number), .text(debtorName), .text(debtorIBAN),
      .int(collectionDate.number), .int(at.seconds))
    return database.lastInsertRowID
  }

  private static let collectionColumns = """
    id, environment_id, day, payment_id, invoice_number, end_to_end_id, amount, credited,
    sequence, mandate_id, mandate_date, debtor_name, debtor_iban, collection_date, status,
    reversal_reason
    """

  public func collection(environmentID: Int64, day: Day) throws -> DirectDebitCollection? {
    try collectionRows(
      "SELECT \(Self.collectionColumns) FROM collection WHERE environment_id = ?1 AND day = ?2",
      [.int(environmentID), .int(day.number)]
    ).first
  }

  public func collection(id: Int64) throws -> DirectDebitCollection? {
    try collectionRows(
      "SELECT \(Self.collectionColumns) FROM collection WHERE id = ?1", [.int(id)]
    ).first
  }

  public func collection(endToEndID: String) throws -> DirectDebitCollection? {
    try collectionRows(
      "SELECT \(Self.collectionColumns) FROM collection WHERE end_to_end_id = ?1",
      [.text(endToEndID)]
    ).first
  }

  public func collections(day: Day) throws -> [DirectDebitCollection] {
    try collectionRows(
      "SELECT \(Self.collectionColumns) FROM collection WHERE day = ?1 ORDER BY id",
      [.int(day.number)])
  }

  public func collections(environmentID: Int64, limit: Int) throws -> [DirectDebitCollection] {
    try collectionRows(
      """
      SELECT \(Self.collectionColumns) FROM collection WHERE environment_id = ?1
      ORDER BY id DESC LIMIT ?2
      """, [.int(environmentID), .int(Int64(limit))])
  }

  public func standingCollections(mandateID: String) throws -> Int {
    let row = try database.statement(
      "SELECT count(*) FROM collection WHERE mandate_id = ?1 AND status != 'reversed'")
    try row.bind(.text(mandateID))
    defer { row.reset() }
    return try row.step() ? Int(row.int(0)) : 0
  }

  public func collectedCredit(environmentID: Int64, from: Day, to: Day) throws -> Money {
    let row = try database.statement(
      """
      SELECT coalesce(sum(p.amount), 0) FROM collection c JOIN payment p ON p.id = c.payment_id
      WHERE c.environment_id = ?1 AND c.day BETWEEN ?2 AND ?3 AND c.status != 'reversed'
      """)
    try row.bind(.int(environmentID), .int(from.number), .int(to.number))
    defer { row.reset() }
    return try row.step() ? Money(mills: row.int(0)) : .zero
  }

  public func markReversed(collectionID: Int64, reason: String) throws -> Bool {
    try database.statement(
      """
      UPDATE collection SET status = 'reversed', reversal_reason = ?2
      WHERE id = ?1 AND status = 'scheduled'
      """
    ).run(.int(collectionID), .text(reason))
    return database.changes == 1
  }

  public func addAutoUpgradeEvent(environmentID: Int64, event: AutoUpgradeEvent) throws {
    try database.statement(
      "INSERT INTO auto_upgrade_event(environment_id, at, kind, message) VALUES (?1, ?2, ?3, ?4)"
    ).run(.int(environmentID), .int(event.at.seconds), .text(event.kind.rawValue), .text(event.message))
  }

  public func autoUpgradeEvents(environmentID: Int64, limit: Int) throws -> [AutoUpgradeEvent] {
    let rows = try database.statement(
      """
      SELECT at, kind, message FROM auto_upgrade_event WHERE environment_id = ?1
      ORDER BY id DESC LIMIT ?2
      """)
    try rows.bind(.int(environmentID), .int(Int64(limit)))
    var result: [AutoUpgradeEvent] = []
    while try rows.step() {
      result.append(
        AutoUpgradeEvent(
          at: Instant(seconds: rows.int(0)),
          kind: AutoUpgradeEvent.Kind(rawValue: rows.text(1)) ?? .failed, message: rows.text(2)))
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

  private func collectionRows(_ sql: String, _ values: [SQLValue]) throws -> [DirectDebitCollection] {
    let rows = try database.statement(sql)
    try rows.bind(values)
    var result: [DirectDebitCollection] = []
    while try rows.step() {
      result.append(
        DirectDebitCollection(
          id: rows.int(0), environmentID: rows.int(1), day: Day(number: rows.int(2)),
          paymentID: rows.int(3), invoiceNumber: rows.text(4), endToEndID: rows.text(5),
          amount: Money(mills: rows.int(6)), credited: Money(mills: rows.int(7)),
          sequence: DirectDebitCollection.Sequence(rawValue: rows.text(8)) ?? .recurring,
          mandateID: rows.text(9), mandateDate: Day(number: rows.int(10)),
          debtorName: rows.text(11), debtorIBAN: rows.text(12),
          collectionDate: Day(number: rows.int(13)),
          status: DirectDebitCollection.Status(rawValue: rows.text(14)) ?? .scheduled,
          reversalReason: rows.optionalText(15)))
    }
    return result
  }
}
