import Foundation
import Testing
import TestSupport

@testable import SaldoCore

@Suite struct AutoUpgradeTests {
  let today = Day(containing: Fixture.now)

  func consume(_ fixture: Fixture, on day: Day, count: Int, tag: String = "") throws {
    try fixture.consume(on: day, count: count, tag: tag)
  }

  func switchOn(
    _ fixture: Fixture, amount: AutoUpgradeAmount = .fixed(Money(mills: 500_000)), cap: Money? = nil
  ) throws {
    try fixture.saldo().autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: amount, holder: "Acme B.V.", iban: "NL91ABNA0417164300", mandateID: "ACME-001",
        mandateDate: today.adding(days: -30), organisation: try fixture.organisation(),
        orderNumber: "PO-AUTO", monthlyCap: cap),
      for: fixture.environment)
  }

  func collections(_ fixture: Fixture) throws -> [DirectDebitCollection] {
    try fixture.saldo().autoUpgrade.autoUpgradeCollections(of: fixture.environment)
  }

  @Test func onlyTheHundredFullDaysBeforeCount() throws {
    let fixture = try Fixture()
    // 101 days ago falls outside the window, 100 days ago and yesterday inside, today outside.
    try consume(fixture, on: today.adding(days: -101), count: 1000, tag: "a")
    try consume(fixture, on: today.adding(days: -100), count: 100, tag: "b")
    try consume(fixture, on: today.adding(days: -1), count: 100, tag: "c")
    try consume(fixture, on: today, count: 100, tag: "d")
    let summary = try fixture.saldo().credit.creditSummary(of: fixture.environment, on: today)
    #expect(summary.windowConsumption == Money(mills: 200 * 341))
    #expect(summary.averageDaily == Money(mills: 682))
  }

  @Test func fewerThanHundredDaysOfHistoryStillDivideByHundred() throws {
    let fixture = try Fixture()
    try consume(fixture, on: today.adding(days: -1), count: 100)
    let summary = try fixture.saldo().credit.creditSummary(of: fixture.environment, on: today)
    #expect(summary.averageDaily == Money(mills: 341))
  }

  @Test func consumptionLateOnTheDSTDayCountsForThatAmsterdamDay() throws {
    // 25 October 2026 lasts 25 hours in Amsterdam; 22:30 UTC is 23:30 local, still the 25th.
    let fixture = try Fixture(clock: FixedClock(Instant(rfc3339: "2026-10-27T10:00:00Z")!))
    let recorder = ConsumptionRecorder(
      saldo: fixture.saldo(), scope: fixture.environment, strict: true)
    try recorder.record([
      (
        1,
        ConsumptionEvent(
          externalID: "late", organisation: "Acme B.V.", kind: .send,
          at: Instant(rfc3339: "2026-10-25T22:30:00Z"))
      ),
      (
        2,
        ConsumptionEvent(
          externalID: "next", organisation: "Acme B.V.", kind: .send,
          at: Instant(rfc3339: "2026-10-25T23:30:00Z"))
      ),
    ])
    let days = try fixture.saldo().credit.dailyConsumption(
      of: fixture.environment, days: 3, before: Day(iso: "2026-10-27"))
    #expect(days.map(\.day.iso) == ["2026-10-24", "2026-10-25", "2026-10-26"])
    #expect(days.map(\.amount) == [.zero, Money(mills: 171), Money(mills: 171)])
  }

  @Test func oneUpgradeWhenDueAndNoneWhenNot() throws {
    let fixture = try Fixture()
    try fixture.topUp(100)  // balance 100
    try switchOn(fixture)
    #expect(try fixture.saldo().autoUpgrade.daily(on: today).first?.action == .notDue)
    // 100 days × 100 events ≈ 3,410 in the window: average 34.10, 20 days need 682 > 100.
    for offset in 1...100 {
      try consume(fixture, on: today.adding(days: -Int64(offset)), count: 100)
    }
    #expect(try collections(fixture).count == 1)  // already taken after the consumption batch
    let reports = try fixture.saldo().autoUpgrade.daily(on: today)
    guard case .alreadyDone = reports.first?.action else {
      Issue.record("expected already-done, got \(String(describing: reports.first?.action))")
      return
    }
    #expect(try collections(fixture).count == 1)
    let collection = try #require(try collections(fixture).first)
    #expect(collection.sequence == .first)
    #expect(collection.amount == Money(mills: 605_000))  // 500 + 21% VAT
    let invoice = try fixture.saldo().invoices.invoice(number: collection.invoiceNumber)
    #expect(invoice.means == .directDebit)
    #expect(invoice.orderNumber == "PO-AUTO")
    #expect(invoice.unread)
    #expect(invoice.text.contains("SEPA-incasso"))
  }

  @Test func theNextDueDayIsRecurring() throws {
    let fixture = try Fixture()
    try switchOn(fixture)
    for offset in 1...100 {
      try consume(fixture, on: today.adding(days: -Int64(offset)), count: 100)
    }
    let tomorrow = fixture.saldo(at: Instant(seconds: Fixture.now.seconds + 86_400))
    _ = try tomorrow.autoUpgrade.daily()
    let all = try collections(fixture).sorted { $0.id < $1.id }
    #expect(all.map(\.sequence) == [.first, .recurring])
    #expect(Set(all.map(\.day)).count == 2)
  }

  @Test func theMonthlyCapStopsFurtherUpgradesAndNotifiesOnce() throws {
    let fixture = try Fixture()
    try switchOn(fixture, cap: Money(mills: 800_000))
    for offset in 1...100 {
      try consume(fixture, on: today.adding(days: -Int64(offset)), count: 100)
    }
    #expect(try collections(fixture).count == 1)
    for hours in [24, 48] {
      let later = fixture.saldo(at: Instant(seconds: Fixture.now.seconds + Int64(hours) * 3600))
      guard case .capped = try later.autoUpgrade.daily().first?.action else {
        Issue.record("expected capped after \(hours) hours")
        return
      }
    }
    #expect(try collections(fixture).count == 1)
    let outbox = try fixture.saldo().mail.outbox()
    #expect(outbox.filter { $0.subject.contains("monthly cap") }.count == 1)
  }

  @Test func coverDaysTopsUpEnoughForThoseDays() throws {
    let fixture = try Fixture()
    for offset in 1...100 {
      try consume(fixture, on: today.adding(days: -Int64(offset)), count: 100)
    }
    try switchOn(fixture, amount: .coverDays(30))
    _ = try fixture.saldo().autoUpgrade.daily(on: today)
    let collection = try #require(try collections(fixture).first)
    let payment = try #require(
      try fixture.saldo().payments.list(of: fixture.environment).first {
        $0.id == collection.paymentID
      })
    // 30 × 34.10 = 1,023 to cover the days, plus the deficit of 3,410 that blocks the
    // environment: otherwise the upgrade would leave it blocked.
    #expect(payment.amount == Money(mills: 4_433_000))
  }

  @Test func switchedOffStaysOff() throws {
    let fixture = try Fixture()
    try switchOn(fixture)
    try fixture.saldo().autoUpgrade.disableAutoUpgrade(for: fixture.environment)
    for offset in 1...100 {
      try consume(fixture, on: today.adding(days: -Int64(offset)), count: 100)
    }
    #expect(try fixture.saldo().autoUpgrade.daily(on: today).first?.action == .off)
    #expect(try collections(fixture).isEmpty)
    // Alerts go out instead: the credit is used up.
    #expect(try fixture.saldo().mail.outbox().contains { $0.subject.contains("used up") })
  }

  @Test func aReversalTakesTheCreditBackPausesAndTells() throws {
    let fixture = try Fixture()
    try switchOn(fixture)
    for offset in 1...100 {
      try consume(fixture, on: today.adding(days: -Int64(offset)), count: 100)
    }
    let collection = try #require(try collections(fixture).first)
    let before = try fixture.store.balanceNow(fixture.environment.id)
    // Only a debit that went to the bank can come back.
    #expect(throws: SaldoError.self) {
      try fixture.saldo().autoUpgrade.recordReversal(of: String(collection.id), reason: "am04")
    }
    _ = try fixture.saldo().autoUpgrade.sepaExport(day: today)
    try fixture.saldo().autoUpgrade.recordReversal(of: String(collection.id), reason: "am04")
    #expect(
      try fixture.store.balanceNow(fixture.environment.id) == Money(mills: before.mills - 525_000))
    #expect(
      try fixture.store.ledgerSumNow(fixture.environment.id)
        == fixture.store.balanceNow(fixture.environment.id))
    let settings = try #require(try fixture.saldo().autoUpgrade.settings(of: fixture.environment))
    #expect(settings.pausedReason?.contains("AM04") == true)
    #expect(settings.enabled)
    let tomorrow = fixture.saldo(at: Instant(seconds: Fixture.now.seconds + 86_400))
    guard case .paused = try tomorrow.autoUpgrade.daily().first?.action else {
      Issue.record("a paused upgrade ran")
      return
    }
    let notes = try fixture.saldo().invoices.list(of: fixture.environment).filter(\.isCreditNote)
    #expect(notes.map(\.corrects) == [collection.invoiceNumber])
    #expect(try fixture.saldo().mail.outbox().contains { $0.subject.contains("paused") })
    #expect(throws: SaldoError.self) {
      try fixture.saldo().autoUpgrade.recordReversal(of: String(collection.id), reason: "AM04")
    }
    #expect(throws: SaldoError.self) {
      try fixture.saldo().autoUpgrade.recordReversal(of: "1", reason: "XX99")
    }
    // After a reversal of the first collection, the next one under the mandate is FRST again.
    try switchOn(fixture)
    _ = try tomorrow.autoUpgrade.daily()
    let next = try collections(fixture).max { $0.id < $1.id }
    #expect(next?.sequence == .first)
  }

  @Test func theSEPAFileCountsAndSumsAndPassesTheSchema() throws {
    let fixture = try Fixture()
    try switchOn(fixture)
    // A second environment with its own mandate, both due today.
    let ada = fixture.saldo()
    let other = try ada.directory.initialize(
      environment: "Other", organisation: "Other B.V.", email: "o@other.example",
      details: Fixture.acmeDetails)
    try ada.autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: .fixed(Money(mills: 250_000)), holder: "Other & Søn <Ltd>",
        iban: "DE89370400440532013000",
        mandateID: "OTHER-1", mandateDate: today.adding(days: -3),
        organisation: try ada.directory.organisation("Other B.V.", in: other), orderNumber: nil,
        monthlyCap: nil),
      for: other)
    for offset in 1...100 {
      try consume(fixture, on: today.adding(days: -Int64(offset)), count: 100)
    }
    let recorder = ConsumptionRecorder(saldo: ada, scope: other, strict: true)
    try recorder.record([
      (
        1,
        ConsumptionEvent(
          externalID: "o1", organisation: "Other B.V.", kind: .pdf,
          at: Instant(seconds: today.start.seconds - 3600))
      )
    ])
    let export = try ada.autoUpgrade.sepaExport(day: today)
    #expect(export.count == 2)
    #expect(export.total == Money(mills: 605_000 + 302_500))
    #expect(export.xml.contains("<NbOfTxs>2</NbOfTxs>"))
    #expect(export.xml.contains("<CtrlSum>907.50</CtrlSum>"))
    #expect(export.xml.contains("<SeqTp>FRST</SeqTp>"))
    #expect(export.xml.contains("<MndtId>ACME-001</MndtId>"))
    #expect(throws: SaldoError.self) {
      try fixture.saldo(Accounts.ben).autoUpgrade.sepaExport(day: today)
    }
    if Conformance.sepaTestsEnabled {
      let (status, output) = try Conformance.validateSEPA([export.xml])
      #expect(status == 0, "\(output)")
    }
  }

  @Test func settingsAreCheckedAndOnlyAdministratorsChangeThem() throws {
    let fixture = try Fixture()
    let good = AutoUpgradeInput(
      amount: .fixed(Money(mills: 500_000)), holder: "Acme", iban: "NL91ABNA0417164300",
      mandateID: "M-1", mandateDate: today, organisation: try fixture.organisation(),
      orderNumber: nil, monthlyCap: nil)
    var badIBAN = good
    badIBAN.iban = "NL91ABNA0417164301"
    var future = good
    future.mandateDate = today.adding(days: 1)
    var badMandate = good
    badMandate.mandateID = "M\u{1B}[2J"
    var tooMuch = good
    tooMuch.amount = .fixed(Money(mills: 1_000_000_000_000))
    for input in [badIBAN, future, badMandate, tooMuch] {
      #expect(throws: SaldoError.self) {
        try fixture.saldo().autoUpgrade.setAutoUpgrade(input, for: fixture.environment)
      }
    }
    #expect(throws: SaldoError.self) {
      try fixture.saldo(Accounts.ben).autoUpgrade.setAutoUpgrade(good, for: fixture.environment)
    }
    try fixture.saldo().autoUpgrade.setAutoUpgrade(good, for: fixture.environment)
    let changes = try fixture.saldo().autoUpgrade.autoUpgradeChanges(of: fixture.environment)
    #expect(changes.first?.actor == "ada")
  }

  @Test func anOrganisationThatCannotBeInvoicedPausesWithoutFailingTheFeed() throws {
    let fixture = try Fixture()
    try switchOn(fixture)
    // The organisation loses its address after the upgrade was switched on.
    try fixture.saldo().directory.updateOrganisation(
      try fixture.organisation(), OrganisationChanges(street: ""))
    for offset in 1...100 {
      try consume(fixture, on: today.adding(days: -Int64(offset)), count: 100)
    }
    #expect(try collections(fixture).isEmpty)
    let settings = try #require(try fixture.saldo().autoUpgrade.settings(of: fixture.environment))
    #expect(settings.pausedReason?.contains("cannot invoice") == true)
    #expect(try fixture.saldo().mail.outbox().contains { $0.subject.contains("paused") })
    #expect(try fixture.store.verify().isEmpty)
    // The daily job reports it and goes on.
    guard case .paused = try fixture.saldo().autoUpgrade.daily(on: today).first?.action else {
      Issue.record("expected paused")
      return
    }
  }

  @Test func lowCreditIsNotifiedOncePerEpisode() throws {
    let fixture = try Fixture()
    // 682 consumed: the credit is used up (one alert), then a top-up of 700 leaves 18, which
    // is low (one alert), however often the job runs.
    for offset in 1...100 {
      try consume(fixture, on: today.adding(days: -Int64(offset)), count: 20)
    }
    for _ in 0..<3 { _ = try fixture.saldo().autoUpgrade.daily(on: today) }
    try fixture.topUp(100)
    try fixture.topUp(300)
    try fixture.topUp(300)
    for _ in 0..<3 { _ = try fixture.saldo().autoUpgrade.daily(on: today) }
    let subjects = try fixture.saldo().mail.outbox().map(\.subject)
    #expect(subjects.filter { $0.contains("used up") }.count == 1)
    #expect(subjects.filter { $0.contains("running low") }.count == 1)
  }
}
