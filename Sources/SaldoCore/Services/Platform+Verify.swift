extension PlatformService {
  /// `saldo check`: every guarantee of the store and of the money lifecycle. Operators only.
  public func verify() throws -> [String] {
    try store.read { try access.requireOperator(to: "check the database") }
    return try store.verify() + identifierProblems()
  }

  /// Organisations' KvK numbers and VAT ids are read back as checked values; one stored by an
  /// earlier release without the checks (or edited by hand) is reported with the fix.
  func identifierProblems() throws -> [String] {
    try store.read {
      var problems: [String] = []
      for environment in try store.environments() {
        for organisation in try store.organisations(environmentID: environment.id) {
          let name = Sanitize.line(organisation.name, limit: 60)
          let fix =
            "saldo --env \"\(Sanitize.line(environment.name, limit: 60))\" org set"
            + " \"\(name)\""
          if let kvk = organisation.details.kvk,
            (try? KvKNumber.parse(kvk.value))?.value != kvk.value
          {
            problems.append(
              "organisation \(name) of \(environment.name) has KvK number \"\(kvk.value)\","
                + " which is not eight digits; correct it with `\(fix) --kvk NUMBER`")
          }
          if let vat = organisation.details.vat, (try? VATID.parse(vat.value))?.value != vat.value {
            problems.append(
              "organisation \(name) of \(environment.name) has VAT id \"\(vat.value)\", which"
                + " is not a valid VAT id; correct it with `\(fix) --vat ID`")
          }
        }
      }
      return problems
    }
  }
}
