extension DirectoryService {
  /// The environment a command works on: `name` when given; otherwise the only environment the
  /// account belongs to (or, for an operator, the only one there is).
  public func environment(_ name: String?) throws -> Environment {
    try store.read {
      if let name {
        guard let environment = try store.environment(named: TextRules.lookupForm(name)) else {
          // Only the environments this account may see: the names of other tenants are theirs.
          var visible: [Environment] = []
          if let user = try access.user() {
            visible =
              try store.isOperator(userID: user.id)
              ? try store.environments()
              : try store.environmentIDs(userID: user.id).compactMap {
                try store.environment(id: $0)
              }
          }
          let known = visible.map { Sanitize.line($0.name, limit: 60) }
          let names = known.isEmpty ? tr("none") : known.joined(separator: ", ")
          throw SaldoError.notFound(
            tr("no environment named \"\(Sanitize.line(name, limit: 60))\"; known: \(names)"))
        }
        return environment
      }
      var candidates: [Environment] = []
      if let user = try access.user() {
        candidates = try store.environmentIDs(userID: user.id).compactMap {
          try store.environment(id: $0)
        }
        if candidates.isEmpty, try store.isOperator(userID: user.id) {
          candidates = try store.environments()
        }
      }
      switch candidates.count {
      case 1: return candidates[0]
      case 0:
        if try !store.hasEnvironments() {
          throw SaldoError.notFound(
            tr(
              "there is no environment yet; create one with `saldo init --env NAME --org NAME`"))
        }
        throw SaldoError.forbidden(
          tr(
            "account \(account.login) belongs to no environment here; ask an administrator to add"
              + " you with `saldo user add \(account.login)`"))
      default:
        let names = candidates.map(\.name).sorted().joined(separator: ", ")
        throw SaldoError.invalid(
          tr(
            "you administer several environments; choose one with --env NAME"
              + " (\(names))"))
      }
    }
  }

  /// The organisation named (or numbered) `reference` in an environment.
  public func organisation(_ reference: String, in environment: Environment) throws
    -> Organisation
  {
    try store.read {
      if let found = try store.organisation(reference: reference, environmentID: environment.id) {
        return found
      }
      let known = try store.organisations(environmentID: environment.id).map {
        Sanitize.line($0.name, limit: 60)
      }
      let names = known.isEmpty ? tr("none") : known.joined(separator: ", ")
      throw SaldoError.notFound(
        tr(
          "no organisation \"\(Sanitize.line(reference, limit: 60))\" in"
            + " \(Sanitize.line(environment.name, limit: 60)); known: \(names)"))
    }
  }

  public func plan(of environment: Environment) throws -> Plan {
    try store.read {
      guard let plan = try store.plan(id: environment.planID) else {
        throw SaldoError.notFound(tr("the plan of \(environment.name) is missing from the store"))
      }
      return plan
    }
  }
}
