import SaldoCore

/// The rows of the ledger that are in memory: at most a few pages around what is on screen,
/// however long the ledger is. Pages are fetched newest first with keyset pagination
/// (`beforeID`); scrolling down appends an older page and forgets the newest, scrolling back
/// up fetches the forgotten page again with the cursor it was first loaded with.
public struct LedgerWindow: Equatable {
  public static let pageSize = 100
  public static let maxPages = 3

  public private(set) var rows: [LedgerEntry] = []
  /// Rows per page in memory, oldest page last; every page but the oldest is full.
  private var pageCounts: [Int] = []
  /// The `beforeID` each page in memory was loaded with (nil: the newest page).
  private var pageCursors: [Int64?] = []
  /// Cursors of the pages forgotten above the window, nearest last.
  public private(set) var cursorsAbove: [Int64?] = []
  /// The oldest matching entry is in memory.
  public private(set) var reachedEnd = false

  public init() {}

  /// The zero-based position in the whole ledger of `rows[0]`.
  public var firstRowNumber: Int { cursorsAbove.count * Self.pageSize }
  public var hasNewer: Bool { !cursorsAbove.isEmpty }
  public var pagesInMemory: Int { pageCounts.count }

  /// The first page, after opening or a filter change.
  public mutating func reset(with page: [LedgerEntry]) {
    self = LedgerWindow()
    rows = page
    pageCounts = [page.count]
    pageCursors = [nil]
    reachedEnd = page.count < Self.pageSize
  }

  /// The cursor for the page after the last row, or nil when there is none.
  public var olderCursor: Int64? { reachedEnd ? nil : rows.last?.id }

  /// Adds the page loaded with `cursor` below; returns how far existing indices moved (negative
  /// when the newest page was forgotten).
  public mutating func appendOlder(_ page: [LedgerEntry], cursor: Int64) -> Int {
    guard rows.last?.id == cursor else { return 0 }  // a stale answer; the window moved on
    if page.count < Self.pageSize { reachedEnd = true }
    guard !page.isEmpty else { return 0 }
    rows += page
    pageCounts.append(page.count)
    pageCursors.append(cursor)
    guard pageCounts.count > Self.maxPages else { return 0 }
    let dropped = pageCounts.removeFirst()
    cursorsAbove.append(pageCursors.removeFirst())
    rows.removeFirst(dropped)
    return -dropped
  }

  /// Puts back the nearest forgotten page above; returns how far existing indices moved.
  public mutating func prependNewer(_ page: [LedgerEntry]) -> Int {
    guard let cursor = cursorsAbove.popLast() else { return 0 }
    // The newest page may have grown meanwhile; never show a row twice.
    let page = rows.first.map { first in page.filter { $0.id > first.id } } ?? page
    rows = page + rows
    pageCounts.insert(page.count, at: 0)
    pageCursors.insert(cursor, at: 0)
    if pageCounts.count > Self.maxPages, let dropped = pageCounts.popLast() {
      pageCursors.removeLast()
      rows.removeLast(dropped)
      reachedEnd = false
    }
    return page.count
  }

  /// The cursor to fetch the nearest forgotten page above with.
  public var newerCursor: Int64?? { cursorsAbove.last }
}
