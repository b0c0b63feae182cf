import Terminal

/// Clicks on a form's fields, as keys: the Tabs that carry the focus from where it is to the
/// clicked field, in the form's own Tab order. The form then treats the click exactly as a
/// keyboard user's way there.
enum FocusClicks {
  static func tabs<Focus: Equatable>(to target: Focus, from focus: Focus, stops: [Focus])
    -> [Key]
  {
    guard let from = stops.firstIndex(of: focus), let to = stops.firstIndex(of: target) else {
      return []
    }
    return Array(repeating: .tab, count: (to - from + stops.count) % stops.count)
  }
}
