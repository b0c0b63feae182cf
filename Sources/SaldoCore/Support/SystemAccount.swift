#if canImport(Glibc)
  import Glibc
#endif

/// The operating-system account this process runs as: the effective uid, looked up with
/// getpwuid. Deliberately never a flag or an environment variable, which anyone could set.
public struct SystemAccount: Sendable, Hashable {
  public let login: String
  /// The account's full name from the password database, or the login when it has none.
  public let displayName: String

  public init(login: String, displayName: String) {
    self.login = login
    self.displayName = displayName
  }

  public static func current() -> SystemAccount? {
    guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
    let login = String(cString: name)
    var displayName = login
    if let gecos = entry.pointee.pw_gecos {
      let full =
        String(cString: gecos).split(separator: ",", omittingEmptySubsequences: false)
        .first.map(String.init) ?? ""
      if Sanitize.validName(full) { displayName = full }
    }
    return SystemAccount(login: login, displayName: displayName)
  }
}
