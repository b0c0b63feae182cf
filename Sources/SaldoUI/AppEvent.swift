import SaldoCore
import Terminal

/// What `update` receives: input from the terminal, and the results of effects.
public enum AppEvent: Sendable {
  case key(Key)
  case resize(Size)
  /// The terminal was idle; `nowMs` is a monotonic clock, so refreshes can be spaced.
  case tick(nowMs: Int64)
  case signal(TerminationSignal)
  case homeLoaded(Result<HomeData, UIError>)
  /// A fresh idempotency key and the figures the Pay and upgrade dialog needs.
  case payAndUpgradeReady(Result<PayAndUpgradeSetup, UIError>)
  case toppedUp(Result<TopUpResult, UIError>)
  case settled(Result<TopUpResult, UIError>)
  /// What the remote provider said about the payment on the checkout screen.
  case paymentFollowed(Result<FollowedPayment, UIError>)
  case inboxLoaded(organisationID: Int64, Result<[IssuedInvoice], UIError>)
  case invoiceOpened(Result<IssuedInvoice, UIError>)
  case invoiceExported(Result<String, UIError>)
  case transactionsLoaded(LedgerPageRequest, Result<LedgerPage, UIError>)
  case paymentsLoaded(Result<[Payment], UIError>)
  case paymentCanceled(Result<Payment, UIError>)
  case checkoutResumed(organisationName: String, Result<TopUpResult, UIError>)
  case transactionsExported(Result<String, UIError>)
  /// The core's answer to a search of the whole ledger: the next match, or nil for none.
  case transactionFound(LedgerSearch, Result<LedgerMatch?, UIError>)
  /// A long export is under way: its progress line for the status line, while it runs.
  case exportProgress(String)
  /// The current settings and choices the Edit automatic upgrade form opens with.
  case autoUpgradeFormReady(Result<AutoUpgradeSetup, UIError>)
  /// The core's answer to Save: the stored settings, or nil when it was switched off.
  case autoUpgradeSaved(Result<AutoUpgradeSettings?, UIError>)
}

/// Work for the runtime: everything that reads or changes the store, or writes a file.
public enum Effect: Equatable, Sendable {
  /// The aggregates of My environment and the header (cheap: no history scan).
  case loadHome
  case preparePayAndUpgrade
  case topUp(TopUpOrder)
  case settle(paymentID: Int64, outcome: PaymentStatus)
  /// Asks the remote provider where a payment stands (the checkout screen's poll).
  case followPayment(id: Int64)
  case loadInbox(Organisation)
  /// Opens an invoice, which marks it read.
  case openInvoice(number: String)
  case exportInvoice(number: String, path: String)
  case loadTransactions(LedgerPageRequest)
  /// The environment's payments, newest first (open ones past their lifetime expire first).
  case loadPayments
  case cancelPayment(id: Int64)
  /// Continues an open checkout from the payments view.
  case resumeCheckout(id: Int64, organisationName: String)
  case exportTransactions(LedgerFilter, path: String)
  /// Searches the whole ledger (references and organisation names) past the selected row,
  /// wrapping to the newest once.
  case findTransaction(LedgerSearch)
  /// Opens Edit automatic upgrade (administrators only: the runtime asks the core first).
  case prepareAutoUpgradeForm
  /// Switches the automatic upgrade on with these settings, lifting a pause.
  case saveAutoUpgrade(AutoUpgradeInput)
  case disableAutoUpgrade
}

/// A top-up as the dialog submits it.
public struct TopUpOrder: Equatable, Sendable {
  public var amount: Money
  public var method: PaymentMethod
  public var organisationID: Int64?
  public var orderNumber: String?
  public var idempotencyKey: String
}

/// What the Pay and upgrade dialog is opened with.
public struct PayAndUpgradeSetup: Sendable {
  public var idempotencyKey: String
  public var plan: Plan
  public var organisations: [Organisation]
  /// The methods the dialog offers, each with the core's availability and reason (the plan,
  /// and any other rule the core applies, such as an overdue invoice).
  public var methods: [PaymentMethodChoice]
  /// The core's VAT treatment of each organisation, so the VAT line matches the invoice.
  public var taxes: TopUpTaxes

