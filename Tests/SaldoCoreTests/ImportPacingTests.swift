import Testing

@testable import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

/// A file import commits in batches sized by time: other writers wait about one budget at
/// worst, and fast imports commit less often.
@Suite struct ImportPacingTests {
  let second = ImportPacing.budgetNanos

  @Test func aFastBatchDoublesTheNextAtMost() {
    var pacing = ImportPacing()
    #expect(pacing.next == ImportPacing.firstSize)
    pacing.finished(events: 10_000, nanos: second / 10)
    #expect(pacing.next == 20_000)
    pacing.finished(events: 20_000, nanos: second / 2)
    #expect(pacing.next == 40_000)
  }

  @Test func aSlowBatchHalvesTheNextAtMost() {
    var pacing = ImportPacing()
    pacing.finished(events: 10_000, nanos: second * 20)
    #expect(pacing.next == 5_000)
    pacing.finished(events: 5_000, nanos: second * 5 / 4)
    #expect(pacing.next == 4_000)
  }

  @Test func batchesStayWithinTheirBounds() {
    var fast = ImportPacing()
    for _ in 0..<20 { fast.finished(events: fast.next, nanos: 1) }
    #expect(fast.next == ImportPacing.sizes.upperBound)
    var slow = ImportPacing()
    for _ in 0..<20 { slow.finished(events: slow.next, nanos: second * 1_000) }
    #expect(slow.next == ImportPacing.sizes.lowerBound)
  }

  @Test func aFixedSizeNeverChanges() {
    var pacing = ImportPacing.fixed(3)
    pacing.finished(events: 3, nanos: 1)
    pacing.finished(events: 3, nanos: second * 100)
    #expect(pacing.next == 3)
  }

  @Test func theReaderHandsOverBatchesOfThePacedSize() throws {
    let file = try consumptionFile(events: 7, then: "{broken")
    defer { fclose(file) }
    var sizes: [Int] = []
    var rejected: [Int] = []
    try ConsumptionFileReader.forEachBatch(of: file, pacing: .fixed(3)) { batch in
      sizes.append(batch.count)
    } reject: {
      rejected.append($0.line)
    }
    #expect(sizes == [3, 3, 1])
    #expect(rejected == [8])
  }
}

/// A feed piped in slowly is recorded as it comes, not when 10,000 events have gathered.
@Suite struct TricklingFeedTests {
  @Test func eventsThatWaitedABudgetAreHandedOverWithoutAFullBatch() throws {
    let file = try consumptionFile(events: 5)
    defer { fclose(file) }
    // Every reading of the clock is 0.4 s later: the first event of a batch has waited a
    // second by the time the third line is read.
    var now: UInt64 = 0
    var sizes: [Int] = []
    try ConsumptionFileReader.forEachBatch(
      of: file,
      clock: {
        now += ImportPacing.budgetNanos * 2 / 5
        return now
      }
    ) { batch in
      sizes.append(batch.count)
    } reject: { _ in
    }
    #expect(sizes.reduce(0, +) == 5)
    #expect(sizes.count > 1 && sizes.allSatisfy { $0 < 5 }, "\(sizes)")
  }

  @Test func aFixedSizeIgnoresTheWait() {
    #expect(!ImportPacing.fixed(3).isDue(events: 2, waited: ImportPacing.budgetNanos * 10))
    #expect(ImportPacing.fixed(3).isDue(events: 3, waited: 0))
    #expect(ImportPacing().isDue(events: 1, waited: ImportPacing.budgetNanos))
    #expect(!ImportPacing().isDue(events: 1, waited: ImportPacing.budgetNanos - 1))
  }
}

/// An in-memory file of `events` JSON lines, then the `then` lines; the caller closes it.
func consumptionFile(events: Int, then extra: String...) throws -> UnsafeMutablePointer<FILE> {
  let lines = (1...events).map {
    #"{"id": "e\#($0)", "org": "Acme B.V.", "kind": "send", "at": "2026-11-20T10:00:00Z"}"#
  }
  let text = (lines + extra).joined(separator: "\n") + "\n"
  let file = try #require(fmemopen(nil, text.utf8.count + 1, "w+"))
  fputs(text, file)
  rewind(file)
  return file
}
