extension Saldo {
  /// The SEPA direct-debit initiation file (pain.008.001.02) of the collections made on `day`.
  /// Operators only: bank files are the platform's business. The same day always gives the same
  /// file, so a lost export can be made again.
  public func sepaExport(day: Day) throws -> (xml: String, count: Int, total: Money) {
    try store.read {
      try access.requireOperator(to: "export SEPA files")
      let collections = try store.collections(day: day).filter { $0.status == .scheduled }
      guard !collections.isEmpty else {
        throw SaldoError.notFound(
          "no direct-debit collections were made on \(day.iso); nothing to export")
      }
      let seller = try seller()
      guard let creditorText = seller.creditorID else {
        throw SaldoError.invalid(
          "the platform has no SEPA creditor id; set it with `saldo seller set --creditor-id`")
      }
      do {
        let creditor = try SEPACreditor(
          name: seller.name, iban: seller.iban, bic: seller.bic,
          creditorID: try SEPACreditorID(creditorText))
        let items = try collections.map { c in
          try SEPACollection(
            endToEndID: c.endToEndID, amount: c.amount, mandateID: c.mandateID,
            mandateSignedOn: c.mandateDate, debtorName: c.debtorName, debtorIBAN: c.debtorIBAN,
            sequenceType: c.sequence == .first ? .first : .recurring,
            remittanceInformation: "Invoice \(c.invoiceNumber) transaction credit")
        }
        let file = try SEPADirectDebitFile(
          messageID: "SALDO-DD-\(day.iso)", createdAt: clock.now(),
          collectionDate: collectionDate(after: day), creditor: creditor, collections: items)
        return (file.xml(), items.count, file.controlSum)
      } catch let error as SaldoError {
        throw error
      } catch {
        throw SaldoError.invalid("cannot write the SEPA file: \(error)")
      }
    }
  }

  /// Records a debit the bank returned: the credit is taken back as a correction entry, the
  /// invoice is cancelled by a credit note, the automatic upgrade is paused, and the
  /// administrators are told. `reference` is the collection id or its end-to-end id.
  @discardableResult
  public func recordReversal(of reference: String, reason code: String) throws
    -> DirectDebitCollection
  {
    let reason = try ReversalReason.check(code)
    return try store.write {
      try access.requireOperator(to: "record reversals")
      let found: DirectDebitCollection? =
        try Int64(reference).flatMap { try store.collection(id: $0) }
        ?? store.collection(endToEndID: reference)
      guard let collection = found,
        let environment = try store.environment(id: collection.environmentID)
      else {
        throw SaldoError.notFound(
          "no collection \(Sanitize.line(reference, limit: 40)); give its id or end-to-end id"
            + " (see `saldo auto-upgrade show`)")
      }
      let why = "\(reason.code) \(reason.text)"
      guard try store.markReversed(collectionID: collection.id, reason: why) else {
        throw SaldoError.conflict("collection \(collection.id) was reversed already")
      }
      try bookCorrection(
        environment, by: collection.credited.negated,
        reference: "reversal of \(collection.endToEndID) (\(why))", organisationID: nil)
      if let original = try store.invoice(number: collection.invoiceNumber),
        let payment = try store.payment(id: collection.paymentID)
      {
        _ = try issueCreditNote(
          cancelling: original, payment: payment, environment: environment,
          note: "Cancels invoice \(original.number): the direct debit was returned by the bank.",
          settlement: .directDebit(
            mandateID: collection.mandateID, debtorIBAN: try IBAN.parse(collection.debtorIBAN),
            reference: collection.invoiceNumber))
      }
      let message =
        "Direct debit \(collection.endToEndID) was returned by the bank (\(why)); its credit was"
        + " taken back and the automatic upgrade is paused"
      if var settings = try store.autoUpgrade(environmentID: environment.id) {
        settings.pausedReason = "the bank returned a debit (\(why))"
        try store.saveAutoUpgrade(settings, environmentID: environment.id)
      }
      try store.addAutoUpgradeEvent(
        environmentID: environment.id,
        event: AutoUpgradeEvent(at: clock.now(), kind: .paused, message: message))
      try notifyAdministrators(
        environment, key: "reversal:\(collection.id)",
        subject: "Automatic upgrade of \(environment.name) paused: a direct debit was returned",
        body: """
          \(message).

          Please top up by hand (Pay and upgrade) and check the mandate; saving the automatic
          upgrade again (Edit in My environment) switches it back on.
          """)
      return try store.collection(id: collection.id) ?? collection
    }
  }
}
