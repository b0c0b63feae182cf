/// A payment followed at a remote provider, as one sync saw it.
public struct PaymentSyncLine: Sendable, Equatable {
  public let paymentID: Int64
  public let before: PaymentStatus
  public let after: PaymentStatus
  /// Set when this payment could not be asked about; it is asked again next time.
  public let error: String?
}

extension PaymentService {
  /// Providers that are asked where a payment stands; their payments never expire by the
  /// clock alone, because the money may still arrive after Saldo's own lifetime ran out.
  public static func isRemoteProvider(_ name: String) -> Bool { name.hasPrefix("mollie") }

  /// The key that makes a create safe to repeat. Unique across databases sharing one Mollie
  /// account: the environment, the payment and the second it was stored.
  public static func remoteIdempotencyKey(_ payment: Payment) -> String {
    "saldo-\(payment.environmentID)-\(payment.id)-\(payment.createdAt.seconds)"
  }

  /// Creates the provider's payment for a stored one, outside any write transaction, then
  /// records the answer. A refusal (bad key, method not activated, amount out of range)
  /// cancels the stored payment so the order can be placed again; an unknown outcome (timeout,
  /// dropped connection, 5xx after the retries) leaves it open for `payments sync`, which
  /// sends the same idempotency key and so finds, never duplicates, the provider's payment.
  func connectRemote(_ payment: Payment, provider: RemotePaymentProvider) throws -> Payment {
    let environmentName =
      try store.read { try store.environment(id: payment.environmentID) }?
      .name ?? "environment \(payment.environmentID)"
    let request = RemoteCheckoutRequest(
      paymentID: payment.id, method: payment.method, total: payment.total,
      description: MollieAPI.description(environmentName: environmentName, paymentID: payment.id),
      idempotencyKey: Self.remoteIdempotencyKey(payment))
    let remote: RemotePayment
    do {
      remote = try provider.create(request)
    } catch let error as MollieError where error.isDefinitiveRefusal {
      if case .methodNotActivated(let detail) = error {
        try rememberRefusal(of: payment.method, detail: detail)
      }
      try store.write {
        _ = try store.movePayment(
          id: payment.id, from: .open, to: .canceled, at: clock.now(), actor: account.login)
      }
      throw SaldoError.forbidden(tr("\(error.description) (payment \(payment.id) was canceled)"))
    } catch let error as MollieError {
      throw SaldoError.conflict(
        error.description.contains("payments sync")
          ? tr(
            "payment \(payment.id) is stored but Mollie has not confirmed it: \(error.description)")
          : tr(
            "payment \(payment.id) is stored but Mollie has not confirmed it:"
              + " \(error.description); `saldo payments sync` finishes it"))
    } catch let error as MollieKeyFile.Problem {
      throw SaldoError.forbidden(error.description)
    }
    return try recordRemote(remote, for: payment.id, testMode: provider.isTestMode)
  }

  /// Stores what the provider said about a payment: its reference and checkout link, and its
  /// status; paid books the credit exactly once (the credited flag is compare-and-set).
  func recordRemote(_ remote: RemotePayment, for paymentID: Int64, testMode: Bool) throws
    -> Payment
  {
    try store.write {
      guard let current = try store.payment(id: paymentID),
        let environment = try store.environment(id: current.environmentID)
      else { throw SaldoError.notFound(tr("no payment \(paymentID)")) }
      // Nothing is recorded, let alone credited, for an answer about another amount or
      // another payment: that is a fault to look into, never money to book.
      if let total = remote.total, total != current.total {
        throw SaldoError.conflict(
          tr(
            "Mollie holds \(total.exactString) for payment \(paymentID), not"
              + " \(current.total.exactString); nothing was recorded, look into it at Mollie"))
      }
      if let owner = remote.saldoPaymentID, owner != paymentID {
        throw SaldoError.conflict(
          tr(
            "Mollie's \(remote.reference) belongs to payment \(owner), not \(paymentID);"
              + " nothing was recorded"))
      }
      if current.checkoutReference == nil {
        try store.setPaymentCheckout(id: paymentID, reference: remote.reference)
        return try recordStatus(
          remote, paymentID: paymentID, environment: environment,
          testMode: testMode)
      } else if current.checkoutReference != remote.reference {
        throw SaldoError.conflict(
          tr(
            "payment \(paymentID) is \(current.checkoutReference ?? "") at the provider, not"
              + " \(remote.reference); run `saldo check`"))
      }
      return try recordStatus(
        remote, paymentID: paymentID, environment: environment,
        testMode: testMode)
    }
  }

