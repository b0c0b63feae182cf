/// A payment service that takes online payments (iDEAL | Wero, Bancontact). Real providers
/// report outcomes later (a webhook); the core then calls `Saldo.paymentStatusChanged`.
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
