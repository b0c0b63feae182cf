/// A collection left out of a SEPA file because the bank would refuse it; it stays scheduled.
public struct LeftOutCollection: Sendable, Hashable {
  public let collection: DirectDebitCollection
  public let environmentName: String
  public let reason: String
}

/// What `sepaExport` wrote: the file (kept for writing again) and what it left out.
public struct SEPAExport: Sendable, Hashable {
  public let file: SEPAFileRecord
  public let leftOut: [LeftOutCollection]
}

extension AutoUpgradeService {
  /// Writes the collections not yet exported, of upgrades made up to `day`, as one new SEPA
  /// direct-debit file (pain.008.001.02) with a message id of its own, and moves them to
  /// exported: a collection is never exported twice. `deliver` writes the file out inside the
  /// same transaction, so a file that could not be written leaves every collection scheduled.
  /// A collection the bank would refuse is left out and reported; it never blocks the others.
  /// Operators only: bank files are the platform's business.
  public func sepaExport(upTo day: Day, deliver: (SEPAFileRecord) throws -> Void) throws
    -> SEPAExport
  {
    try store.write {
      try access.requireOperator(to: tr("export SEPA files"))
      let now = clock.now()
      let today = Day(containing: now)
      let waiting = try store.collectionsAwaitingExport(upTo: day)
      guard !waiting.isEmpty else {
        throw SaldoError.notFound(
          tr(
            "no direct-debit collections of upgrades made up to \(day.iso) wait for export;"
              + " earlier files: `saldo sepa files`"))
      }
      let seller = try core.platform.seller()
      guard let creditorID = seller.creditorID else {
        throw SaldoError.invalid(
          tr(
            "the platform has no SEPA creditor id; set it with `saldo seller set --creditor-id`"))
      }
      let creditor: SEPACreditor
      do {
        creditor = try SEPACreditor(
          name: seller.name, iban: seller.iban, bic: seller.bic,
          creditorID: creditorID)
      } catch {
        throw SaldoError.invalid(
          tr(
            "the platform's seller data cannot go into a SEPA file: \(error); correct it with"
              + " `saldo seller set`"))
      }
      var items: [(DirectDebitCollection, SEPACollection)] = []
      var leftOut: [LeftOutCollection] = []
      for collection in waiting {
        let name = try store.environment(id: collection.environmentID)?.name ?? "?"
        do {
          let sepa = try SEPACollection(
            endToEndID: collection.endToEndID, amount: collection.amount,
            mandateID: collection.mandateID, mandateSignedOn: collection.mandateDate,
            debtorName: collection.debtorName, debtorIBAN: collection.debtorIBAN,
            debtorBIC: collection.debtorBIC,
            sequenceType: collection.sequence,
            remittanceInformation: "Invoice \(collection.invoiceNumber) transaction credit")
          items.append((collection, sepa))
        } catch {
          let why = (error as? SEPAError)?.description ?? "\(error)"
          leftOut.append(
            LeftOutCollection(
              collection: collection, environmentName: name,
              reason: tr(
                "\(why); correct the mandate with `saldo --env \(name) auto-upgrade set`, then"
                  + " cancel invoice \(collection.invoiceNumber) with `saldo invoice cancel`")))
        }
      }
      guard !items.isEmpty else {
        let reasons = leftOut.map { tr("collection \($0.collection.id): \($0.reason)") }
        throw SaldoError.invalid(
          tr("no collection could go into a file: \(reasons.joined(separator: "; "))"))
      }
      let fileID = try store.nextSEPAFileID()
      let messageID = "SALDO-DD-\(today.iso)-\(fileID)"
      let collectionDate = max(
        TargetCalendar.earliestCollectionDate(fileMadeOn: today),
        items.map(\.0.collectionDate).max() ?? today)
      let file: SEPADirectDebitFile
      do {
        file = try SEPADirectDebitFile(
          messageID: messageID, createdAt: now, collectionDate: collectionDate,
          creditor: creditor, collections: items.map(\.1))
      } catch {
        throw SaldoError.invalid(tr("cannot write the SEPA file: \(error)"))
      }
      let xml = file.xml()
      let id = try store.insertSEPAFile(
        messageID: messageID, upTo: day, collectionDate: collectionDate, count: items.count,
        total: file.controlSum, xml: xml, at: now, actor: account.login)
      let settles = TargetCalendar.settlementDay(collectedOn: collectionDate)
      for (collection, _) in items {
        guard
          try store.moveCollection(
            id: collection.id, from: .scheduled, to: .exported,
            change: CollectionChange(fileID: id, settlesOn: settles, reason: messageID),
            at: now, actor: account.login)
        else {
          throw SaldoError.conflict(tr("collection \(collection.id) changed meanwhile; try again"))
        }
      }
      for item in leftOut {
        try store.addAutoUpgradeEvent(
          environmentID: item.collection.environmentID,
          event: AutoUpgradeEvent(
            at: now, kind: .failed,
            message: "Collection \(item.collection.id) was left out of SEPA file \(messageID):"
              + " \(item.reason)"))
      }
      let record = SEPAFileRecord(
        id: id, messageID: messageID, upToDay: day, collectionDate: collectionDate,
        count: items.count, total: file.controlSum, xml: xml, createdAt: now,
        actor: account.login)
      try deliver(record)
      return SEPAExport(file: record, leftOut: leftOut)
    }
  }

