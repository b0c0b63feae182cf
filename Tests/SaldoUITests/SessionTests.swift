import Foundation
import SaldoCore
import Terminal
import TestSupport
import Testing

@testable import SaldoUI

/// Whole sessions against a real (temporary) store: keys in, store and screen checked.
@Suite struct SessionTests {
  @Test func topUpByInvoiceWithADoubleEnterBooksOnce() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    let before = try demo.saldo.credit.creditSummary(of: demo.environment).balance
    let paymentsBefore = try demo.saldo.payments.list(of: demo.environment).count
    session.press(.character("p"))
    session.type("1234,56")
    session.press(.tab, .down, .down, .tab, .right, .tab)
    session.type("PO-77")
    var effects = session.press(.enter)
    #expect(effects.isEmpty)
    #expect(session.screen.contains("[ Review (R) ]"))
    effects += session.press(.enter)
    #expect(session.screen.contains("Review before paying"))
    #expect(session.screen.contains("Order number        PO-77"))
    // A double Enter: the first books, the second comes within 300 ms and is ignored.
    effects += session.press(.enter, .enter)
    #expect(session.screen.contains("Topped up by invoice."))
    let after = try demo.saldo.credit.creditSummary(of: demo.environment).balance
    #expect(after.mills - before.mills == 1_234_560 + 75_000)
    let organisation = try demo.organisation(1)
    #expect(try demo.saldo.invoices.unreadCounts(of: demo.environment)[organisation.id] == 1)
    let invoice = try #require(try demo.saldo.invoices.inbox(of: organisation).first)
    #expect(invoice.orderNumber == "PO-77")
    #expect(session.screen.contains("Balance " + MoneyFormat.display(after)))
    #expect(session.screen.contains("Invoice \(invoice.number) is in the Inbox-in of"))
    session.wait(ms: 400)
    effects += session.press(.enter)
    #expect(session.state.stack.count == 1)
    #expect(effects.filter { if case .topUp = $0 { true } else { false } }.count == 1)
    #expect(try demo.saldo.payments.list(of: demo.environment).count == paymentsBefore + 1)
  }

  @Test func confirmingTheSameDialogAgainAfterAnErrorReusesTheKey() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("p"), .control("s"), .enter, .enter)
    guard case .checkout(let checkout) = session.state.top else {
      Issue.record("expected the checkout")
      return
    }
    #expect(checkout.topUp.isSandbox)
    #expect(checkout.settled == nil, "the second Enter must not choose an outcome")
    session.wait(ms: 400)
    session.press(.enter, .enter, .enter)
    let payments = try demo.saldo.payments.list(of: demo.environment).filter { $0.method == .ideal }
    #expect(payments.count == 1)
    #expect(payments.first?.status == .paid)
  }

  @Test func anOtherProcessesChangeShowsOnTheNextTickAfterTwoSeconds() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.state.lastRefreshMs = 0
    try demo.saldo.credit.correct(demo.environment, by: Money(mills: 500_000), reason: "goodwill")
    #expect(session.send(.tick(nowMs: 1_000)).isEmpty)
    #expect(session.send(.tick(nowMs: 2_100)) == [.loadHome])
    let balance = try demo.saldo.credit.creditSummary(of: demo.environment).balance
    #expect(session.state.home?.summary?.balance == balance)
  }

  @Test func scrollingHundredsOfPagesKeepsAWindow() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("t"))
    var loads = 0
    for _ in 0..<200 {
      loads += session.press(.pageDown).count
      guard case .transactions(let list) = session.state.top else {
        Issue.record("expected the transactions screen, found \(session.state.top)")
        return
      }
      #expect(list.window.rows.count <= LedgerWindow.pageSize * LedgerWindow.maxPages)
    }
    guard case .transactions(let down) = session.state.top else {
      Issue.record("expected the transactions screen, found \(session.state.top)")
      return
    }
    let position = down.window.firstRowNumber + down.selected
    #expect(position == 200 * (TransactionsScreen.listHeight(session.state.size) - 1))
    #expect(loads >= 30)
    for _ in 0..<200 { session.press(.pageUp) }
    guard case .transactions(let up) = session.state.top else {
      Issue.record("expected the transactions screen, found \(session.state.top)")
      return
    }
    #expect(up.window.firstRowNumber + up.selected == 0)
    let newest = try demo.saldo.credit.transactions(
      of: demo.environment, from: nil, order: .newestFirst, limit: 1
    ).first
    #expect(up.window.rows.first == newest)
  }

  @Test func endReachesTheOldestRowAtOnceAndHomeTheNewest() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("t"))
    let effects = session.press(.end)
    #expect(effects.count == 1)
    guard case .transactions(let list) = session.state.top else {
      Issue.record("expected the transactions screen, found \(session.state.top)")
      return
    }
    let totals = try demo.saldo.credit.transactionTotals(
      of: demo.environment, filter: LedgerFilter())
    #expect(list.window.firstRowNumber + list.selected == totals.count - 1)
    let oldest = try demo.saldo.credit.transactions(
      of: demo.environment, from: nil, order: .oldestFirst, limit: 1
    ).first
    #expect(list.selectedEntry == oldest)
    #expect(
      session.screen.contains(
        "row \(ScreenFormat.count(totals.count)) of \(ScreenFormat.count(totals.count))"))
    #expect(session.screen.contains("sum " + MoneyFormat.display(totals.sum)))
    session.press(.home)
    guard case .transactions(let top) = session.state.top else {
      Issue.record("expected the transactions screen, found \(session.state.top)")
      return
    }
    #expect(top.window.firstRowNumber + top.selected == 0)
  }

  @Test func rowsAreInEventTimeOrderAndATopUpOpensItsInvoice() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("t"))
    guard case .transactions(let list) = session.state.top else {
      Issue.record("expected the transactions screen, found \(session.state.top)")
      return
    }
    let times = list.window.rows.map(\.at.seconds)
    #expect(times == times.sorted(by: >))
    session.press(.character("f"), .tab, .tab, .tab, .right, .enter)
    session.press(.enter)
    #expect(session.screen.contains("Recorded as entry"))
    #expect(session.screen.contains("Press Enter to open invoice"))
    session.press(.enter)
    guard case .invoice(let view) = session.state.top else {
      Issue.record("expected the invoice")
      return
    }
    #expect(view.invoice != nil)
  }

  @Test func filtersAndCSVExport() throws {
    let demo = try DemoStore()
    let folder = TemporaryDirectory()
    var session = Session(runtime: demo.runtime())
    session.press(.character("t"), .character("f"), .tab, .tab, .right, .tab, .right, .enter)
    guard case .transactions(let list) = session.state.top else {
      Issue.record("expected the transactions screen, found \(session.state.top)")
      return
    }
    let organisation = try demo.organisation(0)
    #expect(list.filter.organisationID == organisation.id && list.filter.kind == .topUp)
    #expect(!list.window.rows.isEmpty)
    #expect(
      list.window.rows.allSatisfy { $0.kind == .topUp && $0.organisationID == organisation.id })

    session.press(.character("x"), .control("u"))
    session.type(folder.file("topups.csv"))
    session.press(.enter)
    #expect(session.state.message?.kind == .success)
    let csv = try String(contentsOfFile: folder.file("topups.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("id,at,kind,transaction_kind,organisation,amount,reference,actor\n"))
    #expect(csv.split(separator: "\n").count == list.window.rows.count + 1)

    session.press(.character("x"), .control("u"))
    session.type("/nonexistent-folder/x.csv")
    session.press(.enter)
    #expect(session.state.message?.kind == .error)
    #expect(session.screen.contains("cannot write /nonexistent-folder/x.csv"))
  }

  @Test func aDateFilterIsCheckedBeforeLoading() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("t"), .character("f"))
    session.type("2026-13-01")
    let effects = session.press(.enter)
    #expect(effects.isEmpty)
    #expect(session.state.message?.text == "From must be a date like 2026-11-24, or empty")
  }

  @Test func theInvoiceLinkOpensTheInvoiceAndMarksItRead() throws {
    let demo = try DemoStore(days: 180)
    let folder = TemporaryDirectory()
    let organisation = try demo.organisation(0)
    let unread = try #require(try demo.saldo.invoices.inbox(of: organisation).first { $0.unread })
    var session = Session(runtime: demo.runtime(), invoiceNumber: unread.number)
    // The demo's organisations are Dutch: their invoices are in Dutch.
    #expect(session.screen.contains("FACTUUR " + unread.number))
    #expect(try demo.saldo.invoices.invoice(number: unread.number).unread == false)

    session.press(.character("x"))
    #expect(session.screen.contains("./\(unread.number).xml"))
    session.press(.control("u"))
    session.type(folder.file("invoice.txt"))
    session.press(.enter)
    #expect(
      try String(contentsOfFile: folder.file("invoice.txt"), encoding: .utf8) == unread.text)
    session.press(.character("x"), .control("u"))
    session.type(folder.file("invoice.xml"))
    session.press(.enter)
    #expect(try String(contentsOfFile: folder.file("invoice.xml"), encoding: .utf8) == unread.ubl)

    session.press(.character("q"))
    #expect(session.state.stack.count == 1)
    session.press(.character("q"))
    #expect(session.state.quit)
  }

  @Test func controlCharactersInStoredNamesNeverReachTheScreen() throws {
    let fixture = try Fixture()
    let hostile = "Evil\u{1B}[2J\u{07}\u{9B}31m Org\u{202E}"
    _ = try fixture.store.write {
      try fixture.store.createOrganisation(
        environmentID: fixture.environment.id, name: hostile, details: PartyDetails(),
        at: Fixture.now)
    }
    let terminal = MemoryTerminal()
    var (state, effects) = App.start(
      environmentName: hostile, ascii: false, size: terminal.size)
    terminal.enqueue(keys: [.down, .enter])
    AppLoop.run(
      terminal: terminal, state: &state, initialEffects: effects,
      runtime: Runtime(saldo: fixture.saldo(), environment: fixture.environment),
      clockMs: { 0 })
    let grid = try #require(terminal.lastGrid)
    #expect(grid.text().contains("Evil[2J31m Org"))
    let scalars = grid.cells.flatMap { $0.text.unicodeScalars }
    #expect(!scalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
    #expect(!scalars.contains { $0 == "\u{FFFD}" || $0 == "\u{202E}" })
  }

  @Test func theLoopRedrawsOnResizeAndStopsOnASignal() throws {
    let demo = try DemoStore()
    let terminal = MemoryTerminal(ticksWhenIdle: false)
    var (state, effects) = App.start(
      environmentName: demo.environment.name, ascii: false, size: terminal.size)
    let runtime = demo.runtime()
    AppLoop.run(
      terminal: terminal, state: &state, initialEffects: effects, runtime: runtime,
      clockMs: { 0 })
    #expect(terminal.screenText().contains("My environment"))
    terminal.size = Size(width: 60, height: 20)
    AppLoop.run(
      terminal: terminal, state: &state, initialEffects: [], runtime: runtime,
      clockMs: { 0 })
    #expect(terminal.screenText().contains("Terminal too small"))
    terminal.size = Size(width: 80, height: 24)
    AppLoop.run(
      terminal: terminal, state: &state, initialEffects: [], runtime: runtime,
      clockMs: { 0 })
    #expect(terminal.screenText().contains("Pay and upgrade (P)"))
    terminal.enqueue(.signal(.hangup))
    AppLoop.run(
      terminal: terminal, state: &state, initialEffects: [], runtime: runtime,
      clockMs: { 0 })
    #expect(state.quit)
  }

  @Test func anAbandonedCheckoutIsResumedAndCanceledFromThePaymentsView() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("p"), .character("r"), .enter)
    session.wait(ms: 400)
    session.press(.escape)
    #expect(session.state.stack.count == 1)
    #expect(session.screen.contains("$ 1 open payment"))
    session.press(.character("$"))
    #expect(session.screen.contains("open"))
    session.press(.enter)
    guard case .checkout = session.state.top else {
      Issue.record("expected the checkout, resumed")
      return
    }
    session.press(.escape, .character("c"))
    #expect(session.state.confirm?.title == "Cancel payment")
    session.press(.character("y"))
    let payments = try demo.saldo.payments.list(of: demo.environment).filter { $0.method == .ideal }
    #expect(payments.first?.status == .canceled)
    #expect(session.screen.contains("is canceled; nothing was charged"))
  }

  @Test func twelveOrganisationsScrollAndEnterOpensTheOneShown() throws {
    let demo = try DemoStore()
    for index in 4...12 {
      _ = try demo.saldo.directory.addOrganisation(
        "Organisation \(index) B.V.", details: Fixture.acmeDetails, to: demo.environment)
    }
    var session = Session(runtime: demo.runtime())
    for _ in 0..<11 { session.press(.down) }
    #expect(session.screen.contains("12 of 12"))
    let highlighted = App.render(session.state).grid
    let row = (0..<highlighted.height).first { y in
      y > 2 && (2..<30).allSatisfy { highlighted[$0, y].role == .selection }
    }
    let y = try #require(row, "the selection is not on screen")
    let last = try #require(session.state.home?.organisations.last?.name)
    #expect(highlighted.textLines()[y].contains(last))
    session.press(.enter)
    #expect(session.screen.contains("Inbox-in of " + last))
  }
}

