/// The characters used for boxes and lines, with an ASCII set for terminals or locales
/// that cannot show Unicode box drawing.
public struct BoxCharacters: Sendable {
  public var horizontal: String
  public var vertical: String
  public var topLeft: String
  public var topRight: String
  public var bottomLeft: String
  public var bottomRight: String

  public static let unicode = BoxCharacters(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
    bottomRight: "┘")
  public static let ascii = BoxCharacters(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
    bottomRight: "+")

  public init(
    horizontal: String, vertical: String, topLeft: String, topRight: String,
    bottomLeft: String, bottomRight: String
  ) {
    self.horizontal = horizontal
    self.vertical = vertical
    self.topLeft = topLeft
    self.topRight = topRight
    self.bottomLeft = bottomLeft
    self.bottomRight = bottomRight
  }

  /// The ASCII set when `ascii` is true, else Unicode box drawing.
  public static func choose(ascii: Bool) -> BoxCharacters { ascii ? .ascii : .unicode }
}

extension Grid {
  /// Draws a frame along the edges of `rect`. Rectangles smaller than 2×2 draw only what
  /// fits. Pass `ascii: true` when the terminal cannot show Unicode (see
  /// `TerminalCapabilities.unicode`).
  public mutating func box(_ rect: Rect, role: Role, ascii: Bool) {
    guard !rect.isEmpty else { return }
    let chars = BoxCharacters.choose(ascii: ascii)
    if rect.width >= 2 {
      horizontalLine(
        at: Point(x: rect.x + 1, y: rect.y), length: rect.width - 2, role: role, ascii: ascii)
      horizontalLine(
        at: Point(x: rect.x + 1, y: rect.maxY - 1), length: rect.width - 2, role: role,
        ascii: ascii)
    }
    if rect.height >= 2 {
      verticalLine(
        at: Point(x: rect.x, y: rect.y + 1), length: rect.height - 2, role: role, ascii: ascii)
      verticalLine(
        at: Point(x: rect.maxX - 1, y: rect.y + 1), length: rect.height - 2, role: role,
        ascii: ascii)
    }
    put(chars.topLeft, at: rect.origin, role: role)
    put(chars.topRight, at: Point(x: rect.maxX - 1, y: rect.y), role: role)
    put(chars.bottomLeft, at: Point(x: rect.x, y: rect.maxY - 1), role: role)
    put(chars.bottomRight, at: Point(x: rect.maxX - 1, y: rect.maxY - 1), role: role)
  }

  /// Draws `length` columns of horizontal line starting at `point`.
  public mutating func horizontalLine(at point: Point, length: Int, role: Role, ascii: Bool) {
    guard length > 0 else { return }
    let line = String(repeating: BoxCharacters.choose(ascii: ascii).horizontal, count: length)
    put(line, at: point, role: role)
  }

  /// Draws `length` rows of vertical line downwards from `point`.
  public mutating func verticalLine(at point: Point, length: Int, role: Role, ascii: Bool) {
    guard length > 0 else { return }
    let bar = BoxCharacters.choose(ascii: ascii).vertical
    for row in point.y..<(point.y + length) {
      put(bar, at: Point(x: point.x, y: row), role: role)
    }
  }
}
