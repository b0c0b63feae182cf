import SaldoCore
import Terminal
import TestSupport
import Testing

@testable import SaldoUI

/// The form's rules, through keys only: no store, no terminal.
@Suite struct AutoUpgradeFormTests {
  static let organisations = [
    Organisation(id: 1, environmentID: 1, name: "Acme B.V."),
    Organisation(id: 2, environmentID: 1, name: "Beta V.O.F."),
  ]

  static let saved = AutoUpgradeSettings(
    enabled: true, amount: .coverDays(30), holder: "Acme B.V.", iban: TestIBAN.acme,
    mandateID: testMandate("ACME-1"), mandateDate: Day(iso: "2026-10-01") ?? Day(number: 0),
    organisationID: 2, orderNumber: "PO-9", monthlyCap: Money(mills: 2_000_000),
    updatedAt: Fixture.now, updatedBy: "ada")

  func state(
    _ settings: AutoUpgradeSettings? = nil, events: [AutoUpgradeEvent] = [], ascii: Bool = false
  ) -> AppState {
    var app = AppState(environmentName: "Acme", ascii: ascii, size: Size(width: 80, height: 24))
    _ = App.update(
      &app,
      .autoUpgradeFormReady(
        .success(
          AutoUpgradeSetup(settings: settings, organisations: Self.organisations, events: events)
        )))
    return app
  }

  func formOf(_ app: AppState) -> AutoUpgradeFormState? {
    if case .autoUpgrade(let form) = app.top { return form }
    return nil
  }

  func press(_ app: inout AppState, _ keys: Key...) -> [Effect] {
    keys.flatMap { App.update(&app, .key($0)) }
  }

  func type(_ app: inout AppState, _ text: String) {
    for character in text { _ = App.update(&app, .key(.character(character))) }
  }

  /// Switches on and fills every field with valid values, leaving the focus on Save.
  func filled() -> AppState {
    var app = state()
    _ = press(&app, .character(" "), .tab, .tab)
    type(&app, "500")
    _ = press(&app, .enter)
    type(&app, "Acme B.V.")
    _ = press(&app, .enter)
    type(&app, "nl91 abna 0417 1643 00")
    _ = press(&app, .enter)
    type(&app, "ACME-1")
    _ = press(&app, .enter)
    type(&app, "2026-11-01")
    _ = press(&app, .enter, .right, .enter)
    type(&app, "PO 9")
    _ = press(&app, .enter)
    type(&app, "1.000,00")
    _ = press(&app, .enter)
    return app
  }

  @Test func switchedOffOnlyTheSwitchAndTheButtonsTakeTheFocus() throws {
    var app = state()
    #expect(formOf(app)?.focus == .enabled && formOf(app)?.enabled == false)
    _ = press(&app, .tab)
    #expect(formOf(app)?.focus == .save)
    _ = press(&app, .tab, .tab)
    #expect(formOf(app)?.focus == .enabled)
    _ = press(&app, .enter)
    #expect(formOf(app)?.enabled == true)
    _ = press(&app, .down)
    #expect(formOf(app)?.focus == .amountMode)
    _ = press(&app, .backTab, .character(" "))
    #expect(formOf(app)?.enabled == false)
  }

  @Test func spaceAndEnterSwitchTheAmountBetweenFixedAndDays() throws {
    var app = state()
    _ = press(&app, .character(" "), .tab, .character(" "))
    #expect(formOf(app)?.amountMode == .coverDays)
    _ = press(&app, .tab)
    type(&app, "30")
    _ = press(&app, .up, .enter, .down)
    let form = try #require(formOf(app))
    #expect(form.amountMode == .fixed && form.focus == .amount)
    #expect(form.coverDays.text == "30" && form.fixedAmount.text.isEmpty)
  }

  @Test func typingIntoFieldsKeepsQuestionMarksAndQ() throws {
    var app = state()
    _ = press(&app, .character(" "), .down, .down, .down)
    type(&app, "q?Co")
    _ = press(&app, .backspace)
    let form = try #require(formOf(app))
    #expect(form.focus == .holder && form.holder.text == "q?C")
    #expect(!app.showsHelp && !app.quit && app.stack.count == 2)
  }

  @Test func aValidFormSavesOnceWhatWasTyped() throws {
    var app = filled()
    #expect(formOf(app)?.focus == .save)
    let first = press(&app, .enter)
    let expected = AutoUpgradeInput(
      amount: .fixed(Money(mills: 500_000)), holder: "Acme B.V.", iban: "nl91 abna 0417 1643 00",
      mandateID: "ACME-1", mandateDate: try #require(Day(iso: "2026-11-01")),
      organisation: Self.organisations[1], orderNumber: "PO 9",
      monthlyCap: Money(mills: 1_000_000))
    #expect(first == [.saveAutoUpgrade(expected)])
    #expect(press(&app, .enter, .character("s")).isEmpty)
    #expect(formOf(app)?.submitting == true)
  }

