import SaldoCore
import Testing

@testable import SaldoUI

/// The transactions window keeps a few pages, however far one scrolls.
@Suite struct LedgerWindowTests {
  /// Ids descending from `start`, as the ledger returns them newest first.
  func page(from start: Int64, count: Int = LedgerWindow.pageSize) -> [LedgerEntry] {
    (0..<Int64(count)).map { LedgerEntry.sample(start - $0) }.filter { $0.id > 0 }
  }

  @Test func scrollingDownForgetsTheNewestPagesAndUpLoadsThemAgain() {
    var window = LedgerWindow()
    window.reset(with: page(from: 1000))
    var shifts: [Int] = []
    for _ in 0..<5 {
      let cursor = window.olderCursor ?? 0
      shifts.append(window.appendOlder(page(from: cursor - 1), cursor: cursor))
    }
    #expect(shifts == [0, 0, -100, -100, -100])
    #expect(window.rows.count == LedgerWindow.pageSize * LedgerWindow.maxPages)
    #expect(window.rows.first?.id == 700)
    #expect(window.firstRowNumber == 300)
    #expect(window.cursorsAbove == [nil, 901, 801])

    let cursor = window.newerCursor ?? nil
    #expect(cursor == 801)
    #expect(window.prependNewer(page(from: 800)) == 100)
    #expect(window.rows.first?.id == 800)
    #expect(window.rows.last?.id == 501)
    #expect(window.pagesInMemory == LedgerWindow.maxPages)
    #expect(!window.reachedEnd)
  }

  @Test func aShortPageIsTheEnd() {
    var window = LedgerWindow()
    window.reset(with: page(from: 150))
    #expect(!window.reachedEnd)
    _ = window.appendOlder(page(from: 50), cursor: 51)
    #expect(window.reachedEnd)
    #expect(window.olderCursor == nil)
    #expect(window.rows.count == 150)
  }

  @Test func aStaleAnswerIsIgnored() {
    var window = LedgerWindow()
    window.reset(with: page(from: 1000))
    #expect(window.appendOlder(page(from: 500), cursor: 501) == 0)
    #expect(window.rows.count == 100)
  }
}
