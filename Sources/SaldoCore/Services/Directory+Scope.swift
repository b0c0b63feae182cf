/// Which environments a command that can span the platform works on. Operators feed and
/// watch the whole platform; everyone else works in their own environment.
public enum PlatformScope: Sendable {
  /// Without --env an operator gets every environment; anyone else their one environment.
  case everyEnvironmentForOperators
  /// Without --env, the account's own environment when it has exactly one; an operator who
  /// has none (or several) gets every environment.
  case ownEnvironmentFirst
}

extension DirectoryService {
  /// The environment a command works on, or nil for every environment. A name always
  /// decides; without one, `rule` does.
  public func scope(_ name: String?, _ rule: PlatformScope) throws -> Environment? {
    if let name { return try environment(name) }
    switch rule {
    case .everyEnvironmentForOperators:
      return try access.isOperator() ? nil : try environment(nil)
    case .ownEnvironmentFirst:
      guard try access.isOperator() else { return try environment(nil) }
      return try store.read { try operatorsOwnEnvironment() }
    }
  }

  /// An operator's one environment, else the platform's only one, else nil (every
  /// environment): what `environment(nil)` would find, decided without listing every
  /// environment to name them in a refusal nobody reads.
  private func operatorsOwnEnvironment() throws -> Environment? {
    guard let user = try access.user() else { return nil }
    // Only the count matters until it is one: an operator who administers thousands of
    // environments does not load them all to learn that.
    let own = try store.environmentIDs(userID: user.id)
    if own.count == 1, let environment = try store.environment(id: own[0]) {
      return environment
    }
    return own.count > 1 ? nil : try store.onlyEnvironment()
  }
}

extension MailService {
  /// The daily job delivers mail only when an operator runs it; for anyone else the outbox
  /// waits for the operator's run (nil).
  public func deliverOutboxIfOperator(via transport: () throws -> MailTransport) throws
    -> DeliveryReport?
  {
    guard try access.isOperator() else { return nil }
    return try deliverOutbox(via: try transport())
  }
}
