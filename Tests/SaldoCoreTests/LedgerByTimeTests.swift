import Foundation
import Testing
import TestSupport

@testable import SaldoCore

/// The ledger in event-time order with keyset paging from both ends, its totals, and the
/// cancel and resume of an abandoned checkout.
@Suite struct LedgerByTimeTests {
  /// Records consumption whose times run against the recording order, as a back-filled
  /// import does.
  func backFilled(_ fixture: Fixture, count: Int) throws {
    try fixture.store.write {
      for index in 0..<count {
        _ = try fixture.store.append(
          NewLedgerEntry(
            environmentID: fixture.environment.id, organisationID: nil, kind: .correction,
            amount: Money(mills: Int64(index + 1)),
            at: Instant(
              seconds: Fixture.now.seconds - Int64(index) * 3600 - (index % 2 == 0 ? 0 : 7)),
            reference: "r\(index)", actor: "feed"))
      }
    }
  }

  @Test func pagesRunInEventTimeFromEitherEnd() throws {
    let fixture = try Fixture()
    try backFilled(fixture, count: 25)
    let saldo = fixture.saldo()
    var newest: [LedgerEntry] = []
    var cursor: LedgerPosition?
    repeat {
      let page = try saldo.credit.transactions(
        of: fixture.environment, from: cursor, order: .newestFirst, limit: 7)
      newest += page
      cursor = page.count == 7 ? page.last.map(LedgerPosition.init) : nil
    } while cursor != nil
    #expect(newest.count == 25)
    #expect(newest.map(\.at.seconds) == newest.map(\.at.seconds).sorted(by: >))
    let oldest = try saldo.credit.transactions(
      of: fixture.environment, from: nil, order: .oldestFirst, limit: 25)
    #expect(oldest.map(\.id) == newest.reversed().map(\.id))
    let totals = try saldo.credit.transactionTotals(of: fixture.environment, filter: LedgerFilter())
    #expect(totals.count == 25)
    #expect(totals.sum == Money(mills: (1...25).reduce(0, +)))
  }

  @Test func theEventTimeQueryUsesItsIndex() throws {
    let fixture = try Fixture()
    let rows = try fixture.store.database.statement(
      """
      EXPLAIN QUERY PLAN SELECT id FROM ledger_entry WHERE environment_id = 1
        AND (at, id) < (9, 9) ORDER BY at DESC, id DESC LIMIT 5
      """)
    var plan = ""
    while try rows.step() { plan += rows.text(3) + "\n" }
    #expect(plan.contains("ledger_entry_environment_at"))
    #expect(!plan.contains("TEMP B-TREE"))
  }

  @Test func anAbandonedCheckoutIsResumedOrCanceledByAnAdministratorOnly() throws {
    let fixture = try Fixture()
    let started = try fixture.saldo().topUps.topUp(
      TopUpRequest(
        environment: fixture.environment, amount: Money(mills: 250_000), method: .ideal,
        organisation: nil, orderNumber: nil, idempotencyKey: TopUpService.newIdempotencyKey()))
    let id = started.payment.id
    #expect(try fixture.saldo().payments.resumeCheckout(id: id).payment.status == .open)
    #expect(throws: SaldoError.self) {
      try fixture.saldo(Accounts.ben).payments.cancelPayment(id: id)
    }
    let canceled = try fixture.saldo().payments.cancelPayment(id: id)
    #expect(canceled.status == .canceled && !canceled.credited)
    #expect(throws: SaldoError.self) { try fixture.saldo().payments.cancelPayment(id: id) }
    #expect(throws: SaldoError.self) { try fixture.saldo().payments.resumeCheckout(id: id) }
  }

  /// `/` in Transactions searches the whole ledger through the core: the match past a
  /// position, newest first, with its row number, wrapping left to the caller.
  @Test func aSearchFindsMatchesInTheWholeLedgerWithTheirRowNumber() throws {
    let fixture = try Fixture()
    try backFilled(fixture, count: 300)
    let saldo = fixture.saldo()
    // Entry i is i hours old, so it is row i newest first; case does not matter.
    let first = try #require(
      try saldo.credit.findTransaction(of: fixture.environment, containing: "R29", from: nil))
    #expect(first.entry.reference == "r29")
    #expect(first.rowNumber == 29)
    let next = try saldo.credit.findTransaction(
      of: fixture.environment, containing: "r29", from: LedgerPosition(first.entry))
    #expect(next?.entry.reference == "r290" && next?.rowNumber == 290)
    let after = try saldo.credit.findTransaction(
      of: fixture.environment, containing: "r29", from: LedgerPosition(#require(next).entry))
    #expect(after?.entry.reference == "r291" && after?.rowNumber == 291)
    let last = try #require(
      try saldo.credit.findTransaction(of: fixture.environment, containing: "r299", from: nil))
    #expect(
      try saldo.credit.findTransaction(
        of: fixture.environment, containing: "r29", from: LedgerPosition(last.entry)) == nil)
    #expect(
      try saldo.credit.findTransaction(of: fixture.environment, containing: "zz", from: nil) == nil)
    // LIKE wildcards are plain text.
    #expect(
      try saldo.credit.findTransaction(of: fixture.environment, containing: "%", from: nil) == nil)
    #expect(throws: SaldoError.self) {
      try saldo.credit.findTransaction(of: fixture.environment, containing: "  ", from: nil)
    }
    #expect(throws: SaldoError.self) {
      try fixture.saldo(Accounts.ben).credit.findTransaction(
        of: fixture.environment, containing: "r1", from: nil)
    }
  }

  @Test func aSearchMatchesOrganisationNames() throws {
    let fixture = try Fixture()
    let organisation = try fixture.organisation()
    try fixture.store.write {
      _ = try fixture.store.append(
        NewLedgerEntry(
          environmentID: fixture.environment.id, organisationID: organisation.id,
          kind: .correction, amount: Money(mills: 5), at: Fixture.now, reference: nil,
          actor: "feed"))
    }
    let name = String(organisation.name.dropFirst(2).prefix(4)).uppercased()
    let match = try fixture.saldo().credit.findTransaction(
      of: fixture.environment, containing: name, from: nil)
    #expect(match?.entry.organisationID == organisation.id)
  }
}
