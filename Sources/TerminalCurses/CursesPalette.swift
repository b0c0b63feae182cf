import CNcursesW
import Terminal

/// Turns roles into curses attributes and colour pairs for the current theme.
///
/// Pairs are allocated lazily per (foreground, background) and cached, because terminals
/// offer a limited number and a theme uses only a handful. When pairs run out, the
/// terminal's default pair is used: the text stays readable, only less colourful.
struct CursesPalette {
  struct Rendition {
    var attributes: attr_t
    var pair: Int16
  }

  private struct PairKey: Hashable {
    var foreground: Int16
    var background: Int16
  }

  let support: ColorSupport
  /// Colours the terminal reports; 16-colour terminals can show bright colours directly.
  private let colorCount: Int
  /// False when the terminal cannot keep its own colours (`use_default_colors` failed);
  /// then "default" becomes white on black.
  private let hasDefaultColors: Bool
  private var pairs: [PairKey: Int16] = [:]
  private var nextPair: Int16 = 1
  private var renditions: [Role: Rendition] = [:]

  init(support: ColorSupport, colorCount: Int, hasDefaultColors: Bool) {
    self.support = support
    self.colorCount = colorCount
    self.hasDefaultColors = hasDefaultColors
  }

  /// Precomputes the rendition of every role; the theme is first degraded to what the
  /// terminal can show (monochrome when it has no colour).
  mutating func apply(_ theme: Theme) {
    let shown = theme.degraded(to: support)
    renditions = [:]
    for role in Role.allCases {
      renditions[role] = rendition(for: shown[role])
    }
  }

  func rendition(of role: Role) -> Rendition {
    renditions[role] ?? Rendition(attributes: saldo_a_normal(), pair: 0)
  }

  private mutating func rendition(for style: Style) -> Rendition {
    var attributes = saldo_a_normal()
    if style.bold { attributes |= saldo_a_bold() }
    if style.underline { attributes |= saldo_a_underline() }
    if style.reverse { attributes |= saldo_a_reverse() }
    if style.dim { attributes |= saldo_a_dim() }
    guard support != .none else { return Rendition(attributes: attributes, pair: 0) }
    let key = PairKey(
      foreground: number(of: style.foreground, isForeground: true),
      background: number(of: style.background, isForeground: false))
    return Rendition(attributes: attributes, pair: pair(for: key))
  }

  private mutating func pair(for key: PairKey) -> Int16 {
    if key.foreground == -1 && key.background == -1 { return 0 }
    if let cached = pairs[key] { return cached }
    guard Int(nextPair) < Int(saldo_color_pairs()), nextPair < Int16.max,
      init_pair(nextPair, key.foreground, key.background) == saldo_ok()
    else { return 0 }
    pairs[key] = nextPair
    nextPair += 1
    return pairs[key] ?? 0
  }

  /// The curses colour number; -1 is the terminal default (needs `use_default_colors`).
  private func number(of color: Color, isForeground: Bool) -> Int16 {
    switch color {
    case .default:
      if hasDefaultColors { return -1 }
      return isForeground ? Int16(ANSIColor.white.rawValue) : Int16(ANSIColor.black.rawValue)
    case .ansi(let base):
      return Int16(base.rawValue)
    case .bright(let base):
      return Int16(colorCount >= 16 ? base.rawValue + 8 : base.rawValue)
    case .indexed(let index):
      if Int(index) < colorCount { return Int16(index) }
      return number(of: color.degraded(to: .eight), isForeground: isForeground)
    case .rgb:
      return number(of: color.degraded(to: .full256), isForeground: isForeground)
    }
  }
}
