extension InvoiceService {
  /// Cancels a mistaken invoice that was not paid, the only way an issued invoice may be
  /// undone: a credit note for its full amount and a correction that takes its credit back.
  /// A direct-debit invoice is cancelled only while its collection has not gone to the bank
  /// (the collection is then withdrawn); a paid invoice is never cancelled into a loss of paid
  /// credit (`reissueInvoice` corrects it). Operators only; an invoice is credited once.
  @discardableResult
  public func cancelInvoice(number: String, reason: String) throws -> IssuedInvoice {
    let text = try Saldo.checkName(reason, what: tr("reason"), limit: 200)
    return try store.write {
      try access.requireOperator(to: tr("cancel invoices"))
      let (original, environment) = try creditableInvoice(number)
      if original.paid {
        throw SaldoError.conflict(
          tr(
            "invoice \(original.number) is paid and prepaid credit is not refunded, so it is not"
              + " cancelled; correct it with `saldo invoice reissue \(original.number) [--org ORG]"
              + " [--order-number N]`, which keeps the credit"))
      }
      let originalNumber = original.number
      var explanation = Translations {
        tr(
          """
          Cancels invoice \(originalNumber), which was not paid: \(text). Nothing is owed \
          and nothing is paid out.
          """, $0)
      }
      if original.means == .directDebit {
        guard let paymentID = original.paymentID,
          let collection = try store.collection(paymentID: paymentID)
        else {
          throw SaldoError.notFound(tr("the collection of invoice \(original.number) is missing"))
        }
        guard collection.status == .scheduled else {
          throw SaldoError.conflict(
            tr(
              "the direct debit of invoice \(original.number) (collection \(collection.id)) is"
                + " \(collection.status.rawValue), so the invoice is not cancelled here; if the"
                + " bank returns it, record that with `saldo sepa reversal \(collection.id)"
                + " --reason CODE`; once it settles, correct the invoice with `saldo invoice"
                + " reissue \(original.number)`"))
        }
        guard
          try store.moveCollection(
            id: collection.id, from: .scheduled, to: .withdrawn,
            change: CollectionChange(reason: "invoice \(original.number) cancelled: \(text)"),
            at: clock.now(), actor: account.login)
        else {
          throw SaldoError.conflict(tr("collection \(collection.id) changed meanwhile; try again"))
        }
        explanation = Translations {
          tr(
            """
            Cancels invoice \(originalNumber): \(text). Its SEPA direct debit was withdrawn \
            before it reached the bank. Nothing was collected, nothing is owed and nothing is \
            paid out.
            """, $0)
        }
      }
      return try creditInvoice(
        original, environment: environment, takeBack: true, explanation: explanation)
    }
  }

