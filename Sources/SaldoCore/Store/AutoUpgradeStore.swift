/// Persistence of the automatic upgrade. Part of `CreditStore`.
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

  func insertCollection(
    environmentID: Int64, day: Day, paymentID: Int64, invoiceNumber: String, endToEndID: String,
    amount: Money, credited: Money, sequence: DirectDebitCollection.Sequence, mandateID: String,
    mandateDate: Day, debtorName: String, debtorIBAN: String, collectionDate: Day, at: Instant
  ) throws -> Int64
  func collection(environmentID: Int64, day: Day) throws -> DirectDebitCollection?
  func collection(id: Int64) throws -> DirectDebitCollection?
  func collection(endToEndID: String) throws -> DirectDebitCollection?
  func collections(day: Day) throws -> [DirectDebitCollection]
  func collections(environmentID: Int64, limit: Int) throws -> [DirectDebitCollection]
  /// Collections under a mandate that were not reversed (FRST is for the first of these).
  func standingCollections(mandateID: String) throws -> Int
  /// Credit collected in a calendar month (Amsterdam days `from...to`), reversals excluded.
  func collectedCredit(environmentID: Int64, from: Day, to: Day) throws -> Money
  func markReversed(collectionID: Int64, reason: String) throws -> Bool

  func addAutoUpgradeEvent(environmentID: Int64, event: AutoUpgradeEvent) throws
  func autoUpgradeEvents(environmentID: Int64, limit: Int) throws -> [AutoUpgradeEvent]

  /// Starts an alert episode; false when one is already running.
  func startAlert(environmentID: Int64, kind: String, since: Instant) throws -> Bool
  func endAlert(environmentID: Int64, kind: String) throws
}
