/// Direct-debit collections and the SEPA files that carry them. Status changes go through
/// `moveCollection`, a compare-and-set that records the transition.
extension SQLiteStore {
  public func insertCollection(_ c: NewCollection, at: Instant) throws -> Int64 {
    try database.statement(
      """
      INSERT INTO collection(environment_id, day, created_day, payment_id, invoice_number,
        end_to_end_id, amount, credited, sequence, mandate_id, mandate_date, debtor_name,
        debtor_iban, debtor_bic, collection_date, status, created_at, updated_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 'scheduled',
        ?16, ?16)
      """
    ).run(
      .int(c.environmentID), .int(c.day.number), .int(c.createdDay.number), .int(c.paymentID),
      .text(c.invoiceNumber), .text(c.endToEndID), .int(c.amount.mills), .int(c.credited.mills),
      .text(c.sequence.rawValue), .text(c.mandateID.value), .int(c.mandateDate.number),
      .text(c.debtorName), .text(c.debtorIBAN.value), .optional(c.debtorBIC?.value),
      .int(c.collectionDate.number), .int(at.seconds))
    return database.lastInsertRowID
  }

  private static let collectionColumns = """
    id, environment_id, day, created_day, payment_id, invoice_number, end_to_end_id, amount,
    credited, sequence, mandate_id, mandate_date, debtor_name, debtor_iban, debtor_bic,
    collection_date, status, file_id, settles_on, reversal_reason
    """

