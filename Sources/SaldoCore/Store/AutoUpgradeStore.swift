/// Persistence of the automatic upgrade. Part of `SaldoStore`.
public protocol AutoUpgradeStore: AnyObject {
  func autoUpgrade(environmentID: Int64) throws -> AutoUpgradeSettings?
  /// Every environment's settings, for the daily sweep.
  func allAutoUpgrades() throws -> [Int64: AutoUpgradeSettings]
  /// The running alert episodes per environment, for the daily sweep.
  func runningAlerts() throws -> [Int64: Set<String>]
  func saveAutoUpgrade(_ settings: AutoUpgradeSettings, environmentID: Int64) throws
  func recordAutoUpgradeChange(environmentID: Int64, at: Instant, actor: String, change: String)
    throws
  func autoUpgradeChanges(environmentID: Int64, limit: Int) throws
    -> [(at: Instant, actor: String, change: String)]

  func insertCollection(_ collection: NewCollection, at: Instant) throws -> Int64
  /// The upgrade really made on an Amsterdam day (at most one per environment).
  func collection(environmentID: Int64, createdDay: Day) throws -> DirectDebitCollection?
  func collection(id: Int64) throws -> DirectDebitCollection?
  func collection(endToEndID: String) throws -> DirectDebitCollection?
  func collection(paymentID: Int64) throws -> DirectDebitCollection?
  func collections(createdDay: Day) throws -> [DirectDebitCollection]
  func collections(environmentID: Int64, limit: Int) throws -> [DirectDebitCollection]
  /// Scheduled collections of upgrades made up to `day`, oldest first.
  func collectionsAwaitingExport(upTo day: Day) throws -> [DirectDebitCollection]
  /// Exported collections whose return window ends by `day`.
  func collectionsSettling(by day: Day) throws -> [DirectDebitCollection]
  func collections(fileID: Int64) throws -> [DirectDebitCollection]
  /// Collections under a mandate that were not returned or withdrawn (FRST is for the first).
  func standingCollections(mandateID: MandateReference) throws -> Int
  /// What left (or will leave) the customer's account, VAT included, for upgrades made on the
  /// Amsterdam days `createdFrom...to`; returned and withdrawn collections excluded.
  func collectedAmount(environmentID: Int64, createdFrom: Day, to: Day) throws -> Money
  /// Moves a collection from `from` to `to` only if it is still in `from` (compare and set),
  /// and records the transition; false when it was not in `from`.
  func moveCollection(
    id: Int64, from: DirectDebitCollection.Status, to: DirectDebitCollection.Status,
    change: CollectionChange, at: Instant, actor: String
  ) throws -> Bool
  /// Whether another environment uses this mandate reference (the platform is one creditor).
  func mandateInUse(mandateID: MandateReference, outside environmentID: Int64) throws -> Bool

  func nextSEPAFileID() throws -> Int64
  func insertSEPAFile(
    messageID: String, upTo: Day, collectionDate: Day, count: Int, total: Money, xml: String,
    at: Instant, actor: String
  ) throws -> Int64
  /// A file by its message id or its number.
  func sepaFile(reference: String) throws -> SEPAFileRecord?
  func sepaFiles(limit: Int) throws -> [SEPAFileRecord]

  func addAutoUpgradeEvent(environmentID: Int64, event: AutoUpgradeEvent) throws
  func autoUpgradeEvents(environmentID: Int64, limit: Int) throws -> [AutoUpgradeEvent]

  /// Starts an alert episode; false when one is already running.
  func startAlert(environmentID: Int64, kind: String, since: Instant) throws -> Bool
  func endAlert(environmentID: Int64, kind: String) throws
}
