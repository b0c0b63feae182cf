/// A region of a drawn grid and the keys a click there stands for. Screens mark their
/// buttons, choices and fields while drawing, so a click is resolved against exactly what is
/// on screen and replayed as the keys a keyboard user would press: no screen needs a second,
/// mouse-only path through its logic.
public struct ClickTarget: Hashable, Sendable {
  public var rect: Rect
  public var keys: [Key]

  public init(rect: Rect, keys: [Key]) {
    self.rect = rect
    self.keys = keys
  }
}

extension Grid {
  /// Marks `rect` as clickable: a click there replays `keys`. Later marks lie on top.
  public mutating func onClick(_ rect: Rect, keys: [Key]) {
    guard !keys.isEmpty, rect.width > 0, rect.height > 0 else { return }
    clickTargets.append(ClickTarget(rect: rect, keys: keys))
  }

  /// The topmost target under `point`, if any.
  public func clickTarget(at point: Point) -> ClickTarget? {
    clickTargets.last { $0.rect.contains(point) }
  }

  /// Forgets the targets under `rect` (an overlay drawn over them).
  public mutating func clearClickTargets(in rect: Rect) {
    clickTargets.removeAll { target in
      target.rect.x < rect.maxX && rect.x < target.rect.maxX && target.rect.y < rect.maxY
        && rect.y < target.rect.maxY
    }
  }
}
