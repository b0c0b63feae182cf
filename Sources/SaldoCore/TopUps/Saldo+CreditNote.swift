extension Saldo {
  /// Corrects a mistaken invoice the only way an issued invoice may be corrected: a credit
  /// note that cancels it, and a correction entry that takes its credit and bonus back.
  /// Operators only; an invoice is cancelled at most once.
  @discardableResult
  public func cancelInvoice(number: String, reason: String) throws -> IssuedInvoice {
    let text = try Self.checkName(reason, what: "reason", limit: 200)
    return try store.write {
      try access.requireOperator(to: "cancel invoices")
      guard let original = try store.invoice(number: number), !original.isCreditNote,
        let paymentID = original.paymentID, let payment = try store.payment(id: paymentID),
        let environment = try store.environment(id: original.environmentID)
      else {
        throw SaldoError.notFound(
          "no invoice \(Sanitize.line(number, limit: 30)) to cancel; give an invoice number,"
            + " not a credit note")
      }
      if try store.invoices(environmentID: environment.id, limit: 100_000)
        .contains(where: { $0.corrects == original.number })
      {
        throw SaldoError.conflict("invoice \(original.number) was cancelled already")
      }
      let settlement: InvoicePayment
      switch original.means {
      case .paid:
        settlement = .paid(
          payment.method == .bancontact ? .bancontact : .idealWero,
          reference: original.paymentReference)
      case .bankTransfer:
        settlement = .bankTransfer(reference: original.number)
        // Nothing is owed any more: the credit note settles the open invoice.
        _ = try store.markInvoicePaid(number: original.number, at: clock.now())
      case .directDebit:
        guard let collection = try store.collections(environmentID: environment.id, limit: 100_000)
          .first(where: { $0.paymentID == payment.id })
        else { throw SaldoError.notFound("the collection of invoice \(original.number) is missing") }
        settlement = .directDebit(
          mandateID: collection.mandateID, debtorIBAN: try IBAN.parse(collection.debtorIBAN),
          reference: original.number)
      }
      try bookCorrection(
        environment, by: Money(mills: -(payment.amount.mills + payment.bonus.mills)),
        reference: "cancels \(original.number): \(text)", organisationID: original.organisationID)
      return try issueCreditNote(
        cancelling: original, payment: payment, environment: environment,
        note: "Cancels invoice \(original.number): \(text)", settlement: settlement)
    }
  }

  /// Issues and delivers a credit note for the whole of `original` (numbered in the same
  /// gapless sequence). Books nothing: the caller records the correction.
  func issueCreditNote(
    cancelling original: IssuedInvoice, payment: Payment, environment: Environment, note: String,
    settlement: InvoicePayment
  ) throws -> IssuedInvoice {
    guard let organisation = try store.organisation(id: original.organisationID) else {
      throw SaldoError.notFound("the organisation of invoice \(original.number) is missing")
    }
    let now = clock.now()
    let today = Day(containing: now)
    let year = today.civil.year
    let sequence = try store.nextInvoiceSequence(year: year)
    let number = TopUpInvoice.number(year: year, sequence: sequence)
    let document: InvoiceDocument
    do {
      document = try InvoiceDocument(
        number: number,
        kind: .creditNote(
          correcting: InvoiceReference(number: original.number, issueDate: original.issueDate)),
        issueDate: today, dueDate: today, seller: try TopUpInvoice.seller(try seller()),
        buyer: InvoiceParty(name: organisation.name, details: organisation.details),
        orderNumber: original.orderNumber, environmentName: environment.name,
        lines: [InvoiceLine(description: "Transaction credit, cancelled", unitPrice: payment.amount)],
        note: note, payment: settlement)
    } catch {
      throw SaldoError.invalid("cannot make the credit note: \(error)")
    }
    let id = try store.insertInvoice(
      NewInvoice(
        number: number, year: year, sequence: sequence, isCreditNote: true,
        corrects: original.number, environmentID: environment.id,
        organisationID: organisation.id, paymentID: payment.id, issueDate: today,
        dueDate: today, net: document.totals.taxExclusive, vat: document.totals.vat,
        total: document.totals.taxInclusive, bonus: .zero, means: original.means,
        paymentReference: document.payment.reference, orderNumber: original.orderNumber,
        paid: true, ubl: UBLInvoiceWriter.xml(document),
        text: InvoiceText.render(document, ascii: false), createdAt: now))
    try store.deliverToInbox(invoiceID: id, organisationID: organisation.id, at: now)
    guard let stored = try store.invoice(number: number) else {
      throw SaldoError.notFound("credit note \(number) vanished")
    }
    return stored
  }
}
