/// Everything an invoice (or credit note) for a top-up says, checked and normalised.
///
/// Made once, written as UBL and stored immutably with a few key columns, so the checks run
/// here: a document that exists meets the Peppol and Dutch rules that depend on its data
/// (addresses, identifiers, references), and its totals add up.
public struct InvoiceDocument: Sendable, Hashable {
  /// Document currency; credit is sold in euros only.
  public static let currency = "EUR"

  /// The invoice number, e.g. `2026-000123` (BT-1).
  public let number: String
  public let kind: InvoiceKind
  public let issueDate: Day
  /// When payment is due (BT-9); for an invoice already paid, the issue date.
  public let dueDate: Day
  public let seller: InvoiceSeller
  public let buyer: InvoiceParty
  /// Where the seller and buyer receive Peppol documents (BT-34, BT-49).
  public let sellerEndpoint: PeppolParticipantID
  public let buyerEndpoint: PeppolParticipantID
  /// The buyer's own order number (BT-13), if they gave one.
  public let orderNumber: String?
  /// Buyer reference (BT-10): the order number, else the environment name. Peppol requires a
  /// buyer or an order reference, and buyers route invoices on it, so one is always present.
  public let buyerReference: String
  public let lines: [InvoiceLine]
  /// One informational note (BT-22), e.g. about bonus credit given free of charge.
  public let note: String?
  public let payment: InvoicePayment
  /// The VAT treatment of every line (S, AE or O), decided when the invoice is issued.
  public let tax: TaxTreatment
  public let totals: InvoiceTotals
  /// The core's own free texts on it (line descriptions, the note, a credit note's
  /// explanation) in every language, by their English wording: the UBL carries the English,
  /// the text rendering says them in the buyer's language.
  public private(set) var translations: [String: Translations] = [:]

  /// Checks and normalises the data: trims text and removes control characters, parses
  /// identifiers into their standard form, and computes the totals.
  public init(
    number: String, kind: InvoiceKind = .invoice, issueDate: Day, dueDate: Day,
    seller: InvoiceSeller, buyer: InvoiceParty, orderNumber: String? = nil,
    environmentName: String, lines: [InvoiceLine], note: String? = nil, payment: InvoicePayment,
    tax: TaxTreatment? = nil
  ) throws(InvoiceError) {
    self.number = try Field.required(number, "invoice number")
    if case .creditNote(let reference) = kind {
      let corrected = try Field.required(reference.number, "number of the corrected invoice")
      self.kind = .creditNote(
        correcting: InvoiceReference(number: corrected, issueDate: reference.issueDate))
    } else {
      self.kind = .invoice
    }
    guard dueDate >= issueDate else { throw .dueBeforeIssue }
    self.issueDate = issueDate
    self.dueDate = dueDate

    var sellerData = seller
    sellerData.party = try Field.party(seller.party, role: "seller", complete: true)
    guard let sellerPeppol = sellerData.party.details.peppol else {
      throw .missing("seller Peppol ID")
    }
    self.sellerEndpoint = sellerPeppol
    self.seller = sellerData

    let buyerData = try Field.party(
      buyer, role: "buyer", complete: buyer.details.country?.uppercased() == "NL")
    if let peppol = buyerData.details.peppol {
      self.buyerEndpoint = peppol
    } else if let kvk = buyerData.details.kvk {
      // Organisations on the platform are reachable under their KvK number (eight checked
      // digits, which is what scheme 0106 takes).
      self.buyerEndpoint = PeppolParticipantID(stored: "0106", value: kvk.value)
    } else {
      throw .missing("buyer Peppol ID")
    }
    self.buyer = buyerData

    self.orderNumber = Field.optional(orderNumber)
    if let order = self.orderNumber {
      self.buyerReference = order
    } else {
      self.buyerReference = try Field.required(environmentName, "environment name")
    }

    guard !lines.isEmpty else { throw .noLines }
    var cleanLines: [InvoiceLine] = []
    for (index, line) in lines.enumerated() {
      var clean = line
      clean.description = try Field.required(line.description, "description of line \(index + 1)")
      clean.unitCode = try Field.required(line.unitCode, "unit of line \(index + 1)")
      guard line.quantity > 0 else { throw .invalidQuantity(line: index + 1) }
      guard line.unitPrice.isWholeCents, !line.unitPrice.isNegative else {
        throw .notWholeCents(line: index + 1)
      }
      if let tax {
        clean.vatPercent = tax.percent
      } else {
        guard (1...100).contains(line.vatPercent) else { throw .invalidVATRate(line: index + 1) }
      }
      cleanLines.append(clean)
    }
    let treatment = tax ?? TaxTreatment(category: .standard, percent: cleanLines[0].vatPercent)
    self.tax = treatment
    if treatment.category == .reverseCharge {
      // The buyer accounts for the VAT, so the invoice must name the buyer's VAT id (BR-AE-02).
      guard let vat = buyerData.details.vat else { throw .missing("buyer VAT number") }
      guard vat.country == buyerData.details.country
      else { throw .missing("a buyer VAT number of the buyer's country") }
    }
    self.lines = cleanLines
    self.note = Field.optional(note, limit: Field.longLimit)
    self.payment = try Field.payment(payment)
    switch (self.kind, payment) {
    case (.invoice, .noRefund):
      throw .missing("a payment means (an invoice cannot be settled without payment)")
    case (.creditNote, .noRefund): break
    case (.creditNote, _):
      // Prepaid credit is never refunded: a credit note states no refund and no transfer.
      throw .missing("the explanation of a credit note that moves no money")
    default: break
    }
    if case .directDebit = payment, self.kind == .invoice, seller.creditorID == nil {
      // SEPA requires the creditor id on every collection; refuse before the invoice is sent.
      throw .missing("seller SEPA creditor ID")
    }
    self.totals = try InvoiceTotals.compute(
      lines: cleanLines, settled: payment.isSettled, category: treatment.category.rawValue)
  }