  @Test func saveStopsAtTheFirstFieldInTheWayWithItsReason() throws {
    var app = state()
    _ = press(&app, .character(" "), .character("s"))
    var form = try #require(formOf(app))
    #expect(form.focus == .amount)
    #expect(form.error == "enter the amount to top up each time, e.g. 500 or 500,00")
    type(&app, "5")
    form = try #require(formOf(app))
    #expect(form.error == nil)
    #expect(form.liveProblem == TopUpError.belowMinimum(TopUpRules.minimum).description)
    _ = press(&app, .backspace)
    type(&app, "500")
    _ = press(&app, .tab)
    type(&app, "Acme")
    _ = press(&app, .tab)
    type(&app, "NL91ABNA0417164301")
    form = try #require(formOf(app))
    let checkDigits = IdentifierError.checkDigits(.iban).description
    #expect(form.liveProblem == checkDigits)
    var screen = App.render(app).grid.text()
    #expect(screen.contains("✗ not a valid IBAN"))
    #expect(screen.contains(String(checkDigits.prefix(60))))
    _ = press(&app, .backspace)
    type(&app, "0")
    screen = App.render(app).grid.text()
    #expect(screen.contains("✓ check digits match"))
    _ = press(&app, .tab)
    type(&app, "M-1")
    _ = press(&app, .tab)
    type(&app, "24-11-2026")
    #expect(press(&app, .tab, .tab, .tab, .tab, .enter).isEmpty)
    form = try #require(formOf(app))
    #expect(form.focus == .mandateDate)
    #expect(form.error?.hasPrefix("the mandate date must be the day it was signed") == true)
  }

  @Test func aWrongMonthlyCapIsNamed() throws {
    var app = filled()
    _ = press(&app, .backTab, .control("u"))
    type(&app, "12,345")
    #expect(press(&app, .enter, .enter).isEmpty)
    #expect(formOf(app)?.error == "monthly cap: " + AmountError.tooManyDecimals(2).description)
    #expect(formOf(app)?.focus == .monthlyCap)
  }

