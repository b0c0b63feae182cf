import SaldoCore

enum SetupCommands {
  static let all: [CommandSpec] = [
    initialize, orgAdd, orgSet, orgList, userAdd, userList, userSetRole,
  ]

  static let initialize = CommandSpec(
    name: "init", summary: "create an environment with its first organisation",
    usage: "saldo init --env NAME --org NAME [--email ADDRESS]",
    details: """
      Creates the database if needed, an environment on the Business plan with its first
      organisation, and makes your system account its administrator. The account that creates
      the first environment of a database is also the platform's first operator.
      """,
    options: ["--org", "--email"]
  ) { context, arguments in
    guard let name = context.environmentName else {
      throw UsageError(tr("--env NAME is required"), command: "init")
    }
    let saldo = try context.open(create: true)
    let organisation = try arguments.required("--org")
    let environment = try saldo.directory.initialize(
      environment: name, organisation: organisation, email: arguments.value("--email"))
    context.output.line(
      tr(
        "Created environment \(environment.name) with organisation \(Sanitize.line(organisation)); you (\(saldo.account.login)) are its administrator. Database: \(context.databasePath)"
      ))
  }

  static let detailOptions: Set<String> = [
    "--street", "--postcode", "--city", "--country", "--kvk", "--vat", "--peppol",
    "--registration", "--language",
  ]

  static let detailHelp: Localized = """
    Invoice data (needed before the organisation can receive invoices):
      --street TEXT --postcode TEXT --city TEXT --country CC (ISO code, e.g. NL)
      --kvk 12345678          Dutch Chamber of Commerce number, 8 digits
      --vat VATID             VAT id of the organisation's country, e.g. NL123456782B01,
                              BE0417497106, DE136695976, FR40303265045 (EU, XI, CH, NO, GB)
      --peppol SCHEME:ID      Peppol id, e.g. 0106:12345678 (KvK), 0190:… (OIN), 9944:NL…B01,
                              0208:0417497106 (BE), 0204:… (Leitweg-ID), 0009:… (SIRET)
      --registration SCHEME:ID
                              legal registration outside the Netherlands, e.g. 0208:0417497106
                              (BE enterprise number), 0002:… (SIREN), 0009:… (SIRET),
                              0184:… (DK CVR), 0088:… (GLN), 0204:… (Leitweg-ID)
      --language nl|en        language of its invoices' text (default: Dutch in NL and BE)
    The VAT id decides the VAT: NL or no VAT id in the EU 21%, a VAT id of another member
    state reverse charge (0%), outside the EU no VAT.
    An empty value ("") clears a field.
    """

  static func changes(_ arguments: Arguments) -> OrganisationChanges {
    OrganisationChanges(
      street: arguments.value("--street"), postcode: arguments.value("--postcode"),
      city: arguments.value("--city"), country: arguments.value("--country"),
      kvk: arguments.value("--kvk"), vat: arguments.value("--vat"),
      peppol: arguments.value("--peppol"), registration: arguments.value("--registration"),
      language: arguments.value("--language"))
  }