  /// The note for bonus credit given with a top-up. The bonus is not sold, so it is not a line;
  /// the note tells the buyer why their balance grew by more than the invoice.
  public static func bonusNote(_ bonus: Money, ascii: Bool = false) -> String {
    bonusNote(bonus, ascii: ascii, in: .en)
  }

  public static func bonusNote(_ bonus: Money, ascii: Bool = false, in language: Language)
    -> String
  {
    let amount = MoneyFormat.display(bonus, ascii: ascii)
    return tr("Includes \(amount) bonus credit, free of charge", language)
  }

  /// Lets the text rendering say these free texts, which the document carries in English, in
  /// another language.
  public mutating func translate(_ texts: Translations...) {
    for text in texts {
      translations[Field.optional(text.english, limit: Field.longLimit) ?? text.english] = text
    }
  }

  /// One of the document's free texts in `language`; as written when it has no translation.
  public func text(_ text: String, in language: Language) -> String {
    translations[text]?.text(in: language) ?? text
  }
}

/// Cleaning and checking of the document's fields.
enum Field {
  static let limit = 500
  static let longLimit = 2000

  /// One line of text without control characters or characters XML cannot carry, trimmed;
  /// nil when nothing remains. Cleaned before trimming, so no stray space is left behind.
  static func optional(_ text: String?, limit: Int = limit) -> String? {
    guard let text else { return nil }
    let line = Sanitize.line(text, limit: limit)
    var clean: String
    // Printable ASCII is all allowed in XML: no scalar-by-scalar copy for most fields.
    if line.utf8.allSatisfy(\.isPrintableASCII) {
      clean = line
    } else {
      var scalars = String.UnicodeScalarView()
      scalars.append(contentsOf: line.unicodeScalars.filter(XMLEscape.isAllowed))
      clean = String(scalars)
    }
    clean = clean.trimmingWhitespace()
    return clean.isEmpty ? nil : clean
  }

  static func required(_ text: String?, _ name: String, limit: Int = limit)
    throws(InvoiceError) -> String
  {
    guard let clean = optional(text, limit: limit) else { throw .missing(name) }
    return clean
  }

  /// Normalises a party. `complete` requires the full address and a KvK number: the Dutch
  /// rules demand them of every Dutch party (NL-R-002 … 005), and of the seller always.
  static func party(_ party: InvoiceParty, role: String, complete: Bool) throws(InvoiceError)
    -> InvoiceParty
  {
    let source = party.details
    var details = PartyDetails()
    let isSeller = role == "seller"
    details.street =
      complete ? try required(source.street, role + " street") : optional(source.street)
    details.postcode =
      complete ? try required(source.postcode, role + " postcode") : optional(source.postcode)
    details.city = complete ? try required(source.city, role + " city") : optional(source.city)
    let country = try required(source.country, role + " country")
    do {
      details.country = try CountryCode.parse(country).value
    } catch {
      throw .invalidIdentifier(field: role + " country", error)
    }
    // KvK numbers and VAT ids arrive checked (they are their own types).
    if let kvk = source.kvk {
      details.kvk = kvk
    } else if isSeller {
      throw .missing("seller KvK number")
    }
    if let vat = source.vat {
      details.vat = vat
    } else if isSeller {
      // Standard-rated VAT requires the seller's VAT id (BR-S-02).
      throw .missing("seller VAT number")
    }
    details.peppol = source.peppol
    details.registration = source.registration
    return InvoiceParty(name: try required(party.name, role + " name"), details: details)
  }

  static func payment(_ payment: InvoicePayment) throws(InvoiceError) -> InvoicePayment {
    switch payment {
    case .paid(let method, let reference):
      return .paid(method, reference: try required(reference, "payment reference"))
    case .bankTransfer(let reference):
      return .bankTransfer(reference: try required(reference, "payment reference"))
    case .directDebit(let mandate, let iban, let reference):
      return .directDebit(
        mandateID: mandate, debtorIBAN: iban,
        reference: try required(reference, "payment reference"))
    case .carriedOver(let replaced, let earlier):
      if case .carriedOver = earlier { return .carriedOver(replaced: replaced, earlier: earlier) }
      return .carriedOver(
        replaced: try required(replaced, "replaced invoice"), earlier: try Field.payment(earlier))
    case .noRefund(let reference, let explanation):
      return .noRefund(
        reference: try required(reference, "payment reference"),
        explanation: try required(explanation, "credit note explanation"))
    }
  }
}