  @Test func theSavedSettingsFillTheFormAndSaveAsTheyAre() throws {
    var app = state(Self.saved)
    let form = try #require(formOf(app))
    #expect(form.enabled && form.amountMode == .coverDays && form.coverDays.text == "30")
    #expect(form.iban.text == "NL91 ABNA 0417 1643 00")
    #expect(form.mandateDate.text == "2026-10-01" && form.organisation == 1)
    #expect(form.monthlyCap.text == "2.000,00" && form.orderNumber.text == "PO-9")
    #expect(!form.isDirty)
    let effects = press(&app, .character("S"))
    #expect(
      effects == [
        .saveAutoUpgrade(
          AutoUpgradeInput(
            amount: .coverDays(30), holder: "Acme B.V.", iban: "NL91 ABNA 0417 1643 00",
            mandateID: "ACME-1", mandateDate: Self.saved.mandateDate,
            organisation: Self.organisations[1], orderNumber: "PO-9",
            monthlyCap: Money(mills: 2_000_000)))
      ])
  }

  @Test func switchingOffSavesTheSwitchOffAndNeverSetUpStaysOff() throws {
    var on = state(Self.saved)
    #expect(press(&on, .character(" "), .character("s")).isEmpty)
    #expect(on.confirm?.title == "Switch off")
    #expect(press(&on, .character("y")) == [.disableAutoUpgrade])

    var kept = state(Self.saved)
    _ = press(&kept, .character(" "), .control("s"), .character("n"))
    #expect(kept.confirm == nil && kept.stack.count == 2)

    var never = state()
    _ = press(&never, .character(" "), .character(" "))
    #expect(press(&never, .character("s")) == [.loadHome])
    #expect(never.stack.count == 1)
    #expect(never.message == .info("The automatic upgrade stays off."))
  }

  @Test func aPauseIsShownWithTheNoteThatSavingLiftsIt() throws {
    var paused = Self.saved
    paused.pausedReason = "the bank returned a debit (AM04 insufficient funds)"
    let screen = App.render(state(paused)).grid.text()
    #expect(
      screen.contains("Paused: the bank returned a debit (AM04 insufficient funds). Saving lifts"))
    #expect(screen.contains("the pause and switches it back on."))
  }

  @Test func theCoresRefusalStaysBesideTheFormUntilTheNextEdit() throws {
    var app = filled()
    _ = press(&app, .enter)
    let refusal = "the mandate date 2026-11-01 is in the future; give the day it was signed"
    #expect(App.update(&app, .autoUpgradeSaved(.failure(UIError(refusal)))).isEmpty)
    var form = try #require(formOf(app))
    #expect(form.error == refusal && !form.submitting && app.stack.count == 2)
    #expect(App.render(app).grid.text().contains(refusal))
    _ = press(&app, .backTab, .character("0"))
    form = try #require(formOf(app))
    #expect(form.error == nil)
  }

  @Test func aSuccessfulSaveReturnsToMyEnvironmentAndReloads() throws {
    var app = state()
    #expect(app.stack.count == 2)
    _ = press(&app, .character(" "))
    let effects = App.update(&app, .autoUpgradeSaved(.success(Self.saved)))
    #expect(effects == [.loadHome])
    #expect(app.stack.count == 1 && app.confirm == nil)
    #expect(app.message == .success("The automatic upgrade is on: enough for 30 days."))
  }

  @Test func escAsksBeforeDiscardingChangesAndNotOtherwise() {
    var clean = state()
    _ = press(&clean, .escape)
    #expect(clean.stack.count == 1 && clean.confirm == nil)

    var changed = state()
    _ = press(&changed, .character(" "), .escape)
    #expect(changed.confirm?.question == "Discard your changes to the automatic upgrade?")
    _ = press(&changed, .character("n"))
    #expect(changed.stack.count == 2)
    _ = press(&changed, .character("q"), .character("y"))
    #expect(changed.stack.count == 1)
  }

  @Test func ctrlCAsksWhenTheFormHasChanges() {
    var app = state()
    _ = press(&app, .character(" "), .tab, .tab)
    type(&app, "300")
    _ = press(&app, .control("c"))
    #expect(app.confirm?.question == "Quit and discard your changes to the automatic upgrade?")
    #expect(!app.quit)
    _ = press(&app, .character("y"))
    #expect(app.quit)
  }

  @Test func helpListsTheFormsKeys() {
    var app = state()
    _ = press(&app, .character("?"))
    let screen = App.render(app).grid.text()
    #expect(screen.contains("Keys: Edit automatic upgrade"))
    #expect(screen.contains("switch on or off; fixed amount or days to cover"))
    #expect(screen.contains("save from any field; switching off asks first"))
  }

  @Test func aMemberIsToldWhoMayChangeIt() {
    var app = AppState(environmentName: "Acme", ascii: false, size: Size(width: 80, height: 24))
    _ = App.update(
      &app,
      .homeLoaded(
        .success(
          HomeData(
            environment: Environment(id: 1, name: "Acme", planID: 1, createdAt: Fixture.now),
            mayAdminister: false, administratorNames: "Ada de Vries (ada)", summary: nil,
            daily: [], organisations: Self.organisations, unread: [:], latest: [], plan: nil))))
    // The screen does not word the refusal itself: it asks the core, whose Access says who may.
    #expect(press(&app, .character("e")) == [.prepareAutoUpgradeForm])
    #expect(app.stack.count == 1)
    _ = App.update(&app, .autoUpgradeFormReady(.failure(UIError("only administrators may …"))))
    #expect(app.message == .error("only administrators may …"))
    #expect(app.stack.count == 1)
  }

  @Test func anASCIITerminalGetsOnlyASCII() {
    var paused = Self.saved
    paused.pausedReason = "the bank returned a debit (AM04 insufficient funds)"
    let events = (0..<6).map {
      AutoUpgradeEvent(at: Fixture.now, kind: .capped, message: "the monthly cap is reached \($0)")
    }
    var app = state(paused, events: events, ascii: true)
    _ = press(&app, .down, .down, .down, .down)
    type(&app, "X")
    let grid = App.render(app).grid
    #expect(grid.cells.allSatisfy { $0.text.unicodeScalars.allSatisfy(\.isASCII) })
    let lines = grid.textLines()
    #expect(lines[22].contains("capped: the monthly cap is reached 1"))
    #expect(
      lines.contains { $0.contains("IBAN                NL91 ABNA 0417 1643 00X         x not") })
  }

  @Test func eventsReadAsOneLineEach() {
    let at = Fixture.now
    #expect(
      AutoUpgradeForm.eventLine(AutoUpgradeEvent(at: at, kind: .done, message: "Topped up x"))
        == ("11-24 12:00 done: Topped up x", .success))
    #expect(
      AutoUpgradeForm.eventLine(AutoUpgradeEvent(at: at, kind: .capped, message: "cap")).1
        == .warning)
    #expect(
      AutoUpgradeForm.eventLine(AutoUpgradeEvent(at: at, kind: .settings, message: "Switched on"))
        .0 == "11-24 12:00 Switched on")
  }

  /// The BIC is asked only for an account outside the EEA, where SEPA needs it; an empty
  /// mandate reference is no mistake (the core issues one).
  @Test func aBICIsAskedOnlyOutsideTheEEA() throws {
    var app = state()
    _ = press(&app, .character(" "), .tab, .tab)
    type(&app, "500")
    _ = press(&app, .enter)
    type(&app, "Acme Ltd")
    _ = press(&app, .enter)
    type(&app, "NL91 ABNA 0417 1643 00")
    var form = try #require(formOf(app))
    #expect(!form.asksBIC)
    #expect(!form.stops.contains(.bic))
    #expect(form.problem(.mandateID) == nil)
    form.iban.setText("GB33 BUKB 2020 1555 5555 55")
    #expect(form.asksBIC)
    #expect(form.stops.contains(.bic))
    #expect(form.problem(.bic)?.contains("GB") == true)
    form.bic.setText("BUKBGB22")
    #expect(form.problem(.bic) == nil)
  }
}
