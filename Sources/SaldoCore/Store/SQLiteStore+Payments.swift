extension SQLiteStore {
  private static let paymentColumns = """
    id, environment_id, organisation_id, method, amount, bonus, vat, status, idempotency_key,
    provider, checkout_reference, order_number, credited, invoice_number, created_at, updated_at,
    expires_at, actor
    """

  public func insertPayment(_ p: NewPayment) throws -> Payment {
    try database.statement(
      """
      INSERT INTO payment(environment_id, organisation_id, method, amount, bonus, vat, status,
        idempotency_key, provider, checkout_reference, order_number, created_at, updated_at,
        expires_at, actor)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14)
      """
    ).run(
      .int(p.environmentID), .int(p.organisationID), .text(p.method.rawValue),
      .int(p.amount.mills), .int(p.bonus.mills), .int(p.vat.mills), .text(p.status.rawValue),
      .text(p.idempotencyKey), .text(p.provider), .optional(p.checkoutReference),
      .optional(p.orderNumber), .int(p.createdAt.seconds), .int(p.expiresAt.seconds),
      .text(p.actor))
    let id = database.lastInsertRowID
    guard let stored = try payment(id: id) else {
      throw StoreError.sqlite(code: 0, message: "payment \(id) vanished", sql: "insertPayment")
    }
    return stored
  }

  public func payment(id: Int64) throws -> Payment? {
    try paymentRow("SELECT \(Self.paymentColumns) FROM payment WHERE id = ?1", .int(id))
  }

  public func payment(environmentID: Int64, idempotencyKey: String) throws -> Payment? {
    let row = try database.statement(
      """
      SELECT \(Self.paymentColumns) FROM payment
      WHERE environment_id = ?1 AND idempotency_key = ?2
      """)
    try row.bind(.int(environmentID), .text(idempotencyKey))
    defer { row.reset() }
    return try row.step() ? Self.payment(row) : nil
  }

  public func payments(environmentID: Int64, createdSince since: Instant) throws -> [Payment] {
    // Walks the (environment_id, id) index backwards; ids grow with time.
    let rows = try database.statement(
      """
      SELECT \(Self.paymentColumns) FROM payment
      WHERE environment_id = ?1 AND created_at >= ?2 ORDER BY id DESC LIMIT 100
      """)
    try rows.bind(.int(environmentID), .int(since.seconds))
    defer { rows.reset() }
    var result: [Payment] = []
    while try rows.step() { result.append(Self.payment(rows)) }
    return result
  }

  public func payment(environmentID: Int64, orderNumber: String) throws -> Payment? {
    let row = try database.statement(
      """
      SELECT \(Self.paymentColumns) FROM payment
      WHERE environment_id = ?1 AND order_number = ?2 ORDER BY id DESC LIMIT 1
      """)
    try row.bind(.int(environmentID), .text(orderNumber))
    defer { row.reset() }
    return try row.step() ? Self.payment(row) : nil
  }

  public func payments(environmentID: Int64?, limit: Int) throws -> [Payment] {
    let rows = try database.statement(
      """
      SELECT \(Self.paymentColumns) FROM payment
      WHERE ?1 IS NULL OR environment_id = ?1 ORDER BY id DESC LIMIT ?2
      """)
    try rows.bind(.optional(environmentID), .int(Int64(limit)))
    var result: [Payment] = []
    while try rows.step() { result.append(Self.payment(rows)) }
    return result
  }

  public func stalePayments(now: Instant) throws -> [Payment] {
    let rows = try database.statement(
      """
      SELECT \(Self.paymentColumns) FROM payment
      WHERE status IN ('open', 'pending') AND expires_at <= ?1 ORDER BY id
      """)
    try rows.bind(.int(now.seconds))
    var result: [Payment] = []
    while try rows.step() { result.append(Self.payment(rows)) }
    return result
  }

  public func movePayment(
    id: Int64, from: PaymentStatus, to: PaymentStatus, at: Instant, actor: String
  ) throws -> Bool {
    try database.statement(
      "UPDATE payment SET status = ?3, updated_at = ?4 WHERE id = ?1 AND status = ?2"
    ).run(.int(id), .text(from.rawValue), .text(to.rawValue), .int(at.seconds))
    guard database.changes == 1 else { return false }
    try database.statement(
      """
      INSERT INTO payment_transition(payment_id, at, from_status, to_status, actor)
      VALUES (?1, ?2, ?3, ?4, ?5)
      """
    ).run(.int(id), .int(at.seconds), .text(from.rawValue), .text(to.rawValue), .text(actor))
    return true
  }

  public func setPaymentCheckout(id: Int64, reference: String) throws {
    try database.statement("UPDATE payment SET checkout_reference = ?2 WHERE id = ?1")
      .run(.int(id), .text(reference))
  }

  public func setPaymentCheckoutURL(id: Int64, url: String, testMode: Bool) throws {
    try database.statement(
      """
      INSERT INTO payment_checkout(payment_id, url, test_mode) VALUES (?1, ?2, ?3)
      ON CONFLICT(payment_id) DO UPDATE SET url = excluded.url, test_mode = excluded.test_mode
      """
    ).run(.int(id), .text(url), .int(testMode ? 1 : 0))
  }

  public func paymentCheckoutURL(id: Int64) throws -> (url: String, testMode: Bool)? {
    let row = try database.statement(
      "SELECT url, test_mode FROM payment_checkout WHERE payment_id = ?1")
    try row.bind(.int(id))
    defer { row.reset() }
    guard try row.step() else { return nil }
    return (row.text(0), row.int(1) == 1)
  }

  public func unsettledPayments(provider: String) throws -> [Payment] {
    // Served by the partial index payment_unsettled on status.
    let rows = try database.statement(
      """
      SELECT \(Self.paymentColumns) FROM payment
      WHERE status IN ('open', 'pending') AND provider = ?1 ORDER BY id
      """)
    try rows.bind(.text(provider))
    defer { rows.reset() }
    var result: [Payment] = []
    while try rows.step() { result.append(Self.payment(rows)) }
    return result
  }

  public func markPaymentCredited(id: Int64, invoiceNumber: String?) throws -> Bool {
    try database.statement(
      "UPDATE payment SET credited = 1, invoice_number = ?2 WHERE id = ?1 AND credited = 0"
    ).run(.int(id), .optional(invoiceNumber))
    return database.changes == 1
  }

  private func paymentRow(_ sql: String, _ key: SQLValue) throws -> Payment? {
    let row = try database.statement(sql)
    try row.bind(key)
    defer { row.reset() }
    return try row.step() ? Self.payment(row) : nil
  }

  private static func payment(_ row: Statement) -> Payment {
    Payment(
      id: row.int(0), environmentID: row.int(1), organisationID: row.int(2),
      method: PaymentMethod(rawValue: row.text(3)) ?? .invoice, amount: Money(mills: row.int(4)),
      bonus: Money(mills: row.int(5)), vat: Money(mills: row.int(6)),
      status: PaymentStatus(rawValue: row.text(7)) ?? .failed, idempotencyKey: row.text(8),
      provider: row.text(9), checkoutReference: row.optionalText(10),
      orderNumber: row.optionalText(11), credited: row.int(12) != 0,
      invoiceNumber: row.optionalText(13), createdAt: Instant(seconds: row.int(14)),
      updatedAt: Instant(seconds: row.int(15)), expiresAt: Instant(seconds: row.int(16)),
      actor: row.text(17))
  }
}
