extension DirectoryService {
  /// Creates an environment with its first organisation and this account as its administrator.
  /// The account that creates the first environment of a new store also becomes the
  /// platform's first operator.
  @discardableResult
  public func initialize(
    environment name: String, organisation organisationName: String, email: String?,
    planName: String = PlanCatalog.defaultPlanName, details: PartyDetails = PartyDetails()
  ) throws -> Environment {
    let environmentName = try Saldo.checkName(name, what: tr("environment name"))
    let orgName = try TextRules.organisationName(organisationName)
    let address = try email.map { try Self.checkEmail($0) }
    return try store.write {
      if try store.environment(named: environmentName) != nil {
        throw SaldoError.conflict(
          tr(
            "an environment named \(environmentName) exists already; choose another name"))
      }
      let now = clock.now()
      let firstEver = try !store.hasEnvironments()
      guard let plan = try store.plans().first(where: { $0.name == planName }) else {
        throw SaldoError.notFound(tr("no plan named \(planName)"))
      }
      let user = try ensureUser(email: address)
      // Records the language the creator uses, which their e-mails follow.
      _ = try access.user()
      if firstEver { try store.addOperator(userID: user.id, at: now) }
      if !firstEver, try !store.isOperator(userID: user.id) {
        throw SaldoError.forbidden(
          tr(
            "only the platform's operators may create environments; account \(account.login) is"
              + " not one"))
      }
      let environment = try store.createEnvironment(name: environmentName, planID: plan.id, at: now)
      _ = try store.createOrganisation(
        environmentID: environment.id, name: orgName, details: details, at: now)
      try store.setRole(.administrator, userID: user.id, environmentID: environment.id)
      return environment
    }
  }

  private func ensureUser(email: String?) throws -> User {
    if var user = try store.user(login: account.login) {
      if let email, user.email != email {
        user.email = email
        try store.updateUser(user)
      }
      return user
    }
    return try store.createUser(
      login: account.login, displayName: account.displayName, email: email)
  }

  @discardableResult
  public func addOrganisation(_ name: String, details: PartyDetails, to environment: Environment)
    throws -> Organisation
  {
    let orgName = try TextRules.organisationName(name)
    return try store.write {
      try access.requireAdministrator(of: environment, to: tr("add organisations"))
      if try store.organisation(environmentID: environment.id, name: orgName) != nil {
        throw SaldoError.conflict(
          tr(
            "\(environment.name) already has an organisation named \(orgName)"))
      }
      return try store.createOrganisation(
        environmentID: environment.id, name: orgName, details: details, at: clock.now())
    }
  }

  public func organisations(of environment: Environment) throws -> [Organisation] {
    try store.read {
      try access.requireMemberOrOperator(of: environment, to: tr("list organisations"))
      return try store.organisations(environmentID: environment.id)
    }
  }

  /// Adds a user (by their system login) to an environment with a role, or changes the role of
  /// one who is there already.
  @discardableResult
  public func addUser(
    login: String, displayName: String?, email: String?, role: MemberRole,
    to environment: Environment
  ) throws -> Member {
    let checkedLogin = try Self.checkLogin(login)
    let name = try displayName.map { try Saldo.checkName($0, what: tr("display name")) }
    let address = try email.map { try Self.checkEmail($0) }
    return try store.write {
      try access.requireAdministrator(of: environment, to: tr("add users"))
      var user: User
      if let existing = try store.user(login: checkedLogin) {
        user = existing
        if let name { user.displayName = name }
        if let address { user.email = address }
        try store.updateUser(user)
      } else {
        user = try store.createUser(
          login: checkedLogin, displayName: name ?? checkedLogin, email: address)
      }
      if let current = try store.role(userID: user.id, environmentID: environment.id),
        current == .administrator, role != .administrator
      {
        try ensureAnotherAdministrator(besides: user, in: environment)
      }
      try store.setRole(role, userID: user.id, environmentID: environment.id)
      return Member(user: user, role: role)
    }
  }

  public func setRole(login: String, role: MemberRole, in environment: Environment) throws {
    try store.write {
      try access.requireAdministrator(of: environment, to: tr("change roles"))
      guard let user = try store.user(login: login),
        let current = try store.role(userID: user.id, environmentID: environment.id)
      else {
        throw SaldoError.notFound(
          tr(
            "\(Sanitize.line(login, limit: 40)) is not a user of \(environment.name); add them"
              + " with `saldo user add LOGIN`"))
      }
      if current == .administrator, role != .administrator {
        try ensureAnotherAdministrator(besides: user, in: environment)
      }
      try store.setRole(role, userID: user.id, environmentID: environment.id)
    }
  }

  public func members(of environment: Environment) throws -> [Member] {
    try store.read {
      try access.requireMemberOrOperator(of: environment, to: tr("list users"))
      return try store.members(environmentID: environment.id)
    }
  }

  private func ensureAnotherAdministrator(besides user: User, in environment: Environment) throws {
    let others = try store.members(environmentID: environment.id).filter {
      $0.role == .administrator && $0.user.id != user.id
    }
    if others.isEmpty {
      throw SaldoError.conflict(
        tr(
          "\(user.login) is the last administrator of \(environment.name); make someone else"
            + " administrator first"))
    }
  }

  static func checkLogin(_ login: String) throws -> String {
    let valid =
      !login.isEmpty && login.count <= 32
      && login.unicodeScalars.allSatisfy {
        ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "_"
          || $0 == "-" || $0 == "."
      }
    guard valid else {
      throw SaldoError.invalid(
        tr(
          "\"\(Sanitize.line(login, limit: 40))\" is not a system login; use the account name"
            + " (letters, digits, . _ -), e.g. jdevries"))
    }
    return login
  }

  /// The mail module's own address check, so nothing is stored that could not be sent.
  static func checkEmail(_ text: String) throws -> String {
    do { return try MailAddress(text.trimmingWhitespace()).value } catch {
      throw SaldoError.invalid(error.description)
    }
  }

}
