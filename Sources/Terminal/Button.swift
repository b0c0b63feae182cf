/// A push button label with a mnemonic key, drawn as `[ Pay and upgrade (P) ]`.
///
/// The mnemonic is spelled out in brackets rather than underlined because underline is lost
/// in some terminals and themes, and the brackets read the same in monochrome and in
/// snapshots.
public struct Button: Hashable, Sendable {
  public var title: String
  /// The key that activates the button, matched case-insensitively; nil for none.
  public var mnemonic: Character?

  public init(title: String, mnemonic: Character? = nil) {
    self.title = title
    self.mnemonic = mnemonic
  }

  /// The full label including brackets and mnemonic.
  public var label: String {
    if let mnemonic { return "[ \(title) (\(String(mnemonic).uppercased())) ]" }
    return "[ \(title) ]"
  }

  /// Width of `label` in columns, for layout.
  public var columns: Int { TextWidth.columns(of: label) }

  /// True when `key` is this button's mnemonic (either case).
  public func matches(_ key: Key) -> Bool {
    guard let mnemonic, case .character(let typed) = key else { return false }
    return typed.lowercased() == mnemonic.lowercased()
  }

  /// Draws the label at `point` in `role` (usually `.button`, `.buttonFocused`, `.accent` or
  /// `.disabled`) and returns the columns used.
  @discardableResult
  ///
  /// `clickKeys` are what a click on the button stands for (see `ClickTarget`); a button the
  /// mouse can press names them, usually the keys that press it from any field.
  public func draw(
    into grid: inout Grid, at point: Point, role: Role, clipTo: Rect? = nil,
    clickKeys: [Key] = []
  ) -> Int {
    let used = grid.put(label, at: point, role: role, clipTo: clipTo)
    grid.onClick(Rect(x: point.x, y: point.y, width: used, height: 1), keys: clickKeys)
    return used
  }
}
