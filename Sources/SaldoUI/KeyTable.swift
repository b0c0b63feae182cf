import SaldoCore
import Terminal

/// Who may use a key: the table hides what this user cannot do here, so the footer and `?`
/// never offer a key that would only be refused.
enum KeyAudience: Equatable, Sendable {
  case everyone
  /// Administrators of the environment (top up, change the automatic upgrade).
  case administrators
  /// Administrators and the platform's operators (credit, transactions, payments).
  case administratorsAndOperators
}

/// What the current user is, for filtering a key table.
struct KeyViewer: Equatable {
  var isAdministrator: Bool
  var mayAdminister: Bool

  func sees(_ audience: KeyAudience) -> Bool {
    switch audience {
    case .everyone: true
    case .administrators: isAdministrator
    case .administratorsAndOperators: mayAdminister
    }
  }

  init(isAdministrator: Bool, mayAdminister: Bool) {
    self.isAdministrator = isAdministrator
    self.mayAdminister = mayAdminister
  }

  /// For screens whose keys are the same for everyone who can open them.
  static let anyone = KeyViewer(isAdministrator: false, mayAdminister: false)

  init(_ home: HomeData?) {
    self.init(
      isAdministrator: home?.isAdministrator ?? false, mayAdminister: home?.mayAdminister ?? false)
  }
}

/// One key of a screen, as tig's request table: the keys that trigger it, the request it
/// names, its words for the footer and for `?`, and who may use it.
struct KeyBinding<Request: Equatable & Sendable>: Equatable, Sendable {
  var request: Request
  /// The keys as shown ("↑ ↓ j k").
  var label: String
  /// The footer's short word; nil keeps the key out of the footer (it is still in `?`).
  /// Both are translated when drawn, so one table serves every language.
  var footer: Localized?
  var help: Localized
  var audience: KeyAudience = .everyone
  /// Keys that trigger the request; a character matches both cases when `caseless`.
  var keys: [Key] = []

  func matches(_ key: Key) -> Bool {
    if keys.contains(key) { return true }
    guard case .character(let typed) = key else { return false }
    return keys.contains { candidate in
      guard case .character(let bound) = candidate, bound.isLetter else { return false }
      return bound.lowercased() == typed.lowercased()
    }
  }
}

/// The key table of a screen: the handler looks requests up in it, and the footer and the
/// `?` help are read from it, filtered for the viewer, so the three cannot disagree.
struct KeyTable<Request: Equatable & Sendable>: Equatable, Sendable {
  var bindings: [KeyBinding<Request>]

  init(_ bindings: [KeyBinding<Request>]) { self.bindings = bindings }

  /// The request of `key` for this viewer; a key the viewer may not use is reported apart
  /// (`refused`) so the screen can let the core say why.
  func lookup(_ key: Key, for viewer: KeyViewer) -> (request: Request, allowed: Bool)? {
    guard let binding = bindings.first(where: { $0.matches(key) }) else { return nil }
    return (binding.request, viewer.sees(binding.audience))
  }

  /// Bindings with an empty label are extra keys of the binding before them (↓ beside ↑):
  /// they act, but the footer and `?` show them under their partner.
  func footer(for viewer: KeyViewer) -> [KeyHint] {
    bindings.compactMap { binding in
      guard let word = binding.footer, viewer.sees(binding.audience) else { return nil }
      return KeyHint(binding.label, tr(word))
    }
  }

  func help(for viewer: KeyViewer) -> [KeyHint] {
    bindings.filter { viewer.sees($0.audience) && !$0.label.isEmpty }.map {
      KeyHint($0.label, tr($0.help))
    }
  }
}
