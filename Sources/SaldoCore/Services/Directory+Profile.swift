extension DirectoryService {
  /// The current account's own user record.
  public func profile() throws -> User {
    try store.read {
      guard let user = try access.user() else {
        throw SaldoError.notFound(
          tr(
            "account \(account.login) is not a user here; an administrator adds you with"
              + " `saldo user add \(account.login)`"))
      }
      return user
    }
  }

  /// Users manage their own name, e-mail address, notification choices and the language of
  /// their e-mails; nobody else's. `language: .some(nil)` drops the choice, so e-mails follow
  /// the language the person last used Saldo in again.
  @discardableResult
  public func updateProfile(
    displayName: String? = nil, email: String?? = nil, creditAlerts: Bool? = nil,
    invoiceMails: Bool? = nil, language: Language?? = nil
  ) throws -> User {
    let name = try displayName.map { try Saldo.checkName($0, what: tr("display name")) }
    var address: String??
    if let email {
      address = .some(try email.flatMap { $0.isEmpty ? nil : try Self.checkEmail($0) })
    }
    return try store.write {
      guard var user = try access.user() else {
        throw SaldoError.notFound(
          tr(
            "account \(account.login) is not a user here; an administrator adds you with"
              + " `saldo user add \(account.login)`"))
      }
      if let name { user.displayName = name }
      if let address { user.email = address }
      if let creditAlerts { user.notifications.creditAlerts = creditAlerts }
      if let invoiceMails { user.notifications.invoiceMails = invoiceMails }
      if let language { user.language = language }
      try store.updateUser(user)
      return user
    }
  }
}
