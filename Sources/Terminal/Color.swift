/// The eight basic ANSI colours, in their terminal order (0–7).
public enum ANSIColor: Int, CaseIterable, Hashable, Sendable {
  case black, red, green, yellow, blue, magenta, cyan, white

  /// The name used in theme files.
  public var name: String { String(describing: self) }
}

/// A terminal colour. Themes may use any of these; backends degrade what the terminal
/// cannot show (see `degraded(to:)`), so a theme written for 256 colours still makes sense
/// on an 8-colour console.
public enum Color: Hashable, Sendable {
  /// The terminal's own foreground or background; keeps the user's background visible.
  case `default`
  case ansi(ANSIColor)
  /// Bright variants, colours 8–15.
  case bright(ANSIColor)
  /// An xterm 256-colour palette entry.
  case indexed(UInt8)
  /// A true colour; shown as the nearest palette entry (backends do not send 24-bit colour).
  case rgb(UInt8, UInt8, UInt8)

  public static let black = Color.ansi(.black)
  public static let red = Color.ansi(.red)
  public static let green = Color.ansi(.green)
  public static let yellow = Color.ansi(.yellow)
  public static let blue = Color.ansi(.blue)
  public static let magenta = Color.ansi(.magenta)
  public static let cyan = Color.ansi(.cyan)
  public static let white = Color.ansi(.white)
  /// xterm colour 208; degrades to yellow on 8-colour terminals.
  public static let orange = Color.indexed(208)

  /// The colour as the terminal at the given support level can show it: on 8 colours every
  /// colour maps to the nearest of the eight (orange to yellow), on `.none` to `.default`.
  public func degraded(to support: ColorSupport) -> Color {
    switch support {
    case .none:
      return .default
    case .full256:
      if case .rgb(let r, let g, let b) = self { return .indexed(Color.nearestIndex(r, g, b)) }
      return self
    case .eight:
      switch self {
      case .default, .ansi: return self
      case .bright(let base): return .ansi(base)
      case .indexed(let index):
        if index < 8, let base = ANSIColor(rawValue: Int(index)) { return .ansi(base) }
        if index < 16, let base = ANSIColor(rawValue: Int(index) - 8) { return .ansi(base) }
        let (r, g, b) = Color.paletteRGB(index)
        return .ansi(Color.nearestANSI(r, g, b))
      case .rgb(let r, let g, let b): return .ansi(Color.nearestANSI(r, g, b))
      }
    }
  }

  /// The basic colour for an RGB value: a channel counts as "on" when it reaches half of
  /// the brightest channel. This keeps hue (orange → yellow, navy → blue) where a plain
  /// distance to the eight would turn dark colours black.
  static func nearestANSI(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> ANSIColor {
    let brightest = Int(max(r, g, b))
    guard brightest >= 64 else { return .black }
    func on(_ channel: UInt8) -> Int { Int(channel) * 2 >= brightest ? 1 : 0 }
    return ANSIColor(rawValue: on(r) | on(g) << 1 | on(b) << 2) ?? .white
  }

  /// The xterm palette value of a 256-colour index (16–231 colour cube, 232–255 greys).
  static func paletteRGB(_ index: UInt8) -> (UInt8, UInt8, UInt8) {
    let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
    switch index {
    case 0..<16:
      let base = ANSIColor(rawValue: Int(index) % 8) ?? .white
      let value: UInt8 = index < 8 ? 205 : 255
      let raw = base.rawValue
      return (raw & 1 != 0 ? value : 0, raw & 2 != 0 ? value : 0, raw & 4 != 0 ? value : 0)
    case 16..<232:
      let cube = Int(index) - 16
      return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
    default:
      let grey = UInt8(8 + (Int(index) - 232) * 10)
      return (grey, grey, grey)
    }
  }

  /// The closest entry of the 6×6×6 colour cube.
  static func nearestIndex(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
    func level(_ value: UInt8) -> Int {
      value < 48 ? 0 : value < 115 ? 1 : (Int(value) - 35) / 40
    }
    return UInt8(16 + 36 * level(r) + 6 * level(g) + level(b))
  }
}

/// How one role looks: colours plus attributes. Attributes survive on every terminal, so
/// monochrome themes use only them.
public struct Style: Hashable, Sendable {
  public var foreground: Color
  public var background: Color
  public var bold: Bool
  public var underline: Bool
  public var reverse: Bool
  public var dim: Bool

  public init(
    foreground: Color = .default, background: Color = .default, bold: Bool = false,
    underline: Bool = false, reverse: Bool = false, dim: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.underline = underline
    self.reverse = reverse
    self.dim = dim
  }

  /// The terminal's default colours, no attributes.
  public static let plain = Style()

  /// The same style with both colours degraded for the given support level.
  public func degraded(to support: ColorSupport) -> Style {
    var style = self
    style.foreground = foreground.degraded(to: support)
    style.background = background.degraded(to: support)
    return style
  }
}
