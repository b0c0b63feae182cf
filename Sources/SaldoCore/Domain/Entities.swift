/// A tenant of the platform: organisations and users sharing one transaction credit.
public struct Environment: Sendable, Hashable, Codable {
  public let id: Int64
  public let name: String
  public let planID: Int64
  public let createdAt: Instant

  public init(id: Int64, name: String, planID: Int64, createdAt: Instant) {
    self.id = id
    self.name = name
    self.planID = planID
    self.createdAt = createdAt
  }
}

/// The postal and legal data an invoice needs of its buyer (or seller).
public struct PartyDetails: Sendable, Hashable, Codable {
  public var street: String?
  public var postcode: String?
  public var city: String?
  public var country: String?
  public var kvk: KvKNumber?
  public var vat: VATID?
  public var peppol: PeppolParticipantID?
  /// A legal registration other than the Dutch KvK number (`0208:0417497106`, `0002:…`), put
  /// in the buyer's legal entity on invoices.
  public var registration: PeppolParticipantID?

  public init(
    street: String? = nil, postcode: String? = nil, city: String? = nil, country: String? = nil,
    kvk: KvKNumber? = nil, vat: VATID? = nil, peppol: PeppolParticipantID? = nil,
    registration: PeppolParticipantID? = nil
  ) {
    self.registration = registration
    self.street = street
    self.postcode = postcode
    self.city = city
    self.country = country
    self.kvk = kvk
    self.vat = vat
    self.peppol = peppol
  }
}

/// One organisation of an environment; consumption is charged where it applies.
public struct Organisation: Sendable, Hashable, Codable {
  public let id: Int64
  public let environmentID: Int64
  public let name: String
  public var details: PartyDetails
  /// The language its invoices are rendered in, when an administrator chose one; see
  /// `invoiceLanguage`.
  public var language: Language?

  public init(
    id: Int64, environmentID: Int64, name: String, details: PartyDetails = PartyDetails(),
    language: Language? = nil
  ) {
    self.id = id
    self.environmentID = environmentID
    self.name = name
    self.details = details
    self.language = language
  }

  /// The language of its invoices: the one chosen, else Dutch for an organisation in the
  /// Netherlands or Belgium (where Dutch is the language of business) and English elsewhere.
  public var invoiceLanguage: Language {
    if let language { return language }
    switch details.country?.uppercased() {
    case "NL", "BE": return .nl
    default: return .en
    }
  }
}

/// Which e-mails a user wants.
public struct NotificationSettings: Sendable, Hashable, Codable {
  /// Credit running low, used up, automatic upgrade done or failed (administrators).
  public var creditAlerts: Bool
  /// A new invoice in the Inbox-in of one of the user's organisations.
  public var invoiceMails: Bool

  public init(creditAlerts: Bool = true, invoiceMails: Bool = true) {
    self.creditAlerts = creditAlerts
    self.invoiceMails = invoiceMails
  }
}

/// A person, known by the operating-system account name they log in with.
public struct User: Sendable, Hashable, Codable {
  public let id: Int64
  public let login: String
  public var displayName: String
  public var email: String?
  public var notifications: NotificationSettings
  /// The language the person chose for their e-mails (`saldo profile --language`); nil to
  /// follow the one they last used.
  public var language: Language?
  /// The language the person last used Saldo in, recorded by their writes.
  public var lastUsedLanguage: Language?

  public init(
    id: Int64, login: String, displayName: String, email: String?,
    notifications: NotificationSettings = NotificationSettings(), language: Language? = nil,
    lastUsedLanguage: Language? = nil
  ) {
    self.id = id
    self.login = login
    self.displayName = displayName
    self.email = email
    self.notifications = notifications
    self.language = language
    self.lastUsedLanguage = lastUsedLanguage
  }

  /// The language e-mails to this person are written in: the one chosen, else the one they
  /// last used, else English (what every e-mail was before there was a choice).
  public var mailLanguage: Language { language ?? lastUsedLanguage ?? .en }
}

/// A user with their role in one environment.
public struct Member: Sendable, Hashable, Codable {
  public let user: User
  public let role: MemberRole
  public init(user: User, role: MemberRole) {
    self.user = user
    self.role = role
  }
}

/// One line of the append-only ledger.
public struct LedgerEntry: Sendable, Hashable, Codable {
  public let id: Int64
  public let environmentID: Int64
  public let organisationID: Int64?
  public let kind: EntryKind
  public let transactionKind: TransactionKind?
  public let amount: Money
  public let at: Instant
  public let reference: String?
  public let actor: String

  public init(
    id: Int64, environmentID: Int64, organisationID: Int64?, kind: EntryKind,
    transactionKind: TransactionKind?, amount: Money, at: Instant, reference: String?,
    actor: String
  ) {
    self.id = id
    self.environmentID = environmentID
    self.organisationID = organisationID
    self.kind = kind
    self.transactionKind = transactionKind
    self.amount = amount
    self.at = at
    self.reference = reference
    self.actor = actor
  }
}
