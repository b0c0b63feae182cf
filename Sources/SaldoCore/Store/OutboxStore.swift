/// The mail outbox: queued, claimed, sent and failed messages. Part of `SaldoStore`; its
/// methods run inside the caller's `read` or `write`.
public protocol OutboxStore: AnyObject {
  /// Queues a message unless one with the same key exists; false then.
  func enqueue(
    key: String, environmentID: Int64?, toName: String, toAddress: String, subject: String,
    body: String, at: Instant
  ) throws -> Bool
  func outbox(limit: Int) throws -> [OutboxMessage]
  func dueMessages(now: Instant, limit: Int) throws -> [OutboxMessage]
  /// Moves a queued message's next attempt to `until`, so no other runner picks it up meanwhile.
  func claimMessage(id: Int64, until: Instant) throws
  func markSent(messageID: Int64, mailMessageID: String, at: Instant) throws
  func markFailed(messageID: Int64, error: String, nextAttemptAt: Instant, giveUp: Bool) throws
  func retryFailed(now: Instant) throws -> Int
}