  /// Corrects an invoice without touching the credit: a credit note for the whole of it and a
  /// corrected invoice (to the same or another organisation of the environment, with the same
  /// or a new order number). A paid invoice's payment carries over to the corrected one; an
  /// open invoice's corrected one is open with the same due date. Operators only.
  @discardableResult
  public func reissueInvoice(
    number: String, organisation: Organisation? = nil, orderNumber: String? = nil
  ) throws -> (creditNote: IssuedInvoice, invoice: IssuedInvoice) {
    let newOrderNumber = try orderNumber.flatMap { text -> String? in
      let trimmed = text.trimmingWhitespace()
      return trimmed.isEmpty
        ? nil : try Saldo.checkName(trimmed, what: tr("order number"), limit: 100)
    }
    return try store.write {
      try access.requireOperator(to: tr("reissue invoices"))
      let (original, environment) = try creditableInvoice(number)
      if !original.paid && original.means != .bankTransfer {
        throw SaldoError.conflict(
          tr(
            "invoice \(original.number) is still to be collected by direct debit; reissue it once"
              + " its collection settles, or cancel it before export with `saldo invoice cancel`"))
      }
      let buyer = try organisation ?? store.organisation(id: original.organisationID)
      guard let buyer, buyer.environmentID == environment.id else {
        throw SaldoError.invalid(
          tr(
            "\(organisation?.name ?? "the organisation") is not an organisation of"
              + " \(environment.name); an invoice is reissued within its environment"))
      }
      guard let paymentID = original.paymentID, let payment = try store.payment(id: paymentID)
      else { throw SaldoError.notFound(tr("the payment of invoice \(original.number) is missing")) }
      let now = clock.now()
      let today = Day(containing: now)
      let year = today.civil.year
      let noteSequence = try store.nextInvoiceSequence(year: year)
      let invoiceSequence = try store.nextInvoiceSequence(year: year)
      let replacement = TopUpInvoice.number(year: year, sequence: invoiceSequence)
      let originalNumber = original.number
      let paid = original.paid
      let note = try creditInvoice(
        original, environment: environment, takeBack: false,
        explanation: Translations {
          paid
            ? tr(
              """
              Cancels invoice \(originalNumber): replaced by corrected invoice \
              \(replacement). The amount paid carries over to it; nothing is paid out.
              """, $0)
            : tr(
              """
              Cancels invoice \(originalNumber): replaced by corrected invoice \
              \(replacement). The amount due carries over to it; nothing is paid out.
              """, $0)
        },
        sequence: noteSequence)
      let settlement: InvoicePayment
      let dueDate: Day
      if original.paid {
        settlement = .carriedOver(replaced: original.number, earlier: try settlementOf(original))
        dueDate = today
      } else {
        settlement = .bankTransfer(reference: replacement)
        dueDate = max(original.dueDate, today)
      }
      let document = try TopUpInvoice.document(
        number: replacement, issueDate: today, dueDate: dueDate, seller: try core.platform.seller(),
        buyer: buyer, environmentName: environment.name, amount: payment.amount,
        bonus: payment.bonus, orderNumber: newOrderNumber ?? original.orderNumber,
        payment: settlement,
        description: Translations {
          tr("Transaction credit (corrects invoice \(originalNumber))", $0)
        })
      let invoice = try record(
        document, payment: payment, organisation: buyer, environment: environment,
        means: original.paid ? .paid : .bankTransfer, year: year, sequence: invoiceSequence,
        replaces: original.number)
      guard try store.markInvoiceReplaced(number: original.number, by: replacement) else {
        throw SaldoError.conflict(tr("invoice \(original.number) was replaced already"))
      }
      return (note, invoice)
    }
  }

  /// The invoice behind `number` with its environment, if it may still be credited.
  private func creditableInvoice(_ number: String) throws -> (IssuedInvoice, Environment) {
    guard let original = try store.invoice(number: number), !original.isCreditNote,
      let environment = try store.environment(id: original.environmentID)
    else {
      throw SaldoError.notFound(
        tr(
          "no invoice \(Sanitize.line(number, limit: 30)) to correct; give an invoice number,"
            + " not a credit note"))
    }
    if let note = original.creditedBy {
      if let replacement = original.replacedBy {
        throw SaldoError.conflict(
          tr(
            "invoice \(original.number) was credited already by credit note \(note) and replaced"
              + " by invoice \(replacement)"))
      }
      throw SaldoError.conflict(
        tr("invoice \(original.number) was credited already by credit note \(note)"))
    }
    return (original, environment)
  }

  /// How an invoice was paid, for the corrected invoice that carries the payment over.
  private func settlementOf(_ invoice: IssuedInvoice) throws -> InvoicePayment {
    if let earlier = invoice.replaces, let root = try store.invoice(number: earlier) {
      return try settlementOf(root)
    }
    switch invoice.means {
    case .paid:
      let payment = try invoice.paymentID.flatMap { try store.payment(id: $0) }
      return .paid(
        payment?.method == .bancontact ? .bancontact : .idealWero,
        reference: invoice.paymentReference)
    case .bankTransfer: return .bankTransfer(reference: invoice.paymentReference)
    case .directDebit:
      guard let paymentID = invoice.paymentID,
        let collection = try store.collection(paymentID: paymentID)
      else { return .bankTransfer(reference: invoice.paymentReference) }
      return .directDebit(
        mandateID: collection.mandateID, debtorIBAN: collection.debtorIBAN,
        reference: invoice.paymentReference)
    }
  }

