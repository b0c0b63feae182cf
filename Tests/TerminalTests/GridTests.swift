import Testing

@testable import Terminal

@Suite struct GridTests {
  @Test func putWritesTextAndReturnsColumns() {
    var grid = Grid(size: Size(width: 10, height: 2))
    let used = grid.put("Saldo", at: Point(x: 1, y: 0), role: .title)
    #expect(used == 5)
    #expect(grid.textLines() == [" Saldo", ""])
    #expect(grid.roleLines() == [".ttttt", ""])
  }

  @Test func putClipsAtGridEdgeAndClipRect() {
    var grid = Grid(size: Size(width: 6, height: 3))
    #expect(grid.put("abcdefgh", at: Point(x: 2, y: 0), role: .normal) == 4)
    let clip = Rect(x: 1, y: 1, width: 3, height: 1)
    #expect(grid.put("xyz123", at: Point(x: 0, y: 1), role: .error, clipTo: clip) == 3)
    #expect(grid.put("hidden", at: Point(x: 0, y: 2), role: .error, clipTo: clip) == 0)
    #expect(grid.put("off", at: Point(x: 0, y: 9), role: .error) == 0)
    #expect(grid.put("neg", at: Point(x: -2, y: 2), role: .normal) == 1)
    #expect(grid.textLines() == ["  abcd", " yz1", "g"])
  }

  @Test func wideCharacterAtEdgeBecomesSpace() {
    var grid = Grid(size: Size(width: 5, height: 1))
    let used = grid.put("ab漢字", at: Point(x: 0, y: 0), role: .normal)
    #expect(used == 5)
    #expect(grid.textLines() == ["ab漢"])
    #expect(grid[3, 0].isWideTrailer)
    #expect(grid[4, 0].text == " ")
  }

  @Test func wideCharacterCutByLeftClipShowsSpace() {
    var grid = Grid(size: Size(width: 5, height: 1))
    grid.put(
      "漢x", at: Point(x: 0, y: 0), role: .normal, clipTo: Rect(x: 1, y: 0, width: 4, height: 1))
    #expect(grid.textLines() == ["  x"])
  }

  @Test func overwritingHalfAWideCharacterClearsTheOtherHalf() {
    var grid = Grid(size: Size(width: 6, height: 1))
    grid.put("漢字", at: Point(x: 0, y: 0), role: .normal)
    grid.put("a", at: Point(x: 1, y: 0), role: .normal)  // trailer of 漢
    grid.put("b", at: Point(x: 2, y: 0), role: .normal)  // leader of 字
    #expect(grid.textLines() == [" ab"])
    let hasTrailer = grid.cells.contains { $0.isWideTrailer }
    #expect(!hasTrailer)
  }

  @Test func controlCharactersNeverReachTheGrid() {
    var grid = Grid(size: Size(width: 20, height: 1))
    grid.put("a\u{1B}[31mb\tc\r\nd\u{7F}\u{9B}e\u{0}", at: Point(x: 0, y: 0), role: .normal)
    let text = grid.textLines()[0]
    #expect(text == "a\u{FFFD}[31mb c\u{FFFD}d\u{FFFD}\u{FFFD}e\u{FFFD}")
    let scalars = grid.cells.flatMap { $0.text.unicodeScalars }
    #expect(!scalars.contains(where: TextWidth.isControl))
  }

  @Test func combiningMarksStayWithTheirBaseAndLoneMarksAreDropped() {
    var grid = Grid(size: Size(width: 6, height: 1))
    #expect(grid.put("\u{301}e\u{301}x", at: Point(x: 0, y: 0), role: .normal) == 2)
    #expect(grid[0, 0].text == "e\u{301}")
    #expect(grid[1, 0].text == "x")
  }

  @Test(arguments: ["", "\u{0}\u{0}", String(repeating: "💶", count: 500), "\u{FFFF}\u{10FFFF}"])
  func arbitraryInputNeverCrashes(_ text: String) {
    var grid = Grid(size: Size(width: 3, height: 1))
    for x in -4...4 {
      grid.put(text, at: Point(x: x, y: 0), role: .normal)
    }
    #expect(grid.cells.count == 3)
  }

