/// A plain-text rendering of an invoice, for `saldo invoice show` and text exports.
///
/// Says the same as the UBL (numbers, parties, lines, totals, how it is paid) in the order a
/// person reads an invoice. Amounts are aligned in one column; `ascii` replaces €, • and ·.
public enum InvoiceText {
  /// Width of the amount column's right edge.
  static let width = 64

  public static func render(_ doc: InvoiceDocument, ascii: Bool) -> String {
    var out: [String] = []
    switch doc.kind {
    case .invoice:
      out.append("INVOICE " + doc.number)
    case .creditNote(let corrected):
      out.append("CREDIT NOTE " + doc.number)
      out.append("Corrects invoice " + corrected.number + " of " + corrected.issueDate.iso)
    }
    out.append("Issue date    " + doc.issueDate.iso)
    out.append("Due date      " + doc.dueDate.iso)
    if let order = doc.orderNumber {
      out.append("Your order    " + order)
    } else {
      out.append("Reference     " + doc.buyerReference)
    }
    out.append("")
    out.append("From")
    out += partyBlock(doc.seller.party, doc.sellerEndpoint, ascii: ascii)
    out.append("")
    out.append("To")
    out += partyBlock(doc.buyer, doc.buyerEndpoint, ascii: ascii)
    out.append("")
    out.append(row("Description", "Amount"))
    for (line, net) in zip(doc.lines, doc.totals.lineAmounts) {
      let quantity = line.quantity == 1 ? "" : String(line.quantity) + " × "
      let label = (ascii ? quantity.replacingOccurrences("×", "x") : quantity) + line.description
      out.append(row(label, money(net, ascii)))
    }
    if let note = doc.note {
      out.append("")
      out.append(note)
    }
    out.append("")
    let totals = doc.totals
    out.append(row("Subtotal", money(totals.lineExtension, ascii)))
    for vat in totals.vatBreakdown {
      let label = doc.tax.label + " of " + money(vat.taxable, ascii)
      out.append(row(label, money(vat.tax, ascii)))
    }
    if let reason = doc.tax.exemptionReason, let code = doc.tax.exemptionReasonCode {
      // The buyer's own bookkeeping needs to see why no VAT is charged.
      out.append(reason + " (" + code + ")")
    }
    out.append(row("Total", money(totals.taxInclusive, ascii)))
    if !totals.prepaid.isZero {
      let label = doc.kind == .invoice ? "Paid" : "Refunded"
      out.append(row(label, money(totals.prepaid.negated, ascii)))
      out.append(
        row(doc.kind == .invoice ? "Amount due" : "To refund", money(totals.payable, ascii)))
    }
    out.append("")
    out.append(paymentText(doc, ascii: ascii))
    return out.joined(separator: "\n") + "\n"
  }

  /// One sentence on how the invoice is (or was) settled.
  public static func paymentText(_ doc: InvoiceDocument, ascii: Bool) -> String {
    paymentText(doc.payment, doc, ascii: ascii)
  }

  private static func paymentText(_ payment: InvoicePayment, _ doc: InvoiceDocument, ascii: Bool)
    -> String
  {
    let seller = doc.seller
    switch payment {
    case .paid(let method, let reference):
      return "Paid by " + method.label + " (reference " + reference + ")"
    case .bankTransfer(let reference):
      var text = "To be paid by bank transfer to IBAN " + seller.iban.formatted
      if let bic = seller.bic { text += " (BIC " + bic.value + ")" }
      return text + " in the name of " + seller.party.name + " with reference " + reference
        + ", due " + doc.dueDate.iso
    case .directDebit(let mandate, let debtor, let reference):
      let account = ascii ? debtor.maskedASCII : debtor.masked
      var text =
        "To be collected by SEPA direct debit under mandate " + mandate.value + " from IBAN "
        + account + " on or after " + doc.dueDate.iso
      if let creditor = seller.creditorID { text += ", creditor ID " + creditor.value }
      return text + " (reference " + reference + ")"
    case .carriedOver(let replaced, let earlier):
      return "Paid: the payment of invoice " + replaced + " settles this corrected invoice ("
        + settledText(earlier) + ")"
    case .noRefund(_, let explanation):
      return explanation
    }
  }

  /// How an earlier payment was made, in the past tense.
  private static func settledText(_ payment: InvoicePayment) -> String {
    switch payment {
    case .paid(let method, let reference): return "paid by " + method.label + ", " + reference
    case .bankTransfer(let reference): return "paid by bank transfer, reference " + reference
    case .directDebit(let mandate, _, let reference):
      return "collected by SEPA direct debit under mandate " + mandate.value + ", reference "
        + reference
    case .carriedOver(let replaced, _): return "carried over from invoice " + replaced
    case .noRefund(let reference, _): return reference
    }
  }

  private static func partyBlock(
    _ party: InvoiceParty, _ endpoint: PeppolParticipantID, ascii: Bool
  ) -> [String] {
    let details = party.details
    var lines = ["  " + party.name]
    if let street = details.street { lines.append("  " + street) }
    let place = [details.postcode, details.city].compactMap { $0 }.joined(separator: "  ")
    if !place.isEmpty { lines.append("  " + place) }
    if let country = details.country { lines.append("  " + country) }
    var ids: [String] = []
    if let kvk = details.kvk { ids.append("KvK " + kvk.value) }
    if let vat = details.vat { ids.append("VAT " + vat.value) }
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
