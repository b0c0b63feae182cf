/// A payment service that takes online payments (iDEAL | Wero, Bancontact). Real providers
/// report outcomes later (a webhook); the core then asks it again (`PaymentService.followPayment`).
public protocol PaymentProvider: Sendable {
  /// Stored with each payment and shown wherever the payment appears.
  var name: String { get }
  /// A sandbox lets the administrator decide each payment's outcome; it moves no money.
  var isSandbox: Bool { get }
  /// Starts a checkout and returns the provider's reference for it.
  func createCheckout(paymentID: Int64, method: PaymentMethod, total: Money) throws -> String
}

/// Behaves like a payment service's test mode: it hands out checkout references and lets the
/// administrator choose the outcome (paid, failed, canceled, expired). Labelled "sandbox"
/// wherever it appears.
public struct SandboxPaymentProvider: PaymentProvider {
  public let name = "sandbox"
  public let isSandbox = true
  public init() {}

  public func createCheckout(paymentID: Int64, method: PaymentMethod, total: Money) throws
    -> String
  {
    "sandbox_tr_\(paymentID)_\(method.rawValue)"
  }
}

/// A payment service that moves real money (or its test mode) over the network. Saldo stores
/// the payment first, then calls `create` outside any write transaction, then records the
/// answer; `fetch` is how a sync (and, later, a webhook saying "payment X changed") learns
/// where a payment stands. Both must be safe to repeat: `create` with the same idempotency key
/// finds the payment made before instead of making a second.
public protocol RemotePaymentProvider: PaymentProvider {
  /// Test mode: no money moves; said on every checkout screen and in `payments list`.
  var isTestMode: Bool { get }
  func create(_ request: RemoteCheckoutRequest) throws -> RemotePayment
  func fetch(reference: String) throws -> RemotePayment
}

extension RemotePaymentProvider {
  public var isSandbox: Bool { false }

  public func createCheckout(paymentID: Int64, method: PaymentMethod, total: Money) throws
    -> String
  {
    throw SaldoError.invalid(tr("\(name) checkouts are created outside the store's transaction"))
  }
}

/// What Saldo asks a remote provider for.
public struct RemoteCheckoutRequest: Sendable, Equatable {
  public var paymentID: Int64
  public var method: PaymentMethod
  /// Including VAT: what the payer pays.
  public var total: Money
  public var description: String
  /// Unique across every database that may share the provider account.
  public var idempotencyKey: String

  public init(
    paymentID: Int64, method: PaymentMethod, total: Money, description: String,
    idempotencyKey: String
  ) {
    self.paymentID = paymentID
    self.method = method
    self.total = total
    self.description = description
    self.idempotencyKey = idempotencyKey
  }
}

/// A remote provider's view of a payment.
public struct RemotePayment: Sendable, Equatable {
  /// The provider's id (`tr_…`).
  public var reference: String
  public var status: PaymentStatus
  public var checkoutURL: String?
  /// What the provider holds as the amount, and whose payment it says this is: both must
  /// match the stored payment before anything is recorded.
  public var total: Money?
  public var saldoPaymentID: Int64?

  public init(
    reference: String, status: PaymentStatus, checkoutURL: String?, total: Money? = nil,
    saldoPaymentID: Int64? = nil
  ) {
    self.reference = reference
    self.status = status
    self.checkoutURL = checkoutURL
    self.total = total
    self.saldoPaymentID = saldoPaymentID
  }
}
