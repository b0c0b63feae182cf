import Foundation
import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// A temporary folder removed when the value is released.
public final class TemporaryDirectory {
  public let path: String

  public init() {
    path = NSTemporaryDirectory() + "saldo-test-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  public func file(_ name: String) -> String { path + "/" + name }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Accounts used across tests: `ada` creates the store (and is its first operator).
public enum Accounts {
  public static let ada = SystemAccount(login: "ada", displayName: "Ada de Vries")
  public static let ben = SystemAccount(login: "ben", displayName: "Ben Jansen")
  public static let cor = SystemAccount(login: "cor", displayName: "Cor Bakker")
  public static let eve = SystemAccount(login: "eve", displayName: "Eve Outsider")
}

/// A store in a temporary folder with one environment, "Acme", administered by ada, with an
/// organisation "Acme B.V." and a member ben.
public final class Fixture {
  public let directory = TemporaryDirectory()
  public let store: SQLiteStore
  public let environment: Environment
  public var clock: FixedClock

  /// 2026-11-24T11:00:00Z, a Tuesday.
  public static let now = Instant(seconds: 1_795_518_000)

  public init(clock: FixedClock = FixedClock(Fixture.now)) throws {
    self.clock = clock
    store = try SQLiteStore(path: directory.file("saldo.db"), create: true)
    let ada = Saldo(store: store, account: Accounts.ada, clock: clock)
    environment = try ada.directory.initialize(
      environment: "Acme", organisation: "Acme B.V.", email: "ada@acme.example",
      details: Fixture.acmeDetails)
    try ada.platform.setSeller(.demo)
    try ada.directory.addUser(
      login: "ben", displayName: "Ben Jansen", email: "ben@acme.example", role: .member,
      to: environment)
  }

  public var path: String { directory.file("saldo.db") }

  public static let acmeDetails = PartyDetails(
    street: "Keizersgracht 1", postcode: "1015 CJ", city: "Amsterdam", country: "NL",
    kvk: try? KvKNumber.parse("12345678"), vat: try? VATID.parse("NL628194821B01"),
    peppol: try? PeppolParticipantID.parse("0106:12345678"))

  /// Tops up by invoice (credited at once) as ada.
  @discardableResult
  public func topUp(_ euros: Int64, key: String? = nil, account: SystemAccount = Accounts.ada)
    throws -> TopUpResult
  {
    try saldo(account).topUps.topUp(
      TopUpRequest(
        environment: environment, amount: Money(mills: euros * 1000), method: .invoice,
        organisation: nil, orderNumber: nil, idempotencyKey: key ?? TopUpService.newIdempotencyKey()
      ))
  }

  public func saldo(_ account: SystemAccount = Accounts.ada, at instant: Instant? = nil) -> Saldo {
    Saldo(store: store, account: account, clock: instant.map(FixedClock.init) ?? clock)
  }

  public func organisation(_ name: String = "Acme B.V.") throws -> Organisation {
    try saldo().directory.organisation(name, in: environment)
  }
}

extension SaldoStore {
  /// Reads in a transaction of its own, for assertions.
  public func reading<T>(_ body: () throws -> T) throws -> T { try read(body) }
  public func balanceNow(_ environmentID: Int64) throws -> Money {
    try read { try balance(environmentID: environmentID) }
  }
  public func ledgerSumNow(_ environmentID: Int64) throws -> Money {
    try read { try ledgerSum(environmentID: environmentID) }
  }
}

/// IBANs for settings made directly in tests (checked once, here).
public enum TestIBAN {
  public static let acme: IBAN = {
    do { return try IBAN.parse("NL91ABNA0417164300") } catch { fatalError("\(error)") }
  }()
}

/// A mandate reference for fixtures, checked like a typed one.
public func testMandate(_ text: String) -> MandateReference {
  do { return try MandateReference.parse(text) } catch { fatalError("\(error)") }
}

extension Fixture {
  /// Consumption of `count` receive events (€ 0,341 each) at noon on a day, charged to
  /// "Acme B.V."; ids are unique per day and `tag`.
  public func consume(on day: Day, count: Int, tag: String = "") throws {
    let recorder = ConsumptionRecorder(saldo: saldo(), scope: environment, strict: true)
    let at = Instant(seconds: day.start.seconds + 12 * 3600)
    try recorder.record(
      (0..<count).map {
        (
          0,
          ConsumptionEvent(
            externalID: "\(tag)\(day.iso)-\($0)", organisation: "Acme B.V.", kind: .receive, at: at)
        )
      })
  }
}
