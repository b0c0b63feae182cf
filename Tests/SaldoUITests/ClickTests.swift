import SaldoCore
import Terminal
import TestSupport
import Testing

@testable import SaldoUI

extension Session {
  /// Clicks the first cell of the first row that shows `text`, as a mouse would.
  @discardableResult
  mutating func click(_ text: String, sourceLocation: SourceLocation = #_sourceLocation)
    -> [Effect]
  {
    let lines = App.render(state).grid.textLines()
    for (row, line) in lines.enumerated() {
      guard let range = line.range(of: text) else { continue }
      let col = TextWidth.columns(of: String(line[..<range.lowerBound]))
      return press(.mouseClick(row: row, col: col))
    }
    Issue.record(
      "\"\(text)\" is not on screen:\n\(lines.joined(separator: "\n"))",
      sourceLocation: sourceLocation)
    return []
  }
}

/// With the mouse on, every dialog takes clicks: each click is the keys a keyboard user would
/// press there, so the click path cannot disagree with the keys.
@Suite struct ClickTests {
  @Test func payAndUpgradeByClicksOnlyReviewsThenBooks() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.click("Pay and upgrade")
    guard case .payAndUpgrade(let opened) = session.state.top else {
      Issue.record("the dialog did not open")
      return
    }
    let third = ScreenFormat.money(opened.presets[2], ascii: false)
    session.click(third)
    session.click("( ) Invoice")
    guard case .payAndUpgrade(let chosen) = session.state.top else {
      Issue.record("the dialog closed after clicking the amount and the method")
      return
    }
    #expect(chosen.amountChoice == 2)
    #expect(chosen.isInvoice)
    // Nothing is booked before the review.
    #expect(session.click("[ Review (R) ]").isEmpty)
    guard case .payAndUpgrade(let review) = session.state.top else {
      Issue.record("the dialog closed instead of opening the review")
      return
    }
    #expect(review.reviewing)
    let effects = session.click("Book and pay")
    #expect(effects.contains { if case .topUp = $0 { true } else { false } })
  }

  @Test func theCancelButtonAndTheConfirmAnswersTakeClicks() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("p"))
    session.type("300")
    session.click("[ Cancel ]")
    #expect(session.state.confirm != nil)
    session.click("n no")
    #expect(session.state.confirm == nil && session.state.stack.count == 2)
    session.click("[ Cancel ]")
    session.click("y yes")
    #expect(session.state.stack.count == 1)
  }

  @Test func theEditFormTakesClicksOnFieldsAndButtons() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.press(.character("e"))
    guard case .autoUpgrade(let form) = session.state.top else {
      Issue.record("the form did not open")
      return
    }
    if !form.enabled { session.click("( ) On") }
    // Labels are not targets; the field is.
    let lines = App.render(session.state).grid.textLines()
    let row = try #require(lines.firstIndex { $0.contains("Monthly cap") })
    session.press(.mouseClick(row: row, col: AutoUpgradeForm.fieldX + 1))
    guard case .autoUpgrade(let focused) = session.state.top else { return }
    #expect(focused.focus == .monthlyCap, "\(form.focus)")
    session.click("[ Cancel ]")
    #expect(session.state.stack.count == 1 || session.state.confirm != nil)
  }

  @Test func footerHintsAreButtons() throws {
    let demo = try DemoStore()
    var session = Session(runtime: demo.runtime())
    session.click("T transactions")
    guard case .transactions = session.state.top else {
      Issue.record("expected the transactions screen, found \(session.state.top)")
      return
    }
    // A click selects a row, a second click on it opens the detail.
    let lines = App.render(session.state).grid.textLines()
    session.press(.mouseClick(row: 6, col: 3))
    guard case .transactions(let list) = session.state.top else { return }
    #expect(list.selected == 2, "\(lines[6])")
    session.press(.mouseClick(row: 6, col: 3))
    guard case .transactions(let detail) = session.state.top else { return }
    #expect(detail.showsDetail)
  }
}
