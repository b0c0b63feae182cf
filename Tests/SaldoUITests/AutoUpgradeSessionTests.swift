import Foundation
import SaldoCore
import Terminal
import TestSupport
import Testing

@testable import SaldoUI

/// Edit automatic upgrade against real (temporary) stores: golden screens of the form, and
/// whole sessions that switch it on and off and see the result on My environment.
@Suite struct AutoUpgradeSessionTests {
  static let suite = "Screens"

  /// Fills a switched-on form from the amount field to Save, one field after another.
  func fill(
    _ session: inout Session, amount: String = "250", holder: String = "Acme B.V.",
    iban: String = "NL91 ABNA 0417 1643 00", mandate: String = "ACME-001",
    signed: String = "2026-11-01", order: String = "PO-9", cap: String = "1000"
  ) {
    for text in [amount, holder, iban, mandate, signed] {
      session.type(text)
      session.press(.enter)
    }
    session.press(.enter)  // the organisation stays the first
    session.type(order)
    session.press(.enter)
    session.type(cap)
    session.press(.enter)
  }

  @Test func emptyForm() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("e"), .character(" "), .tab, .tab)
    assertScreen(session.state, suite: Self.suite, name: "autoUpgradeEmpty")
  }

  @Test func prefilledAndPausedAfterAReversal() throws {
    let demo = try DemoStore()
    try demo.saldo.autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: .coverDays(30), holder: "Bakkerij De Gouden Korst B.V.",
        iban: "NL91ABNA0417164300", mandateID: "DEMO-1",
        mandateDate: try #require(Day(iso: "2026-10-01")), organisation: try demo.organisation(0),
        orderNumber: "PO-AUTO", monthlyCap: Money(mills: 3_000_000)),
      for: demo.environment)
    let report = try demo.saldo.autoUpgrade.daily(only: demo.environment)
    guard case .upgraded(let collectionID, _, _) = report.first?.action else {
      Issue.record("expected an upgrade, got \(String(describing: report.first?.action))")
      return
    }
    _ = try demo.saldo.autoUpgrade.sepaExport(upTo: Day(containing: demo.saldo.clock.now())) { _ in
    }
    try demo.saldo.autoUpgrade.recordReversal(of: String(collectionID), reason: "AM04")

    var session = Session(runtime: demo.runtime())
    #expect(session.screen.contains("Automatic upgrade: paused: the bank returned"))
    #expect(session.screen.contains("paused: Direct debit SALDO-"))
    session.press(.character("e"))
    assertScreen(session.state, suite: Self.suite, name: "autoUpgradePrefilled")

    session.press(.character("s"))
    #expect(session.state.stack.count == 1)
    #expect(session.screen.contains("The automatic upgrade is on: enough for 30 days. The pause"))
    #expect(try demo.saldo.autoUpgrade.settings(of: demo.environment)?.pausedReason == nil)
    #expect(session.screen.contains("Automatic upgrade: on, enough for 30 days"))
  }

  @Test func aCapReachedShowsOnMyEnvironment() throws {
    let demo = try DemoStore()
    try demo.saldo.autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: .coverDays(30), holder: "Bakkerij De Gouden Korst B.V.",
        iban: "NL91ABNA0417164300", mandateID: "DEMO-1",
        mandateDate: try #require(Day(iso: "2026-10-01")), organisation: try demo.organisation(0),
        orderNumber: nil, monthlyCap: Money(mills: 100_000)),
      for: demo.environment)
    let report = try demo.saldo.autoUpgrade.daily(only: demo.environment)
    guard case .capped = report.first?.action else {
      Issue.record("expected the cap, got \(String(describing: report.first?.action))")
      return
    }
    let session = Session(runtime: demo.runtime())
    let lines = App.render(session.state).grid.textLines()
    let line = try #require(
      lines.firstIndex { $0.contains("capped: the monthly cap of EUR 100,00") })
    #expect(App.render(session.state).grid.roleLines()[line].contains("wwwwwwwwwwww"))
  }

  @Test func theCoresRefusalBesideTheForm() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("e"), .character(" "), .tab, .tab)
    fill(&session, holder: "Bakkerij De Gouden Korst B.V.", signed: "2026-12-01")
    let effects = session.press(.enter)
    #expect(effects.first.map { if case .saveAutoUpgrade = $0 { true } else { false } } == true)
    #expect(try demo.saldo.autoUpgrade.settings(of: demo.environment) == nil)
    assertScreen(session.state, suite: Self.suite, name: "autoUpgradeCoreError")
  }

  @Test func switchOnSeeItOnMyEnvironmentSwitchOff() throws {
    let fixture = try Fixture()
    var session = Session(
      runtime: Runtime(saldo: fixture.saldo(), environment: fixture.environment))
    #expect(session.screen.contains("Automatic upgrade: off"))
    session.press(.character("E"))
    #expect(session.screen.contains("Edit automatic upgrade"))
    #expect(session.screen.contains(AutoUpgradeService.ruleExplanation.prefix(50)))
    session.press(.enter, .down, .down)
    fill(&session)
    session.press(.enter)

    let settings = try #require(try fixture.saldo().autoUpgrade.settings(of: fixture.environment))
    #expect(settings.enabled && settings.amount == .fixed(Money(mills: 250_000)))
    #expect(settings.iban.value == "NL91ABNA0417164300" && settings.mandateID.value == "ACME-001")
    #expect(settings.organisationID == (try fixture.organisation()).id)
    #expect(settings.orderNumber == "PO-9" && settings.monthlyCap == Money(mills: 1_000_000))
    #expect(session.state.stack.count == 1)
    var screen = session.screen
    #expect(screen.contains("Automatic upgrade: on, € 250,00 from NL91…4300"))
    #expect(screen.contains("11-24 12:00 Switched on by ada"))
    #expect(screen.contains("The automatic upgrade is on: € 250,00."))

    session.press(.character("e"))
    guard case .autoUpgrade(let form) = session.state.top else {
      Issue.record("expected the form")
      return
    }
    #expect(form.enabled && form.fixedAmount.text == "250,00" && !form.isDirty)
    session.press(.character(" "), .tab, .enter, .character("y"))
    #expect(try fixture.saldo().autoUpgrade.settings(of: fixture.environment)?.enabled == false)
    screen = session.screen
    #expect(screen.contains("Automatic upgrade: off"))
    #expect(screen.contains("11-24 12:00 Switched off by ada"))
    #expect(screen.contains("The automatic upgrade is off."))
  }

  @Test func aMemberIsRefusedHereAndByTheCore() throws {
    let fixture = try Fixture()
    var session = Session(
      runtime: Runtime(saldo: fixture.saldo(Accounts.ben), environment: fixture.environment))
    // E asks the core, and the core's Access answers: one wording for every front.
    #expect(session.press(.character("e")) == [.prepareAutoUpgradeForm])
    #expect(session.state.stack.count == 1)
    #expect(
      session.screen.contains("only administrators may change the automatic upgrade: account"))
    #expect(session.state.message?.text.contains("Ada de Vries (ada)") == true)
    #expect(session.state.message?.text.contains("is a member, not an administrator") == true)
    // And the member's footer and help offer none of the administrators' keys.
    let help = HelpOverlay.keys(for: session.state.top, home: session.state.home).map(\.keys)
    #expect(!help.contains("P") && !help.contains("E") && !help.contains("$"))
    #expect(!App.hints(for: session.state).contains { $0.keys == "P" || $0.keys == "$" })

    let input = AutoUpgradeInput(
      amount: .fixed(Money(mills: 250_000)), holder: "Ben", iban: "NL91ABNA0417164300",
      mandateID: "BEN-1", mandateDate: try #require(Day(iso: "2026-11-01")),
      organisation: try fixture.organisation(), orderNumber: nil, monthlyCap: nil)
    #expect(throws: SaldoError.self) {
      try fixture.saldo(Accounts.ben).autoUpgrade.setAutoUpgrade(input, for: fixture.environment)
    }
    guard
      case .autoUpgradeSaved(.failure(let error)) = session.runtime.perform(
        .saveAutoUpgrade(input))
    else {
      Issue.record("expected the core to refuse")
      return
    }
    #expect(error.message.contains("not an administrator"))
  }
}
