extension InvoiceService {
  /// The invoices in an organisation's Inbox-in, newest first.
  public func inbox(of organisation: Organisation, limit: Int = 500) throws -> [IssuedInvoice] {
    try store.read {
      guard let environment = try store.environment(id: organisation.environmentID) else {
        throw SaldoError.notFound(tr("the environment of \(organisation.name) is missing"))
      }
      try access.requireMemberOrOperator(of: environment, to: tr("read the Inbox-in"))
      return try store.invoices(organisationID: organisation.id, limit: limit)
    }
  }

  /// Unread Inbox-in invoices per organisation id.
  public func unreadCounts(of environment: Environment) throws -> [Int64: Int] {
    try store.read {
      try access.requireMemberOrOperator(of: environment, to: tr("read the Inbox-in"))
      return try store.unreadCounts(environmentID: environment.id)
    }
  }

  /// Invoices of the whole environment (all organisations), newest first.
  public func list(of environment: Environment, limit: Int = 500) throws -> [IssuedInvoice] {
    try store.read {
      try access.requireMemberOrOperator(of: environment, to: tr("see invoices"))
      return try store.invoices(environmentID: environment.id, limit: limit)
    }
  }

  /// One invoice, for a user of its environment (or an operator).
  public func invoice(number: String) throws -> IssuedInvoice {
    try store.read { try authorisedInvoice(number) }
  }

  /// The environment an invoice belongs to, for a user of it (or an operator).
  public func environment(of invoice: IssuedInvoice) throws -> Environment {
    try store.read {
      guard let environment = try store.environment(id: invoice.environmentID) else {
        throw SaldoError.notFound(tr("the environment of invoice \(invoice.number) is missing"))
      }
      try access.requireMemberOrOperator(of: environment, to: tr("read invoices"))
      return environment
    }
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
      try access.requireOperator(to: tr("record invoice payments"))
      guard let invoice = try store.invoice(number: number), !invoice.isCreditNote else {
        throw SaldoError.notFound(
          tr(
            "no invoice \(Sanitize.line(number, limit: 30)); give an invoice number, not a credit"
              + " note"))
      }
      if let note = invoice.creditedBy {
        throw SaldoError.conflict(
          tr(
            "invoice \(number) was credited by credit note \(note); nothing is owed on it"))
      }
      if invoice.means == .directDebit && !invoice.paid {
        let collection = try invoice.paymentID.flatMap { try store.collection(paymentID: $0) }
        throw SaldoError.conflict(
          tr(
            "invoice \(number) is collected by SEPA direct debit; it is paid when its collection"
              + " settles (record money that arrived early with `saldo sepa settle"
              + " \(collection.map { String($0.id) } ?? "ID")`)"))
      }
      guard try store.markInvoicePaid(number: number, at: clock.now()) else {
        throw SaldoError.conflict(tr("invoice \(number) is already paid"))
      }
      return try store.invoice(number: number) ?? invoice
    }
  }

  private func authorisedInvoice(_ number: String) throws -> IssuedInvoice {
    guard let invoice = try store.invoice(number: number),
      let environment = try store.environment(id: invoice.environmentID)
    else {
      throw SaldoError.notFound(
        tr(
          "no invoice \(Sanitize.line(number, limit: 30)); numbers look like 2026-000123"))
    }
    try access.requireMemberOrOperator(of: environment, to: tr("read invoices"))
    return invoice
  }

  /// Invoices to be paid by bank transfer that are past their due date, oldest first: of every
  /// environment for an operator, or of one environment for its administrators.
  public func overdueInvoices(of environment: Environment? = nil) throws -> [OverdueInvoice] {
    try store.read {
      if let environment {
        try access.requireAdministratorOrOperator(of: environment, to: tr("see overdue invoices"))
      } else {
        try access.requireOperator(to: tr("see the overdue invoices of every environment"))
      }
      let today = Day(containing: clock.now())
      return try store.openBankTransferInvoices(dueBefore: today, environmentID: environment?.id)
        .map { invoice in
          OverdueInvoice(
            invoice: invoice,
            environmentName: try store.environment(id: invoice.environmentID)?.name ?? "?",
            organisationName: try store.organisation(id: invoice.organisationID)?.name ?? "?",
            daysOverdue: today.number - invoice.dueDate.number)
        }
    }
  }

  /// Reminds the administrators of an environment when an invoice passes its due date, and
  /// again a week later; each reminder is queued once.
  func remindOverdueInvoices(of environments: [Environment], on today: Day) throws {
    let ids = Set(environments.map(\.id))
    let overdue = try store.read {
      try store.openBankTransferInvoices(dueBefore: today, environmentID: nil)
        .contains { ids.contains($0.environmentID) }
    }
    guard overdue else { return }
    try store.write {
      for invoice in try store.openBankTransferInvoices(dueBefore: today, environmentID: nil)
      where ids.contains(invoice.environmentID) {
        guard let environment = try store.environment(id: invoice.environmentID) else { continue }
        let days = today.number - invoice.dueDate.number
        let round = days > 7 ? 2 : 1
        let organisation = try store.organisation(id: invoice.organisationID)?.name ?? "?"
        let number = invoice.number
        let name = environment.name
        let total = MoneyFormat.display(invoice.total)
        let due = invoice.dueDate.iso
        let reference = invoice.paymentReference
        let blocking = TopUpService.overdueDaysBlockingInvoiceMethod
        let open = core.openInvoiceCommand(invoice.number)
        try core.autoUpgrade.notifyAdministrators(
          environment, key: "overdue-\(round):\(invoice.number)"
        ) { language in
          let late = tr(
            count: Int(days), one: "\(days) day overdue", other: "\(days) days overdue", language)
          return MailText(
            subject: round == 2
              ? tr("Invoice \(number) of \(name) is overdue (second reminder)", language)
              : tr("Invoice \(number) of \(name) is overdue", language),
            body: tr(
              """
              Invoice \(number) of \(total) to
              \(organisation) was due on \(due) and is \(late).

              Please pay it by bank transfer with reference \(reference).
              While an invoice is more than \(blocking) days overdue, top-ups by invoice
              are refused; iDEAL | Wero stays available.

              Open the invoice with:  \(open)
              """, language))
        }
      }
    }
  }
}

/// An unpaid invoice past its due date, with the names to show it by.
public struct OverdueInvoice: Sendable, Hashable {
  public let invoice: IssuedInvoice
  public let environmentName: String
  public let organisationName: String
  public let daysOverdue: Int64
}
