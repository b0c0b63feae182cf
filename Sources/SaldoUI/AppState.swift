import SaldoCore
import Terminal

/// The colour roles of the toolkit (the core's roles of people are `MemberRole`).
typealias Paint = Terminal.Role

/// Everything the terminal front shows, as one value: `update` changes it, `render` draws it.
public struct AppState {
  /// The environment being looked at; its name heads every screen.
  public var environmentName: String
  /// Draw ASCII only (the locale is not UTF-8).
  public var ascii: Bool
  /// The terminal size; update needs it to move by pages.
  public var size: Size
  /// The data of My environment and of the header, refreshed on ticks.
  public var home: HomeData?
  /// Screens opened on top of each other; the first is My environment (or the member notice).
  public var stack: [Screen] = [.myEnvironment(MyEnvironmentState())]
  public var showsHelp = false
  /// A yes/no question that blocks every other key until answered.
  public var confirm: ConfirmPrompt?
  /// One line in the footer: the outcome of the last action, until the next key.
  public var message: StatusMessage?
  /// Monotonic milliseconds of the last tick and of the last refresh of the aggregates.
  public var nowMs: Int64 = 0
  public var lastRefreshMs: Int64 = 0
  /// Keys before this instant are dropped: the screen after a booking must not take the
  /// second Enter of a double press that was meant for the booking.
  public var ignoreKeysUntilMs: Int64 = 0
  public var quit = false
  /// Text a screen asked to copy (the invoice's IBAN and reference); the loop hands it to
  /// the terminal and clears it.
  public var clipboard: (what: String, text: String)?
  /// Set by the loop while an effect takes longer than a moment: the footer says so.
  public var work: WorkInProgress?

  public init(environmentName: String, ascii: Bool, size: Size) {
    self.environmentName = environmentName
    self.ascii = ascii
    self.size = size
  }

  /// The screen on top: the one that gets keys and is drawn.
  public var top: Screen { stack[stack.count - 1] }

  /// The smallest terminal the screens are laid out for.
  public static let minimumSize = Size(width: 80, height: 24)
  public var isTooSmall: Bool {
    size.width < Self.minimumSize.width || size.height < Self.minimumSize.height
  }

  /// Rows between the header and the footer.
  var bodyHeight: Int { max(0, size.height - 2) }
}

/// One screen of the stack.
public enum Screen {
  case myEnvironment(MyEnvironmentState)
  case payAndUpgrade(PayAndUpgradeState)
  case checkout(CheckoutState)
  case inbox(InboxState)
  case invoice(InvoiceViewState)
  case transactions(TransactionsState)
  case autoUpgrade(AutoUpgradeFormState)
  case payments(PaymentsState)

  /// Unsaved input that q, Esc or Ctrl-C must not throw away without asking.
  var isDirty: Bool { unsavedWork != nil }

  /// What would be lost, for the question asked before losing it; nil when nothing would.
  var unsavedWork: String? {
    switch self {
    case .payAndUpgrade(let dialog) where dialog.isDirty: tr("the top-up you started")
    case .autoUpgrade(let form) where form.isDirty: tr("your changes to the automatic upgrade")
    default: nil
    }
  }

  var title: String {
    switch self {
    case .myEnvironment: tr("My environment")
    case .payAndUpgrade: tr("Pay and upgrade")
    case .checkout: tr("Checkout")
    case .inbox(let inbox): tr("Inbox-in of \(Sanitize.line(inbox.organisation.name, limit: 60))")
    case .invoice(let view): tr("Invoice \(Sanitize.line(view.number, limit: 30))")
    case .transactions: tr("Transactions")
    case .autoUpgrade: tr("Edit automatic upgrade")
    case .payments: tr("Payments")
    }
  }
}

public struct ConfirmPrompt: Equatable {
  public enum Action: Equatable {
    /// Close the top screen, losing its input.
    case discardTop
    case quit
    /// Run these effects (switching the automatic upgrade off, overwriting a file).
    case perform([Effect])
  }
  public var question: String
  public var action: Action
  /// The frame's title: what kind of question this is.
  public var title: String

  public init(question: String, action: Action, title: String? = nil) {
    self.question = question
    self.action = action
    self.title = title ?? tr("Unsaved changes")
  }
}