  /// An earlier SEPA file, exactly as it was written (by message id or number).
  public func sepaFile(_ reference: String) throws -> SEPAFileRecord {
    try store.read {
      try access.requireOperator(to: tr("export SEPA files"))
      guard let file = try store.sepaFile(reference: reference) else {
        throw SaldoError.notFound(
          tr(
            "no SEPA file \(Sanitize.line(reference, limit: 40)); see `saldo sepa files`"))
      }
      guard !file.xml.isEmpty else {
        throw SaldoError.notFound(
          tr(
            "SEPA file \(file.id) stands for files written before Saldo kept them; it cannot be"
              + " written again"))
      }
      return file
    }
  }

  /// The SEPA files written, newest first.
  public func sepaFiles(limit: Int = 100) throws -> [SEPAFileRecord] {
    try store.read {
      try access.requireOperator(to: tr("see the SEPA files"))
      return try store.sepaFiles(limit: limit)
    }
  }

  /// Records that an exported collection's money arrived (before its return window ended):
  /// it settles and its invoice is paid. Operators only.
  @discardableResult
  public func settleCollection(_ reference: String) throws -> DirectDebitCollection {
    try store.write {
      try access.requireOperator(to: tr("record settled collections"))
      let collection = try findCollection(reference)
      try settle(collection, actor: account.login)
      return try store.collection(id: collection.id) ?? collection
    }
  }

  /// Settles every exported collection of these environments whose return window has passed.
  func settleCollections(of environments: [Environment], on day: Day) throws {
    let ids = Set(environments.map(\.id))
    // The daily job runs every few minutes: the write lock only when something settles.
    let due = try store.read {
      try store.collectionsSettling(by: day).contains { ids.contains($0.environmentID) }
    }
    guard due else { return }
    try store.write {
      for collection in try store.collectionsSettling(by: day)
      where ids.contains(collection.environmentID) {
        try settle(collection, actor: "system")
      }
    }
  }

  private func settle(_ collection: DirectDebitCollection, actor: String) throws {
    guard collection.status.canMove(to: .settled) else {
      throw SaldoError.conflict(
        collection.status == .scheduled
          ? tr(
            "collection \(collection.id) is scheduled and cannot settle; it was never sent to the"
              + " bank: export it with `saldo sepa export`")
          : tr("collection \(collection.id) is \(collection.status.label) and cannot settle"))
    }
    let now = clock.now()
    guard
      try store.moveCollection(
        id: collection.id, from: .exported, to: .settled, change: CollectionChange(), at: now,
        actor: actor)
    else {
      throw SaldoError.conflict(tr("collection \(collection.id) changed meanwhile; try again"))
    }
    _ = try store.markInvoicePaid(number: collection.invoiceNumber, at: now)
  }

