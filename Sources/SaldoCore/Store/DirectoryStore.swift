/// Environments, their organisations, users, their roles and the platform's operators. Part
/// of `SaldoStore`; its methods run inside the caller's `read` or `write`.
public protocol DirectoryStore: AnyObject {
  func createEnvironment(name: String, planID: Int64, at: Instant) throws -> Environment
  func environment(named name: String) throws -> Environment?
  func environment(id: Int64) throws -> Environment?
  func environments() throws -> [Environment]
  /// Whether the store holds any environment (without listing them).
  func hasEnvironments() throws -> Bool
  /// The store's environment when it holds exactly one; nil for none or several.
  func onlyEnvironment() throws -> Environment?
  func setPlan(environmentID: Int64, planID: Int64) throws

  func createOrganisation(environmentID: Int64, name: String, details: PartyDetails, at: Instant)
    throws -> Organisation
  func updateOrganisation(_ organisation: Organisation) throws
  func organisation(environmentID: Int64, name: String) throws -> Organisation?
  func organisation(id: Int64) throws -> Organisation?
  func organisations(environmentID: Int64) throws -> [Organisation]

  func user(login: String) throws -> User?
  func user(id: Int64) throws -> User?
  func createUser(login: String, displayName: String, email: String?) throws -> User
  func updateUser(_ user: User) throws
  /// Records the language a user last used Saldo in (only that column).
  func setLastUsedLanguage(_ language: Language, userID: Int64) throws
  func setRole(_ role: MemberRole, userID: Int64, environmentID: Int64) throws
  func role(userID: Int64, environmentID: Int64) throws -> MemberRole?
  func members(environmentID: Int64) throws -> [Member]
  func environmentIDs(userID: Int64) throws -> [Int64]
  func addOperator(userID: Int64, at: Instant) throws
  func isOperator(userID: Int64) throws -> Bool
}
