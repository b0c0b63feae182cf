/// A party on an invoice: its registered name and postal and legal details.
public struct InvoiceParty: Sendable, Hashable {
  /// The registered name (BT-27 / BT-44).
  public var name: String
  public var details: PartyDetails

  public init(name: String, details: PartyDetails) {
    self.name = name
    self.details = details
  }
}

/// The platform operator as seller: its party data and where it receives payments.
public struct InvoiceSeller: Sendable, Hashable {
  public var party: InvoiceParty
  /// The account bank transfers are paid into (BT-84).
  public var iban: IBAN
  /// The bank's BIC (BT-86); optional within SEPA.
  public var bic: BIC?
  /// Needed on invoices collected by SEPA direct debit (BT-90).
  public var creditorID: SEPACreditorID?

  public init(
    party: InvoiceParty, iban: IBAN, bic: BIC? = nil, creditorID: SEPACreditorID? = nil
  ) {
    self.party = party
    self.iban = iban
    self.bic = bic
    self.creditorID = creditorID
  }
}

/// An earlier invoice, referred to by a credit note that corrects it.
public struct InvoiceReference: Sendable, Hashable {
  public var number: String
  public var issueDate: Day

  public init(number: String, issueDate: Day) {
    self.number = number
    self.issueDate = issueDate
  }
}

/// Commercial invoice (UNTDID 1001 code 380) or credit note (381).
public enum InvoiceKind: Sendable, Hashable {
  case invoice
  /// Corrects (part of) an earlier invoice, which the Dutch rules require to be named (NL-R-001).
  case creditNote(correcting: InvoiceReference)

  /// The UNTDID 1001 document type code.
  public var typeCode: String {
    switch self {
    case .invoice: return "380"
    case .creditNote: return "381"
    }
  }
}

/// One invoiced item. Credit is sold at its face value, so a top-up is one line, quantity 1.
public struct InvoiceLine: Sendable, Hashable {
  /// What was bought, e.g. "Transaction credit".
  public var description: String
  /// Units of `unitCode`; positive.
  public var quantity: Int64
  /// Net price of one unit in whole cents: invoices carry amounts to the cent.
  public var unitPrice: Money
  /// UN/ECE Rec 20 unit; C62 is "one" (a piece without a unit).
  public var unitCode: String
  /// Standard-rated VAT (category S) at this percentage; 21 is the Dutch standard rate.
  public var vatPercent: Int

  public init(
    description: String, quantity: Int64 = 1, unitPrice: Money, unitCode: String = "C62",
    vatPercent: Int = 21
  ) {
    self.description = description
    self.quantity = quantity
    self.unitPrice = unitPrice
    self.unitCode = unitCode
    self.vatPercent = vatPercent
  }
}

/// The online payment methods a top-up can already be paid with when its invoice is made.
public enum OnlinePaymentMethod: String, Sendable, Hashable, CaseIterable {
  case idealWero = "ideal"
  case bancontact

  /// The brand as people know it.
  public var label: String {
    switch self {
    case .idealWero: return "iDEAL | Wero"
    case .bancontact: return "Bancontact"
    }
  }
}

/// How the invoice is settled; decides PaymentMeans, the prepaid and the payable amount.
/// A credit note only ever takes `.noRefund`: prepaid credit is never refunded, so no credit
/// note states a refund or a transfer to the customer.
public indirect enum InvoicePayment: Sendable, Hashable {
  /// Already paid online when the invoice was made: nothing remains payable.
  case paid(OnlinePaymentMethod, reference: String)
  /// To be paid by bank transfer into the seller's account, quoting `reference`.
  case bankTransfer(reference: String)
  /// To be collected by SEPA direct debit from `debtorIBAN` under mandate `mandateID`.
  case directDebit(mandateID: MandateReference, debtorIBAN: IBAN, reference: String)
  /// A corrected invoice already paid: the payment `earlier` made for the invoice it replaces
  /// (`replaced`) settles it.
  case carriedOver(replaced: String, earlier: InvoicePayment)
  /// A credit note that moves no money: it cancels an invoice that was never paid (or whose
  /// debit was withdrawn or returned), or carries a paid amount over to the invoice replacing
  /// it. `reference` is the corrected invoice's number; `explanation` says which case it is.
  case noRefund(reference: String, explanation: String)

  /// Whether the amount has been settled already, so nothing is payable.
  public var isSettled: Bool {
    switch self {
    case .paid, .carriedOver: return true
    default: return false
    }
  }

  /// The reference that links a payment to this invoice (BT-83).
  public var reference: String {
    switch self {
    case .paid(_, let reference), .bankTransfer(let reference),
      .directDebit(_, _, let reference), .noRefund(let reference, _):
      return reference
    case .carriedOver(_, let earlier): return earlier.reference
    }
  }
}