  @Test func boxUnicodeAndAscii() {
    var grid = Grid(size: Size(width: 6, height: 4))
    grid.box(Rect(x: 0, y: 0, width: 5, height: 3), role: .border, ascii: false)
    #expect(grid.textLines() == ["┌───┐", "│   │", "└───┘", ""])
    #expect(grid.roleLines() == ["bbbbb", "b...b", "bbbbb", ""])
    var ascii = Grid(size: Size(width: 6, height: 4))
    ascii.box(Rect(x: 1, y: 1, width: 5, height: 3), role: .border, ascii: true)
    #expect(ascii.textLines() == ["", " +---+", " |   |", " +---+"])
  }

  @Test func boxLargerThanGridIsClipped() {
    var grid = Grid(size: Size(width: 3, height: 2))
    grid.box(Rect(x: -1, y: 0, width: 10, height: 10), role: .border, ascii: true)
    #expect(grid.textLines() == ["---", ""])
  }

  @Test func fillAndLines() {
    var grid = Grid(size: Size(width: 4, height: 3))
    grid.fill(Rect(x: 1, y: 1, width: 10, height: 1), role: .selection)
    grid.horizontalLine(at: Point(x: 0, y: 0), length: 4, role: .border, ascii: true)
    grid.verticalLine(at: Point(x: 0, y: 1), length: 5, role: .border, ascii: true)
    #expect(snapshot(grid) == "----\nbbbb\n|\nbsss\n|\nb")
  }
}

@Suite struct GridDiffTests {
  @Test func identicalGridsHaveNoSpans() {
    var grid = Grid(size: Size(width: 10, height: 3))
    grid.put("same", at: Point(x: 0, y: 1), role: .normal)
    #expect(grid.diff(from: grid).isEmpty)
  }

  @Test func changedRunsBecomeSpans() {
    let old = Grid(size: Size(width: 20, height: 2))
    var new = old
    new.put("ab", at: Point(x: 1, y: 0), role: .normal)
    new.put("z", at: Point(x: 15, y: 0), role: .normal)
    new.put("q", at: Point(x: 0, y: 1), role: .warning)
    let spans = new.diff(from: old)
    #expect(
      spans.map { [$0.row, $0.column, $0.cells.count] } == [[0, 1, 2], [0, 15, 1], [1, 0, 1]])
    #expect(spans[2].cells[0].role == .warning)
  }

  @Test func nearbyChangesMergeIntoOneSpan() {
    let old = Grid(size: Size(width: 20, height: 1))
    var new = old
    new.put("a", at: Point(x: 2, y: 0), role: .normal)
    new.put("b", at: Point(x: 5, y: 0), role: .normal)
    let spans = new.diff(from: old)
    #expect(spans.count == 1)
    #expect(spans.first?.column == 2)
    #expect(spans.first?.cells.count == 4)
  }

  @Test func roleChangeAloneIsAChange() {
    var old = Grid(size: Size(width: 5, height: 1))
    old.put("abc", at: Point(x: 0, y: 0), role: .normal)
    var new = old
    new.paint(Rect(x: 1, y: 0, width: 1, height: 1), role: .selection)
    #expect(new.diff(from: old).map(\.column) == [1])
  }

  @Test func spansIncludeWholeWideCharacters() {
    var old = Grid(size: Size(width: 8, height: 1))
    old.put("漢字", at: Point(x: 0, y: 0), role: .normal)
    var new = old
    new.paint(Rect(x: 1, y: 0, width: 2, height: 1), role: .accent)  // 漢's trailer, 字's leader
    let span = new.diff(from: old).first
    #expect(span?.column == 0)
    #expect(span?.cells.count == 4)
  }

  @Test func sizeChangeRewritesEveryRow() {
    let old = Grid(size: Size(width: 4, height: 2))
    let new = Grid(size: Size(width: 5, height: 3))
    let spans = new.diff(from: old)
    #expect(spans.count == 3)
    #expect(spans.allSatisfy { $0.column == 0 && $0.cells.count == 5 })
  }

  @Test func applyingSpansReproducesTheNewGrid() {
    var old = Grid(size: Size(width: 12, height: 3))
    old.put("old text 漢", at: Point(x: 0, y: 0), role: .muted)
    var new = Grid(size: Size(width: 12, height: 3))
    new.put("ne字 text", at: Point(x: 1, y: 0), role: .normal)
    new.put("€ 12,50", at: Point(x: 3, y: 2), role: .balanceLow)
    var cells = old.cells
    for span in new.diff(from: old) {
      for (offset, cell) in span.cells.enumerated() {
        cells[span.row * 12 + span.column + offset] = cell
      }
    }
    #expect(cells == new.cells)
  }
}
