import Foundation
import Testing
import TestSupport

@testable import SaldoCore

/// Model-based test of the money lifecycle: random sequences of top-ups, payment outcomes,
/// consumption, automatic upgrades, SEPA exports, settlements, returns, cancellations,
/// reissues and catch-up runs, checked after every step against a small reference model of
/// what the balance, the invoices and the collections must be. Single steps being right is
/// not enough; this finds the compositions that are not (cancel after export, return after
/// cancel, export twice).
///
/// `SALDO_LIFECYCLE_SEEDS=N` and `SALDO_LIFECYCLE_STEPS=N` run more by hand.
@Suite(.tags(.slow), .enabled(if: Slow.enabled, Slow.reason))
struct MoneyLifecycleModelTests {
  static let seeds: [UInt64] = {
    let count = Int(ProcessInfo.processInfo.environment["SALDO_LIFECYCLE_SEEDS"] ?? "") ?? 6
    return (0..<UInt64(max(count, 1))).map { 0x5A1D0 + $0 * 7919 }
  }()
  static let steps = Int(ProcessInfo.processInfo.environment["SALDO_LIFECYCLE_STEPS"] ?? "") ?? 150

  @Test(arguments: seeds) func randomSequencesKeepMoneyRight(seed: UInt64) throws {
    var run = try LifecycleRun(seed: seed)
    for step in 0..<Self.steps {
      try run.step(step)
      if run.failed { break }
    }
    // The sequence must have reached the interesting states, or it proves little.
    #expect(!run.collections.isEmpty, "seed \(seed) made no automatic upgrade")
    #expect(run.invoices.values.contains { $0.state == .credited })
    // Every document the sequence produced passes the official rules: invoices, corrected
    // invoices and credit notes (one validator run: it starts a JVM), and every SEPA file.
    if seed == Self.seeds[0] {
      let saldo = run.fixture.saldo()
      if Conformance.invoiceTestsEnabled {
        let documents = try saldo.invoices.list(of: run.fixture.environment, limit: 10_000).map(
          \.ubl)
        let (status, output) = try Conformance.validateInvoices(documents)
        #expect(status == 0, "\(output)")
      }
      if Conformance.sepaTestsEnabled {
        let files = try saldo.autoUpgrade.sepaFiles(limit: 10_000).map(\.xml)
        if !files.isEmpty {
          let (status, output) = try Conformance.validateSEPA(files)
          #expect(status == 0, "\(output)")
        }
      }
    }
    if ProcessInfo.processInfo.environment["SALDO_LIFECYCLE_REPORT"] != nil {
      print(
        "seed \(seed): \(run.operations) steps, \(run.invoices.count) invoices,"
          + " collections \(run.collections.values.map(\.rawValue).sorted())")
    }
  }
}

/// What must be true of one invoice, as the model sees it.
struct ModelInvoice {
  enum State: Equatable { case open, paid, credited }
  var state: State
  var means: IssuedInvoice.Means
  /// Credit and bonus this invoice's payment booked.
  var credit: Int64
  var collection: Int64?
  /// For an invoice to be paid by bank transfer: the day it is due.
  var due: Day? = nil
}

struct LifecycleRun {
  let fixture: Fixture
  var random: SeededRandom
  var day: Int64 = 0
  var balance: Int64 = 0
  var consumption: [Day: Int64] = [:]
  var invoices: [String: ModelInvoice] = [:]
  var collections: [Int64: DirectDebitCollection.Status] = [:]
  var paused = false
  var upgradedOn: Set<Day> = []
  var operations = 0
  var failed = false
  var events = 0
  let seed: UInt64

