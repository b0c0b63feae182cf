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

extension JSONViews {
  static func topUp(_ r: TopUpResult) -> JSON {
    let p = r.payment
    return .object([
      ("payment", .int(p.id)), ("status", .string(p.status.rawValue)),
      ("method", .string(p.method.rawValue)),
      ("credited", p.credited ? .money(p.amount) : .money(.zero)),
      ("bonus", .money(p.bonus)), ("vat", .money(p.vat)), ("total", .money(p.total)),
      ("invoice", .optional(p.invoiceNumber)), ("checkout", .optional(p.checkoutReference)),
      ("sandbox", .bool(r.isSandbox)), ("replayed", .bool(r.replayed)),
    ])
  }

  static func payment(_ p: Payment) -> JSON {
    .object([
      ("payment", .int(p.id)), ("status", .string(p.status.rawValue)),
      ("method", .string(p.method.rawValue)), ("amount", .money(p.amount)),
      ("bonus", .money(p.bonus)), ("vat", .money(p.vat)), ("total", .money(p.total)),
      ("credited", .bool(p.credited)), ("invoice", .optional(p.invoiceNumber)),
      ("order_number", .optional(p.orderNumber)), ("provider", .string(p.provider)),
      ("checkout", .optional(p.checkoutReference)), ("created_at", .string(p.createdAt.rfc3339)),
      ("expires_at", .string(p.expiresAt.rfc3339)), ("actor", .string(p.actor)),
    ])
  }

  static func invoice(_ i: IssuedInvoice, today: Day) -> JSON {
    .object([
      ("number", .string(i.number)), ("unread", .bool(i.unread)), ("total", .money(i.total)),
      ("net", .money(i.net)), ("vat", .money(i.vat)), ("bonus", .money(i.bonus)),
      ("issue_date", .string(i.issueDate.iso)), ("due_date", .string(i.dueDate.iso)),
      ("status", .string(i.state(on: today).rawValue)), ("means", .string(i.means.rawValue)),
      ("order_number", .optional(i.orderNumber)), ("payment_reference", .string(i.paymentReference)),
      ("credit_note", .bool(i.isCreditNote)),
    ])
  }
}
