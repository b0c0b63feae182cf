extension Grid {
  /// The text of each row with trailing spaces trimmed; wide characters appear once.
  /// Used by snapshot tests and by `MemoryTerminal.screenText()`.
  public func textLines() -> [String] {
    (0..<height).map { y in
      var line = ""
      for x in 0..<width where !self[x, y].isWideTrailer {
        line += self[x, y].text
      }
      while line.last == " " { line.removeLast() }
      return line
    }
  }

  /// One role code per column (see `Role.code`), with trailing `normal` cells trimmed, so
  /// tests can check colours as plain text next to `textLines()`.
  public func roleLines() -> [String] {
    (0..<height).map { y in
      var codes = (0..<width).map { self[$0, y].role.code }
      while codes.last == Role.normal.code { codes.removeLast() }
      return String(codes)
    }
  }

  /// The rows of `textLines()` joined with newlines.
  public func text() -> String {
    textLines().joined(separator: "\n")
  }
}

extension Grid {
  /// Unchanged cells shorter than this between two changes are rewritten rather than
  /// skipped: one cursor move costs about as much as a few characters.
  static let spanMergeGap = 4

  /// The runs of cells that differ from `old`, row by row, so a backend writes only what
  /// changed. When the sizes differ every row is one span. A span never starts on a trailer
  /// or ends on a leader: wide characters are always written whole.
  public func diff(from old: Grid) -> [Span] {
    guard old.size == size else {
      return (0..<height).map { y in
        Span(row: y, column: 0, cells: Array(cells[(y * width)..<((y + 1) * width)]))
      }
    }
    var spans: [Span] = []
    for y in 0..<height {
      let rowStart = y * width
      var x = 0
      while x < width {
        guard cells[rowStart + x] != old.cells[rowStart + x] else {
          x += 1
          continue
        }
        var start = x
        if cells[rowStart + start].isWideTrailer, start > 0 { start -= 1 }
        var end = x + 1
        var lastChange = x
        while end < width && end - lastChange <= Grid.spanMergeGap {
          if cells[rowStart + end] != old.cells[rowStart + end] { lastChange = end }
          end += 1
        }
        end = lastChange + 1
        if end < width, cells[rowStart + end].isWideTrailer { end += 1 }
        spans.append(
          Span(row: y, column: start, cells: Array(cells[(rowStart + start)..<(rowStart + end)])))
        x = end
      }
    }
    return spans
  }
}