  init(seed: UInt64) throws {
    self.seed = seed
    fixture = try Fixture()
    random = SeededRandom(seed: seed)
    try fixture.saldo().autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: .fixed(Money(mills: 500_000)), holder: "Acme B.V.", iban: "NL91ABNA0417164300",
        mandateID: "ACME-001", mandateDate: Day(containing: Fixture.now).adding(days: -30),
        organisation: try fixture.organisation(), orderNumber: "PO-AUTO", monthlyCap: nil),
      for: fixture.environment)
  }

  var now: Instant { Instant(seconds: Fixture.now.seconds + day * 86_400) }
  var today: Day { Day(containing: now) }
  var saldo: Saldo { fixture.saldo(at: now) }

  mutating func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }

  mutating func step(_ index: Int) throws {
    let choice = pick(15)
    switch choice {
    case 0, 1: try topUpByInvoice()
    case 2: try topUpOnline()
    case 3, 4: try consume()
    case 5: try export()
    case 6: try settle()
    case 7: try returnDebit()
    case 8, 9: try cancel()
    case 10: try markPaid()
    case 11: try reissue()
    case 12: try catchUp()
    case 13: try resume()
    default: day += Int64(1 + pick(4)); try daily()
    }
    operations += 1
    try check("step \(index), operation \(choice), seed \(seed)")
  }

  // MARK: operations

  /// By invoice; refused while an invoice is more than 14 days overdue.
  mutating func topUpByInvoice() throws {
    let euros: Int64 = [100, 250, 500, 2500][pick(4)]
    let limit = today.adding(days: -TopUpService.overdueDaysBlockingInvoiceMethod)
    let blocked = invoices.values.contains {
      $0.state == .open && $0.means == .bankTransfer && ($0.due.map { $0 < limit } ?? false)
    }
    if blocked {
      #expect(throws: SaldoError.self) { try saldo.topUps.topUp(request(euros, .invoice)) }
      return
    }
    let result = try saldo.topUps.topUp(request(euros, .invoice))
    let quote = try quote(euros)
    balance += quote
    invoices[try #require(result.invoice).number] = ModelInvoice(
      state: .open, means: .bankTransfer, credit: quote,
      due: today.adding(days: TopUpRules.paymentTermDays))
  }

  mutating func topUpOnline() throws {
    let euros: Int64 = [100, 1000][pick(2)]
    let result = try saldo.topUps.topUp(request(euros, .ideal))
    let outcome = PaymentStatus.outcomes[pick(4)]
    let settled = try saldo.topUps.settleSandboxPayment(id: result.payment.id, outcome: outcome)
    if outcome == .paid {
      let quote = try quote(euros)
      balance += quote
      invoices[try #require(settled.invoice).number] = ModelInvoice(
        state: .paid, means: .paid, credit: quote)
    } else {
      #expect(settled.invoice == nil)
    }
  }

  /// Consumption charged yesterday; the batch may take the automatic-upgrade decision.
  mutating func consume() throws {
    let count = 50 + pick(3000)
    let yesterday = today.adding(days: -1)
    let at = Instant(seconds: yesterday.start.seconds + 12 * 3600)
    let events = (0..<count).map { n in
      (
        n,
        ConsumptionEvent(
          externalID: "s\(seed)-e\(self.events + n)", organisation: "Acme B.V.", kind: .receive,
          at: at)
      )
    }
    self.events += count
    let due = wouldUpgrade(afterCharging: Int64(count) * 341)
    try ConsumptionRecorder(saldo: saldo, scope: fixture.environment, strict: true).record(events)
    balance -= Int64(count) * 341
    consumption[yesterday, default: 0] += Int64(count) * 341
    if due { try expectUpgrade() }
  }

  mutating func daily() throws {
    let due = wouldUpgrade(afterCharging: 0)
    try settleExpected()
    let reports = try saldo.autoUpgrade.daily()
    if due {
      guard case .upgraded = reports.first?.action else {
        Issue.record(
          "seed \(seed): an upgrade was due, daily said \(String(describing: reports.first?.action))"
        )
        failed = true
        return
      }
      try applyUpgrade()
    } else if case .upgraded = reports.first?.action {
      Issue.record("seed \(seed): daily upgraded although the model says not due")
      failed = true
    }
  }

  /// An operator catches up a past day: the decision looks at that day's window, and the
  /// upgrade counts for the real day, so at most one is made today.
  mutating func catchUp() throws {
    let past = today.adding(days: -Int64(1 + pick(3)))
    let due = wouldUpgrade(afterCharging: 0, decisionDay: past)
    try settleExpected()
    let reports = try saldo.autoUpgrade.daily(on: past)
    if case .upgraded = reports.first?.action {
      #expect(due, "seed \(seed): catch-up upgraded although not due")
      try applyUpgrade()
    } else {
      #expect(
        !due, "seed \(seed): catch-up did not upgrade: \(String(describing: reports.first?.action))"
      )
    }
    #expect(try saldo.autoUpgrade.settings(of: fixture.environment)?.pausedReason == nil || paused)
  }

  mutating func export() throws {
    let waiting = collections.filter { $0.value == .scheduled }.map(\.key)
    if waiting.isEmpty {
      #expect(throws: SaldoError.self) { try saldo.autoUpgrade.sepaExport(upTo: today) { _ in } }
      return
    }
    let export = try saldo.autoUpgrade.sepaExport(upTo: today) { _ in }
    #expect(export.leftOut.isEmpty)
    #expect(export.file.count == waiting.count)
    for id in waiting { collections[id] = .exported }
    // Exporting again writes nothing new: no collection is ever in two files.
    #expect(throws: SaldoError.self) { try saldo.autoUpgrade.sepaExport(upTo: today) { _ in } }
  }

  mutating func settle() throws {
    guard let (id, status) = anyCollection() else { return }
    if status == .exported {
      try saldo.autoUpgrade.settleCollection(String(id))
      collections[id] = .settled
      try setInvoice(ofCollection: id, to: .paid)
    } else {
      #expect(throws: SaldoError.self) { try saldo.autoUpgrade.settleCollection(String(id)) }
    }
  }

  mutating func returnDebit() throws {
    guard let (id, status) = anyCollection() else { return }
    guard status == .exported else {
      #expect(throws: SaldoError.self) {
        try saldo.autoUpgrade.recordReversal(of: String(id), reason: "AM04")
      }
      return
    }
    try saldo.autoUpgrade.recordReversal(of: String(id), reason: "AM04")
    collections[id] = .returned
    paused = true
    if let (number, invoice) = invoices.sorted(by: { $0.key < $1.key })
      .first(where: { $0.value.collection == id }), invoice.state != .credited
    {
      balance -= invoice.credit
      invoices[number]?.state = .credited
    }
  }

  mutating func cancel() throws {
    guard let (number, invoice) = anyInvoice() else { return }
    var allowed = invoice.state == .open
    if allowed, let id = invoice.collection { allowed = collections[id] == .scheduled }
    guard allowed else {
      #expect(throws: SaldoError.self) {
        try saldo.invoices.cancelInvoice(number: number, reason: "model")
      }
      return
    }
    try saldo.invoices.cancelInvoice(number: number, reason: "model")
    balance -= invoice.credit
    invoices[number]?.state = .credited
    if let id = invoice.collection { collections[id] = .withdrawn }
  }

  mutating func markPaid() throws {
    guard let (number, invoice) = anyInvoice() else { return }
    guard invoice.state == .open, invoice.means == .bankTransfer else {
      #expect(throws: SaldoError.self) { try saldo.invoices.markInvoicePaid(number: number) }
      return
    }
    _ = try saldo.invoices.markInvoicePaid(number: number)
    invoices[number]?.state = .paid
  }

  mutating func reissue() throws {
    guard let (number, invoice) = anyInvoice() else { return }
    let allowed =
      invoice.state == .paid || (invoice.state == .open && invoice.means == .bankTransfer)
    guard allowed else {
      #expect(throws: SaldoError.self) { try saldo.invoices.reissueInvoice(number: number) }
      return
    }
    let (_, corrected) = try saldo.invoices.reissueInvoice(number: number, orderNumber: "PO-FIX")
    invoices[number]?.state = .credited
    invoices[corrected.number] = ModelInvoice(
      state: invoice.state, means: invoice.state == .paid ? .paid : .bankTransfer,
      credit: invoice.credit, due: invoice.state == .paid ? nil : max(invoice.due ?? today, today))
  }

  /// An administrator saves the upgrade again, which lifts a pause.
  mutating func resume() throws {
    try saldo.autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: .fixed(Money(mills: 500_000)), holder: "Acme B.V.", iban: "NL91ABNA0417164300",
        mandateID: "", mandateDate: Day(containing: Fixture.now).adding(days: -30),
        organisation: try fixture.organisation(), orderNumber: "PO-AUTO", monthlyCap: nil),
      for: fixture.environment)
    paused = false
  }

  // MARK: the model's rules

  /// The rule at its edge: below zero always due; otherwise due when the balance is less than
  /// 20 days of the 100-day average; at most one upgrade per real day; not while paused.
  func wouldUpgrade(afterCharging charge: Int64, decisionDay: Day? = nil) -> Bool {
    guard !paused, !upgradedOn.contains(today) else { return false }
    let balance = self.balance - charge
    let decision = decisionDay ?? today
    let window = CreditRules.averageWindow(before: decision)
    var spent = consumption.filter { window.contains($0.key) }.values.reduce(0, +)
    if decisionDay == nil, charge > 0 { spent += charge }
    if balance < 0 { return true }
    return spent > 0 && 5 * balance < spent
  }

  mutating func expectUpgrade() throws {
    let latest = try saldo.autoUpgrade.autoUpgradeCollections(of: fixture.environment, limit: 1)
      .first
    guard let latest, collections[latest.id] == nil else {
      Issue.record("seed \(seed): the consumption batch should have upgraded")
      failed = true
      return
    }
    try applyUpgrade()
  }

  mutating func applyUpgrade() throws {
    let latest = try #require(
      try saldo.autoUpgrade.autoUpgradeCollections(of: fixture.environment, limit: 1).first)
    #expect(collections[latest.id] == nil)
    #expect(latest.createdDay == today)
    collections[latest.id] = .scheduled
    upgradedOn.insert(today)
    let quote = try quote(500)
    balance += quote
    invoices[latest.invoiceNumber] = ModelInvoice(
      state: .open, means: .directDebit, credit: quote, collection: latest.id)
  }

  /// Collections whose return window passes by today settle in the daily job; their invoices
  /// become paid.
  mutating func settleExpected() throws {
    let all = try saldo.autoUpgrade.autoUpgradeCollections(of: fixture.environment, limit: 10_000)
    let settling = all.filter {
      collections[$0.id] == .exported && ($0.settlesOn.map { $0 <= today } ?? false)
    }.map(\.id)
    for id in settling {
      collections[id] = .settled
      try setInvoice(ofCollection: id, to: .paid)
    }
  }

  /// Deterministic choices (a dictionary's own order differs between runs).
  mutating func anyInvoice() -> (String, ModelInvoice)? {
    let keys = invoices.keys.sorted()
    guard !keys.isEmpty else { return nil }
    let key = keys[pick(keys.count)]
    return invoices[key].map { (key, $0) }
  }

  mutating func anyCollection() -> (Int64, DirectDebitCollection.Status)? {
    let keys = collections.keys.sorted()
    guard !keys.isEmpty else { return nil }
    let key = keys[pick(keys.count)]
    return collections[key].map { (key, $0) }
  }

  mutating func setInvoice(ofCollection id: Int64, to state: ModelInvoice.State) throws {
    guard let number = invoices.first(where: { $0.value.collection == id })?.key else { return }
    if invoices[number]?.state == .open { invoices[number]?.state = state }
  }

  func request(_ euros: Int64, _ method: PaymentMethod) -> TopUpRequest {
    TopUpRequest(
      environment: fixture.environment, amount: Money(mills: euros * 1000), method: method,
      organisation: nil, orderNumber: nil, idempotencyKey: TopUpService.newIdempotencyKey())
  }

  func quote(_ euros: Int64) throws -> Int64 {
    let plan = try fixture.saldo().directory.plan(of: fixture.environment)
    let quote = TopUpRules.quote(
      amount: Money(mills: euros * 1000), plan: plan,
      tax: .standard(on: Day(containing: Fixture.now)))
    return quote.credit.mills + quote.bonus.mills
  }

  // MARK: the comparison

  mutating func check(_ context: String) throws {
    let actual = try fixture.store.balanceNow(fixture.environment.id).mills
    if actual != balance {
      Issue.record("\(context): balance \(actual), model \(balance)")
      failed = true
    }
    let today = self.today
    for (number, expected) in invoices {
      let invoice = try saldo.invoices.invoice(number: number)
      let state: ModelInvoice.State =
        switch invoice.state(on: today) {
        case .credited: .credited
        case .paid: .paid
        case .open, .overdue: .open
        }
      if state != expected.state {
        Issue.record("\(context): invoice \(number) is \(state), model \(expected.state)")
        failed = true
      }
    }
    let stored = try saldo.autoUpgrade.autoUpgradeCollections(
      of: fixture.environment, limit: 10_000)
    for collection in stored where collections[collection.id] != collection.status {
      let model = collections[collection.id].map(\.rawValue) ?? "unknown"
      Issue.record(
        "\(context): collection \(collection.id) is \(collection.status.rawValue), model \(model)")
      failed = true
    }
    let problems = try fixture.store.verify()
    if !problems.isEmpty {
      Issue.record("\(context): saldo check: \(problems)")
      failed = true
    }
  }
}
