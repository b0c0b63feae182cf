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
  public var iban: IBAN
  /// The debtor's bank; needed where the account is outside the EEA (GB, CH, …).
  public var bic: BIC?
  public var mandateID: MandateReference
  public var mandateDate: Day
  /// The organisation that receives the invoices.
  public var organisationID: Int64
  public var orderNumber: String?
  /// At most this much credit by automatic upgrades per calendar month.
  public var monthlyCap: Money?
  /// Set when the system paused it (a reversal, an invalid mandate); cleared when an
  /// administrator saves the settings again.
  public var pausedReason: String?
  /// The same reason in Dutch, when the pause was written with translations.
  public var pausedReasonDutch: String?
  /// The pause's reason in the reader's language, where it has it.
  public var pausedReasonShown: String? {
    Language.current == .nl ? pausedReasonDutch ?? pausedReason : pausedReason
  }
  public var updatedAt: Instant
  public var updatedBy: String

  public init(
    enabled: Bool, amount: AutoUpgradeAmount, holder: String, iban: IBAN,
    mandateID: MandateReference,
    mandateDate: Day, organisationID: Int64, orderNumber: String?, monthlyCap: Money?,
    pausedReason: String? = nil, updatedAt: Instant, updatedBy: String, bic: BIC? = nil
  ) {
    self.bic = bic
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

  /// The credit an upgrade buys, given the consumption of the 100 days before the day and the
  /// balance. "Enough for N days" covers N days at the average from a balance of zero (at least
  /// the smallest top-up), plus the deficit while the balance is below zero: an environment
  /// that is blocked is unblocked, also when there is no consumption to measure by.
  public func amount(windowConsumption: Money, balance: Money = .zero) -> Money {
    switch amount {
    case .fixed(let money): return money
    case .coverDays(let days):
      let needed = CreditRules.amountToCover(
        days: Int64(days), windowConsumption: windowConsumption)
      let cover = max(needed, TopUpRules.minimum)
      guard balance.mills < 0 else { return cover }
      let mills = cover.mills - balance.mills
      return Money(mills: (mills + Money.scale - 1) / Money.scale * Money.scale)
    }
  }
}

/// Something the automatic upgrade did or could not do; the latest shows in My environment.
public struct AutoUpgradeEvent: Sendable, Hashable {
  public enum Kind: String, Sendable { case done, failed, capped, paused, settings }
  public let at: Instant
  public let kind: Kind
  /// In English, as the history keeps it (and JSON and the change log show it).
  public let message: String
  /// The same in Dutch, when the event was written with translations.
  public let dutch: String?

  public init(at: Instant, kind: Kind, message: String, dutch: String? = nil) {
    self.at = at
    self.kind = kind
    self.message = message
    self.dutch = dutch
  }

  /// An event written now in both languages.
  public init(at: Instant, kind: Kind, messages: Translations) {
    self.init(at: at, kind: kind, message: messages.english, dutch: messages.texts[.nl])
  }

  /// The message in the reader's language, where the event has it.
  public var shown: String { Language.current == .nl ? dutch ?? message : message }
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
        tr(
          "unknown reason code \"\(Sanitize.line(code, limit: 10))\"; use a SEPA return code such"
            + " as AM04 (insufficient funds), MD06 (refund requested) or AC04 (account closed)"))
    }
    return (upper, text)
  }
}
