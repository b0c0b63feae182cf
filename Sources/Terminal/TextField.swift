/// The editable value of a one-line form field: text plus cursor. A plain value type so
/// screens keep it in their state and tests check editing without a terminal.
///
/// The cursor is an index in characters (grapheme clusters), 0…`characters.count`.
public struct TextField: Hashable, Sendable {
  public private(set) var characters: [Character]
  public private(set) var cursor: Int
  /// The most characters the field accepts; nil for no limit.
  public var maxLength: Int?

  public init(text: String = "", maxLength: Int? = nil) {
    let accepted = text.filter(TextField.isAcceptable)
    let limited = maxLength.map { Array(accepted.prefix(max(0, $0))) } ?? Array(accepted)
    self.characters = limited
    self.cursor = limited.count
    self.maxLength = maxLength
  }

  public var text: String { String(characters) }

  /// Control characters and zero-width leftovers are refused, so pasted escape sequences or
  /// newlines never end up in a stored value.
  public static func isAcceptable(_ character: Character) -> Bool {
    !character.unicodeScalars.contains(where: TextWidth.isControl)
      && TextWidth.columns(of: character) > 0
  }

  /// Inserts at the cursor. Returns false (and changes nothing) for control characters or
  /// when the field is full.
  ///
  /// A terminal delivers a grapheme cluster one scalar at a time (an `e` then a combining
  /// acute, an emoji then a zero-width joiner then the next emoji): a scalar that joins the
  /// character before the cursor into one cluster is added to that character, so text is kept
  /// exactly as typed and the cursor and backspace move by what a person sees as one letter.
  @discardableResult
  public mutating func insert(_ character: Character) -> Bool {
    if cursor > 0, !character.unicodeScalars.contains(where: TextWidth.isControl) {
      let joined = String(characters[cursor - 1]) + String(character)
      if joined.count == 1, let cluster = joined.first {
        characters[cursor - 1] = cluster
        return true
      }
    }
    guard TextField.isAcceptable(character) else { return false }
    if let maxLength, characters.count >= maxLength { return false }
    characters.insert(character, at: cursor)
    cursor += 1
    return true
  }

  /// Deletes the character before the cursor.
  public mutating func backspace() {
    guard cursor > 0 else { return }
    characters.remove(at: cursor - 1)
    cursor -= 1
  }

  /// Deletes the character under the cursor.
  public mutating func delete() {
    guard cursor < characters.count else { return }
    characters.remove(at: cursor)
  }

  public mutating func moveLeft() { cursor = max(0, cursor - 1) }
  public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
  public mutating func moveHome() { cursor = 0 }
  public mutating func moveEnd() { cursor = characters.count }

  /// Replaces the whole text and puts the cursor at the end.
  public mutating func setText(_ text: String) {
    self = TextField(text: text, maxLength: maxLength)
  }

  /// Applies an editing key. Returns true when the key was an editing key (even if it had
  /// no effect, like backspace at the start), so the caller knows not to treat it as a
  /// command; other keys (Enter, Tab, arrows up/down) return false.
  @discardableResult
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .character(let character):
      insert(character)
    case .backspace: backspace()
    case .delete: delete()
    case .left: moveLeft()
    case .right: moveRight()
    case .home, .control("a"): moveHome()
    case .end, .control("e"): moveEnd()
    case .control("u"):
      characters.removeSubrange(0..<cursor)
      cursor = 0
    default: return false
    }
    return true
  }

  /// The part of the text to show in `width` columns and the cursor column within it,
  /// scrolling horizontally so the cursor stays visible (one column is kept for the cursor
  /// at the end).
  public func visible(width: Int) -> (text: String, cursorColumn: Int) {
    guard width > 0 else { return ("", 0) }
    var start = 0
    while TextWidth.columns(of: String(characters[start..<cursor])) > width - 1
      && start < cursor
    {
      start += 1
    }
    let cursorColumn = TextWidth.columns(of: String(characters[start..<cursor]))
    let shown = TextWidth.truncate(String(characters[start...]), toColumns: width, ellipsis: "")
    return (shown, cursorColumn)
  }

  /// Draws the field into `rect`'s first row, filling the rest with `role` so the field's
  /// extent is visible, and returns where the terminal cursor belongs (pass it to
  /// `TerminalDevice.setCursor` when the field has focus).
  @discardableResult
  public func draw(into grid: inout Grid, rect: Rect, role: Role) -> Point {
    let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: min(1, rect.height))
    grid.fill(row, role: role)
    let (shown, cursorColumn) = visible(width: rect.width)
    grid.put(shown, at: rect.origin, role: role, clipTo: row)
    return Point(x: rect.x + cursorColumn, y: rect.y)
  }
}
