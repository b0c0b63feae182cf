/// Turns a top-up into its invoice document: the platform (seller) invoices the credit to the
/// chosen organisation (buyer); the bonus is free and only mentioned in a note.
enum TopUpInvoice {
  static func number(year: Int, sequence: Int64) -> String {
    String(year) + "-" + CivilDate.pad(Int(sequence), 6)
  }

  static func seller(_ profile: SellerProfile) -> InvoiceSeller {
    InvoiceSeller(
      party: InvoiceParty(name: profile.name, details: profile.details), iban: profile.iban,
      bic: profile.bic, creditorID: profile.creditorID)
  }

  static func document(
    number: String, issueDate: Day, dueDate: Day, seller: SellerProfile, buyer: Organisation,
    environmentName: String, amount: Money, bonus: Money, orderNumber: String?,
    payment: InvoicePayment,
    description: Translations = Translations { tr("Transaction credit", $0) }
  ) throws -> InvoiceDocument {
    // Decided from the data on the issue date: a later change of the organisation's country or
    // VAT id applies to later invoices only.
    let tax = TaxTreatment.decide(seller: seller.details, buyer: buyer.details, on: issueDate)
    let note = bonus.mills > 0 ? Translations { InvoiceDocument.bonusNote(bonus, in: $0) } : nil
    do {
      var document = try InvoiceDocument(
        number: number, issueDate: issueDate, dueDate: dueDate, seller: self.seller(seller),
        buyer: InvoiceParty(name: buyer.name, details: buyer.details), orderNumber: orderNumber,
        environmentName: environmentName,
        lines: [InvoiceLine(description: description.english, quantity: 1, unitPrice: amount)],
        note: note?.english, payment: payment, tax: tax)
      document.translate(description)
      if let note { document.translate(note) }
      return document
    } catch {
      // InvoiceDocument throws only InvoiceError (typed throws).
      throw SaldoError.invalid(
        tr(
          "cannot invoice \(buyer.name): \(error.description); complete it with `saldo org set`"))
    }
  }
}