/// The one list component at work in every list: search with `/` and `n`, the wheel, and the
/// ledger's search through the core.
@Suite struct ListSearchTests {
  @Test func slashFindsAnOrganisationAndEnterOpensThatOne() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    let organisations = try demo.saldo.directory.organisations(of: demo.environment)
    let wanted = try #require(organisations.last)
    session.press(.character("/"))
    #expect(App.hints(for: session.state).first == KeyHint("Enter", "find"))
    session.type(String(wanted.name.suffix(6)).lowercased())
    session.press(.enter)
    guard case .myEnvironment(let screen) = session.state.stack[0] else {
      Issue.record("expected My environment")
      return
    }
    #expect(screen.selectedOrganisation == organisations.count - 1)
    session.press(.escape)
    let effects = session.press(.enter)
    #expect(effects.first == .loadInbox(wanted))
  }

  @Test func theWheelMovesEveryListThreeRows() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.mouseWheel(up: false, row: 20, col: 5))
    guard case .myEnvironment(let screen) = session.state.stack[0] else { return }
    let count = try demo.saldo.directory.organisations(of: demo.environment).count
    #expect(screen.selectedOrganisation == min(3, count - 1))
    session.press(.character("t"), .mouseWheel(up: false, row: 10, col: 5))
    guard case .transactions(let list) = session.state.top else {
      Issue.record("expected the transactions screen")
      return
    }
    #expect(list.selected == 3)
  }

  @Test func slashInTheInboxFindsAnInvoiceByNumber() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    let invoices = try demo.saldo.invoices.inbox(of: demo.organisation(0))
    let wanted = try #require(invoices.last)
    session.press(.enter, .character("/"))
    session.type(wanted.number)
    session.press(.enter)
    guard case .inbox(let inbox) = session.state.top else {
      Issue.record("expected the Inbox-in, found \(session.state.top)")
      return
    }
    #expect(inbox.list.selected == invoices.count - 1)
    #expect(session.press(.escape, .enter) == [.openInvoice(number: wanted.number)])
  }

  /// The match lies far outside the rows in memory: the core finds it, the window moves there,
  /// and the row number is its place in the whole ledger.
  @Test func slashInTransactionsSearchesTheWholeLedger() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    let oldest = try demo.saldo.credit.transactions(
      of: demo.environment, from: nil, order: .oldestFirst, limit: 500)
    let target = try #require(oldest.first { ($0.reference ?? "").count >= 4 })
    let text = try #require(target.reference)
    let expected = try #require(
      try demo.saldo.credit.findTransaction(of: demo.environment, containing: text, from: nil))
    #expect(expected.rowNumber >= LedgerWindow.pageSize * LedgerWindow.maxPages)
    session.press(.character("t"), .character("/"))
    session.type(text)
    let effects = session.press(.enter)
    #expect(
      effects.contains {
        if case .findTransaction(let asked) = $0 { asked.text == text } else { false }
      })
    guard case .transactions(let list) = session.state.top else {
      Issue.record("expected the transactions screen, found \(session.state.top)")
      return
    }
    #expect(list.selectedEntry?.id == expected.entry.id)
    #expect(list.window.firstRowNumber + list.selected == expected.rowNumber)
    #expect(session.screen.contains("row \(ScreenFormat.count(expected.rowNumber + 1)) of"))
    session.type("n")
    let again = try #require(
      { () -> TransactionsState? in
        if case .transactions(let list) = session.state.top { return list }
        return nil
      }(), "the transactions screen closed")
    // n goes on to the next match, wrapping to the newest: always a row that matches.
    #expect(again.search?.notFound == false)
    #expect(again.selectedEntry?.reference?.lowercased().contains(text.lowercased()) == true)
  }
}

@Suite struct ExportProgressTests {
  @Test func progressOfALongExportStandsInTheStatusLine() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("T"))
    session.send(.exportProgress("43.008 rows · 38.742/s · 14% · ETA 0:06"))
    #expect(
      session.state.message == .info("Exporting CSV: 43.008 rows · 38.742/s · 14% · ETA 0:06"))
    let screen = App.render(session.state).grid.text()
    #expect(screen.contains("Exporting CSV: 43.008 rows · 38.742/s · 14% · ETA 0:06"))
  }
}
