import SaldoCore
import Terminal
import TestSupport
import Testing

@testable import SaldoUI

/// Golden screens of the demo environment at the fixture's fixed instant.
@Suite struct ScreenSnapshotTests {
  static let suite = "Screens"

  @Test func myEnvironment() throws {
    let demo = try DemoStore()
    assertScreen(Session(runtime: demo.runtime()).state, suite: Self.suite, name: "myEnvironment")
  }

  @Test func myEnvironmentInASCII() throws {
    let demo = try DemoStore()
    let session = Session(runtime: demo.runtime(), size: Size(width: 100, height: 30), ascii: true)
    assertScreen(session.state, suite: Self.suite, name: "myEnvironmentASCII")
  }

  @Test func automaticUpgradeOn() throws {
    let demo = try DemoStore()
    try demo.saldo.autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: .fixed(Money(mills: 500_000)), holder: "Bakkerij De Gouden Korst B.V.",
        iban: "NL91ABNA0417164300", mandateID: "DEMO-1",
        mandateDate: Day(containing: Fixture.now), organisation: try demo.organisation(0),
        orderNumber: "PO-AUTO", monthlyCap: nil),
      for: demo.environment)
    let screen = Session(runtime: demo.runtime()).screen
    #expect(screen.contains("Automatic upgrade: on, € 500,00 from NL91…4300"))
    #expect(!screen.contains("0417164300"))
    // The organisation does not fit whole at 80 columns, so it is left out rather than cut.
    #expect(screen.contains("last run never · order PO-AUTO "))
    #expect(!screen.contains("invoices to Bakk"))
  }

  @Test func memberNotice() throws {
    let demo = try DemoStore()
    try demo.saldo.directory.addUser(
      login: "ben", displayName: "Ben Jansen", email: nil, role: .member, to: demo.environment)
    var session = Session(runtime: demo.runtime(as: Accounts.ben))
    // P goes to the core, which refuses with its own words; the screen stays.
    #expect(session.press(.character("p")) == [.preparePayAndUpgrade])
    #expect(session.state.stack.count == 1)
    assertScreen(session.state, suite: Self.suite, name: "memberNotice")
  }

  @Test func payAndUpgrade() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("p"), .tab, .down, .down, .tab, .tab)
    session.type("PO-1")
    assertScreen(session.state, suite: Self.suite, name: "payAndUpgradeInvoice")
  }

  @Test func topUpByInvoiceDone() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("p"), .tab, .down, .down, .control("s"))
    assertScreen(session.state, suite: Self.suite, name: "payAndUpgradeReview")
    session.press(.enter)
    assertScreen(session.state, suite: Self.suite, name: "topUpByInvoiceDone")
  }

  @Test func sandboxCheckout() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("p"), .character("r"), .enter)
    assertScreen(session.state, suite: Self.suite, name: "checkout")
    session.wait(ms: 400)
    session.press(.enter)
    assertScreen(session.state, suite: Self.suite, name: "checkoutPaid")
  }

  @Test func inboxAndInvoice() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.enter)
    assertScreen(session.state, suite: Self.suite, name: "inbox")
    session.press(.enter)
    assertScreen(session.state, suite: Self.suite, name: "invoice")
  }

  @Test func transactions() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("t"), .down, .down)
    assertScreen(session.state, suite: Self.suite, name: "transactions")
    session.press(.character("f"))
    assertScreen(session.state, suite: Self.suite, name: "transactionsFilter")
  }

  @Test func helpOverlay() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("?"))
    assertScreen(session.state, suite: Self.suite, name: "help")
    session.press(.character("x"))
    #expect(!session.state.showsHelp)
  }

  @Test func tooSmall() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.send(.resize(Size(width: 60, height: 20)))
    assertScreen(session.state, suite: Self.suite, name: "tooSmall")
    session.send(.resize(Size(width: 80, height: 24)))
    assertScreen(session.state, suite: Self.suite, name: "myEnvironment")
  }
}

@Suite struct ChartTests {
  @Test func aHundredDaysFillANarrowerChart() {
    let daily = (1...100).map { Money(mills: Int64($0) * 1000) }
    #expect(ConsumptionChart.bars(daily, width: 200).count == 100)
    let narrow = ConsumptionChart.bars(daily, width: 76)
    #expect(narrow.count == 76)
    #expect(narrow.first == 1000)
    #expect(narrow.last == 99_500)
  }

  @Test func barsAndTheNeedLine() {
    let daily = [0, 1, 2, 4, 8, 16, 8, 4, 2, 1].map { Money(mills: Int64($0) * 1000) }
    for ascii in [false, true] {
      var grid = Grid(size: Size(width: 14, height: 4))
      ConsumptionChart.draw(
        into: &grid, rect: Rect(x: 0, y: 0, width: 14, height: 4), daily: daily,
        average: Money(mills: 4600), ascii: ascii)
      assertGrid(grid, suite: "Chart", name: ascii ? "ascii" : "unicode")
    }
  }
}
