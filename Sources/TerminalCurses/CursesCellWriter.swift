import CNcursesW
import Terminal

#if canImport(Glibc)
  import Glibc
#endif

/// Converts grid spans to curses cells and writes them with one `mvwadd_wchnstr` per span.
///
/// `mvwadd_wchnstr` is used rather than `waddnwstr` because it neither moves the cursor nor
/// scrolls, so writing the bottom-right cell is safe. Curses measures characters with
/// `wcwidth`, which can disagree with our width table (newer emoji, emoji with U+FE0F);
/// where it does, the cell is replaced so that every cell stays in the column the grid put
/// it in.
struct CursesCellWriter {
  let unicode: Bool
  private var buffer: [cchar_t] = []

  init(unicode: Bool) {
    self.unicode = unicode
  }

  mutating func write(
    _ span: Span, to window: UnsafeMutablePointer<WINDOW>, palette: CursesPalette,
    maxColumns: Int
  ) {
    buffer.removeAll(keepingCapacity: true)
    var columns = 0
    for cell in span.cells where !cell.isWideTrailer {
      let rendition = palette.rendition(of: cell.role)
      for piece in pieces(for: cell) {
        if columns + piece.width > maxColumns { break }
        buffer.append(encode(piece.scalars, rendition))
        columns += piece.width
      }
    }
    guard !buffer.isEmpty else { return }
    _ = mvwadd_wchnstr(window, Int32(span.row), Int32(span.column), &buffer, Int32(buffer.count))
  }

  private struct Piece {
    var scalars: [wchar_t]
    var width: Int
  }

  /// What to send for one cell, as one or two curses cells whose widths add up to the
  /// grid's width for it.
  private func pieces(for cell: Cell) -> [Piece] {
    let scalars = Array(cell.text.unicodeScalars)
    guard let base = scalars.first else { return [Piece(scalars: [32], width: 1)] }
    let ours = cell.text.isEmpty ? 1 : TextWidth.columns(of: Character(cell.text))
    let replacement: wchar_t = unicode ? 0xFFFD : 0x3F  // "?" when the locale is not UTF-8
    func filler(_ width: Int) -> [Piece] {
      [Piece(scalars: [replacement], width: 1)]
        + (width == 2 ? [Piece(scalars: [32], width: 1)] : [])
    }
    if !unicode && scalars.contains(where: { !$0.isASCII }) { return filler(ours) }
    let theirs = Int(saldo_wcwidth(wchar_t(bitPattern: base.value)))
    if theirs == ours {
      // A cluster holds at most CCHARW_MAX (5) characters, and only characters curses counts
      // as zero-width may follow the first: a joined sequence of wide characters (a family
      // emoji) would otherwise be drawn as several and push the rest of the row, and the
      // terminal's cursor, out of step. Those are shown by their first character; the text
      // itself keeps the whole cluster.
      let joinable = scalars.dropFirst().allSatisfy {
        saldo_wcwidth(wchar_t(bitPattern: $0.value)) == 0
      }
      let cluster = scalars.count <= 5 && joinable ? scalars : [base]
      return [Piece(scalars: cluster.map { wchar_t(bitPattern: $0.value) }, width: ours)]
    }
    if ours == 2 && theirs == 1 {
      // Text-style symbol made wide by U+FE0F: show the symbol and keep its second column.
      return [
        Piece(scalars: [wchar_t(bitPattern: base.value)], width: 1), Piece(scalars: [32], width: 1),
      ]
    }
    return filler(ours)
  }

  private func encode(_ scalars: [wchar_t], _ rendition: CursesPalette.Rendition) -> cchar_t {
    var cell = cchar_t()
    var text = scalars + [0]
    if setcchar(&cell, &text, rendition.attributes, rendition.pair, nil) == saldo_ok() {
      return cell
    }
    // curses refuses clusters whose extra characters are not zero-width for wcwidth.
    var fallback: [wchar_t] = [scalars.first ?? 32, 0]
    if setcchar(&cell, &fallback, rendition.attributes, rendition.pair, nil) == saldo_ok() {
      return cell
    }
    var question: [wchar_t] = [0x3F, 0]
    _ = setcchar(&cell, &question, rendition.attributes, rendition.pair, nil)
    return cell
  }
}
