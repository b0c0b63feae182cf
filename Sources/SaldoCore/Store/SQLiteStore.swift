/// The embedded SQLite implementation of `SaldoStore`: one file, one connection per process.
public final class SQLiteStore: SaldoStore {
  public let database: Database
  /// How event ids are hashed into `ledger_entry.event_hash`: always `.fnv1a`, except in tests
  /// that force collisions.
  let eventHash: EventHash

  /// Opens the store at `path`, migrating it to the current schema. With `create`, a missing
  /// file is created (mode 0600) and seeded with the default plans.
  public convenience init(
    path: String, create: Bool = false, busyTimeoutMs: Int32 = 10_000,
    lockWait: LockWaitSignal? = nil
  ) throws {
    try self.init(
      path: path, create: create, busyTimeoutMs: busyTimeoutMs, lockWait: lockWait,
      eventHash: .fnv1a)
  }

  init(
    path: String, create: Bool, busyTimeoutMs: Int32, lockWait: LockWaitSignal? = nil,
    eventHash: EventHash
  ) throws {
    database = try Database(
      path: path, create: create, busyTimeoutMs: busyTimeoutMs, lockWait: lockWait)
    self.eventHash = eventHash
    do {
      // Before migrating: the migration that introduced the hash fills it in with this.
      try database.defineEventHash(eventHash)
      if try Schema.migrate(database) { try seedPlansIfEmpty() }
    } catch {
      database.close()
      throw error
    }
  }

  public func read<T>(_ body: () throws -> T) throws -> T { try database.read(body) }
  public func write<T>(_ body: () throws -> T) throws -> T { try database.write(body) }
  public func contained<T>(_ body: () throws -> T) throws -> T { try database.savepoint(body) }
  public var isWriting: Bool { database.isWriting }

  private func seedPlansIfEmpty() throws {
    try write {
      guard try database.scalarInt("SELECT count(*) FROM plan") == 0 else { return }
      for plan in PlanCatalog.seed {
        try database.statement(
          """
          INSERT INTO plan(name, price_send, price_receive, price_pdf, price_manual)
          VALUES (?1, ?2, ?3, ?4, ?5)
          """
        ).run(
          .text(plan.name), .int(plan.price(of: .send).mills),
          .int(plan.price(of: .receive).mills), .int(plan.price(of: .pdf).mills),
          .int(plan.price(of: .manual).mills))
        let id = database.lastInsertRowID
        for method in PaymentMethod.allCases {
          let availability = plan.availability(of: method)
          try database.statement(
            "INSERT INTO plan_method(plan_id, method, available, reason) VALUES (?1, ?2, ?3, ?4)"
          ).run(
            .int(id), .text(method.rawValue), .int(availability.isAvailable ? 1 : 0),
            .optional(availability.reason))
        }
        for tier in plan.tiers {
          try database.statement(
            "INSERT INTO bundle_tier(plan_id, minimum, bonus) VALUES (?1, ?2, ?3)"
          ).run(.int(id), .int(tier.minimum.mills), .int(tier.bonus.mills))
        }
      }
    }
  }

  // MARK: Plans

  public func plans() throws -> [Plan] {
    let statement = try database.statement("SELECT id FROM plan ORDER BY id")
    var ids: [Int64] = []
    while try statement.step() { ids.append(statement.int(0)) }
    return try ids.compactMap { try plan(id: $0) }
  }

  public func plan(id: Int64) throws -> Plan? {
    let row = try database.statement(
      "SELECT name, price_send, price_receive, price_pdf, price_manual FROM plan WHERE id = ?1")
    try row.bind(.int(id))
    guard try row.step() else { return nil }
    let name = row.text(0)
    let prices: [TransactionKind: Money] = [
      .send: Money(mills: row.int(1)), .receive: Money(mills: row.int(2)),
      .pdf: Money(mills: row.int(3)), .manual: Money(mills: row.int(4)),
    ]
    row.reset()
    var methods: [PaymentMethod: MethodAvailability] = [:]
    let methodRows = try database.statement(
      "SELECT method, available, reason FROM plan_method WHERE plan_id = ?1")
    try methodRows.bind(.int(id))
    while try methodRows.step() {
      guard let method = PaymentMethod(rawValue: methodRows.text(0)) else { continue }
      methods[method] =
        methodRows.int(1) != 0
        ? .available
        : .unavailable(reason: methodRows.optionalText(2) ?? "not part of the \(name) plan")
    }
    var tiers: [BundleTier] = []
    let tierRows = try database.statement(
      "SELECT minimum, bonus FROM bundle_tier WHERE plan_id = ?1 ORDER BY minimum")
    try tierRows.bind(.int(id))
    while try tierRows.step() {
      tiers.append(
        BundleTier(minimum: Money(mills: tierRows.int(0)), bonus: Money(mills: tierRows.int(1))))
    }
    return Plan(id: id, name: name, prices: prices, methods: methods, tiers: tiers)
  }

  // MARK: Environments

  public func createEnvironment(name: String, planID: Int64, at: Instant) throws -> Environment {
    try database.statement(
      "INSERT INTO environment(name, plan_id, created_at) VALUES (?1, ?2, ?3)"
    ).run(.text(name), .int(planID), .int(at.seconds))
    let id = database.lastInsertRowID
    try database.statement(
      "INSERT INTO credit(environment_id, balance, entries, updated_at) VALUES (?1, 0, 0, ?2)"
    ).run(.int(id), .int(at.seconds))
    return Environment(id: id, name: name, planID: planID, createdAt: at)
  }

