import SaldoCore

/// How core values look in `--json` output. Keys are part of the interface scripts rely on:
/// add keys freely, never rename one.
enum JSONViews {
  static func organisation(_ o: Organisation) -> JSON {
    .object([
      ("id", .int(o.id)), ("name", .string(o.name)), ("street", .optional(o.details.street)),
      ("postcode", .optional(o.details.postcode)), ("city", .optional(o.details.city)),
      ("country", .optional(o.details.country)), ("kvk", .optional(o.details.kvk)),
      ("vat", .optional(o.details.vat)), ("peppol", .optional(o.details.peppol?.description)),
    ])
  }

  static func member(_ m: Member) -> JSON {
    .object([
      ("login", .string(m.user.login)), ("name", .string(m.user.displayName)),
      ("email", .optional(m.user.email)), ("role", .string(m.role.rawValue)),
    ])
  }

  static func credit(_ s: CreditSummary) -> JSON {
    .object([
      ("environment", .string(s.environment.name)), ("balance", .money(s.balance)),
      ("currency", .string("EUR")), ("average_daily", .money(s.averageDaily)),
      ("consumption_100_days", .money(s.windowConsumption)),
      ("runway_days", .optional(s.runwayDays)), ("upgrade_due", .bool(s.upgradeDue)),
      ("blocked", .bool(s.blocked)), ("state", .string(s.state.rawValue)),
      ("day", .string(s.day.iso)),
    ])
  }

  static func entry(_ e: LedgerEntry, organisations: [Int64: String]) -> JSON {
    .object([
      ("id", .int(e.id)), ("at", .string(e.at.rfc3339)), ("kind", .string(e.kind.rawValue)),
      ("transaction_kind", .optional(e.transactionKind?.rawValue)),
      ("organisation", .optional(e.organisationID.flatMap { organisations[$0] })),
      ("amount", .money(e.amount)), ("reference", .optional(e.reference)),
      ("actor", .string(e.actor)),
    ])
  }
}
