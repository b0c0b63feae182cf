/// A semantic colour role. Screens say *what* a cell is (a warning, a selected row, the
/// balance when it is low); a `Theme` decides how that looks. This keeps colour choices out
/// of screen code and lets one grid be shown in colour, in 8 colours or in monochrome.
///
/// The raw value is the name used in `.theme` files.
public enum Role: String, CaseIterable, Hashable, Sendable {
  case normal
  case muted
  case header
  case title
  case border
  case selection
  case focus
  /// The orange "Pay and upgrade" call to action.
  case accent
  case button
  case buttonFocused = "button-focused"
  case disabled
  case error
  case warning
  case success
  case balanceHealthy = "balance-healthy"
  case balanceLow = "balance-low"
  case balanceNegative = "balance-negative"
  case chartBar = "chart-bar"
  /// The line showing what the next 20 days are expected to need.
  case chartNeed = "chart-need"
  /// Unread notifications and messages; themes normally make it bold.
  case unread
  case link
  /// The label that marks the sandbox payment provider, so nobody mistakes it for real money.
  case sandbox
  case input
  case inputFocused = "input-focused"
  case help

  /// A one-character code used in role snapshots (`Grid.roleLines()`), where each column
  /// shows the role of its cell. `normal` is `.` so that plain text stays quiet in snapshots.
  public var code: Character {
    switch self {
    case .normal: "."
    case .muted: "m"
    case .header: "h"
    case .title: "t"
    case .border: "b"
    case .selection: "s"
    case .focus: "f"
    case .accent: "a"
    case .button: "o"
    case .buttonFocused: "O"
    case .disabled: "d"
    case .error: "e"
    case .warning: "w"
    case .success: "k"
    case .balanceHealthy: "G"
    case .balanceLow: "Y"
    case .balanceNegative: "R"
    case .chartBar: "c"
    case .chartNeed: "n"
    case .unread: "u"
    case .link: "l"
    case .sandbox: "x"
    case .input: "i"
    case .inputFocused: "I"
    case .help: "H"
    }
  }

  /// The role with the given snapshot code, if any.
  public init?(code: Character) {
    guard let role = Role.allCases.first(where: { $0.code == code }) else { return nil }
    self = role
  }
}
