/// Payments and their transitions. Part of `SaldoStore`; its methods run inside the caller's
/// `read` or `write`.
public protocol PaymentStore: AnyObject {
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
}
