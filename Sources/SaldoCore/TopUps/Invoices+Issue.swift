/// The one way an invoice comes into being, for a top-up, an automatic upgrade and a
/// reissue alike.
extension InvoiceService {
  /// Stores an issued invoice, books its credit, delivers it and queues the mails.
  func issue(
    _ document: InvoiceDocument, payment: Payment, organisation: Organisation,
    environment: Environment, means: IssuedInvoice.Means, year: Int, sequence: Int64
  ) throws -> IssuedInvoice {
    let stored = try record(
      document, payment: payment, organisation: organisation, environment: environment,
      means: means, year: year, sequence: sequence, replaces: nil)
    try core.credit.bookCredit(
      environment: environment, organisationID: organisation.id, amount: payment.amount,
      bonus: payment.bonus, reference: document.number, at: clock.now())
    return stored
  }

  /// Stores an issued invoice, delivers it to the Inbox-in and queues the mails; books nothing.
  /// Only an invoice paid online is paid when issued: one to be paid by transfer or collected
  /// by direct debit stays open until the money arrives.
  func record(
    _ document: InvoiceDocument, payment: Payment, organisation: Organisation,
    environment: Environment, means: IssuedInvoice.Means, year: Int, sequence: Int64,
    replaces: String?
  ) throws -> IssuedInvoice {
    let now = clock.now()
    let invoiceID = try store.insertInvoice(
      NewInvoice(
        number: document.number, year: year, sequence: sequence, isCreditNote: false,
        corrects: nil, environmentID: environment.id, organisationID: organisation.id,
        paymentID: payment.id, issueDate: document.issueDate, dueDate: document.dueDate,
        net: document.totals.taxExclusive, vat: document.totals.vat,
        total: document.totals.taxInclusive, bonus: payment.bonus, means: means,
        paymentReference: document.payment.reference, orderNumber: document.orderNumber,
        paid: means == .paid, ubl: UBLInvoiceWriter.xml(document),
        // Rendered once, in the buyer's language; the stored text is what `invoice show` prints
        // for good, like the UBL.
        text: InvoiceText.render(document, ascii: false, language: organisation.invoiceLanguage),
        createdAt: now, replaces: replaces,
        taxCategory: document.tax.category, buyerVAT: document.buyer.details.vat?.value))
    try store.deliverToInbox(invoiceID: invoiceID, organisationID: organisation.id, at: now)
    try queueInvoiceMails(
      number: document.number, organisation: organisation, environment: environment)
    guard let stored = try store.invoice(number: document.number) else {
      throw SaldoError.notFound(tr("invoice \(document.number) vanished"))
    }
    return stored
  }

  private func queueInvoiceMails(
    number: String, organisation: Organisation, environment: Environment
  )
    throws
  {
    let buyer = organisation.name
    let open = core.openInvoiceCommand(number)
    for member in try store.members(environmentID: environment.id)
    where member.user.notifications.invoiceMails {
      guard let address = member.user.email else { continue }
      // In the language of the person it is sent to (not the buyer's, as the invoice is).
      let language = member.user.mailLanguage
      let name = member.user.displayName
      _ = try store.enqueue(
        key: "invoice:\(number):\(member.user.id)", environmentID: environment.id,
        toName: member.user.displayName, toAddress: address,
        subject: tr("New invoice \(number) in the Inbox-in of \(buyer)", language),
        body: tr(
          """
          Hello \(name),

          Invoice \(number) for transaction credit of \(environment.name) has arrived in the
          Inbox-in of \(buyer.endingSentence)

          Open it with:  \(open)

          You receive this e-mail because your profile asks for invoice e-mails; change that
          with `saldo profile --invoice-mails off`.
          """, language),
        at: clock.now())
    }
  }
}
