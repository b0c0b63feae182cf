/// An invoice as issued and stored: immutable, apart from its payment status.
public struct IssuedInvoice: Sendable, Hashable {
  public enum Means: String, Sendable, Codable {
    /// Paid online at checkout (iDEAL | Wero, Bancontact).
    case paid
    /// To be paid by bank transfer with the payment reference.
    case bankTransfer = "bank-transfer"
    /// Collected by SEPA direct debit under the mandate.
    case directDebit = "direct-debit"
  }

  /// Where an invoice stands: issued open, then paid, or credited by (at most) one credit
  /// note for its full amount. Overdue is open past the due date.
  public enum PaymentState: String, Sendable, Codable {
    case open, paid, overdue, credited

    /// The state as a person reads it, in their language; `rawValue` is for machine formats.
    public var label: String {
      switch self {
      case .open: return tr("open")
      case .paid: return tr("paid")
      case .overdue: return tr("overdue")
      case .credited: return tr("credited")
      }
    }
  }

  public let id: Int64
  public let number: String
  public let isCreditNote: Bool
  public let corrects: String?
  public let environmentID: Int64
  public let organisationID: Int64
  public let paymentID: Int64?
  public let issueDate: Day
  public let dueDate: Day
  public let net: Money
  public let vat: Money
  public let total: Money
  public let bonus: Money
  public let means: Means
  public let paymentReference: String
  public let orderNumber: String?
  /// Stored status; `state(on:)` adds overdue.
  public let paid: Bool
  public let paidAt: Instant?
  public let ubl: String
  public let text: String
  public let createdAt: Instant
  /// In the organisation's Inbox-in and not yet opened.
  public let unread: Bool
  /// The credit note that credited this invoice in full (at most one).
  public var creditedBy: String? = nil
  /// The invoice this one corrects and replaces (`saldo invoice reissue`); its credit was
  /// carried over, not booked again.
  public var replaces: String? = nil
  /// The corrected invoice that replaced this one.
  public var replacedBy: String? = nil
  /// The VAT category decided when it was issued (S, AE or O); its credit note uses the same.
  public var taxCategory: VATCategory = .standard
  /// The buyer's VAT id as the invoice carries it, for a credit note of a reverse charge.
  public var buyerVAT: String? = nil

  public init(
    id: Int64, number: String, isCreditNote: Bool, corrects: String?, environmentID: Int64,
    organisationID: Int64, paymentID: Int64?, issueDate: Day, dueDate: Day, net: Money,
    vat: Money, total: Money, bonus: Money, means: Means, paymentReference: String,
    orderNumber: String?, paid: Bool, paidAt: Instant?, ubl: String, text: String,
    createdAt: Instant, unread: Bool
  ) {
    self.id = id
    self.number = number
    self.isCreditNote = isCreditNote
    self.corrects = corrects
    self.environmentID = environmentID
    self.organisationID = organisationID
    self.paymentID = paymentID
    self.issueDate = issueDate
    self.dueDate = dueDate
    self.net = net
    self.vat = vat
    self.total = total
    self.bonus = bonus
    self.means = means
    self.paymentReference = paymentReference
    self.orderNumber = orderNumber
    self.paid = paid
    self.paidAt = paidAt
    self.ubl = ubl
    self.text = text
    self.createdAt = createdAt
    self.unread = unread
  }

  /// Open invoices are overdue after their due date (Amsterdam days).
  public func state(on day: Day) -> PaymentState {
    if creditedBy != nil { return .credited }
    if paid { return .paid }
    return day > dueDate ? .overdue : .open
  }
}

/// An invoice before the store gave it an id; the number comes from `nextInvoiceSequence`.
public struct NewInvoice: Sendable, Hashable {
  public var number: String
  public var year: Int
  public var sequence: Int64
  public var isCreditNote: Bool
  public var corrects: String?
  public var environmentID: Int64
  public var organisationID: Int64
  public var paymentID: Int64?
  public var issueDate: Day
  public var dueDate: Day
  public var net: Money
  public var vat: Money
  public var total: Money
  public var bonus: Money
  public var means: IssuedInvoice.Means
  public var paymentReference: String
  public var orderNumber: String?
  public var paid: Bool
  public var ubl: String
  public var text: String
  public var createdAt: Instant
  public var replaces: String? = nil
  public var taxCategory: VATCategory = .standard
  public var buyerVAT: String? = nil
}

/// A message waiting in the outbox.
public struct OutboxMessage: Sendable, Hashable {
  public enum Status: String, Sendable { case queued, sent, failed }
  public let id: Int64
  public let key: String
  public let environmentID: Int64?
  public let toName: String
  public let toAddress: String
  public let subject: String
  public let body: String
  public let status: Status
  public let attempts: Int
  public let nextAttemptAt: Instant
  public let lastError: String?
  public let messageID: String?
  public let createdAt: Instant
  public let sentAt: Instant?

  public init(
    id: Int64, key: String, environmentID: Int64?, toName: String, toAddress: String,
    subject: String, body: String, status: Status, attempts: Int, nextAttemptAt: Instant,
    lastError: String?, messageID: String?, createdAt: Instant, sentAt: Instant?
  ) {
    self.id = id
    self.key = key
    self.environmentID = environmentID
    self.toName = toName
    self.toAddress = toAddress
    self.subject = subject
    self.body = body
    self.status = status
    self.attempts = attempts
    self.nextAttemptAt = nextAttemptAt
    self.lastError = lastError
    self.messageID = messageID
    self.createdAt = createdAt
    self.sentAt = sentAt
  }
}
