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
      do {
        return try environment(nil)
      } catch let error as SaldoError {
        guard try access.isOperator() else { throw error }
        return nil
      }
    }
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
