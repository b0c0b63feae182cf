import Foundation
import Testing
import TestSupport

@testable import SaldoCore

@Suite struct TopUpTests {
  func request(
    _ fixture: Fixture, euros: Int64, method: PaymentMethod,
    key: String = TopUpService.newIdempotencyKey(),
    order: String? = nil
  ) -> TopUpRequest {
    TopUpRequest(
      environment: fixture.environment, amount: Money(mills: euros * 1000), method: method,
      organisation: nil, orderNumber: order, idempotencyKey: key)
  }

  @Test func anInvoiceCreditsAtOnceAndLandsUnreadInTheInbox() throws {
    let fixture = try Fixture()
    let result = try fixture.saldo().topUps.topUp(
      request(fixture, euros: 1000, method: .invoice, order: "PO-1"))
    #expect(result.payment.status == .invoiced)
    #expect(result.payment.credited)
    let invoice = try #require(result.invoice)
    #expect(invoice.number == "2026-000001")
    #expect(invoice.net == Money(mills: 1_000_000))
    #expect(invoice.vat == Money(mills: 210_000))
    #expect(invoice.total == Money(mills: 1_210_000))
    #expect(invoice.bonus == Money(mills: 75_000))
    #expect(invoice.means == .bankTransfer)
    #expect(invoice.orderNumber == "PO-1")
    #expect(invoice.unread)
    #expect(invoice.state(on: invoice.dueDate) == .open)
    #expect(invoice.state(on: invoice.dueDate.adding(days: 1)) == .overdue)
    // Credit and bonus, not the VAT: the VAT is paid to the tax office.
    #expect(try fixture.store.balanceNow(fixture.environment.id) == Money(mills: 1_075_000))
    #expect(try fixture.store.ledgerSumNow(fixture.environment.id) == Money(mills: 1_075_000))
    let inbox = try fixture.saldo(Accounts.ben).invoices.inbox(of: try fixture.organisation())
    #expect(inbox.map(\.number) == ["2026-000001"])
    let opened = try fixture.saldo(Accounts.ben).invoices.openInvoice(number: "2026-000001")
    #expect(!opened.unread)
    // Marking it paid changes its status only; nothing is credited again.
    _ = try fixture.saldo().invoices.markInvoicePaid(number: "2026-000001")
    #expect(
      try fixture.saldo().invoices.invoice(number: "2026-000001").state(
        on: invoice.dueDate.adding(days: 9))
        == .paid)
    #expect(try fixture.store.balanceNow(fixture.environment.id) == Money(mills: 1_075_000))
  }

  @Test func anOnlinePaymentCreditsOnlyWhenPaidAndOnlyOnce() throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    let opened = try saldo.topUps.topUp(request(fixture, euros: 500, method: .ideal))
    #expect(opened.payment.status == .open)
    #expect(opened.invoice == nil)
    #expect(opened.isSandbox)
    #expect(opened.checkoutReference?.hasPrefix("sandbox_") == true)
    #expect(try fixture.store.balanceNow(fixture.environment.id) == .zero)
    let paid = try saldo.topUps.settleSandboxPayment(id: opened.payment.id, outcome: .paid)
    #expect(paid.payment.status == .paid)
    #expect(paid.invoice?.means == .paid)
    #expect(try fixture.store.balanceNow(fixture.environment.id) == Money(mills: 525_000))
    for outcome in PaymentStatus.outcomes {
      #expect(throws: SaldoError.self) {
        try saldo.topUps.settleSandboxPayment(id: opened.payment.id, outcome: outcome)
      }
    }
    #expect(try fixture.store.balanceNow(fixture.environment.id) == Money(mills: 525_000))
  }

  @Test(arguments: [PaymentStatus.failed, .canceled, .expired])
  func anUnpaidOutcomeCreditsNothing(outcome: PaymentStatus) throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    let opened = try saldo.topUps.topUp(request(fixture, euros: 100, method: .ideal))
    let result = try saldo.topUps.settleSandboxPayment(id: opened.payment.id, outcome: outcome)
    #expect(result.payment.status == outcome)
    #expect(!result.payment.credited)
    #expect(result.invoice == nil)
    #expect(try fixture.store.balanceNow(fixture.environment.id) == .zero)
  }

  @Test func theLifecycleTable() {
    let legal: Set<String> = [
      "open>pending", "open>canceled", "open>expired", "pending>paid", "pending>failed",
      "pending>canceled", "pending>expired",
    ]
    for from in PaymentStatus.allCases {
      for to in PaymentStatus.allCases {
        #expect(
          from.canMove(to: to) == legal.contains("\(from.rawValue)>\(to.rawValue)"), "\(from)>\(to)"
        )
      }
    }
  }

  @Test func openPaymentsExpireAfterTheirLifetime() throws {
    let fixture = try Fixture()
    let opened = try fixture.saldo().topUps.topUp(request(fixture, euros: 100, method: .ideal))
    let later = fixture.saldo(
      at: Instant(seconds: Fixture.now.seconds + TopUpRules.paymentLifetimeSeconds))
    #expect(try later.payments.list(of: fixture.environment).first?.status == .expired)
    #expect(throws: SaldoError.self) {
      try later.topUps.settleSandboxPayment(id: opened.payment.id, outcome: .paid)
    }
  }

  @Test func aRepeatedKeyNeverBooksTwice() throws {
    let fixture = try Fixture()
    let first = try fixture.topUp(600, key: "same")
    let second = try fixture.topUp(600, key: "same")
    #expect(!first.replayed)
    #expect(second.replayed)
    #expect(second.payment.id == first.payment.id)
    #expect(try fixture.store.balanceNow(fixture.environment.id) == Money(mills: 625_000))
    #expect(throws: SaldoError.self) { try fixture.topUp(700, key: "same") }
  }

  @Test func methodsOutsideThePlanAreRefusedWithTheReasonAndWhatWorks() throws {
    let fixture = try Fixture()
    do {
      _ = try fixture.saldo().topUps.topUp(request(fixture, euros: 100, method: .bancontact))
      Issue.record("Bancontact was accepted on the Business plan")
    } catch let error as SaldoError {
      #expect(error.description.contains("Enterprise plan"))
      #expect(error.description.contains("ideal or invoice"))
    }
    #expect(throws: SaldoError.self) {
      try fixture.saldo().topUps.topUp(request(fixture, euros: 100, method: .directDebit))
    }
    #expect(try fixture.store.ledgerSumNow(fixture.environment.id) == .zero)
  }

  @Test func amountsAreChecked() throws {
    let fixture = try Fixture()
    for mills: Int64 in [0, 5_000, 100_005, 100_000_010] {
      #expect(throws: SaldoError.self, "\(mills)") {
        try fixture.saldo().topUps.topUp(
          TopUpRequest(
            environment: fixture.environment, amount: Money(mills: mills), method: .invoice,
            organisation: nil, orderNumber: nil, idempotencyKey: TopUpService.newIdempotencyKey()))
      }
    }
  }

  @Test func anOrganisationWithoutInvoiceDataIsRefusedBeforeAnythingIsStored() throws {
    let fixture = try Fixture()
    let bare = try fixture.saldo().directory.addOrganisation(
      "Bare B.V.", details: PartyDetails(), to: fixture.environment)
    var r = request(fixture, euros: 100, method: .invoice)
    r.organisation = bare
    #expect(throws: SaldoError.self) { try fixture.saldo().topUps.topUp(r) }
    #expect(try fixture.saldo().payments.list(of: fixture.environment).isEmpty)
  }

  @Test func cancellingAnInvoiceTakesTheCreditBackOnce() throws {
    let fixture = try Fixture()
    let result = try fixture.topUp(1000)
    let number = try #require(result.invoice?.number)
    #expect(throws: SaldoError.self) {
      try fixture.saldo(Accounts.ben).invoices.cancelInvoice(number: number, reason: "x")
    }
    let note = try fixture.saldo().invoices.cancelInvoice(
      number: number, reason: "wrong organisation")
    #expect(note.isCreditNote)
    #expect(note.corrects == number)
    #expect(note.number == "2026-000002")
    #expect(try fixture.store.balanceNow(fixture.environment.id) == .zero)
    #expect(try fixture.saldo().invoices.invoice(number: number).creditedBy == note.number)
    #expect(
      try fixture.saldo().invoices.invoice(number: number).state(on: Day(containing: Fixture.now))
        == .credited)
    #expect(throws: SaldoError.self) {
      try fixture.saldo().invoices.cancelInvoice(number: number, reason: "again")
    }
    #expect(throws: SaldoError.self) {
      try fixture.saldo().invoices.cancelInvoice(number: note.number, reason: "a note")
    }
    #expect(try fixture.store.verify().isEmpty)
  }

  @Test func vatRoundsHalfAwayFromZeroPerCent() {
    let standard = TaxTreatment.standard(on: Day(containing: Fixture.now))
    #expect(standard.vat(on: Money(mills: 10_000)) == Money(mills: 2_100))
    #expect(standard.vat(on: Money(mills: 10_050)) == Money(mills: 2_110))  // 2.1105 → 2.11
    #expect(standard.vat(on: Money(mills: 10_020)) == Money(mills: 2_100))  // 2.1042 → 2.10
    #expect(standard.vat(on: Money(mills: 10_030)) == Money(mills: 2_110))  // 2.1063 → 2.11
    #expect(TaxTreatment.reverseCharge.vat(on: Money(mills: 10_030)) == .zero)
    #expect(TaxTreatment.outsideScope.vat(on: Money(mills: 10_030)) == .zero)
  }

  @Test func invoiceMailsAreQueuedOncePerUser() throws {
    let fixture = try Fixture()
    try fixture.topUp(100)
    let outbox = try fixture.store.read { try fixture.store.outbox(limit: 10) }
    #expect(Set(outbox.map(\.toAddress)) == ["ada@acme.example", "ben@acme.example"])
    #expect(outbox.allSatisfy { $0.body.contains("saldo open invoice/2026-000001") })
  }

  @Test func issuedInvoicesAndTheLedgerCannotBeEditedInTheStore() throws {
    let fixture = try Fixture()
    try fixture.topUp(100)
    let db = fixture.store.database
    #expect(throws: StoreError.self) { try db.execute("UPDATE invoice SET total = 1") }
    #expect(throws: StoreError.self) { try db.execute("DELETE FROM invoice") }
    #expect(throws: StoreError.self) { try db.execute("UPDATE ledger_entry SET amount = 1") }
    #expect(throws: StoreError.self) { try db.execute("DELETE FROM ledger_entry") }
  }

  @Test func numbersAreGaplessAcrossMethodsAndFailures() throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    try fixture.topUp(100)
    let failed = try saldo.topUps.topUp(request(fixture, euros: 100, method: .ideal))
    _ = try saldo.topUps.settleSandboxPayment(id: failed.payment.id, outcome: .failed)
    let paid = try saldo.topUps.topUp(request(fixture, euros: 100, method: .ideal))
    _ = try saldo.topUps.settleSandboxPayment(id: paid.payment.id, outcome: .paid)
    try fixture.topUp(100)
    let numbers = try saldo.invoices.list(of: fixture.environment).map(\.number).sorted()
    #expect(numbers == ["2026-000001", "2026-000002", "2026-000003"])
  }

  /// Invoices made through the whole top-up flow, with hostile text in every field the
  /// administrator controls, pass the official Peppol BIS 3 rules.
  @Test(.enabled(if: Conformance.invoiceTestsEnabled, Conformance.skipReason))
  func invoicesFromTheFlowPassTheOfficialRules() throws {
    let fixture = try Fixture()
    let saldo = fixture.saldo()
    let hostile = try saldo.directory.addOrganisation(
      "Smit & Zonen <\"Ω\"> 'Bäckerei' 中文 🍞 " + String(repeating: "x", count: 60),
      details: Fixture.acmeDetails, to: fixture.environment)
    var documents: [(name: String, xml: String)] = []
    for (index, method) in [PaymentMethod.invoice, .ideal, .invoice].enumerated() {
      var r = request(
        fixture, euros: [100, 500, 2500][index], method: method,
        order: index == 1 ? nil : "PO <&> \"€\" \(index)")
      r.organisation = hostile
      var result = try saldo.topUps.topUp(r)
      if method == .ideal {
        result = try saldo.topUps.settleSandboxPayment(id: result.payment.id, outcome: .paid)
      }
      let invoice = try #require(result.invoice)
      documents.append(("flow-\(index)", invoice.ubl))
    }
    // Cancelling the open one and reissuing the paid one issue credit notes and a corrected
    // invoice, which must pass the rules too.
    let numbers = try saldo.invoices.inbox(of: hostile).prefix(2).map(\.number)
    let note = try saldo.invoices.cancelInvoice(number: numbers[0], reason: "issued by mistake <&>")
    documents.append(("note-\(numbers[0])", note.ubl))
    let (second, corrected) = try saldo.invoices.reissueInvoice(
      number: numbers[1], organisation: try fixture.organisation(), orderNumber: "PO <&> new")
    documents.append(("note-\(numbers[1])", second.ubl))
    documents.append(("corrected-\(numbers[1])", corrected.ubl))
    let problems = try fixture.store.verify()
    #expect(problems.isEmpty, "\(problems)")
    let (status, output) = try #require(try InvoiceValidationTests.validate(documents))
    #expect(status == 0, "\(output)")
    #expect(output.contains("6 files: 6 valid"), "\(output)")
  }
}