  /// Credits an invoice in full with a credit note that moves no money, links the two, and
  /// (with `takeBack`) books a correction, tied to the invoice, that takes its credit and bonus
  /// back. In the caller's write transaction.
  @discardableResult
  func creditInvoice(
    _ original: IssuedInvoice, environment: Environment, takeBack: Bool,
    explanation: Translations, sequence: Int64? = nil
  ) throws -> IssuedInvoice {
    guard let paymentID = original.paymentID, let payment = try store.payment(id: paymentID) else {
      throw SaldoError.notFound(tr("the payment of invoice \(original.number) is missing"))
    }
    let note = try issueCreditNote(
      cancelling: original, payment: payment, environment: environment, explanation: explanation,
      sequence: sequence)
    guard try store.markInvoiceCredited(number: original.number, by: note.number) else {
      throw SaldoError.conflict(tr("invoice \(original.number) was credited already"))
    }
    if takeBack {
      let entryID = try core.credit.bookCorrection(
        environment, by: Money(mills: -(payment.amount.mills + payment.bonus.mills)),
        reference: "cancels \(original.number) by credit note \(note.number)",
        organisationID: original.organisationID)
      try store.linkCorrection(entryID: entryID, invoiceNumber: original.number)
    }
    return note
  }

  /// Issues and delivers a credit note for the whole of `original` (numbered in the same
  /// gapless sequence). It states that no money moves. Books nothing.
  private func issueCreditNote(
    cancelling original: IssuedInvoice, payment: Payment, environment: Environment,
    explanation: Translations, sequence: Int64?
  ) throws -> IssuedInvoice {
    guard let organisation = try store.organisation(id: original.organisationID) else {
      throw SaldoError.notFound(tr("the organisation of invoice \(original.number) is missing"))
    }
    let now = clock.now()
    let today = Day(containing: now)
    let year = today.civil.year
    let sequence = try sequence ?? store.nextInvoiceSequence(year: year)
    let number = TopUpInvoice.number(year: year, sequence: sequence)
    // A credit note corrects with the treatment of the invoice it corrects, whatever the
    // organisation's data says today; a reverse charge names the buyer VAT id it named.
    let tax =
      TaxTreatment.stored(original.taxCategory.rawValue, issued: original.issueDate)
      ?? .standard(on: original.issueDate)
    var buyer = organisation.details
    if tax.category == .reverseCharge, let vat = original.buyerVAT,
      let id = try? VATID.parse(vat)
    {
      buyer.vat = id
      buyer.country = id.country
    }
    let line = Translations { tr("Transaction credit, cancelled", $0) }
    var document: InvoiceDocument
    do {
      document = try InvoiceDocument(
        number: number,
        kind: .creditNote(
          correcting: InvoiceReference(number: original.number, issueDate: original.issueDate)),
        issueDate: today, dueDate: today,
        seller: TopUpInvoice.seller(try core.platform.seller()),
        buyer: InvoiceParty(name: organisation.name, details: buyer),
        orderNumber: original.orderNumber, environmentName: environment.name,
        lines: [InvoiceLine(description: line.english, unitPrice: payment.amount)],
        note: explanation.english,
        payment: .noRefund(reference: original.number, explanation: explanation.english), tax: tax)
      document.translate(line, explanation)
    } catch {
      throw SaldoError.invalid(tr("cannot make the credit note: \(error)"))
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
        text: InvoiceText.render(document, ascii: false, language: organisation.invoiceLanguage),
        createdAt: now,
        taxCategory: tax.category, buyerVAT: document.buyer.details.vat?.value))
    try store.deliverToInbox(invoiceID: id, organisationID: organisation.id, at: now)
    guard let stored = try store.invoice(number: number) else {
      throw SaldoError.notFound(tr("credit note \(number) vanished"))
    }
    return stored
  }
}
