/// Who is asking, and what they may do. Every write goes through these checks in the core,
/// so no front end can forget them.
public struct Access {
  let store: SaldoStore
  public let account: SystemAccount
  /// The language the person uses now: `Language.current`, unless a test gives its own
  /// instead of changing the process-wide one under tests running beside it.
  let language: @Sendable () -> Language

  public init(
    store: SaldoStore, account: SystemAccount,
    language: @escaping @Sendable () -> Language = { Language.current }
  ) {
    self.store = store
    self.account = account
    self.language = language
  }

  /// The stored user for this account, if any. Inside a write it also records the language
  /// the person uses now when it differs from the stored one: their e-mails follow it while
  /// they chose none. Every write checks who is asking through here, so one write of theirs is
  /// enough, and a read never becomes a write.
  public func user() throws -> User? {
    guard var user = try store.user(login: account.login) else { return nil }
    let current = language()
    // Unset counts as English, so nothing is written for what e-mails were before languages.
    if current != (user.lastUsedLanguage ?? .en), store.isWriting {
      try store.setLastUsedLanguage(current, userID: user.id)
      user.lastUsedLanguage = current
    }
    return user
  }

  public func isOperator() throws -> Bool {
    guard let user = try user() else { return false }
    return try store.isOperator(userID: user.id)
  }

  public func role(in environment: Environment) throws -> MemberRole? {
    guard let user = try user() else { return nil }
    return try store.role(userID: user.id, environmentID: environment.id)
  }

  /// Administrators of the environment only.
  public func requireAdministrator(of environment: Environment, to action: String) throws {
    if try role(in: environment) == .administrator { return }
    throw SaldoError.forbidden(try refusal(environment, action))
  }

  /// Administrators of the environment, or the platform's operators.
  public func requireAdministratorOrOperator(of environment: Environment, to action: String)
    throws
  {
    if try role(in: environment) == .administrator || isOperator() { return }
    throw SaldoError.forbidden(try refusal(environment, action))
  }

  /// Any member of the environment, or an operator.
  public func requireMemberOrOperator(of environment: Environment, to action: String) throws {
    if try role(in: environment) != nil || isOperator() { return }
    let names = try administratorNames(environment)
    throw SaldoError.forbidden(
      tr(
        "account \(account.login) has no access to environment \(environment.name); ask one of"
          + " its administrators (\(names)) to add you"))
  }

  public func requireOperator(to action: String) throws {
    if try isOperator() { return }
    throw SaldoError.forbidden(
      tr("only the platform's operators may \(action); account \(account.login) is not one"))
  }

  public func administratorNames(_ environment: Environment) throws -> String {
    let names = try store.members(environmentID: environment.id)
      .filter { $0.role == .administrator }
      .map { Sanitize.line($0.user.displayName, limit: 60) + " (" + $0.user.login + ")" }
    return names.isEmpty ? tr("none") : names.joined(separator: ", ")
  }

  /// Keys: operators manage everyone's, a user their own. One rule for add, list and remove.
  public func requireKeyManagement(of login: String, to action: String) throws {
    if try login == account.login || isOperator() { return }
    throw SaldoError.forbidden(
      tr(
        "only the platform's operators may \(action) of another user; account \(account.login)"
          + " manages only its own keys"))
  }

  /// `--as LOGIN` is for the service account that owns the database (sshd has proven who the
  /// person is and named them in the forced command); that account can read the whole file
  /// anyway, so trusting it costs nothing. Anyone else would become someone they are not.
  public static func requireServiceAccount(
    login: String, databaseOwner: UInt32, effectiveUID: UInt32
  ) throws {
    if databaseOwner == effectiveUID { return }
    let shown = Sanitize.line(login, limit: 40)
    throw SaldoError.forbidden(
      tr(
        "--as \(shown) is only for the service account that owns the database (uid"
          + " \(databaseOwner)); you are uid \(effectiveUID) and act as yourself: drop --as"))
  }

  private func refusal(_ environment: Environment, _ action: String) throws -> String {
    let who =
      try role(in: environment) == .member
      ? tr("account \(account.login) is a member, not an administrator, of \(environment.name)")
      : tr("account \(account.login) is not an administrator of \(environment.name)")
    let names = try administratorNames(environment)
    return tr("only administrators may \(action): \(who); ask \(names)")
  }
}