  /// The status half of `recordRemote`, inside its transaction.
  private func recordStatus(
    _ remote: RemotePayment, paymentID: Int64, environment: Environment, testMode: Bool
  ) throws -> Payment {
    guard let current = try store.payment(id: paymentID) else {
      throw SaldoError.notFound(tr("no payment \(paymentID)"))
    }
    if let url = remote.checkoutURL {
      try store.setPaymentCheckoutURL(id: paymentID, url: url, testMode: testMode)
    }
    let target = remote.status
    guard target != current.status, !current.status.isFinal else { return current }
    if target == .pending {
      _ = try store.movePayment(
        id: paymentID, from: .open, to: .pending, at: clock.now(), actor: "provider")
      return try store.payment(id: paymentID) ?? current
    }
    guard target.isFinal else { return current }
    return try core.topUps.applyOutcome(target, to: current, environment: environment)
  }

  /// Asks the provider about every payment of its own that is not final yet (open, pending,
  /// or stored without a reference because a crash or a dropped connection came between),
  /// and records the answers. Cron-safe: each answer is recorded in its own transaction, a
  /// payment that cannot be asked is reported and asked again next time, and nothing is
  /// credited twice. Operators sync every environment; administrators their own.
  public func syncPayments(provider: RemotePaymentProvider) throws -> [PaymentSyncLine] {
    let isOperator = try store.read { try access.isOperator() }
    let payments = try store.read {
      try store.unsettledPayments(provider: provider.name).filter { payment in
        if isOperator { return true }
        guard let environment = try store.environment(id: payment.environmentID) else {
          return false
        }
        return try access.role(in: environment) == .administrator
      }
    }
    var lines: [PaymentSyncLine] = []
    for payment in payments {
      do {
        let updated: Payment
        if let reference = payment.checkoutReference {
          updated = try recordRemote(
            try provider.fetch(reference: reference), for: payment.id,
            testMode: provider.isTestMode)
        } else {
          updated = try connectRemote(payment, provider: provider)
        }
        lines.append(
          PaymentSyncLine(
            paymentID: payment.id, before: payment.status, after: updated.status, error: nil))
      } catch {
        let after = try store.read { try store.payment(id: payment.id) }?.status ?? payment.status
        lines.append(
          PaymentSyncLine(
            paymentID: payment.id, before: payment.status, after: after,
            error: "\(error)"))
      }
    }
    return lines
  }

  /// The checkout link of a remote payment and whether it is a test payment.
  public func checkoutLink(paymentID: Int64) throws -> (url: String, testMode: Bool)? {
    try store.read { try store.paymentCheckoutURL(id: paymentID) }
  }
}

extension MollieError {
  /// Mollie answered and refused: nothing was created, so the stored payment can be canceled.
  var isDefinitiveRefusal: Bool {
    switch self {
    case .invalidKey, .methodNotActivated, .amountOutOfRange, .refused: true
    case .rateLimited, .unavailable, .noAnswer, .malformedAnswer: false
    }
  }
}

extension PaymentService {
  /// Asks the provider where one payment stands and records the answer: what a checkout
  /// screen does while it is open (and what a webhook "payment X changed" would do).
  /// Administrators of the payment's environment only.
  public func followPayment(id: Int64, provider: RemotePaymentProvider) throws -> TopUpResult {
    let payment = try store.read {
      guard let payment = try store.payment(id: id),
        let environment = try store.environment(id: payment.environmentID)
      else { throw SaldoError.notFound(tr("no payment \(id); see `saldo payments list`")) }
      try access.requireAdministrator(of: environment, to: tr("follow a payment"))
      return payment
    }
    guard payment.provider == provider.name else {
      throw SaldoError.invalid(tr("payment \(id) is not a \(provider.name) payment"))
    }
    var updated = payment
    if !payment.status.isFinal {
      if let reference = payment.checkoutReference {
        updated = try recordRemote(
          try provider.fetch(reference: reference), for: id, testMode: provider.isTestMode)
      } else {
        updated = try connectRemote(payment, provider: provider)
      }
    }
    return TopUpResult(
      payment: updated,
      invoice: try store.read { try updated.invoiceNumber.flatMap(store.invoice(number:)) },
      isSandbox: false, replayed: true)
  }
}
