extension Saldo {
  /// The invoices in an organisation's Inbox-in, newest first.
  public func inbox(of organisation: Organisation, limit: Int = 500) throws -> [IssuedInvoice] {
    try store.read {
      guard let environment = try store.environment(id: organisation.environmentID) else {
        throw SaldoError.notFound("the environment of \(organisation.name) is missing")
      }
      try access.requireMemberOrOperator(of: environment, to: "read the Inbox-in")
      return try store.invoices(organisationID: organisation.id, limit: limit)
    }
  }

  /// Unread Inbox-in invoices per organisation id.
  public func unreadCounts(of environment: Environment) throws -> [Int64: Int] {
    try store.read {
      try access.requireMemberOrOperator(of: environment, to: "read the Inbox-in")
      return try store.unreadCounts(environmentID: environment.id)
    }
  }

  /// Invoices of the whole environment (all organisations), newest first.
  public func invoices(of environment: Environment, limit: Int = 500) throws -> [IssuedInvoice] {
    try store.read {
      try access.requireMemberOrOperator(of: environment, to: "see invoices")
      return try store.invoices(environmentID: environment.id, limit: limit)
    }
  }

  /// One invoice, for a user of its environment (or an operator).
  public func invoice(number: String) throws -> IssuedInvoice {
    try store.read { try authorisedInvoice(number) }
  }

  /// Opens an invoice: as `invoice(number:)`, and it is no longer unread.
  public func openInvoice(number: String) throws -> IssuedInvoice {
    try store.write {
      let invoice = try authorisedInvoice(number)
      if invoice.unread { try store.markRead(invoiceID: invoice.id) }
      return try store.invoice(number: number) ?? invoice
    }
  }

  /// Records that an invoice was paid (bank transfer received). Nothing is credited again: the
  /// credit was booked when the invoice was issued.
  public func markInvoicePaid(number: String) throws -> IssuedInvoice {
    try store.write {
      try access.requireOperator(to: "record invoice payments")
      guard let invoice = try store.invoice(number: number) else {
        throw SaldoError.notFound("no invoice \(Sanitize.line(number, limit: 30))")
      }
      guard try store.markInvoicePaid(number: number, at: clock.now()) else {
        throw SaldoError.conflict("invoice \(number) is already paid")
      }
      return try store.invoice(number: number) ?? invoice
    }
  }

  /// Top-up payments, newest first; open ones past their lifetime are expired first.
  public func payments(of environment: Environment?, limit: Int = 200) throws -> [Payment] {
    try expireStalePayments()
    return try store.read {
      if let environment {
        try access.requireAdministratorOrOperator(of: environment, to: "see payments")
      } else {
        try access.requireOperator(to: "see the payments of every environment")
      }
      return try store.payments(environmentID: environment?.id, limit: limit)
    }
  }

  private func authorisedInvoice(_ number: String) throws -> IssuedInvoice {
    guard let invoice = try store.invoice(number: number),
      let environment = try store.environment(id: invoice.environmentID)
    else {
      throw SaldoError.notFound(
        "no invoice \(Sanitize.line(number, limit: 30)); numbers look like 2026-000123")
    }
    try access.requireMemberOrOperator(of: environment, to: "read invoices")
    return invoice
  }
}
