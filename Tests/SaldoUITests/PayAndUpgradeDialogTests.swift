import SaldoCore
import Terminal
import Testing

@testable import SaldoUI

/// The dialog's rules, through keys only: no store, no terminal.
@Suite struct PayAndUpgradeDialogTests {
  static let organisations = [
    Organisation(id: 1, environmentID: 1, name: "Acme B.V."),
    Organisation(id: 2, environmentID: 1, name: "Beta V.O.F."),
  ]

  func state(plan: String = "Business") -> AppState {
    var app = AppState(environmentName: "Acme", ascii: false, size: Size(width: 80, height: 24))
    let chosen = PlanCatalog.seed.first { $0.name == plan } ?? PlanCatalog.seed[0]
    _ = App.update(
      &app,
      .payAndUpgradeReady(
        .success(
          PayAndUpgradeSetup(
            idempotencyKey: "tk_fixed", plan: chosen, organisations: Self.organisations))))
    return app
  }

  func dialogOf(_ app: AppState) -> PayAndUpgradeState? {
    if case .payAndUpgrade(let dialog) = app.top { return dialog }
    return nil
  }

  func press(_ app: inout AppState, _ keys: Key...) -> [Effect] {
    keys.flatMap { App.update(&app, .key($0)) }
  }

  func type(_ app: inout AppState, _ text: String) {
    for character in text { _ = App.update(&app, .key(.character(character))) }
  }

  @Test(arguments: ["250", "250.00", "250,00", "€ 250", "€250", " 250 "])
  func typedAmountsThatMeanTwoHundredFifty(text: String) throws {
    var app = state()
    type(&app, text.trimmingCharacters())
    let dialog = try #require(dialogOf(app))
    #expect(dialog.focus == .otherAmount)
    #expect(try dialog.amount.get() == Money(mills: 250_000))
    #expect(dialog.amountError == nil)
  }

  @Test(arguments: [
    ("0", TopUpError.amount(.zero).description),
    ("-5", AmountError.negative.description),
    ("12,345", AmountError.tooManyDecimals(2).description),
    ("99999999999", AmountError.tooLarge.description),
    ("5", TopUpError.belowMinimum(TopUpRules.minimum).description),
    ("200000", TopUpError.aboveMaximum(TopUpRules.maximum).description),
    ("12a", AmountError.notANumber("12a").description),
  ])
  func refusedAmountsShowTheCoresReason(text: String, reason: String) throws {
    var app = state()
    _ = press(&app, .down, .down, .down, .down, .down, .tab)  // Other, then its field
    type(&app, text)
    let dialog = try #require(dialogOf(app))
    #expect(dialog.focus == .otherAmount)
    #expect(dialog.amountError == reason)
    #expect(!dialog.canConfirm)
    #expect(press(&app, .enter).isEmpty)
    #expect(App.render(app).grid.text().contains(String(reason.prefix(60))))
  }

  @Test func presetsShowTheirBundleBonus() {
    let screen = App.render(state()).grid.text()
    #expect(screen.contains("€ 500,00     + € 25,00 bonus"))
    #expect(screen.contains("€ 2.500,00   + € 250,00 bonus"))
    #expect(screen.contains("Prepaid credit is not refunded (general conditions 5.4)."))
  }

  @Test func enterMovesThroughTheFormAndNeverBooks() {
    var app = state()
    #expect(press(&app, .enter, .enter).isEmpty)
    #expect(dialogOf(app)?.focus == .confirm)
    #expect(press(&app, .enter).isEmpty)
    #expect(dialogOf(app)?.reviewing == true)
    var fromList = state()
    #expect(press(&fromList, .down, .down, .down, .enter).isEmpty)
    #expect(dialogOf(fromList)?.reviewing == false)
  }

  @Test func theReviewStatesEverythingWithTheTotalOnItsOwnLine() throws {
    var app = state()
    type(&app, "1000")
    _ = press(&app, .control("s"))
    #expect(dialogOf(app)?.reviewing == true)
    let screen = App.render(app).grid.text()
    #expect(screen.contains("Review before paying"))
    #expect(screen.contains("Amount (excl. VAT)  € 1.000,00 (you typed \"1000\")"))
    #expect(screen.contains("Method              iDEAL"))
    #expect(screen.contains("Organisation        Acme B.V."))
    #expect(screen.contains("Prepaid credit is not refunded (general conditions 5.4)."))
    let lines = App.render(app).grid.textLines().map { $0.trimmingCharacters() }
    #expect(lines.contains("€ 1.210,00"))
    #expect(press(&app, .escape).isEmpty)
    #expect(dialogOf(app)?.reviewing == false && app.stack.count == 2 && app.confirm == nil)
  }

  @Test func yOnTheReviewBooks() {
    var app = state()
    _ = press(&app, .character("r"))
    #expect(press(&app, .character("y")).count == 1)
  }

