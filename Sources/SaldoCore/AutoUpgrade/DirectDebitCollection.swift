/// A SEPA direct-debit collection made by an automatic upgrade: one debit of one customer,
/// a state machine whose transitions are the only way it changes.
///
///     scheduled ──export──▶ exported ──window passed / recorded──▶ settled
///         │                    └──────bank returned it──────────▶ returned
///         └──invoice cancelled before export──▶ withdrawn
public struct DirectDebitCollection: Sendable, Hashable {
  public enum Status: String, Sendable, CaseIterable {
    /// Made and credited; waiting to be written into a file for the bank.
    case scheduled
    /// In a SEPA file (never exported again); the bank may still return it.
    case exported
    /// The return window passed (or an operator recorded the money): the invoice is paid.
    case settled
    /// The bank returned it (an R-transaction); its credit was taken back.
    case returned
    /// Taken out before it reached the bank, because its invoice was cancelled.
    case withdrawn

    /// The lifecycle as a table: anything not listed is refused.
    public func canMove(to next: Status) -> Bool {
      switch (self, next) {
      case (.scheduled, .exported), (.scheduled, .withdrawn): return true
      case (.exported, .settled), (.exported, .returned): return true
      default: return false
      }
    }

    /// Whether money is still expected from this collection (or has arrived).
    public var isLive: Bool { self == .scheduled || self == .exported || self == .settled }

    public var isFinal: Bool { self == .settled || self == .returned || self == .withdrawn }

    /// The status as a person reads it, in their language; `rawValue` is for machine formats.
    public var label: String {
      switch self {
      case .scheduled: return tr("scheduled")
      case .exported: return tr("exported")
      case .settled: return tr("settled")
      case .returned: return tr("returned")
      case .withdrawn: return tr("withdrawn")
      }
    }
  }

  public let id: Int64
  public let environmentID: Int64
  /// The day the upgrade was decided for (a catch-up may name a past day).
  public let day: Day
  /// The Amsterdam day the upgrade was really made: at most one per environment.
  public let createdDay: Day
  public let paymentID: Int64
  public let invoiceNumber: String
  public let endToEndID: String
  /// What is collected: credit plus VAT.
  public let amount: Money
  /// What was credited (credit plus bonus), taken back if the debit is returned.
  public let credited: Money
  /// Where it sits in the life of its mandate: FRST for the first, RCUR after (the SEPA
  /// file's own type, so the two can never disagree).
  public let sequence: SEPASequenceType
  public let mandateID: MandateReference
  public let mandateDate: Day
  public let debtorName: String
  public let debtorIBAN: IBAN
  public let debtorBIC: BIC?
  /// The earliest day it may be collected, as its invoice states.
  public let collectionDate: Day
  public let status: Status
  /// The SEPA file that carries it, once exported.
  public let fileID: Int64?
  /// The day it settles by itself unless the bank returns it first (exported only).
  public let settlesOn: Day?
  /// Why the bank returned it (code and text), or why it was withdrawn.
  public let reversalReason: String?

  public init(
    id: Int64, environmentID: Int64, day: Day, createdDay: Day, paymentID: Int64,
    invoiceNumber: String, endToEndID: String, amount: Money, credited: Money,
    sequence: SEPASequenceType, mandateID: MandateReference, mandateDate: Day, debtorName: String,
    debtorIBAN: IBAN, debtorBIC: BIC?, collectionDate: Day, status: Status, fileID: Int64?,
    settlesOn: Day?, reversalReason: String?
  ) {
    self.id = id
    self.environmentID = environmentID
    self.day = day
    self.createdDay = createdDay
    self.paymentID = paymentID
    self.invoiceNumber = invoiceNumber
    self.endToEndID = endToEndID
    self.amount = amount
    self.credited = credited
    self.sequence = sequence
    self.mandateID = mandateID
    self.mandateDate = mandateDate
    self.debtorName = debtorName
    self.debtorIBAN = debtorIBAN
    self.debtorBIC = debtorBIC
    self.collectionDate = collectionDate
    self.status = status
    self.fileID = fileID
    self.settlesOn = settlesOn
    self.reversalReason = reversalReason
  }
}

/// A new collection, before the store gave it an id.
public struct NewCollection: Sendable, Hashable {
  public var environmentID: Int64
  public var day: Day
  public var createdDay: Day
  public var paymentID: Int64
  public var invoiceNumber: String
  public var endToEndID: String
  public var amount: Money
  public var credited: Money
  public var sequence: SEPASequenceType
  public var mandateID: MandateReference
  public var mandateDate: Day
  public var debtorName: String
  public var debtorIBAN: IBAN
  public var debtorBIC: BIC?
  public var collectionDate: Day
}

/// A SEPA direct-debit file as written for the bank, kept so it can be written again byte for
/// byte.
public struct SEPAFileRecord: Sendable, Hashable {
  public let id: Int64
  public let messageID: String
  /// Collections of upgrades made up to and including this day were taken.
  public let upToDay: Day
  public let collectionDate: Day
  public let count: Int
  public let total: Money
  public let xml: String
  public let createdAt: Instant
  public let actor: String

  public init(
    id: Int64, messageID: String, upToDay: Day, collectionDate: Day, count: Int, total: Money,
    xml: String, createdAt: Instant, actor: String
  ) {
    self.id = id
    self.messageID = messageID
    self.upToDay = upToDay
    self.collectionDate = collectionDate
    self.count = count
    self.total = total
    self.xml = xml
    self.createdAt = createdAt
    self.actor = actor
  }
}