  /// Records a debit the bank returned (an R-transaction): the collection becomes returned, its
  /// credit is taken back by a correction and its invoice credited by a credit note that says
  /// nothing was collected, unless the invoice was credited already (then nothing more is
  /// booked). The automatic upgrade is paused and the administrators are told.
  /// `reference` is the collection id or its end-to-end id. Operators only.
  @discardableResult
  public func recordReversal(of reference: String, reason code: String) throws
    -> DirectDebitCollection
  {
    let reason = try ReversalReason.check(code)
    return try store.write {
      try access.requireOperator(to: tr("record reversals"))
      let collection = try findCollection(reference)
      guard let environment = try store.environment(id: collection.environmentID) else {
        throw SaldoError.notFound(tr("the environment of collection \(collection.id) is missing"))
      }
      switch collection.status {
      case .exported: break
      case .scheduled:
        throw SaldoError.conflict(
          tr(
            "collection \(collection.id) was never sent to the bank, so it cannot come back; to"
              + " stop it, cancel invoice \(collection.invoiceNumber) with `saldo invoice cancel"
              + " \(collection.invoiceNumber) --reason TEXT`"))
      case .withdrawn:
        throw SaldoError.conflict(
          tr(
            "collection \(collection.id) was withdrawn before export when invoice"
              + " \(collection.invoiceNumber) was cancelled; nothing was collected to return"))
      case .returned:
        throw SaldoError.conflict(tr("collection \(collection.id) was returned already"))
      case .settled:
        throw SaldoError.conflict(
          tr(
            "collection \(collection.id) settled: its return window passed; a refund the debtor"
              + " claims later is settled with the bank, and its invoice stays paid"))
      }
      let why = "\(reason.code) \(reason.text)"
      let now = clock.now()
      guard
        try store.moveCollection(
          id: collection.id, from: .exported, to: .returned,
          change: CollectionChange(reason: why), at: now, actor: account.login)
      else {
        throw SaldoError.conflict(tr("collection \(collection.id) changed meanwhile; try again"))
      }
      let endToEnd = collection.endToEndID
      let message: Translations
      if let invoice = try store.invoice(number: collection.invoiceNumber),
        invoice.creditedBy == nil
      {
        let number = invoice.number
        try core.invoices.creditInvoice(
          invoice, environment: environment, takeBack: true,
          explanation: Translations {
            tr(
              """
              Cancels invoice \(number): its SEPA direct debit was returned by the bank \
              (\(why)). Nothing was collected, nothing is owed and nothing is paid out.
              """, $0)
          })
        message = Translations {
          tr(
            """
            Direct debit \(endToEnd) was returned by the bank (\(why)); its credit was taken \
            back and the automatic upgrade is paused
            """, $0)
        }
      } else {
        message = Translations {
          tr(
            """
            Direct debit \(endToEnd) was returned by the bank (\(why)); its invoice was \
            credited already, so nothing more was booked
            """, $0)
        }
      }
      if var settings = try store.autoUpgrade(environmentID: environment.id) {
        let reason = Translations { tr("the bank returned a debit (\(why))", $0) }
        settings.pausedReason = reason.english
        settings.pausedReasonDutch = reason.texts[.nl]
        try store.saveAutoUpgrade(settings, environmentID: environment.id)
      }
      try store.addAutoUpgradeEvent(
        environmentID: environment.id,
        event: AutoUpgradeEvent(at: now, kind: .paused, messages: message))
      let name = environment.name
      try notifyAdministrators(environment, key: "reversal:\(collection.id)") {
        let what = message.text(in: $0)
        return MailText(
          subject: tr("Automatic upgrade of \(name) paused: a direct debit was returned", $0),
          body: tr(
            """
            \(what).

            Please top up by hand (Pay and upgrade) and check the mandate; saving the automatic
            upgrade again (Edit in My environment) switches it back on.
            """, $0))
      }
      return try store.collection(id: collection.id) ?? collection
    }
  }

  func findCollection(_ reference: String) throws -> DirectDebitCollection {
    let found: DirectDebitCollection? =
      try Int64(reference).flatMap { try store.collection(id: $0) }
      ?? store.collection(endToEndID: reference)
    guard let collection = found else {
      throw SaldoError.notFound(
        tr(
          "no collection \(Sanitize.line(reference, limit: 40)); give its id or end-to-end id"
            + " (see `saldo auto-upgrade show`)"))
    }
    return collection
  }
}
