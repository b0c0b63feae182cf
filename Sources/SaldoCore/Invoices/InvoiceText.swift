/// A plain-text rendering of an invoice, for `saldo invoice show` and text exports.
///
/// Says the same as the UBL (numbers, parties, lines, totals, how it is paid) in the order a
/// person reads an invoice. Amounts are aligned in one column; `ascii` replaces €, • and ·.
public enum InvoiceText {
  /// Width of the amount column's right edge.
  static let width = 64

  /// The invoice in `language` (the buyer's): labels, sentences and the core's own free texts;
  /// names, numbers, dates and codes are the same in every language.
  public static func render(_ doc: InvoiceDocument, ascii: Bool, language: Language = .en)
    -> String
  {
    let l = language
    var out: [String] = []
    switch doc.kind {
    case .invoice:
      out.append(tr("INVOICE", l) + " " + doc.number)
    case .creditNote(let corrected):
      out.append(tr("CREDIT NOTE", l) + " " + doc.number)
      let number = corrected.number
      let date = corrected.issueDate.iso
      out.append(tr("Corrects invoice \(number) of \(date)", l))
    }
    var heading = [
      (tr("Issue date", l), doc.issueDate.iso), (tr("Due date", l), doc.dueDate.iso),
    ]
    if let order = doc.orderNumber {
      heading.append((tr("Your order", l), order))
    } else {
      heading.append((tr("Reference", l), doc.buyerReference))
    }
    // The values line up after the longest label (14 columns in English, as always).
    let column = max(14, (heading.map(\.0.count).max() ?? 0) + 2)
    for (label, value) in heading {
      out.append(label + String(repeating: " ", count: column - label.count) + value)
    }
    out.append("")
    out.append(tr("From", l))
    out += partyBlock(doc.seller.party, doc.sellerEndpoint, ascii: ascii, language: l)
    out.append("")
    out.append(tr("To", l))
    out += partyBlock(doc.buyer, doc.buyerEndpoint, ascii: ascii, language: l)
    out.append("")
    out.append(row(tr("Description", l), tr("Amount", l)))
    for (line, net) in zip(doc.lines, doc.totals.lineAmounts) {
      let quantity = line.quantity == 1 ? "" : String(line.quantity) + " × "
      let label =
        (ascii ? quantity.replacingOccurrences("×", "x") : quantity)
        + doc.text(line.description, in: l)
      out.append(row(label, money(net, ascii)))
    }
    if let note = doc.note {
      out.append("")
      out.append(doc.text(note, in: l))
    }
    out.append("")
    let totals = doc.totals
    out.append(row(tr("Subtotal", l), money(totals.lineExtension, ascii)))
    for vat in totals.vatBreakdown {
      let rate = doc.tax.label(in: l)
      let taxable = money(vat.taxable, ascii)
      out.append(row(tr("\(rate) of \(taxable)", l), money(vat.tax, ascii)))
    }
    if let reason = doc.tax.exemptionReason(in: l), let code = doc.tax.exemptionReasonCode {
      // The buyer's own bookkeeping needs to see why no VAT is charged.
      out.append(reason + " (" + code + ")")
    }
    out.append(row(tr("Total", l), money(totals.taxInclusive, ascii)))
    if !totals.prepaid.isZero {
      let label = doc.kind == .invoice ? tr("Paid", l) : tr("Refunded", l)
      out.append(row(label, money(totals.prepaid.negated, ascii)))
      out.append(
        row(
          doc.kind == .invoice ? tr("Amount due", l) : tr("To refund", l),
          money(totals.payable, ascii)))
    }
    out.append("")
    out.append(paymentText(doc, ascii: ascii, language: l))
    return out.joined(separator: "\n") + "\n"
  }

  /// One sentence on how the invoice is (or was) settled.
  public static func paymentText(_ doc: InvoiceDocument, ascii: Bool, language: Language = .en)
    -> String
  {
    paymentText(doc.payment, doc, ascii: ascii, language: language)
  }

