import SaldoCore

/// The environments, organisations and administrator of a generated platform, created through
/// the core exactly as `saldo init`, `saldo org add`, `saldo auto-upgrade` and an operator's
/// correction would create them. The account running the benchmark administers every
/// environment and is the platform's operator.
struct Population {
  let spec: DataSetSpec
  let login: String
  /// Environment ids and names by index (index 0 is the first environment created).
  let environmentIDs: [Int64]
  let environmentNames: [String]
  /// Organisation ids of each environment, by environment index.
  let organisations: [[Int64]]
  let prices: [TransactionKind: Int64]
  /// The first day after the history: "today" for every read-side figure.
  let anchor: Day
  /// Cumulative event weights of the environments (see `DataSetSpec.cumulativeWeights`).
  let weights: [Double]

  var firstDay: Day { anchor.adding(days: -Int64(spec.days)) }

  /// When the opening credit is booked: an hour before the first event.
  var openingInstant: Instant { Instant(seconds: firstDay.start.seconds - 3600) }

  /// The environment with the longest history: the one My environment is opened on.
  var showcase: Int {
    var best = 0
    var bestWeight = 0.0
    for index in weights.indices {
      let weight = weights[index] - (index > 0 ? weights[index - 1] : 0)
      if weight > bestWeight {
        best = index
        bestWeight = weight
      }
    }
    return best
  }

  /// Complete buyer details, so the automatic upgrade can invoice every organisation.
  static let invoiceDetails = PartyDetails(
    street: "Keizersgracht 1", postcode: "1015 CJ", city: "Amsterdam", country: "NL",
    kvk: try? KvKNumber.parse("12345678"), vat: try? VATID.parse("NL628194821B01"),
    peppol: try? PeppolParticipantID.parse("0106:12345678"))

  static func environmentName(_ index: Int) -> String {
    "Environment " + zeroPadded(index + 1, 6)
  }

  static func organisationName(_ environment: Int, _ number: Int) -> String {
    "Organisation " + zeroPadded(environment + 1, 6) + "-" + String(number + 1)
  }

  static func zeroPadded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  /// Average price of an event, in mills, with the generator's mix of kinds.
  static func averagePrice(_ prices: [TransactionKind: Int64]) -> Double {
    EventStream.kindMix.reduce(0) { $0 + $1.share * Double(prices[$1.kind] ?? 0) }
  }

  /// The opening credit: the environment's expected consumption over the whole history plus
  /// `coverDays` of its average, rounded up to whole euros.
  func openingCredit(environment index: Int) -> Int64 {
    let share = weights[index] - (index > 0 ? weights[index - 1] : 0)
    let expected = share * Double(spec.events) * Population.averagePrice(prices)
    let days = Double(spec.days)
    let mills = expected * (days + Double(spec.coverDays(environment: index))) / days
    return max(1, Int64((mills / 1000).rounded(.up))) * 1000
  }