  public init(
    idempotencyKey: String, plan: Plan, organisations: [Organisation],
    methods: [PaymentMethodChoice]? = nil, taxes: TopUpTaxes? = nil
  ) {
    self.taxes =
      taxes
      ?? TopUpTaxes(
        byOrganisation: [:], defaultOrganisationID: nil,
        fallback: .standard(on: Day(number: 0)))
    self.idempotencyKey = idempotencyKey
    self.plan = plan
    self.organisations = organisations
    self.methods =
      methods
      ?? [PaymentMethod.ideal, .bancontact, .invoice].map {
        PaymentMethodChoice(method: $0, availability: plan.availability(of: $0))
      }
  }
}

/// One payment method of the dialog with whether it can be used now, and why not.
public struct PaymentMethodChoice: Equatable, Sendable {
  public var method: PaymentMethod
  public var availability: MethodAvailability

  public init(method: PaymentMethod, availability: MethodAvailability) {
    self.method = method
    self.availability = availability
  }
}

/// What the Edit automatic upgrade form is opened with.
public struct AutoUpgradeSetup: Sendable {
  /// nil when the automatic upgrade was never set up.
  public var settings: AutoUpgradeSettings?
  /// The organisations that may receive the invoices.
  public var organisations: [Organisation]
  /// The latest things the automatic upgrade did, newest first.
  public var events: [AutoUpgradeEvent]
  /// Why the subscription does not allow the automatic upgrade, if it does not.
  public var planReason: String?

  public init(
    settings: AutoUpgradeSettings?, organisations: [Organisation], events: [AutoUpgradeEvent],
    planReason: String? = nil
  ) {
    self.settings = settings
    self.organisations = organisations
    self.events = events
    self.planReason = planReason
  }
}

/// One page of the ledger to fetch, in event-time order.
public struct LedgerPageRequest: Equatable, Sendable {
  public enum Purpose: Equatable, Sendable {
    /// A new first page from the newest end (opened, Home, or the filter changed).
    case reset
    /// The page after the last loaded row.
    case older
    /// The page before the first loaded row.
    case newer
    /// The page at the oldest end (End).
    case oldest
    /// The page that starts at a search match, row `row` of the filtered ledger newest first.
    case match(row: Int)
  }
  public var filter: LedgerFilter
  public var position: LedgerPosition?
  public var order: LedgerOrder
  public var limit: Int
  public var purpose: Purpose

  public init(
    filter: LedgerFilter, position: LedgerPosition?, order: LedgerOrder, limit: Int,
    purpose: Purpose
  ) {
    self.filter = filter
    self.position = position
    self.order = order
    self.limit = limit
    self.purpose = purpose
  }
}

/// A search of the whole filtered ledger, starting after `after` (the selected row), newest
/// first.
public struct LedgerSearch: Equatable, Sendable {
  public var filter: LedgerFilter
  public var text: String
  public var after: LedgerPosition?

  public init(filter: LedgerFilter, text: String, after: LedgerPosition?) {
    self.filter = filter
    self.text = text
    self.after = after
  }
}

/// A page of the ledger and, for a new first page, the size and sum of the filtered set.
public struct LedgerPage: Equatable, Sendable {
  public var entries: [LedgerEntry]
  public var totals: LedgerTotals?

  public init(entries: [LedgerEntry], totals: LedgerTotals?) {
    self.entries = entries
    self.totals = totals
  }
}

/// An error from the core (or a file), reduced to the one line the core wrote for people.
public struct UIError: Error, Equatable {
  public var message: String

  public init(_ message: String) { self.message = Sanitize.line(message, limit: 300) }

  public init(_ error: any Error) {
    if let described = error as? CustomStringConvertible {
      self.init(described.description)
    } else {
      self.init(String(describing: error))
    }
  }
}