  private static func paymentText(
    _ payment: InvoicePayment, _ doc: InvoiceDocument, ascii: Bool, language l: Language
  ) -> String {
    let seller = doc.seller
    switch payment {
    case .paid(let method, let reference):
      return tr("Paid by \(method.label) (reference \(reference))", l)
    case .bankTransfer(let reference):
      let iban = seller.iban.formatted
      let name = seller.party.name
      let due = doc.dueDate.iso
      if let bic = seller.bic?.value {
        return tr(
          """
          To be paid by bank transfer to IBAN \(iban) (BIC \(bic)) in the name of \(name) with \
          reference \(reference), due \(due)
          """, l)
      }
      return tr(
        """
        To be paid by bank transfer to IBAN \(iban) in the name of \(name) with reference \
        \(reference), due \(due)
        """, l)
    case .directDebit(let mandate, let debtor, let reference):
      let account = ascii ? debtor.maskedASCII : debtor.masked
      let mandateID = mandate.value
      let date = doc.dueDate.iso
      if let creditor = seller.creditorID?.value {
        return tr(
          """
          To be collected by SEPA direct debit under mandate \(mandateID) from IBAN \(account) \
          on or after \(date), creditor ID \(creditor) (reference \(reference))
          """, l)
      }
      return tr(
        """
        To be collected by SEPA direct debit under mandate \(mandateID) from IBAN \(account) \
        on or after \(date) (reference \(reference))
        """, l)
    case .carriedOver(let replaced, let earlier):
      let settled = settledText(earlier, language: l)
      return tr(
        "Paid: the payment of invoice \(replaced) settles this corrected invoice (\(settled))", l)
    case .noRefund(_, let explanation):
      return doc.text(explanation, in: l)
    }
  }

  /// How an earlier payment was made, in the past tense.
  private static func settledText(_ payment: InvoicePayment, language l: Language) -> String {
    switch payment {
    case .paid(let method, let reference): return tr("paid by \(method.label), \(reference)", l)
    case .bankTransfer(let reference):
      return tr("paid by bank transfer, reference \(reference)", l)
    case .directDebit(let mandate, _, let reference):
      let mandateID = mandate.value
      return tr(
        "collected by SEPA direct debit under mandate \(mandateID), reference \(reference)", l)
    case .carriedOver(let replaced, _): return tr("carried over from invoice \(replaced)", l)
    case .noRefund(let reference, _): return reference
    }
  }

  private static func partyBlock(
    _ party: InvoiceParty, _ endpoint: PeppolParticipantID, ascii: Bool, language: Language
  ) -> [String] {
    let details = party.details
    var lines = ["  " + party.name]
    if let street = details.street { lines.append("  " + street) }
    let place = [details.postcode, details.city].compactMap { $0 }.joined(separator: "  ")
    if !place.isEmpty { lines.append("  " + place) }
    if let country = details.country { lines.append("  " + country) }
    var ids: [String] = []
    if let kvk = details.kvk { ids.append("KvK " + kvk.value) }
    if let vat = details.vat { ids.append(tr("VAT", language) + " " + vat.value) }
    if let registration = details.registration { ids.append("Reg. " + registration.description) }
    ids.append("Peppol " + endpoint.description)
    lines.append("  " + ids.joined(separator: ascii ? " | " : " · "))
    return lines
  }

  private static func money(_ amount: Money, _ ascii: Bool) -> String {
    MoneyFormat.display(amount, ascii: ascii)
  }

  /// A label and a right-aligned amount; a label too long to share the line gets its own.
  private static func row(_ label: String, _ amount: String) -> String {
    let room = width - amount.count - 2
    if label.count <= room {
      return label + String(repeating: " ", count: width - label.count - amount.count) + amount
    }
    return label + "\n" + String(repeating: " ", count: max(width - amount.count, 0)) + amount
  }
}
