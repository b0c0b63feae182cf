extension PaymentService {
  /// Cancels a checkout the administrator abandoned: an open or pending online payment becomes
  /// canceled, nothing is credited, and the order can be placed again. Administrators of the
  /// payment's environment only; a payment already settled is refused with its state.
  public func cancelPayment(id: Int64) throws -> Payment {
    try core.topUps.expireStalePayments()
    return try store.write {
      guard let payment = try store.payment(id: id),
        let environment = try store.environment(id: payment.environmentID)
      else { throw SaldoError.notFound(tr("no payment \(id); see `saldo payments list`")) }
      try access.requireAdministrator(of: environment, to: tr("cancel a payment"))
      // Canceling here would not stop the payer paying at the provider; the money would then
      // arrive for a payment Saldo no longer credits.
      guard !Self.isRemoteProvider(payment.provider) else {
        throw SaldoError.conflict(
          tr(
            "payment \(id) is at Mollie: leave the checkout page unpaid and it expires there;"
              + " `saldo payments sync` then records it"))
      }
      guard payment.status.canMove(to: .canceled) else {
        throw SaldoError.conflict(
          tr(
            "payment \(id) is \(payment.status.rawValue) and can no longer be canceled"))
      }
      guard
        try store.movePayment(
          id: id, from: payment.status, to: .canceled, at: clock.now(), actor: account.login)
      else { throw SaldoError.conflict(tr("payment \(id) changed meanwhile; try again")) }
      guard let updated = try store.payment(id: id) else {
        throw SaldoError.notFound(tr("payment \(id) vanished"))
      }
      return updated
    }
  }

  /// Picks up a checkout the administrator left: the open or pending payment as the top-up
  /// that started it, so the checkout can continue. Administrators of its environment only.
  public func resumeCheckout(id: Int64) throws -> TopUpResult {
    try core.topUps.expireStalePayments()
    return try store.read {
      guard let payment = try store.payment(id: id),
        let environment = try store.environment(id: payment.environmentID)
      else { throw SaldoError.notFound(tr("no payment \(id); see `saldo payments list`")) }
      try access.requireAdministrator(of: environment, to: tr("complete a payment"))
      guard payment.status == .open || payment.status == .pending else {
        throw SaldoError.conflict(
          tr(
            "payment \(id) is \(payment.status.rawValue); only an open checkout can be resumed"))
      }
      return TopUpResult(
        payment: payment, invoice: nil, isSandbox: payment.provider == "sandbox", replayed: true)
    }
  }

  /// Top-up payments, newest first; open ones past their lifetime are expired first.
  public func list(of environment: Environment?, limit: Int = 200) throws -> [Payment] {
    try core.topUps.expireStalePayments()
    return try store.read {
      if let environment {
        try access.requireAdministratorOrOperator(of: environment, to: tr("see payments"))
      } else {
        try access.requireOperator(to: tr("see the payments of every environment"))
      }
      return try store.payments(environmentID: environment?.id, limit: limit)
    }
  }
}
