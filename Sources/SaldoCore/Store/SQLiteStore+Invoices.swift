extension SQLiteStore {
  public func nextInvoiceSequence(year: Int) throws -> Int64 {
    try database.statement(
      """
      INSERT INTO invoice_counter(year, last) VALUES (?1, 1)
      ON CONFLICT(year) DO UPDATE SET last = last + 1
      """
    ).run(.int(Int64(year)))
    let row = try database.statement("SELECT last FROM invoice_counter WHERE year = ?1")
    try row.bind(.int(Int64(year)))
    defer { row.reset() }
    guard try row.step() else {
      throw StoreError.sqlite(
        code: 0, message: "invoice counter missing", sql: "nextInvoiceSequence")
    }
    return row.int(0)
  }

  public func insertInvoice(_ i: NewInvoice) throws -> Int64 {
    try database.statement(
      """
      INSERT INTO invoice(number, year, sequence, type, corrects, environment_id, organisation_id,
        payment_id, issue_date, due_date, net, vat, total, bonus, means, payment_reference,
        order_number, payment_status, paid_at, ubl, text, created_at, replaces, tax_category,
        buyer_vat)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
        ?19, ?20, ?21, ?22, ?23, ?24, ?25)
      """
    ).run(
      .text(i.number), .int(Int64(i.year)), .int(i.sequence),
      .text(i.isCreditNote ? "credit-note" : "invoice"), .optional(i.corrects),
      .int(i.environmentID), .int(i.organisationID), .optional(i.paymentID),
      .int(i.issueDate.number), .int(i.dueDate.number), .int(i.net.mills), .int(i.vat.mills),
      .int(i.total.mills), .int(i.bonus.mills), .text(i.means.rawValue),
      .text(i.paymentReference), .optional(i.orderNumber), .text(i.paid ? "paid" : "open"),
      i.paid ? .int(i.createdAt.seconds) : .null, .text(i.ubl), .text(i.text),
      .int(i.createdAt.seconds), .optional(i.replaces), .text(i.taxCategory.rawValue),
      .optional(i.buyerVAT))
    return database.lastInsertRowID
  }

  private static let invoiceColumns = """
    i.id, i.number, i.type, i.corrects, i.environment_id, i.organisation_id, i.payment_id,
    i.issue_date, i.due_date, i.net, i.vat, i.total, i.bonus, i.means, i.payment_reference,
    i.order_number, i.payment_status, i.paid_at, i.ubl, i.text, i.created_at,
    coalesce(b.unread, 0), i.credited_by, i.replaces, i.replaced_by, i.tax_category, i.buyer_vat
    """

  public func invoice(number: String) throws -> IssuedInvoice? {
    let row = try database.statement(
      """
      SELECT \(Self.invoiceColumns) FROM invoice i LEFT JOIN inbox_item b ON b.invoice_id = i.id
      WHERE i.number = ?1
      """)
    try row.bind(.text(number))
    defer { row.reset() }
    return try row.step() ? Self.invoice(row) : nil
  }

  public func invoices(organisationID: Int64, limit: Int) throws -> [IssuedInvoice] {
    let rows = try database.statement(
      """
      SELECT \(Self.invoiceColumns) FROM invoice i LEFT JOIN inbox_item b ON b.invoice_id = i.id
      WHERE i.organisation_id = ?1 ORDER BY i.id DESC LIMIT ?2
      """)
    try rows.bind(.int(organisationID), .int(Int64(limit)))
    var result: [IssuedInvoice] = []
    while try rows.step() { result.append(Self.invoice(rows)) }
    return result
  }

  public func invoices(environmentID: Int64, limit: Int) throws -> [IssuedInvoice] {
    let rows = try database.statement(
      """
      SELECT \(Self.invoiceColumns) FROM invoice i LEFT JOIN inbox_item b ON b.invoice_id = i.id
      WHERE i.environment_id = ?1 ORDER BY i.id DESC LIMIT ?2
      """)
    try rows.bind(.int(environmentID), .int(Int64(limit)))
    var result: [IssuedInvoice] = []
    while try rows.step() { result.append(Self.invoice(rows)) }
    return result
  }

  public func markInvoicePaid(number: String, at: Instant) throws -> Bool {
    try database.statement(
      """
      UPDATE invoice SET payment_status = 'paid', paid_at = ?2
      WHERE number = ?1 AND payment_status = 'open'
      """
    ).run(.text(number), .int(at.seconds))
    return database.changes == 1
  }

  public func deliverToInbox(invoiceID: Int64, organisationID: Int64, at: Instant) throws {
    try database.statement(
      """
      INSERT INTO inbox_item(invoice_id, organisation_id, unread, delivered_at)
      VALUES (?1, ?2, 1, ?3) ON CONFLICT DO NOTHING
      """
    ).run(.int(invoiceID), .int(organisationID), .int(at.seconds))
  }

  public func markRead(invoiceID: Int64) throws {
    try database.statement("UPDATE inbox_item SET unread = 0 WHERE invoice_id = ?1")
      .run(.int(invoiceID))
  }

  public func unreadCounts(environmentID: Int64) throws -> [Int64: Int] {
    let rows = try database.statement(
      """
      SELECT o.id, count(b.invoice_id) FROM organisation o
      LEFT JOIN inbox_item b ON b.organisation_id = o.id AND b.unread = 1
      WHERE o.environment_id = ?1 GROUP BY o.id
      """)
    try rows.bind(.int(environmentID))
    var result: [Int64: Int] = [:]
    while try rows.step() { result[rows.int(0)] = Int(rows.int(1)) }
    return result
  }

  private static func invoice(_ row: Statement) -> IssuedInvoice {
    var invoice = IssuedInvoice(
      id: row.int(0), number: row.text(1), isCreditNote: row.text(2) == "credit-note",
      corrects: row.optionalText(3), environmentID: row.int(4), organisationID: row.int(5),
      paymentID: row.optionalInt(6), issueDate: Day(number: row.int(7)),
      dueDate: Day(number: row.int(8)), net: Money(mills: row.int(9)),
      vat: Money(mills: row.int(10)), total: Money(mills: row.int(11)),
      bonus: Money(mills: row.int(12)),
      means: IssuedInvoice.Means(rawValue: row.text(13)) ?? .bankTransfer,
      paymentReference: row.text(14), orderNumber: row.optionalText(15),
      paid: row.text(16) == "paid", paidAt: row.optionalInt(17).map(Instant.init(seconds:)),
      ubl: row.text(18), text: row.text(19), createdAt: Instant(seconds: row.int(20)),
      unread: row.int(21) != 0)
    invoice.creditedBy = row.optionalText(22)
    invoice.replaces = row.optionalText(23)
    invoice.replacedBy = row.optionalText(24)
    invoice.taxCategory = VATCategory(rawValue: row.text(25)) ?? .standard
    invoice.buyerVAT = row.optionalText(26)
    return invoice
  }

  public func markInvoiceCredited(number: String, by creditNote: String) throws -> Bool {
    try database.statement(
      "UPDATE invoice SET credited_by = ?2 WHERE number = ?1 AND credited_by IS NULL"
    ).run(.text(number), .text(creditNote))
    return database.changes == 1
  }

  public func markInvoiceReplaced(number: String, by replacement: String) throws -> Bool {
    try database.statement(
      "UPDATE invoice SET replaced_by = ?2 WHERE number = ?1 AND replaced_by IS NULL"
    ).run(.text(number), .text(replacement))
    return database.changes == 1
  }

  public func linkCorrection(entryID: Int64, invoiceNumber: String) throws {
    try database.statement(
      "INSERT INTO invoice_correction(ledger_entry_id, invoice_number) VALUES (?1, ?2)"
    ).run(.int(entryID), .text(invoiceNumber))
  }

  public func openBankTransferInvoices(dueBefore day: Day, environmentID: Int64?) throws
    -> [IssuedInvoice]
  {
    let rows = try database.statement(
      """
      SELECT \(Self.invoiceColumns) FROM invoice i LEFT JOIN inbox_item b ON b.invoice_id = i.id
      WHERE i.type = 'invoice' AND i.payment_status = 'open' AND i.due_date < ?1
        AND i.means = 'bank-transfer' AND i.credited_by IS NULL
        AND (?2 IS NULL OR i.environment_id = ?2)
      ORDER BY i.due_date, i.id
      """)
    try rows.bind(.int(day.number), .optional(environmentID))
    var result: [IssuedInvoice] = []
    while try rows.step() { result.append(Self.invoice(rows)) }
    return result
  }
}
