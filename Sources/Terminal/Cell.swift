/// One character cell of the screen.
///
/// A wide character (CJK, most emoji) occupies two cells: the first holds the text, the
/// second is a *trailer* with empty text that only reserves the column. Keeping the trailer
/// explicit lets the diff and the backend reason about columns without measuring again.
public struct Cell: Hashable, Sendable {
  /// One grapheme cluster, already sanitised (no control characters), or "" for a trailer.
  public var text: String
  public var role: Role
  /// True for the right half of a wide character.
  public var isWideTrailer: Bool

  public init(text: String, role: Role = .normal, isWideTrailer: Bool = false) {
    self.text = text
    self.role = role
    self.isWideTrailer = isWideTrailer
  }

  /// A space in the given role: what `fill` and a fresh grid contain.
  public static func blank(_ role: Role = .normal) -> Cell {
    Cell(text: " ", role: role)
  }

  static func trailer(_ role: Role) -> Cell {
    Cell(text: "", role: role, isWideTrailer: true)
  }
}

/// A run of changed cells on one row, produced by `Grid.diff(from:)`. `cells` starts at
/// `column` and includes trailers, so `cells.count` is the number of columns covered.
public struct Span: Hashable, Sendable {
  public var row: Int
  public var column: Int
  public var cells: [Cell]

  public init(row: Int, column: Int, cells: [Cell]) {
    self.row = row
    self.column = column
    self.cells = cells
  }
}