  public func collection(environmentID: Int64, createdDay: Day) throws -> DirectDebitCollection? {
    try collectionRows(
      """
      SELECT \(Self.collectionColumns) FROM collection
      WHERE environment_id = ?1 AND created_day = ?2
      """, [.int(environmentID), .int(createdDay.number)]
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

  public func collection(paymentID: Int64) throws -> DirectDebitCollection? {
    try collectionRows(
      "SELECT \(Self.collectionColumns) FROM collection WHERE payment_id = ?1 ORDER BY id DESC",
      [.int(paymentID)]
    ).first
  }

  public func collections(createdDay: Day) throws -> [DirectDebitCollection] {
    try collectionRows(
      "SELECT \(Self.collectionColumns) FROM collection WHERE created_day = ?1 ORDER BY id",
      [.int(createdDay.number)])
  }

  public func collections(environmentID: Int64, limit: Int) throws -> [DirectDebitCollection] {
    try collectionRows(
      """
      SELECT \(Self.collectionColumns) FROM collection WHERE environment_id = ?1
      ORDER BY id DESC LIMIT ?2
      """, [.int(environmentID), .int(Int64(limit))])
  }

  public func collectionsAwaitingExport(upTo day: Day) throws -> [DirectDebitCollection] {
    try collectionRows(
      """
      SELECT \(Self.collectionColumns) FROM collection
      WHERE status = 'scheduled' AND created_day <= ?1 ORDER BY id
      """, [.int(day.number)])
  }

  public func collectionsSettling(by day: Day) throws -> [DirectDebitCollection] {
    try collectionRows(
      """
      SELECT \(Self.collectionColumns) FROM collection
      WHERE status = 'exported' AND settles_on <= ?1 ORDER BY id
      """, [.int(day.number)])
  }

  public func collections(fileID: Int64) throws -> [DirectDebitCollection] {
    try collectionRows(
      """
      SELECT c.id, c.environment_id, c.day, c.created_day, c.payment_id, c.invoice_number,
        c.end_to_end_id, c.amount, c.credited, c.sequence, c.mandate_id, c.mandate_date,
        c.debtor_name, c.debtor_iban, c.debtor_bic, c.collection_date, c.status, c.file_id,
        c.settles_on, c.reversal_reason
      FROM sepa_file_item f JOIN collection c ON c.id = f.collection_id
      WHERE f.file_id = ?1 ORDER BY c.id
      """, [.int(fileID)])
  }

  public func standingCollections(mandateID: MandateReference) throws -> Int {
    let row = try database.statement(
      """
      SELECT count(*) FROM collection
      WHERE mandate_id = ?1 AND status NOT IN ('returned', 'withdrawn')
      """)
    try row.bind(.text(mandateID.value))
    defer { row.reset() }
    return try row.step() ? Int(row.int(0)) : 0
  }

  public func collectedAmount(environmentID: Int64, createdFrom: Day, to: Day) throws -> Money {
    let row = try database.statement(
      """
      SELECT coalesce(sum(amount), 0) FROM collection
      WHERE environment_id = ?1 AND created_day BETWEEN ?2 AND ?3
        AND status NOT IN ('returned', 'withdrawn')
      """)
    try row.bind(.int(environmentID), .int(createdFrom.number), .int(to.number))
    defer { row.reset() }
    return try row.step() ? Money(mills: row.int(0)) : .zero
  }

  public func moveCollection(
    id: Int64, from: DirectDebitCollection.Status, to: DirectDebitCollection.Status,
    change: CollectionChange, at: Instant, actor: String
  ) throws -> Bool {
    try database.statement(
      """
      UPDATE collection SET status = ?3, updated_at = ?4,
        file_id = coalesce(?5, file_id), settles_on = coalesce(?6, settles_on),
        reversal_reason = coalesce(?7, reversal_reason)
      WHERE id = ?1 AND status = ?2
      """
    ).run(
      .int(id), .text(from.rawValue), .text(to.rawValue), .int(at.seconds),
      .optional(change.fileID), .optional(change.settlesOn?.number), .optional(change.reason))
    guard database.changes == 1 else { return false }
    try database.statement(
      """
      INSERT INTO collection_transition(collection_id, at, from_status, to_status, actor, detail)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6)
      """
    ).run(
      .int(id), .int(at.seconds), .text(from.rawValue), .text(to.rawValue), .text(actor),
      .optional(change.reason))
    if let fileID = change.fileID {
      try database.statement(
        "INSERT INTO sepa_file_item(file_id, collection_id) VALUES (?1, ?2)"
      ).run(.int(fileID), .int(id))
    }
    return true
  }

  public func mandateInUse(mandateID: MandateReference, outside environmentID: Int64) throws -> Bool
  {
    let row = try database.statement(
      """
      SELECT EXISTS(SELECT 1 FROM auto_upgrade WHERE mandate_id = ?1 AND environment_id != ?2)
        OR EXISTS(SELECT 1 FROM collection WHERE mandate_id = ?1 AND environment_id != ?2)
      """)
    try row.bind(.text(mandateID.value), .int(environmentID))
    defer { row.reset() }
    return try row.step() && row.int(0) != 0
  }

  public func insertSEPAFile(
    messageID: String, upTo: Day, collectionDate: Day, count: Int, total: Money, xml: String,
    at: Instant, actor: String
  ) throws -> Int64 {
    try database.statement(
      """
      INSERT INTO sepa_file(message_id, up_to_day, collection_date, count, total, xml,
        created_at, actor)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
      """
    ).run(
      .text(messageID), .int(upTo.number), .int(collectionDate.number), .int(Int64(count)),
      .int(total.mills), .text(xml), .int(at.seconds), .text(actor))
    return database.lastInsertRowID
  }

  public func nextSEPAFileID() throws -> Int64 {
    try database.scalarInt("SELECT coalesce(max(id), 0) + 1 FROM sepa_file") ?? 1
  }

  private static let fileColumns =
    "id, message_id, up_to_day, collection_date, count, total, xml, created_at, actor"

  public func sepaFile(reference: String) throws -> SEPAFileRecord? {
    let row = try database.statement(
      "SELECT \(Self.fileColumns) FROM sepa_file WHERE message_id = ?1 OR id = ?2")
    try row.bind(.text(reference), .int(Int64(reference) ?? -1))
    defer { row.reset() }
    return try row.step() ? Self.file(row) : nil
  }

  public func sepaFiles(limit: Int) throws -> [SEPAFileRecord] {
    let rows = try database.statement(
      "SELECT \(Self.fileColumns) FROM sepa_file ORDER BY id DESC LIMIT ?1")
    try rows.bind(.int(Int64(limit)))
    var result: [SEPAFileRecord] = []
    while try rows.step() { result.append(Self.file(rows)) }
    return result
  }

  private static func file(_ row: Statement) -> SEPAFileRecord {
    SEPAFileRecord(
      id: row.int(0), messageID: row.text(1), upToDay: Day(number: row.int(2)),
      collectionDate: Day(number: row.int(3)), count: Int(row.int(4)),
      total: Money(mills: row.int(5)), xml: row.text(6), createdAt: Instant(seconds: row.int(7)),
      actor: row.text(8))
  }

  private func collectionRows(_ sql: String, _ values: [SQLValue]) throws -> [DirectDebitCollection]
  {
    let rows = try database.statement(sql)
    try rows.bind(values)
    var result: [DirectDebitCollection] = []
    while try rows.step() {
      result.append(
        DirectDebitCollection(
          id: rows.int(0), environmentID: rows.int(1), day: Day(number: rows.int(2)),
          createdDay: Day(number: rows.int(3)), paymentID: rows.int(4),
          invoiceNumber: rows.text(5), endToEndID: rows.text(6),
          amount: Money(mills: rows.int(7)), credited: Money(mills: rows.int(8)),
          sequence: SEPASequenceType(rawValue: rows.text(9)) ?? .recurring,
          mandateID: MandateReference(stored: rows.text(10)),
          mandateDate: Day(number: rows.int(11)), debtorName: rows.text(12),
          debtorIBAN: IBAN(stored: rows.text(13)),
          debtorBIC: rows.optionalText(14).map(BIC.init(stored:)),
          collectionDate: Day(number: rows.int(15)),
          status: DirectDebitCollection.Status(rawValue: rows.text(16)) ?? .scheduled,
          fileID: rows.optionalInt(17), settlesOn: rows.optionalInt(18).map(Day.init(number:)),
          reversalReason: rows.optionalText(19)))
    }
    return result
  }
}

/// What a collection transition records besides the new status.
public struct CollectionChange: Sendable, Hashable {
  public var fileID: Int64?
  public var settlesOn: Day?
  public var reason: String?

  public init(fileID: Int64? = nil, settlesOn: Day? = nil, reason: String? = nil) {
    self.fileID = fileID
    self.settlesOn = settlesOn
    self.reason = reason
  }
}
