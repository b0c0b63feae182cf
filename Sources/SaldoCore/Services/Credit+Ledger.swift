extension CreditService {
  /// Books paid credit and its bundle bonus as two ledger entries, updating the balance in the
  /// same transaction. Callers decide *when* credit is due (a payment became paid, an invoice
  /// was issued) and call this exactly once for it, inside their own write transaction.
  func bookCredit(
    environment: Environment, organisationID: Int64?, amount: Money, bonus: Money,
    reference: String, at: Instant
  ) throws {
    try store.write {
      _ = try store.append(
        NewLedgerEntry(
          environmentID: environment.id, organisationID: organisationID, kind: .topUp,
          amount: amount, at: at, reference: reference, actor: account.login))
      var entries: Int64 = 1
      if bonus.mills > 0 {
        _ = try store.append(
          NewLedgerEntry(
            environmentID: environment.id, organisationID: organisationID, kind: .bonus,
            amount: bonus, at: at, reference: reference, actor: account.login))
        entries += 1
      }
      try store.adjustCredit(
        environmentID: environment.id, by: try amount.adding(bonus), entries: entries,
        at: clock.now())
    }
  }

  /// Records a correction: a new entry that changes the balance, never an edit of an old one.
  /// Only the platform's operators correct the ledger.
  public func correct(
    _ environment: Environment, by amount: Money, reason: String, organisation: Organisation? = nil
  ) throws {
    let text = try Saldo.checkName(reason, what: tr("reason"), limit: 200)
    try store.write {
      try access.requireOperator(to: tr("correct the ledger"))
      try bookCorrection(environment, by: amount, reference: text, organisationID: organisation?.id)
    }
  }

  @discardableResult
  func bookCorrection(
    _ environment: Environment, by amount: Money, reference: String, organisationID: Int64?
  ) throws -> Int64 {
    let now = clock.now()
    let id = try store.append(
      NewLedgerEntry(
        environmentID: environment.id, organisationID: organisationID, kind: .correction,
        amount: amount, at: now, reference: reference, actor: account.login))
    try store.adjustCredit(environmentID: environment.id, by: amount, entries: 1, at: now)
    return id
  }
}