  @Test func aDoubleEnterSubmitsOnceWithTheKeyMadeAtOpening() {
    var app = state()
    _ = press(&app, .control("s"))
    let first = press(&app, .enter)
    let second = press(&app, .enter, .character("c"))
    #expect(
      first == [
        .topUp(
          TopUpOrder(
            amount: Money(mills: 250_000), method: .ideal, organisationID: nil, orderNumber: nil,
            idempotencyKey: "tk_fixed"))
      ])
    #expect(second.isEmpty)
    #expect(dialogOf(app)?.submitting == true)
  }

  @Test func aRefusalReenablesConfirmWithTheSameKey() throws {
    var app = state()
    _ = press(&app, .control("s"), .enter)
    _ = App.update(&app, .toppedUp(.failure(UIError("the store is busy; try again"))))
    #expect(dialogOf(app)?.error == "the store is busy; try again")
    let retry = press(&app, .control("s"), .enter)
    guard case .topUp(let order) = try #require(retry.first) else {
      Issue.record("expected a top-up")
      return
    }
    #expect(order.idempotencyKey == "tk_fixed")
  }

  /// The VAT line follows the core's treatment of the organisation invoiced: a Belgian
  /// organisation with a VAT id is reverse charged, the default Dutch one pays 21%.
  @Test func theVATLineShowsTheOrganisationsTreatment() throws {
    var app = AppState(environmentName: "Acme", ascii: false, size: Size(width: 80, height: 24))
    let taxes = TopUpTaxes(
      byOrganisation: [1: .standard(on: Day(number: 20_000)), 2: .reverseCharge],
      defaultOrganisationID: 1, fallback: .standard(on: Day(number: 20_000)))
    _ = App.update(
      &app,
      .payAndUpgradeReady(
        .success(
          PayAndUpgradeSetup(
            idempotencyKey: "tk_fixed",
            plan: PlanCatalog.seed.first { $0.name == "Business" }
              ?? PlanCatalog.seed[0], organisations: Self.organisations, taxes: taxes))))
    #expect(App.render(app).grid.text().contains("VAT 21% € 52,50"))
    // Invoice, then the second organisation (Beta V.O.F., the Belgian one here).
    _ = press(&app, .tab, .down, .down, .tab, .right)
    #expect(dialogOf(app)?.quote?.tax == .reverseCharge)
    #expect(App.render(app).grid.text().contains("VAT reverse charged (0%) € 0,00"))
    _ = press(&app, .control("s"))
    let lines = App.render(app).grid.textLines().map { $0.trimmingCharacters() }
    #expect(
      lines.contains { $0.hasPrefix("VAT reverse charged (0%)") && $0.hasSuffix("€ 0,00") },
      "\(lines.joined(separator: "\n"))")
    #expect(lines.contains("€ 250,00"))
  }

  @Test func anInvoiceNamesTheOrganisationAndTheOrderNumber() throws {
    var app = state()
    _ = press(&app, .tab, .down, .down, .tab, .right, .tab)
    type(&app, "PO 77 ?q")
    #expect(dialogOf(app)?.focus == .orderNumber)
    let effects = press(&app, .enter, .enter, .enter)
    #expect(
      effects == [
        .topUp(
          TopUpOrder(
            amount: Money(mills: 250_000), method: .invoice, organisationID: 2,
            orderNumber: "PO 77 ?q", idempotencyKey: "tk_fixed"))
      ])
  }

  @Test func aMethodThePlanCannotActivateIsDisabledWithItsReason() throws {
    var app = state(plan: "Start")
    _ = press(&app, .tab, .down)  // Bancontact
    let screen = App.render(app).grid.text()
    #expect(screen.contains("Bancontact  (unavailable)"))
    #expect(screen.contains("Bancontact: Bancontact is part of the Enterprise plan. Choose"))
    #expect(screen.contains("working method or change the subscription."))
    #expect(press(&app, .control("s")).isEmpty)
    #expect(dialogOf(app)?.error?.contains("change the subscription") == true)
  }

  @Test func escAsksBeforeDiscardingChangesAndNotOtherwise() {
    var clean = state()
    _ = press(&clean, .escape)
    #expect(clean.stack.count == 1 && clean.confirm == nil)

    var changed = state()
    _ = press(&changed, .down, .escape)
    #expect(changed.confirm?.action == .discardTop)
    _ = press(&changed, .character("n"))
    #expect(changed.stack.count == 2)
    _ = press(&changed, .escape, .character("y"))
    #expect(changed.stack.count == 1)
  }

  @Test func ctrlCAsksWhenTheDialogHasChanges() {
    var app = state()
    type(&app, "300")
    _ = press(&app, .control("c"))
    #expect(app.confirm?.action == .quit && !app.quit)
    _ = press(&app, .character("y"))
    #expect(app.quit)
  }

  @Test func qAndQuestionMarkAreTextInsideAField() throws {
    var app = state()
    _ = press(&app, .tab, .down, .down, .tab, .tab)
    type(&app, "q?")
    #expect(dialogOf(app)?.orderNumber.text == "q?")
    #expect(!app.showsHelp && !app.quit && app.stack.count == 2)
  }
}
