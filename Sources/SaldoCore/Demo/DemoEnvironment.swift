/// Builds the demo environment: three organisations with full invoice data, about 180 days of
/// consumption with a weekday/weekend rhythm, and the top-ups that paid for it. Deterministic
/// for a given seed and day, so screenshots and tests are stable.
public enum DemoEnvironment {
  public static let environmentName = "Demo Bakkerij Groep"
  /// Marks a store as a demo, so `saldo demo` may rebuild it without touching real data.
  public static let settingKey = "demo"

  public struct Company: Sendable {
    public let name: String
    public let details: PartyDetails
    /// Relative share of the environment's traffic.
    let weight: Int
  }

  public static let companies: [Company] = [
    Company(
      name: "Bakkerij De Gouden Korst B.V.",
      details: PartyDetails(
        street: "Korenmarkt 12", postcode: "3811 GS", city: "Amersfoort", country: "NL",
        kvk: KvKNumber(stored: "31245678"), vat: VATID(stored: "NL628194821B01"),
        peppol: PeppolParticipantID(stored: "0106", value: "31245678")),
      weight: 5),
    Company(
      name: "Van der Berg Logistiek B.V.",
      details: PartyDetails(
        street: "Havenweg 7", postcode: "3542 AD", city: "Utrecht", country: "NL",
        kvk: KvKNumber(stored: "30187654"), vat: VATID(stored: "NL252760189B01"),
        peppol: PeppolParticipantID(stored: "0106", value: "30187654")),
      weight: 3),
    Company(
      name: "Studio Noord V.O.F.",
      details: PartyDetails(
        street: "Noorderstraat 88", postcode: "1015 NT", city: "Amsterdam", country: "NL",
        kvk: KvKNumber(stored: "62345012"), vat: VATID(stored: "NL507529170B01"),
        peppol: PeppolParticipantID(stored: "0106", value: "62345012")),
      weight: 2),
  ]

  /// What `build` made.
  public struct Result: Sendable {
    public let environment: Environment
    public let events: Int
  }

  /// Creates the demo environment in an empty store through the same core calls a person
  /// would use, with `saldo.account` as its administrator.
  public static func build(
    _ saldo: Saldo, days: Int = 180, seed: UInt64 = 2026, email: String? = nil
  ) throws -> Result {
    let environment = try saldo.directory.initialize(
      environment: environmentName, organisation: companies[0].name, email: email,
      details: companies[0].details)
    try saldo.store.write { try saldo.store.setSetting(settingKey, "1") }
    try saldo.platform.setSeller(.demo)
    var organisations = [try saldo.directory.organisation(companies[0].name, in: environment)]
    for company in companies.dropFirst() {
      organisations.append(
        try saldo.directory.addOrganisation(company.name, details: company.details, to: environment)
      )
    }
    var random = SeededRandom(seed: seed)
    let today = Day(containing: saldo.clock.now())
    let first = today.adding(days: -Int64(days))
    let recorder = ConsumptionRecorder(saldo: saldo, scope: environment, strict: true)
    var events = 0
    // Top-ups keep the balance ahead of consumption, the way an administrator would; the last
    // one leaves roughly a month of credit.
    let schedule: [(dayOffset: Int64, euros: Int64)] = [
      (0, 2_500), (60, 2_500), (120, 2_500), (165, 1_000),
    ]
    for offset in 0..<Int64(days) {
      let day = first.adding(days: offset)
      for (dayOffset, euros) in schedule where dayOffset == offset && euros > 0 {
        try topUpByInvoice(
          saldo, environment, amount: try Money.euros(euros), organisation: organisations[0],
          at: Instant(seconds: day.start.seconds + 8 * 3600), paid: offset < Int64(days) - 30)
      }
      var batch: [(line: Int, event: ConsumptionEvent)] = []
      let weekend = day.weekday >= 5
      let growth = 150 + Int(offset * 90 / Int64(max(days, 1)))  // business grows over time
      for (index, company) in companies.enumerated() {
        let base = company.weight * growth / 10
        let volume = weekend ? base / 6 : base + Int(random.next() % UInt64(max(base / 3, 1)))
        for n in 0..<volume {
          let kind: TransactionKind
          switch random.next() % 20 {
          case 0..<9: kind = .send
          case 9..<16: kind = .receive
          case 16..<18: kind = .pdf
          default: kind = .manual
          }
          // Office hours in Amsterdam, 07:00-19:00.
          let second = Int64(7 * 3600) + Int64(random.next() % (12 * 3600))
          let at = Instant(seconds: day.start.seconds + second)
          let id = "demo-\(day.iso)-\(index)-\(n)"
          batch.append(
            (
              events,
              ConsumptionEvent(externalID: id, organisation: company.name, kind: kind, at: at)
            ))
          events += 1
        }
      }
      try recorder.record(batch)
    }
    return Result(environment: environment, events: events)
  }

  /// A top-up by invoice as the administrator made it on that day (a clock fixed at `at`);
  /// invoices older than a month have been paid by then.
  private static func topUpByInvoice(
    _ saldo: Saldo, _ environment: Environment, amount: Money, organisation: Organisation,
    at: Instant, paid: Bool
  ) throws {
    let then = Saldo(store: saldo.store, account: saldo.account, clock: FixedClock(at))
    let result = try then.topUps.topUp(
      TopUpRequest(
        environment: environment, amount: amount, method: .invoice, organisation: organisation,
        orderNumber: "PO-\(Day(containing: at).iso)", idempotencyKey: "demo-\(at.seconds)"))
    if paid, let invoice = result.invoice {
      _ = try then.invoices.openInvoice(number: invoice.number)
      _ = try then.invoices.markInvoicePaid(number: invoice.number)
    }
  }
}