/// Why the screen is not answering keys yet.
public enum WorkInProgress: Equatable, Sendable {
  case working
  /// Another program holds the database; the store waits for it (10 s at most).
  case waitingForDatabase

  var text: String {
    switch self {
    case .working: tr("working…")
    case .waitingForDatabase:
      tr("waiting for the database (another program is writing to it)…")
    }
  }
}

public struct StatusMessage: Equatable {
  public enum Kind: Equatable { case info, success, error }
  public var kind: Kind
  public var text: String

  public static func error(_ text: String) -> StatusMessage { .init(kind: .error, text: text) }
  public static func success(_ text: String) -> StatusMessage { .init(kind: .success, text: text) }
  public static func info(_ text: String) -> StatusMessage { .init(kind: .info, text: text) }
}

/// What the screens need of the environment, loaded from aggregates only (no history scan).
public struct HomeData: Sendable {
  public var environment: Environment
  /// Administrators and operators see the credit; members see a notice.
  public var mayAdminister: Bool
  /// An administrator of this environment (operators may look, not top up or change).
  public var isAdministrator: Bool
  public var administratorNames: String
  public var summary: CreditSummary?
  /// Consumption per day, oldest first, for the last 100 full days.
  public var daily: [Money]
  public var organisations: [Organisation]
  public var unread: [Int64: Int]
  public var latest: [LedgerEntry]
  public var plan: Plan?
  /// The automatic upgrade; nil when it was never set up (off).
  public var autoUpgrade: AutoUpgradeSettings?
  /// The day of the latest collection by the automatic upgrade.
  public var lastAutoUpgrade: Day?
  /// What the automatic upgrade did or could not do lately, newest first (a cap, a failure,
  /// a reversal must be seen on My environment, not only in an e-mail).
  public var autoUpgradeEvents: [AutoUpgradeEvent]
  /// Online payments still open or pending: My environment offers the payments view.
  public var openPayments = 0
  /// What the automatic upgrade may still collect this month under its monthly cap, when the
  /// core reports it; My environment shows it beside the automatic upgrade.
  public var autoUpgradeCapLeft: Money?

  public init(
    environment: Environment, mayAdminister: Bool, administratorNames: String,
    summary: CreditSummary?, daily: [Money], organisations: [Organisation],
    unread: [Int64: Int], latest: [LedgerEntry], plan: Plan?,
    autoUpgrade: AutoUpgradeSettings? = nil, lastAutoUpgrade: Day? = nil,
    autoUpgradeEvents: [AutoUpgradeEvent] = [], isAdministrator: Bool? = nil
  ) {
    self.environment = environment
    self.mayAdminister = mayAdminister
    self.isAdministrator = isAdministrator ?? mayAdminister
    self.administratorNames = administratorNames
    self.summary = summary
    self.daily = daily
    self.organisations = organisations
    self.unread = unread
    self.latest = latest
    self.plan = plan
    self.autoUpgrade = autoUpgrade
    self.lastAutoUpgrade = lastAutoUpgrade
    self.autoUpgradeEvents = autoUpgradeEvents
  }

  /// The screens' view of the core's overview.
  init(_ overview: EnvironmentOverview) {
    self.init(
      environment: overview.environment, mayAdminister: overview.mayAdminister,
      administratorNames: overview.administratorNames, summary: overview.credit?.summary,
      daily: overview.credit?.daily ?? [], organisations: overview.organisations,
      unread: overview.unread, latest: overview.credit?.latest ?? [],
      plan: overview.credit?.plan, autoUpgrade: overview.credit?.autoUpgrade,
      lastAutoUpgrade: overview.credit?.lastAutoUpgrade,
      autoUpgradeEvents: overview.credit?.autoUpgradeEvents ?? [],
      isAdministrator: overview.isAdministrator)
    openPayments = overview.credit?.openPayments ?? 0
    autoUpgradeCapLeft = overview.credit?.capLeft
  }

  func organisationName(_ id: Int64?) -> String {
    guard let id, let organisation = organisations.first(where: { $0.id == id }) else { return "" }
    return Sanitize.line(organisation.name, limit: 60)
  }
}
