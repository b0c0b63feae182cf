/// Maps every `Role` to a `Style`: the colour scheme. Screens only name roles; the theme
/// is chosen at start-up (a `.theme` file, the built-in default, or monochrome).
public struct Theme: Hashable, Sendable {
  public var name: String
  /// Styles by role; always complete, see `init(name:styles:)`.
  public private(set) var styles: [Role: Style]

  /// Creates a theme. Roles missing from `styles` take the `normal` style (or plain), so a
  /// theme is always complete and lookups never fail.
  public init(name: String, styles: [Role: Style]) {
    self.name = name
    let normal = styles[.normal] ?? .plain
    var complete: [Role: Style] = [:]
    for role in Role.allCases {
      complete[role] = styles[role] ?? normal
    }
    self.styles = complete
  }

  /// The style for `role`.
  public subscript(role: Role) -> Style {
    styles[role] ?? .plain
  }

  /// The theme as a terminal with the given colour support shows it. `.none` gives
  /// `Theme.monochrome`, because colour-only distinctions would vanish.
  public func degraded(to support: ColorSupport) -> Theme {
    if support == .none { return .monochrome }
    var copy = self
    for (role, style) in styles {
      copy.styles[role] = style.degraded(to: support)
    }
    return copy
  }
}

extension Theme {
  /// The built-in default theme, identical to `themes/default.theme`, so the app looks right
  /// when the themes folder is not installed. Colours assume nothing about the terminal
  /// background: text uses `default`, emphasis uses colour plus bold.
  public static let defaultTheme = Theme(
    name: "default",
    styles: [
      .normal: Style(),
      .muted: Style(foreground: .bright(.black)),
      .header: Style(foreground: .black, background: .cyan),
      .title: Style(bold: true),
      .border: Style(foreground: .blue),
      .selection: Style(foreground: .black, background: .cyan),
      .focus: Style(foreground: .yellow, bold: true),
      .accent: Style(foreground: .black, background: .orange, bold: true),
      .button: Style(foreground: .black, background: .white),
      .buttonFocused: Style(foreground: .white, background: .blue, bold: true),
      .disabled: Style(foreground: .bright(.black)),
      .error: Style(foreground: .red, bold: true),
      .warning: Style(foreground: .yellow, bold: true),
      .success: Style(foreground: .green, bold: true),
      .balanceHealthy: Style(foreground: .green, bold: true),
      .balanceLow: Style(foreground: .orange, bold: true),
      .balanceNegative: Style(foreground: .red, bold: true),
      .chartBar: Style(foreground: .cyan),
      .chartNeed: Style(foreground: .magenta, bold: true),
      .unread: Style(bold: true),
      .link: Style(foreground: .blue, underline: true),
      .sandbox: Style(foreground: .black, background: .magenta, bold: true),
      .input: Style(underline: true),
      .inputFocused: Style(foreground: .white, background: .blue),
      .help: Style(foreground: .cyan),
    ])

  /// Attributes only, for NO_COLOR and terminals without colour; identical to
  /// `themes/monochrome.theme`. Every role that must stand out still does, through
  /// reverse, bold or underline.
  public static let monochrome = Theme(
    name: "monochrome",
    styles: [
      .normal: Style(),
      .muted: Style(dim: true),
      .header: Style(reverse: true),
      .title: Style(bold: true),
      .border: Style(),
      .selection: Style(reverse: true),
      .focus: Style(bold: true, underline: true),
      .accent: Style(bold: true, reverse: true),
      .button: Style(reverse: true),
      .buttonFocused: Style(bold: true, underline: true, reverse: true),
      .disabled: Style(dim: true),
      .error: Style(bold: true, reverse: true),
      .warning: Style(bold: true),
      .success: Style(bold: true),
      .balanceHealthy: Style(bold: true),
      .balanceLow: Style(bold: true, underline: true),
      .balanceNegative: Style(bold: true, reverse: true),
      .chartBar: Style(),
      .chartNeed: Style(bold: true),
      .unread: Style(bold: true),
      .link: Style(underline: true),
      .sandbox: Style(bold: true, reverse: true),
      .input: Style(underline: true),
      .inputFocused: Style(reverse: true),
      .help: Style(),
    ])
}
