/// Persistence of payments, invoices, the Inbox-in and the outbox. Part of `CreditStore`;
/// like it, every method runs inside the caller's `read` or `write`.
public protocol BillingStore: AnyObject {
  func insertPayment(_ payment: NewPayment) throws -> Payment
  func payment(id: Int64) throws -> Payment?
  /// The payment of an environment made with a key; keys are unique per environment only.
  func payment(environmentID: Int64, idempotencyKey: String) throws -> Payment?
  /// The environment's payments created at or after `since`, newest first.
  func payments(environmentID: Int64, createdSince since: Instant) throws -> [Payment]
  /// The environment's latest payment with this order number.
  func payment(environmentID: Int64, orderNumber: String) throws -> Payment?
  func payments(environmentID: Int64?, limit: Int) throws -> [Payment]
  /// Open or pending payments whose lifetime ended before `now`.
  func stalePayments(now: Instant) throws -> [Payment]
  /// Moves a payment from `from` to `to` only if it is still in `from` (compare and set), and
  /// records the transition. False when another process moved it first.
  func movePayment(id: Int64, from: PaymentStatus, to: PaymentStatus, at: Instant, actor: String)
    throws -> Bool
  func setPaymentCheckout(id: Int64, reference: String) throws
  /// Records where a remote provider's payer pays; replaces an earlier link.
  func setPaymentCheckoutURL(id: Int64, url: String, testMode: Bool) throws
  /// The checkout link of a remote payment and whether it is a test payment.
  func paymentCheckoutURL(id: Int64) throws -> (url: String, testMode: Bool)?
  /// Open or pending payments of a provider, oldest first: what a sync asks about.
  func unsettledPayments(provider: String) throws -> [Payment]
  /// Marks the credit booked and links the invoice; only once (false if already credited).
  func markPaymentCredited(id: Int64, invoiceNumber: String?) throws -> Bool

  /// Bumps and returns the year's invoice counter (1, 2, 3, …), in the caller's transaction.
  func nextInvoiceSequence(year: Int) throws -> Int64
  func insertInvoice(_ invoice: NewInvoice) throws -> Int64
  func invoice(number: String) throws -> IssuedInvoice?
  func invoices(organisationID: Int64, limit: Int) throws -> [IssuedInvoice]
  func invoices(environmentID: Int64, limit: Int) throws -> [IssuedInvoice]
  func markInvoicePaid(number: String, at: Instant) throws -> Bool
  /// Links the credit note that credits an invoice in full; only once (false otherwise).
  func markInvoiceCredited(number: String, by creditNote: String) throws -> Bool
  /// Links the corrected invoice that replaces one; only once (false otherwise).
  func markInvoiceReplaced(number: String, by replacement: String) throws -> Bool
  /// Ties a correction entry to the invoice whose credit it takes back.
  func linkCorrection(entryID: Int64, invoiceNumber: String) throws
  /// Invoices to be paid by bank transfer, still open and not credited, due before `day`
  /// (oldest due first); of one environment, or of all.
  func openBankTransferInvoices(dueBefore day: Day, environmentID: Int64?) throws
    -> [IssuedInvoice]
  func deliverToInbox(invoiceID: Int64, organisationID: Int64, at: Instant) throws
  func markRead(invoiceID: Int64) throws
  /// Unread Inbox-in invoices per organisation of the environment.
  func unreadCounts(environmentID: Int64) throws -> [Int64: Int]

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