  /// Creates the environments in a new store through the core and returns them.
  static func create(
    in store: SQLiteStore, spec: DataSetSpec, account: SystemAccount, anchor: Day
  ) throws -> Population {
    let firstDay = anchor.adding(days: -Int64(spec.days))
    let opening = Instant(seconds: firstDay.start.seconds - 3600)
    let saldo = Saldo(store: store, account: account, clock: FixedClock(opening))
    // The first environment the way `saldo init` makes it: the account becomes operator.
    let first = try saldo.directory.initialize(
      environment: environmentName(0), organisation: organisationName(0, 0),
      email: "administrator@bench.example", details: invoiceDetails)
    try saldo.platform.setSeller(.demo)
    let plan = try saldo.directory.plan(of: first)
    guard let user = try store.read({ try store.user(login: account.login) }) else {
      throw BenchError("the administrator was not created")
    }
    var prices: [TransactionKind: Int64] = [:]
    for kind in TransactionKind.allCases { prices[kind] = plan.price(of: kind).mills }
    let draft = Population(
      spec: spec, login: account.login, environmentIDs: [], environmentNames: [],
      organisations: [], prices: prices, anchor: anchor, weights: spec.cumulativeWeights())

    // The rest through the store in one transaction: `DirectoryService.initialize` lists every
    // environment to decide whether the store is new, which makes creating 100,000 of them
    // one by one quadratic.
    var ids: [Int64] = []
    var names: [String] = []
    var organisations: [[Int64]] = []
    try store.write {
      for index in 0..<spec.environments {
        let name = environmentName(index)
        let environment =
          index == 0
          ? first : try store.createEnvironment(name: name, planID: plan.id, at: opening)
        if index > 0 {
          try store.setRole(.administrator, userID: user.id, environmentID: environment.id)
        }
        var orgIDs: [Int64] = []
        for number in 0..<spec.organisationCount(environment: index) {
          if index == 0 && number == 0 {
            guard
              let existing = try store.organisation(
                environmentID: first.id, name: organisationName(0, 0))
            else { throw BenchError("the first organisation was not created") }
            orgIDs.append(existing.id)
            continue
          }
          orgIDs.append(
            try store.createOrganisation(
              environmentID: environment.id, name: organisationName(index, number),
              details: invoiceDetails, at: opening
            ).id)
        }
        if spec.hasAutoUpgrade(environment: index) {
          try store.saveAutoUpgrade(
            AutoUpgradeSettings(
              enabled: true, amount: .coverDays(30), holder: name,
              iban: try IBAN.parse("NL91ABNA0417164300"),
              mandateID: try MandateReference.parse("BENCH-" + String(environment.id)),
              mandateDate: firstDay,
              organisationID: orgIDs[0], orderNumber: nil, monthlyCap: nil, updatedAt: opening,
              updatedBy: account.login),
            environmentID: environment.id)
        }
        // What an operator's correction books (`CreditService.correct`): one entry and the balance.
        let credit = Money(mills: draft.openingCredit(environment: index))
        _ = try store.append(
          NewLedgerEntry(
            environmentID: environment.id, organisationID: nil, kind: .correction,
            amount: credit, at: opening, reference: "Opening credit", actor: account.login))
        try store.adjustCredit(environmentID: environment.id, by: credit, entries: 1, at: opening)
        ids.append(environment.id)
        names.append(name)
        organisations.append(orgIDs)
      }
    }
    return Population(
      spec: spec, login: account.login, environmentIDs: ids, environmentNames: names,
      organisations: organisations, prices: prices, anchor: anchor, weights: draft.weights)
  }

  /// Reads back the population of a database this benchmark built earlier.
  static func load(
    from database: RawDatabase, spec: DataSetSpec, login: String, anchor: Day
  ) throws -> Population {
    var ids: [Int64] = []
    var names: [String] = []
    var index: [Int64: Int] = [:]
    let environments = try database.prepare("SELECT id, name FROM environment ORDER BY id")
    defer { environments.finalize() }
    while try environments.step() {
      index[environments.int(0)] = ids.count
      ids.append(environments.int(0))
      names.append(environments.text(1))
    }
    var organisations = [[Int64]](repeating: [], count: ids.count)
    let rows = try database.prepare("SELECT id, environment_id FROM organisation ORDER BY id")
    defer { rows.finalize() }
    while try rows.step() {
      if let position = index[rows.int(1)] { organisations[position].append(rows.int(0)) }
    }
    var prices: [TransactionKind: Int64] = [:]
    let plan = try database.prepare(
      """
      SELECT price_send, price_receive, price_pdf, price_manual FROM plan
      WHERE id = (SELECT plan_id FROM environment ORDER BY id LIMIT 1)
      """)
    defer { plan.finalize() }
    guard try plan.step() else { throw BenchError("\(database.path) has no plan") }
    prices = [.send: plan.int(0), .receive: plan.int(1), .pdf: plan.int(2), .manual: plan.int(3)]
    guard ids.count == spec.environments else {
      throw BenchError(
        "\(database.path) has \(ids.count) environments, expected \(spec.environments)")
    }
    return Population(
      spec: spec, login: login, environmentIDs: ids, environmentNames: names,
      organisations: organisations, prices: prices, anchor: anchor,
      weights: spec.cumulativeWeights())
  }
}