  static let orgAdd = CommandSpec(
    name: "org add", summary: "add an organisation to the environment",
    usage: "saldo org add NAME [--street … --postcode … --city … --country … --kvk … --vat …"
      + " --peppol SCHEME:ID --registration SCHEME:ID]",
    details: "Administrators only.\n\n", appendix: detailHelp,
    options: detailOptions
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError(
        tr("give exactly one organisation NAME (quote names with spaces)"),
        command: "org add")
    }
    let details = try changes(arguments).applied(to: PartyDetails())
    let saldo = try context.open()
    let environment = try saldo.directory.environment(context.environmentName)
    let organisation = try saldo.directory.addOrganisation(
      arguments.positionals[0], details: details, to: environment)
    context.output.line(
      tr("Added organisation \(organisation.name) (id \(organisation.id)) to \(environment.name)"))
  }

  static let orgSet = CommandSpec(
    name: "org set", summary: "change an organisation's invoice data",
    usage: "saldo org set NAME [--street … --postcode … --city … --country … --kvk … --vat …"
      + " --peppol SCHEME:ID --registration SCHEME:ID]",
    details: "Administrators only. Fields not given stay as they are.\n\n", appendix: detailHelp,
    options: detailOptions
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError(tr("give exactly one organisation NAME"), command: "org set")
    }
    let saldo = try context.open()
    let environment = try saldo.directory.environment(context.environmentName)
    let organisation = try saldo.directory.organisation(arguments.positionals[0], in: environment)
    let updated = try saldo.directory.updateOrganisation(organisation, changes(arguments))
    context.output.line(tr("Updated \(updated.name)"))
  }

  static let orgList = CommandSpec(
    name: "org list", summary: "list the organisations of the environment",
    usage: "saldo org list [--json]", details: "", flags: ["--json"]
  ) { context, arguments in
    let saldo = try context.open()
    let environment = try saldo.directory.environment(context.environmentName)
    let organisations = try saldo.directory.organisations(of: environment)
    if arguments.has("--json") {
      context.output.json(.array(organisations.map(JSONViews.organisation)))
      return
    }
    for organisation in organisations {
      context.output.line(String(organisation.id).padding(to: 6) + Sanitize.line(organisation.name))
    }
  }

  static let userAdd = CommandSpec(
    name: "user add", summary: "add a user (by system login) to the environment",
    usage: "saldo user add LOGIN [--name NAME] [--email ADDRESS] [--role administrator|member]",
    details: "Administrators only. The role defaults to member.",
    options: ["--name", "--email", "--role"]
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError(tr("give exactly one LOGIN"), command: "user add")
    }
    let role = try parseRole(arguments.value("--role") ?? "member")
    let saldo = try context.open()
    let environment = try saldo.directory.environment(context.environmentName)
    let member = try saldo.directory.addUser(
      login: arguments.positionals[0], displayName: arguments.value("--name"),
      email: arguments.value("--email"), role: role, to: environment)
    context.output.line(roleChanged(member.user.login, member.role, environment))
    try KeyCommands.syncAfterChange(context, saldo)
  }

  static let userList = CommandSpec(
    name: "user list", summary: "list the users of the environment and their roles",
    usage: "saldo user list [--json]", details: "", flags: ["--json"]
  ) { context, arguments in
    let saldo = try context.open()
    let environment = try saldo.directory.environment(context.environmentName)
    let members = try saldo.directory.members(of: environment)
    if arguments.has("--json") {
      context.output.json(.array(members.map(JSONViews.member)))
      return
    }
    for member in members {
      context.output.line(
        member.user.login.padding(to: 16) + member.role.word.padding(to: 15)
          + Sanitize.line(member.user.displayName)
          + (member.user.email.map { " <\(Sanitize.line($0))>" } ?? ""))
    }
  }

  static let userSetRole = CommandSpec(
    name: "user set-role", summary: "make a user administrator or member",
    usage: "saldo user set-role LOGIN administrator|member",
    details: "Administrators only. The last administrator cannot step down.", options: []
  ) { context, arguments in
    guard arguments.positionals.count == 2 else {
      throw UsageError(
        tr("give a LOGIN and a role (administrator or member)"),
        command: "user set-role")
    }
    let role = try parseRole(arguments.positionals[1])
    let saldo = try context.open()
    let environment = try saldo.directory.environment(context.environmentName)
    try saldo.directory.setRole(login: arguments.positionals[0], role: role, in: environment)
    context.output.line(roleChanged(arguments.positionals[0], role, environment))
    try KeyCommands.syncAfterChange(context, saldo)
  }

  static func parseRole(_ text: String) throws -> MemberRole {
    guard let role = MemberRole.parse(text) else {
      let shown = Sanitize.line(text, limit: 30)
      throw SaldoError.invalid(tr("unknown role \"\(shown)\"; use administrator or member"))
    }
    return role
  }

  /// A sentence for each role: the role's name is a word of the sentence, not a value in it.
  static func roleChanged(_ login: String, _ role: MemberRole, _ environment: Environment)
    -> String
  {
    switch role {
    case .administrator: tr("\(login) is now administrator of \(environment.name)")
    case .member: tr("\(login) is now member of \(environment.name)")
    }
  }
}
