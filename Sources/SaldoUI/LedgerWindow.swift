import SaldoCore

/// The rows of the ledger that are in memory, in event-time order, newest first: at most a
/// few pages around what is on screen, however long the ledger is. Pages are fetched with
/// keyset paging on (time, id) from either end: scrolling down appends an older page and
/// forgets the newest; scrolling up fetches the newer page before the first row; End starts
/// from the oldest end, so the last row is one query away on any size of ledger.
public struct LedgerWindow: Equatable {
  public static let pageSize = 100
  public static let maxPages = 3

  public private(set) var rows: [LedgerEntry] = []
  /// Rows per page in memory, newest page first.
  private var pageCounts: [Int] = []
  /// The zero-based position of `rows[0]` in the whole filtered ledger, newest first.
  public private(set) var firstRowNumber = 0
  /// The newest matching entry is `rows[0]`.
  public private(set) var reachedNewest = true
  /// The oldest matching entry is in memory.
  public private(set) var reachedOldest = false

  public init() {}

  public var hasNewer: Bool { !reachedNewest }
  public var pagesInMemory: Int { pageCounts.count }

  /// The first page from the newest end, after opening or a filter change.
  public mutating func reset(with page: [LedgerEntry]) {
    self = LedgerWindow()
    rows = page
    pageCounts = [page.count]
    reachedOldest = page.count < Self.pageSize
  }

  /// The page at the oldest end (fetched oldest first), for End; `total` numbers the rows.
  public mutating func resetAtOldest(with oldestFirst: [LedgerEntry], total: Int) {
    self = LedgerWindow()
    rows = oldestFirst.reversed()
    pageCounts = [rows.count]
    reachedOldest = true
    firstRowNumber = max(0, total - rows.count)
    reachedNewest = oldestFirst.count < Self.pageSize || firstRowNumber == 0
    if reachedNewest { firstRowNumber = 0 }
  }

  /// A page that starts at row `rowNumber` of the filtered ledger (newest first), fetched
  /// newest first: where a search of the whole ledger found its match.
  public mutating func reset(startingAt rowNumber: Int, with page: [LedgerEntry]) {
    self = LedgerWindow()
    rows = page
    pageCounts = [page.count]
    firstRowNumber = max(0, rowNumber)
    reachedNewest = firstRowNumber == 0
    reachedOldest = page.count < Self.pageSize
  }

  /// Where the next older page starts, or nil when the oldest row is in memory.
  public var olderCursor: LedgerPosition? {
    reachedOldest ? nil : rows.last.map(LedgerPosition.init)
  }

  /// Where the next newer page starts, or nil when the newest row is in memory.
  public var newerCursor: LedgerPosition? {
    reachedNewest ? nil : rows.first.map(LedgerPosition.init)
  }

  /// Adds an older page below; returns how far existing indices moved (negative when the
  /// newest page was forgotten).
  public mutating func appendOlder(_ page: [LedgerEntry], cursor: LedgerPosition) -> Int {
    guard rows.last.map(LedgerPosition.init) == cursor else { return 0 }  // a stale answer
    if page.count < Self.pageSize { reachedOldest = true }
    guard !page.isEmpty else { return 0 }
    rows += page
    pageCounts.append(page.count)
    guard pageCounts.count > Self.maxPages else { return 0 }
    let dropped = pageCounts.removeFirst()
    rows.removeFirst(dropped)
    firstRowNumber += dropped
    reachedNewest = false
    return -dropped
  }

  /// Adds a newer page (fetched oldest first) above; returns how far existing indices moved.
  public mutating func prependNewer(_ oldestFirst: [LedgerEntry], cursor: LedgerPosition) -> Int {
    guard rows.first.map(LedgerPosition.init) == cursor else { return 0 }
    if oldestFirst.count < Self.pageSize || firstRowNumber <= oldestFirst.count {
      reachedNewest = true
    }
    let page = Array(oldestFirst.reversed())
    rows = page + rows
    pageCounts.insert(page.count, at: 0)
    firstRowNumber = reachedNewest ? 0 : max(0, firstRowNumber - page.count)
    if pageCounts.count > Self.maxPages, let dropped = pageCounts.popLast() {
      rows.removeLast(dropped)
      reachedOldest = false
    }
    return page.count
  }
}
