extension CreditService {
  /// A page of the ledger in event-time order, strictly past `position` (nil: from the newest
  /// end for `.newestFirst`, from the oldest for `.oldestFirst`). Screens list what happened
  /// when it happened, whatever order imports recorded it in.
  public func transactions(
    of environment: Environment, filter: LedgerFilter = LedgerFilter(),
    from position: LedgerPosition? = nil, order: LedgerOrder = .newestFirst, limit: Int = 100
  ) throws -> [LedgerEntry] {
    try store.read {
      try access.requireAdministratorOrOperator(of: environment, to: tr("see the transactions"))
      return try store.entries(
        environmentID: environment.id, filter: filter, from: position, order: order,
        limit: limit)
    }
  }

  /// How many entries match the filter and what they add up to.
  public func transactionTotals(of environment: Environment, filter: LedgerFilter) throws
    -> LedgerTotals
  {
    try store.read {
      try access.requireAdministratorOrOperator(of: environment, to: tr("see the transactions"))
      return try store.entryTotals(environmentID: environment.id, filter: filter)
    }
  }

  /// Searches the whole filtered ledger, not just what a screen holds: the next entry past
  /// `position` (newest first, or oldest first) whose reference or organisation name contains
  /// `text`, and its row number newest first. nil when nothing further matches.
  public func findTransaction(
    of environment: Environment, filter: LedgerFilter = LedgerFilter(), containing text: String,
    from position: LedgerPosition?, order: LedgerOrder = .newestFirst
  ) throws -> LedgerMatch? {
    let needle = Sanitize.line(text, limit: 200).trimmingWhitespace()
    guard !needle.isEmpty else {
      throw SaldoError.invalid(
        tr("type what to search for: part of a reference or an organisation"))
    }
    return try store.read {
      try access.requireAdministratorOrOperator(of: environment, to: tr("see the transactions"))
      return try store.findEntry(
        environmentID: environment.id, filter: filter, containing: needle, from: position,
        order: order)
    }
  }
}
