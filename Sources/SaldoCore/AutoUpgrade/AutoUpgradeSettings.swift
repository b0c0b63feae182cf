/// How much an automatic upgrade tops up.
public enum AutoUpgradeAmount: Sendable, Hashable {
  /// A fixed amount of credit (excluding VAT).
  case fixed(Money)
  /// Enough credit to cover this many days at the 100-day average, in whole euros.
  case coverDays(Int)
}

/// The automatic upgrade of an environment: tops up by SEPA direct debit when the average daily
/// consumption of the past 100 days would not cover the next 20 days.
public struct AutoUpgradeSettings: Sendable, Hashable {
  /// How many days an "enough to cover N days" amount may cover.
  public static let coverDaysRange = 1...365

  public var enabled: Bool
  public var amount: AutoUpgradeAmount
  /// The direct-debit mandate the environment's administrator signed.
  public var holder: String
  public var iban: String
  public var mandateID: String
  public var mandateDate: Day
  /// The organisation that receives the invoices.
  public var organisationID: Int64
  public var orderNumber: String?
  /// At most this much credit by automatic upgrades per calendar month.
  public var monthlyCap: Money?
  /// Set when the system paused it (a reversal, an invalid mandate); cleared when an
  /// administrator saves the settings again.
  public var pausedReason: String?
  public var updatedAt: Instant
  public var updatedBy: String

  public init(
    enabled: Bool, amount: AutoUpgradeAmount, holder: String, iban: String, mandateID: String,
    mandateDate: Day, organisationID: Int64, orderNumber: String?, monthlyCap: Money?,
    pausedReason: String? = nil, updatedAt: Instant, updatedBy: String
  ) {
    self.enabled = enabled
    self.amount = amount
    self.holder = holder
    self.iban = iban
    self.mandateID = mandateID
    self.mandateDate = mandateDate
    self.organisationID = organisationID
    self.orderNumber = orderNumber
    self.monthlyCap = monthlyCap
    self.pausedReason = pausedReason
    self.updatedAt = updatedAt
    self.updatedBy = updatedBy
  }

  /// Whether an upgrade may run now: on, and not paused.
  public var isActive: Bool { enabled && pausedReason == nil }

  /// The amount for a day, given the consumption of the 100 days before it.
  public func amount(windowConsumption: Money) -> Money {
    switch amount {
    case .fixed(let money): return money
    case .coverDays(let days):
      let needed = CreditRules.amountToCover(days: Int64(days), windowConsumption: windowConsumption)
      return max(needed, TopUpRules.minimum)
    }
  }
}

/// A SEPA direct-debit collection made by an automatic upgrade.
public struct DirectDebitCollection: Sendable, Hashable {
  public enum Sequence: String, Sendable { case first = "FRST", recurring = "RCUR" }
  public enum Status: String, Sendable { case scheduled, reversed }

  public let id: Int64
  public let environmentID: Int64
  /// The day the upgrade was due (at most one per environment and day).
  public let day: Day
  public let paymentID: Int64
  public let invoiceNumber: String
  public let endToEndID: String
  /// What is collected: credit plus VAT.
  public let amount: Money
  /// What was credited (credit plus bonus), taken back if the debit is reversed.
  public let credited: Money
  public let sequence: Sequence
  public let mandateID: String
  public let mandateDate: Day
  public let debtorName: String
  public let debtorIBAN: String
  public let collectionDate: Day
  public let status: Status
  public let reversalReason: String?

  public init(
    id: Int64, environmentID: Int64, day: Day, paymentID: Int64, invoiceNumber: String,
    endToEndID: String, amount: Money, credited: Money, sequence: Sequence, mandateID: String,
    mandateDate: Day, debtorName: String, debtorIBAN: String, collectionDate: Day, status: Status,
    reversalReason: String?
  ) {
    self.id = id
    self.environmentID = environmentID
    self.day = day
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
    self.collectionDate = collectionDate
    self.status = status
    self.reversalReason = reversalReason
  }
}

/// Something the automatic upgrade did or could not do; the latest shows in My environment.
public struct AutoUpgradeEvent: Sendable, Hashable {
  public enum Kind: String, Sendable { case done, failed, capped, paused, settings }
  public let at: Instant
  public let kind: Kind
  public let message: String

  public init(at: Instant, kind: Kind, message: String) {
    self.at = at
    self.kind = kind
    self.message = message
  }
}

/// SEPA return reason codes a bank gives for a reversed debit.
public enum ReversalReason {
  public static let codes: [String: String] = [
    "AC01": "incorrect account number", "AC04": "account closed", "AC06": "account blocked",
    "AG01": "direct debit forbidden on this account", "AG02": "invalid bank operation code",
    "AM04": "insufficient funds", "AM05": "duplicate collection", "BE05": "unknown creditor",
    "MD01": "no valid mandate", "MD02": "mandate data missing or incorrect",
    "MD06": "refund requested by the debtor", "MD07": "debtor deceased",
    "MS02": "refused by the debtor", "MS03": "reason not specified", "RC01": "incorrect BIC",
    "RR01": "regulatory reason", "RR02": "regulatory reason", "RR03": "regulatory reason",
    "RR04": "regulatory reason", "SL01": "specific service of the debtor's bank",
    "FF01": "invalid file format", "CNOR": "creditor bank not registered",
    "DNOR": "debtor bank not registered",
  ]

  public static func check(_ code: String) throws -> (code: String, text: String) {
    let upper = code.uppercased().trimmingWhitespace()
    guard let text = codes[upper] else {
      throw SaldoError.invalid(
        "unknown reason code \"\(Sanitize.line(code, limit: 10))\"; use a SEPA return code such"
          + " as AM04 (insufficient funds), MD06 (refund requested) or AC04 (account closed)")
    }
    return (upper, text)
  }
}