  public func environment(named name: String) throws -> Environment? {
    try environmentRow(
      "SELECT id, name, plan_id, created_at FROM environment WHERE name = ?1", .text(name))
  }

  public func environment(id: Int64) throws -> Environment? {
    try environmentRow(
      "SELECT id, name, plan_id, created_at FROM environment WHERE id = ?1", .int(id))
  }

  public func environments() throws -> [Environment] {
    let rows = try database.statement(
      "SELECT id, name, plan_id, created_at FROM environment ORDER BY name")
    var result: [Environment] = []
    while try rows.step() { result.append(Self.environment(rows)) }
    return result
  }

  public func hasEnvironments() throws -> Bool {
    try database.scalarInt("SELECT EXISTS (SELECT 1 FROM environment)") == 1
  }

  public func onlyEnvironment() throws -> Environment? {
    let rows = try database.statement(
      "SELECT id, name, plan_id, created_at FROM environment LIMIT 2")
    guard try rows.step() else { return nil }
    let first = Self.environment(rows)
    return try rows.step() ? nil : first
  }

  public func setPlan(environmentID: Int64, planID: Int64) throws {
    try database.statement("UPDATE environment SET plan_id = ?2 WHERE id = ?1")
      .run(.int(environmentID), .int(planID))
  }

  private func environmentRow(_ sql: String, _ key: SQLValue) throws -> Environment? {
    let row = try database.statement(sql)
    try row.bind(key)
    defer { row.reset() }
    return try row.step() ? Self.environment(row) : nil
  }

  private static func environment(_ row: Statement) -> Environment {
    Environment(
      id: row.int(0), name: row.text(1), planID: row.int(2),
      createdAt: Instant(seconds: row.int(3)))
  }

  // MARK: Organisations

  private static let organisationColumns = """
    id, environment_id, name, street, postcode, city, country, kvk, vat, peppol_scheme, peppol_id,
    registration_scheme, registration_id, language
    """

  public func createOrganisation(
    environmentID: Int64, name: String, details: PartyDetails, at: Instant
  ) throws -> Organisation {
    try database.statement(
      """
      INSERT INTO organisation(environment_id, name, street, postcode, city, country, kvk, vat,
        peppol_scheme, peppol_id, created_at, registration_scheme, registration_id)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
      """
    ).run(
      .int(environmentID), .text(name), .optional(details.street), .optional(details.postcode),
      .optional(details.city), .optional(details.country), .optional(details.kvk?.value),
      .optional(details.vat?.value), .optional(details.peppol?.scheme),
      .optional(details.peppol?.value),
      .int(at.seconds), .optional(details.registration?.scheme),
      .optional(details.registration?.value))
    return Organisation(
      id: database.lastInsertRowID, environmentID: environmentID, name: name, details: details)
  }

  public func updateOrganisation(_ organisation: Organisation) throws {
    let d = organisation.details
    try database.statement(
      """
      UPDATE organisation SET street = ?2, postcode = ?3, city = ?4, country = ?5, kvk = ?6,
        vat = ?7, peppol_scheme = ?8, peppol_id = ?9, registration_scheme = ?10,
        registration_id = ?11, language = ?12
      WHERE id = ?1
      """
    ).run(
      .int(organisation.id), .optional(d.street), .optional(d.postcode), .optional(d.city),
      .optional(d.country), .optional(d.kvk?.value), .optional(d.vat?.value),
      .optional(d.peppol?.scheme),
      .optional(d.peppol?.value), .optional(d.registration?.scheme),
      .optional(d.registration?.value), .optional(organisation.language?.rawValue))
  }

  public func organisation(environmentID: Int64, name: String) throws -> Organisation? {
    let row = try database.statement(
      "SELECT \(Self.organisationColumns) FROM organisation WHERE environment_id = ?1 AND name = ?2"
    )
    try row.bind(.int(environmentID), .text(name))
    defer { row.reset() }
    return try row.step() ? Self.organisation(row) : nil
  }

  public func organisation(id: Int64) throws -> Organisation? {
    let row = try database.statement(
      "SELECT \(Self.organisationColumns) FROM organisation WHERE id = ?1")
    try row.bind(.int(id))
    defer { row.reset() }
    return try row.step() ? Self.organisation(row) : nil
  }

  public func organisations(environmentID: Int64) throws -> [Organisation] {
    let rows = try database.statement(
      "SELECT \(Self.organisationColumns) FROM organisation WHERE environment_id = ?1 ORDER BY name"
    )
    try rows.bind(.int(environmentID))
    var result: [Organisation] = []
    while try rows.step() { result.append(Self.organisation(rows)) }
    return result
  }

  private static func organisation(_ row: Statement) -> Organisation {
    var peppol: PeppolParticipantID?
    if let scheme = row.optionalText(9), let value = row.optionalText(10) {
      peppol = PeppolParticipantID(stored: scheme, value: value)
    }
    var registration: PeppolParticipantID?
    if let scheme = row.optionalText(11), let value = row.optionalText(12) {
      registration = PeppolParticipantID(stored: scheme, value: value)
    }
    return Organisation(
      id: row.int(0), environmentID: row.int(1), name: row.text(2),
      details: PartyDetails(
        street: row.optionalText(3), postcode: row.optionalText(4), city: row.optionalText(5),
        country: row.optionalText(6), kvk: row.optionalText(7).map(KvKNumber.init(stored:)),
        vat: row.optionalText(8).map(VATID.init(stored:)),
        peppol: peppol, registration: registration),
      language: row.optionalText(13).flatMap(Language.init(rawValue:)))
  }
}
