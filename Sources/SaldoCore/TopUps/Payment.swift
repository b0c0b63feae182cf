/// Where a top-up payment stands. Online payments (iDEAL | Wero, Bancontact) go
/// open → pending → paid | failed | canceled | expired; a top-up by invoice is `invoiced` at
/// once, because the platform credits invoice top-ups immediately.
public enum PaymentStatus: String, Sendable, CaseIterable, Codable {
  case open, pending, paid, failed, canceled, expired, invoiced

  public var isFinal: Bool { ![.open, .pending].contains(self) }

  /// The status as a person reads it, in their language; `rawValue` is the word machine
  /// formats (JSON, the command line's outcomes) carry.
  public var label: String {
    switch self {
    case .open: return tr("open")
    case .pending: return tr("pending")
    case .paid: return tr("paid")
    case .failed: return tr("failed")
    case .canceled: return tr("canceled")
    case .expired: return tr("expired")
    case .invoiced: return tr("invoiced")
    }
  }

  /// The lifecycle as a table: anything not listed is refused.
  public func canMove(to next: PaymentStatus) -> Bool {
    switch (self, next) {
    case (.open, .pending), (.open, .canceled), (.open, .expired): return true
    case (.pending, .paid), (.pending, .failed), (.pending, .canceled), (.pending, .expired):
      return true
    default: return false
    }
  }

  /// The outcomes an administrator may choose in the sandbox provider's checkout.
  public static let outcomes: [PaymentStatus] = [.paid, .failed, .canceled, .expired]
}

/// A top-up payment as stored.
public struct Payment: Sendable, Hashable {
  public let id: Int64
  public let environmentID: Int64
  /// The organisation that receives the invoice.
  public let organisationID: Int64
  public let method: PaymentMethod
  /// The credit bought (excluding VAT).
  public let amount: Money
  /// Free bonus credit of the bundle tier `amount` reaches.
  public let bonus: Money
  /// Dutch VAT on `amount`; the customer pays `amount + vat`.
  public let vat: Money
  public let status: PaymentStatus
  public let idempotencyKey: String
  public let provider: String
  public let checkoutReference: String?
  public let orderNumber: String?
  /// Whether the credit was booked (exactly once, when it became due).
  public let credited: Bool
  public let invoiceNumber: String?
  public let createdAt: Instant
  public let updatedAt: Instant
  public let expiresAt: Instant
  public let actor: String

  public init(
    id: Int64, environmentID: Int64, organisationID: Int64, method: PaymentMethod, amount: Money,
    bonus: Money, vat: Money, status: PaymentStatus, idempotencyKey: String, provider: String,
    checkoutReference: String?, orderNumber: String?, credited: Bool, invoiceNumber: String?,
    createdAt: Instant, updatedAt: Instant, expiresAt: Instant, actor: String
  ) {
    self.id = id
    self.environmentID = environmentID
    self.organisationID = organisationID
    self.method = method
    self.amount = amount
    self.bonus = bonus
    self.vat = vat
    self.status = status
    self.idempotencyKey = idempotencyKey
    self.provider = provider
    self.checkoutReference = checkoutReference
    self.orderNumber = orderNumber
    self.credited = credited
    self.invoiceNumber = invoiceNumber
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.expiresAt = expiresAt
    self.actor = actor
  }

  public var total: Money { Money(mills: amount.mills + vat.mills) }
}

/// A payment before the store gave it an id.
public struct NewPayment: Sendable, Hashable {
  public var environmentID: Int64
  public var organisationID: Int64
  public var method: PaymentMethod
  public var amount: Money
  public var bonus: Money
  public var vat: Money
  public var status: PaymentStatus
  public var idempotencyKey: String
  public var provider: String
  public var checkoutReference: String?
  public var orderNumber: String?
  public var createdAt: Instant
  public var expiresAt: Instant
  public var actor: String
}
