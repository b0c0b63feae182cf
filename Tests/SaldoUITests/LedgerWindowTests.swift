import SaldoCore
import Testing

@testable import SaldoUI

/// The window over the ledger in event-time order: at most three pages, paged from either end.
@Suite struct LedgerWindowTests {
  /// Rows newest first by time; `sample(id)` puts a lower id later in time.
  func page(_ ids: ClosedRange<Int64>) -> [LedgerEntry] { ids.map(LedgerEntry.sample) }

  @Test func scrollingDownKeepsAtMostThreePagesAndNumbersRows() throws {
    var window = LedgerWindow()
    window.reset(with: page(1...100))
    #expect(window.firstRowNumber == 0 && window.reachedNewest && !window.reachedOldest)
    for start in stride(from: Int64(101), through: 301, by: 100) {
      let cursor = try #require(window.olderCursor)
      _ = window.appendOlder(page(start...(start + 99)), cursor: cursor)
    }
    #expect(window.pagesInMemory == 3)
    #expect(window.rows.count == 300)
    #expect(window.firstRowNumber == 100)
    #expect(window.hasNewer)
    let newer = try #require(window.newerCursor)
    let shift = window.prependNewer(page(1...100).reversed(), cursor: newer)
    #expect(shift == 100 && window.firstRowNumber == 0 && window.reachedNewest)
    #expect(window.rows.first?.id == 1 && window.rows.count == 300)
  }

  @Test func theOldestEndIsOnePageAwayAndNumberedFromTheTotal() throws {
    var window = LedgerWindow()
    window.resetAtOldest(with: page(901...1000).reversed(), total: 1000)
    #expect(window.rows.first?.id == 901 && window.rows.last?.id == 1000)
    #expect(window.firstRowNumber == 900 && window.reachedOldest && window.hasNewer)
    let cursor = try #require(window.newerCursor)
    _ = window.prependNewer(page(801...900).reversed(), cursor: cursor)
    #expect(window.firstRowNumber == 800 && window.rows.first?.id == 801)
  }

  @Test func aStaleAnswerIsIgnored() {
    var window = LedgerWindow()
    window.reset(with: page(1...100))
    let stale = LedgerPosition(LedgerEntry.sample(50))
    #expect(window.appendOlder(page(101...200), cursor: stale) == 0)
    #expect(window.rows.count == 100)
  }
}
