import SaldoCore
import Terminal
import TestSupport
import Testing

@testable import SaldoUI

/// Golden screens in Dutch, at 80×24 and at 100×30: the same journeys as the English goldens,
/// drawn with the Dutch catalog. The language is set for this test's task only, so tests that
/// run beside it keep English.
@Suite struct DutchScreenTests {
  static let suite = "ScreensNL"
  static let sizes = [Size(width: 80, height: 24), Size(width: 100, height: 30)]

  static func name(_ base: String, _ size: Size) -> String {
    "\(base)-\(size.width)x\(size.height)"
  }

  @Test(arguments: sizes)
  func myEnvironmentPayAndReview(size: Size) throws {
    try Language.scoped(.nl) {
      let demo = try DemoStore()
      var session = Session(runtime: demo.runtime(), size: size)
      assertScreen(session.state, suite: Self.suite, name: Self.name("myEnvironment", size))
      #expect(session.screen.contains("Mijn omgeving"))
      session.press(.character("p"), .tab, .down, .down, .tab, .tab)
      session.type("PO-1")
      assertScreen(session.state, suite: Self.suite, name: Self.name("payAndUpgrade", size))
      session.press(.control("s"))
      assertScreen(session.state, suite: Self.suite, name: Self.name("review", size))
      session.press(.enter)
      assertScreen(session.state, suite: Self.suite, name: Self.name("topUpDone", size))
    }
  }

  @Test(arguments: sizes)
  func inboxInvoiceTransactionsAndHelp(size: Size) throws {
    try Language.scoped(.nl) {
      let demo = try DemoStore()
      var session = Session(runtime: demo.runtime(), size: size)
      session.press(.enter)
      assertScreen(session.state, suite: Self.suite, name: Self.name("inbox", size))
      session.press(.enter)
      assertScreen(session.state, suite: Self.suite, name: Self.name("invoice", size))
      session.press(.escape, .escape, .character("t"), .down)
      assertScreen(session.state, suite: Self.suite, name: Self.name("transactions", size))
      session.press(.character("f"))
      assertScreen(session.state, suite: Self.suite, name: Self.name("transactionsFilter", size))
      session.press(.escape, .escape, .character("?"))
      assertScreen(session.state, suite: Self.suite, name: Self.name("help", size))
    }
  }

  @Test(arguments: sizes)
  func automaticUpgradeFormAndCheckout(size: Size) throws {
    try Language.scoped(.nl) {
      let demo = try DemoStore()
      var session = Session(runtime: demo.runtime(), size: size)
      session.press(.character("e"))
      assertScreen(session.state, suite: Self.suite, name: Self.name("autoUpgrade", size))
      session.press(.escape, .character("p"), .character("r"), .enter)
      assertScreen(session.state, suite: Self.suite, name: Self.name("checkout", size))
    }
  }

  /// At 80 columns the Dutch line of an automatic upgrade that is on leaves the account out
  /// rather than cut it; at 100 it has room for it.
  @Test func theAutomaticUpgradeLineLeavesTheAccountOutRatherThanCutIt() throws {
    let demo = try DemoStore()
    try demo.saldo.autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: .fixed(Money(mills: 500_000)), holder: "Bakkerij De Gouden Korst B.V.",
        iban: "NL91ABNA0417164300", mandateID: "DEMO-1",
        mandateDate: Day(containing: Fixture.now), organisation: try demo.organisation(0),
        orderNumber: nil, monthlyCap: nil),
      for: demo.environment)
    Language.scoped(.nl) {
      let narrow = Session(runtime: demo.runtime()).screen
      #expect(narrow.contains("Automatisch opwaarderen: aan, € 500,00 "))
      #expect(!narrow.contains("van N"))
      #expect(narrow.contains("Aangezet door ada"))
      let wide = Session(runtime: demo.runtime(), size: Size(width: 100, height: 30)).screen
      #expect(wide.contains("Automatisch opwaarderen: aan, € 500,00 van NL91…4300"))
    }
  }

  @Test func thePaymentsListCountsAndNamesStatesInDutch() throws {
    let demo = try DemoStore()
    Language.scoped(.nl) {
      var session = Session(runtime: demo.runtime())
      session.press(.character("$"))
      let screen = session.screen
      #expect(screen.contains("Betalingen"))
      #expect(screen.contains("op factuur"))
      #expect(screen.contains("1 van "))
      #expect(!screen.contains(" of "))
    }
  }

  @Test func theEnglishScreensStayEnglishBesideDutchOnes() throws {
    let demo = try DemoStore()
    let dutch = Language.scoped(.nl) { Session(runtime: demo.runtime()).screen }
    let english = Session(runtime: demo.runtime()).screen
    #expect(dutch.contains("Mijn omgeving") && !dutch.contains("My environment"))
    #expect(english.contains("My environment") && !english.contains("Mijn omgeving"))
  }
}
