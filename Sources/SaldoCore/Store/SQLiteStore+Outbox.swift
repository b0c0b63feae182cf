extension SQLiteStore {
  private static let outboxColumns = """
    id, key, environment_id, to_name, to_address, subject, body, status, attempts,
    next_attempt_at, last_error, message_id, created_at, sent_at
    """

  public func enqueue(
    key: String, environmentID: Int64?, toName: String, toAddress: String, subject: String,
    body: String, at: Instant
  ) throws -> Bool {
    try database.statement(
      """
      INSERT INTO outbox(key, environment_id, to_name, to_address, subject, body,
        next_attempt_at, created_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) ON CONFLICT(key) DO NOTHING
      """
    ).run(
      .text(key), .optional(environmentID), .text(toName), .text(toAddress), .text(subject),
      .text(body), .int(at.seconds))
    return database.changes == 1
  }

  public func outbox(limit: Int) throws -> [OutboxMessage] {
    try outboxRows(
      "SELECT \(Self.outboxColumns) FROM outbox ORDER BY id DESC LIMIT ?1", [.int(Int64(limit))])
  }

  public func dueMessages(now: Instant, limit: Int) throws -> [OutboxMessage] {
    try outboxRows(
      """
      SELECT \(Self.outboxColumns) FROM outbox
      WHERE status = 'queued' AND next_attempt_at <= ?1 ORDER BY id LIMIT ?2
      """, [.int(now.seconds), .int(Int64(limit))])
  }

  public func claimMessage(id: Int64, until: Instant) throws {
    try database.statement("UPDATE outbox SET next_attempt_at = ?2 WHERE id = ?1")
      .run(.int(id), .int(until.seconds))
  }

  public func markSent(messageID: Int64, mailMessageID: String, at: Instant) throws {
    try database.statement(
      """
      UPDATE outbox SET status = 'sent', sent_at = ?3, message_id = ?2, attempts = attempts + 1,
        last_error = NULL
      WHERE id = ?1
      """
    ).run(.int(messageID), .text(mailMessageID), .int(at.seconds))
  }

  public func markFailed(messageID: Int64, error: String, nextAttemptAt: Instant, giveUp: Bool)
    throws
  {
    try database.statement(
      """
      UPDATE outbox SET status = ?4, attempts = attempts + 1, last_error = ?2,
        next_attempt_at = ?3
      WHERE id = ?1
      """
    ).run(
      .int(messageID), .text(error), .int(nextAttemptAt.seconds),
      .text(giveUp ? "failed" : "queued"))
  }

  public func retryFailed(now: Instant) throws -> Int {
    try database.statement(
      "UPDATE outbox SET status = 'queued', next_attempt_at = ?1 WHERE status != 'sent'"
    ).run(.int(now.seconds))
    return database.changes
  }

  private func outboxRows(_ sql: String, _ values: [SQLValue]) throws -> [OutboxMessage] {
    let rows = try database.statement(sql)
    try rows.bind(values)
    var result: [OutboxMessage] = []
    while try rows.step() {
      result.append(
        OutboxMessage(
          id: rows.int(0), key: rows.text(1), environmentID: rows.optionalInt(2),
          toName: rows.text(3), toAddress: rows.text(4), subject: rows.text(5),
          body: rows.text(6), status: OutboxMessage.Status(rawValue: rows.text(7)) ?? .queued,
          attempts: Int(rows.int(8)), nextAttemptAt: Instant(seconds: rows.int(9)),
          lastError: rows.optionalText(10), messageID: rows.optionalText(11),
          createdAt: Instant(seconds: rows.int(12)),
          sentAt: rows.optionalInt(13).map(Instant.init(seconds:))))
    }
    return result
  }
}
