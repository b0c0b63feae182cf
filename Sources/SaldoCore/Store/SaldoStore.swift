/// The core's view of persistence: repositories and transactions, with no SQL in sight.
///
/// Rules and services speak only to this protocol. SQLite (`SQLiteStore`) is the embedded
/// default; a server database can take over for a platform that outgrows one machine by
/// implementing the same protocol, without touching rules or screens. It is made of one part
/// per feature (platform, directory, ledger, payments, invoices, outbox, automatic upgrade,
/// keys), so another store can be written and tested a feature at a time.
///
/// Every method must be called inside `read` or `write`. `write` takes the write lock before
/// `body` runs, so a read-check-write decision in `body` cannot be overtaken by another process.
public protocol SaldoStore:
  PlatformStore, DirectoryStore, LedgerStore, PaymentStore, InvoiceStore, OutboxStore,
  AutoUpgradeStore, KeyStore
{
  func read<T>(_ body: () throws -> T) throws -> T
  /// Checks every guarantee the store makes, straight from its data; the problems found
  /// (empty when sound). `saldo check` runs this for any store, not one kind of it.
  func verify() throws -> [String]
  func write<T>(_ body: () throws -> T) throws -> T
  /// Inside `write`: runs `body` so that when it throws only its own changes are undone.
  func contained<T>(_ body: () throws -> T) throws -> T
  /// Whether the current transaction is a `write`: small writes a read must not make (the
  /// language a person last used) are made only then.
  var isWriting: Bool { get }
}

/// An entry found by a search of the whole ledger, and where it stands in the filtered
/// ledger newest first (0 is the newest), so a screen can page to it and number it.
public struct LedgerMatch: Sendable, Hashable {
  public var entry: LedgerEntry
  public var rowNumber: Int

  public init(entry: LedgerEntry, rowNumber: Int) {
    self.entry = entry
    self.rowNumber = rowNumber
  }
}

/// A ledger entry before the store gave it an id.
public struct NewLedgerEntry: Sendable, Hashable {
  public var environmentID: Int64
  public var organisationID: Int64?
  public var kind: EntryKind
  public var transactionKind: TransactionKind?
  public var amount: Money
  public var at: Instant
  public var reference: String?
  public var actor: String

  public init(
    environmentID: Int64, organisationID: Int64?, kind: EntryKind,
    transactionKind: TransactionKind? = nil, amount: Money, at: Instant, reference: String?,
    actor: String
  ) {
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

/// Which ledger entries to list: all fields optional, combined with AND.
public struct LedgerFilter: Sendable, Hashable {
  public var from: Day?
  public var to: Day?
  public var organisationID: Int64?
  public var kind: EntryKind?
  public var transactionKind: TransactionKind?

  public init(
    from: Day? = nil, to: Day? = nil, organisationID: Int64? = nil, kind: EntryKind? = nil,
    transactionKind: TransactionKind? = nil
  ) {
    self.from = from
    self.to = to
    self.organisationID = organisationID
    self.kind = kind
    self.transactionKind = transactionKind
  }
}

/// A place in the ledger's event-time order: entries with equal times are ordered by id.
public struct LedgerPosition: Sendable, Hashable {
  public var at: Instant
  public var id: Int64

  public init(at: Instant, id: Int64) {
    self.at = at
    self.id = id
  }

  public init(_ entry: LedgerEntry) {
    self.init(at: entry.at, id: entry.id)
  }
}

/// Which way a page of the ledger runs in event time.
public enum LedgerOrder: Sendable, Hashable {
  /// Newest first: the page after `position` holds older entries.
  case newestFirst
  /// Oldest first: the page after `position` holds newer entries.
  case oldestFirst
}

/// The size of a filtered set of ledger entries.
public struct LedgerTotals: Sendable, Hashable {
  public var count: Int
  public var sum: Money

  public init(count: Int, sum: Money) {
    self.count = count
    self.sum = sum
  }
}
