/// An in-memory screen: a width × height array of cells that screens draw into and a
/// backend shows. Drawing never fails: anything outside the grid or the clip rectangle is
/// silently cut, so layout code can stay simple at tiny terminal sizes.
public struct Grid: Hashable, Sendable {
  public let size: Size
  /// Row-major cells; index with `self[x, y]` or `cell(at:)`.
  public private(set) var cells: [Cell]
  /// What clicks on this frame mean (see `ClickTarget`); empty when nothing is clickable.
  public internal(set) var clickTargets: [ClickTarget] = []

  /// A grid of blank `normal` cells.
  public init(size: Size, fill role: Role = .normal) {
    self.size = size
    self.cells = Array(repeating: .blank(role), count: size.width * size.height)
  }

  public var width: Int { size.width }
  public var height: Int { size.height }
  /// The whole grid as a rectangle, for clipping and layout.
  public var bounds: Rect { Rect(size: size) }

  /// The cell at a position, or nil outside the grid.
  public func cell(at point: Point) -> Cell? {
    guard bounds.contains(point) else { return nil }
    return cells[point.y * width + point.x]
  }

  public subscript(x: Int, y: Int) -> Cell {
    cells[y * width + x]
  }

  /// Writes one cell and repairs any wide character it cuts in half, so the grid never
  /// holds a leader without its trailer or the other way round.
  mutating func set(_ cell: Cell, x: Int, y: Int) {
    let index = y * width + x
    let old = cells[index]
    if old.isWideTrailer, x > 0, !cell.isWideTrailer {
      cells[index - 1] = .blank(cells[index - 1].role)
    }
    if !old.isWideTrailer, x + 1 < width, cells[index + 1].isWideTrailer {
      cells[index + 1] = .blank(cells[index + 1].role)
    }
    cells[index] = cell
  }

  /// Draws `text` starting at `point`, one row only, in `role`, and returns the number of
  /// columns drawn. Output is cut at `clipTo` (intersected with the grid). Control
  /// characters (including ESC) become U+FFFD and tabs become a space, so nothing a caller
  /// passes can reach the terminal as an escape sequence. A wide character that does not fit
  /// in the last column is drawn as a space. Standalone zero-width characters are dropped.
  @discardableResult
  public mutating func put(_ text: String, at point: Point, role: Role, clipTo: Rect? = nil)
    -> Int
  {
    let clip = (clipTo ?? bounds).intersection(bounds)
    guard point.y >= clip.y, point.y < clip.maxY else { return 0 }
    var x = point.x
    var drawn = 0
    for raw in text {
      if x >= clip.maxX { break }
      let character = Grid.sanitised(raw)
      let width = TextWidth.columns(of: character)
      if width == 0 { continue }
      defer { x += width }
      if x < clip.x {
        // A wide character straddling the left clip edge shows as a space on its visible half.
        if x + width > clip.x {
          set(.blank(role), x: clip.x, y: point.y)
          drawn += 1
        }
        continue
      }
      if x + width > clip.maxX {
        set(.blank(role), x: x, y: point.y)
        drawn += 1
        break
      }
      set(Cell(text: String(character), role: role), x: x, y: point.y)
      if width == 2 { set(.trailer(role), x: x + 1, y: point.y) }
      drawn += width
    }
    return drawn
  }

  /// What `put` draws for a character: U+FFFD for controls, a space for a tab.
  static func sanitised(_ character: Character) -> Character {
    if character == "\t" { return " " }
    if character.unicodeScalars.contains(where: TextWidth.isControl) { return "\u{FFFD}" }
    return character
  }

  /// Fills `rect` (clipped to the grid) with spaces in `role`.
  public mutating func fill(_ rect: Rect, role: Role) {
    let area = rect.intersection(bounds)
    guard !area.isEmpty else { return }
    for y in area.y..<area.maxY {
      for x in area.x..<area.maxX {
        set(.blank(role), x: x, y: y)
      }
    }
  }

  /// Sets the role of every cell in `rect` without changing the text; used to highlight a
  /// selected row after drawing it.
  public mutating func paint(_ rect: Rect, role: Role) {
    let area = rect.intersection(bounds)
    guard !area.isEmpty else { return }
    for y in area.y..<area.maxY {
      for x in area.x..<area.maxX {
        cells[y * width + x].role = role
      }
    }
  }
}
