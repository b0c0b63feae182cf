import Foundation
import SaldoCore
import Testing
import TestSupport

/// The built binary against the loopback stand-in for Mollie, as an operator and an
/// administrator would use it; and killed with SIGKILL at each point of a payment's creation.
@Suite(.serialized) struct MollieCLITests {
  struct Setup {
    let directory = TemporaryDirectory()
    let fake: FakeMollie
    var db: String { directory.file("saldo.db") }
    var environment: [String: String] { ["SALDO_MOLLIE_BASE_URL": fake.baseURL] }

    init() throws {
      fake = try FakeMollie(apiKey: fakeTestKey)
      try Scenario.prepare(db: db)
      let key = keyFile(directory, fakeTestKey)
      let set = try run(["payments", "provider", "set", "mollie", "--api-key-file", key])
      guard set.status == 0 else { throw Failure(description: set.stderr) }
    }

    func run(_ arguments: [String]) throws -> SaldoProcess.Result {
      try SaldoProcess.run(["--db", db] + arguments, environment: environment)
    }

    func start(_ arguments: [String]) throws -> SaldoProcess.Running {
      try SaldoProcess.start(["--db", db] + arguments, environment: environment)
    }

    func balance() throws -> String {
      let result = try run(["balance", "--json"])
      let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
      return json?["balance"] as? String ?? "?"
    }
  }

  struct Failure: Error, CustomStringConvertible { let description: String }

  @Test func topUpPrintsTheTestModeTheWholeLinkAndAQRCode() throws {
    let setup = try Setup()
    let shown = try setup.run(["payments", "provider", "show"])
    #expect(shown.stdout.contains("Mode: test"))
    #expect(!shown.stdout.contains("dHar4XY7"))
    let result = try setup.run(["topup", "250", "--method", "ideal"])
    #expect(result.status == 0, "\(result.stderr)")
    let id = try #require(setup.fake.payments.first?.id)
    #expect(result.stdout.contains("TEST MODE"))
    #expect(
      result.stdout.contains("https://www.mollie.com/checkout/select-method/" + id.dropFirst(3)))
    #expect(result.stdout.contains("▀") || result.stdout.contains("▄"))
    let list = try setup.run(["payments", "list"])
    #expect(list.stdout.contains("(Mollie TEST)"))
    setup.fake.setStatus(id, "paid")
    let sync = try setup.run(["payments", "sync", "--json"])
    #expect(
      sync.stdout.contains("\"after\" : \"paid\"") || sync.stdout.contains("\"after\": \"paid\""),
      "\(sync.stdout)")
    #expect(try setup.balance() != "0.000")
    let again = try setup.run(["payments", "sync"])
    #expect(again.stdout.contains("No unfinished payments"))
  }

  @Test func looseKeyFilesAndLiveKeysWithABaseURLAreRefused() throws {
    let setup = try Setup()
    let loose = keyFile(setup.directory, fakeTestKey, mode: 0o644)
    let refused = try setup.run(["payments", "provider", "set", "mollie", "--api-key-file", loose])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("chmod 600"))
    #expect(refused.stderr.split(separator: "\n").count == 1)
    let live = keyFile(setup.directory, liveKey)
    #expect(
      try setup.run(["payments", "provider", "set", "mollie", "--api-key-file", live]).status == 0)
    let topUp = try setup.run(["topup", "100", "--method", "ideal"])
    #expect(topUp.status == 2)
    #expect(topUp.stderr.contains("SALDO_MOLLIE_BASE_URL"))
    #expect(!topUp.stderr.contains("dHar4XY7"))
    #expect(setup.fake.payments.isEmpty)
  }

  /// SIGKILL at each point of a payment's creation and while following it; after a restart
  /// (`payments sync`) there is exactly one Mollie payment and at most one credit.
  @Test(arguments: ["before the call", "after the call", "while polling"])
  func aKilledProcessLeavesOneMolliePaymentAndOneCredit(point: String) throws {
    let setup = try Setup()
    let before = try setup.balance()
    switch point {
    case "before the call":
      // The row is stored and committed; Mollie has not handled the request yet.
      setup.fake.queue(.slow(milliseconds: 5_000))
    case "after the call":
      // Mollie made the payment; its answer (the tr_ id) never reaches the database.
      setup.fake.queue(.slowAfterHandling(milliseconds: 5_000))
    default:
      setup.fake.queue(.normal)
    }
    let running = try setup.start(["topup", "100", "--method", "ideal"])
    setup.fake.waitForRequests(1)
    if point == "while polling" {
      _ = running.wait()
      let id = try #require(setup.fake.payments.first?.id)
      setup.fake.setStatus(id, "paid")
      setup.fake.queue(.slowAfterHandling(milliseconds: 5_000))
      let polling = try setup.start(["payments", "sync"])
      setup.fake.waitForRequests(2)
      kill(polling.pid, SIGKILL)
      _ = polling.wait()
    } else {
      usleep(300_000)
      kill(running.pid, SIGKILL)
      #expect(running.wait().signalled)
    }
    // The restart: sync until the payment is known, then Mollie says paid.
    #expect(try setup.run(["payments", "sync"]).status == 0)
    #expect(setup.fake.payments.count == 1)
    let id = try #require(setup.fake.payments.first?.id)
    setup.fake.setStatus(id, "paid")
    #expect(try setup.run(["payments", "sync"]).status == 0)
    #expect(try setup.run(["payments", "sync"]).status == 0)
    #expect(setup.fake.payments.count == 1)
    let credited = try setup.run(["payments", "list", "--json"])
    let rows =
      try JSONSerialization.jsonObject(with: Data(credited.stdout.utf8)) as? [[String: Any]]
    #expect(rows?.filter { $0["credited"] as? Bool == true }.count == 1, "\(credited.stdout)")
    #expect(try setup.balance() != before)
    let check = try setup.run(["check"])
    #expect(check.status == 0, "\(check.stdout)")
  }
}
