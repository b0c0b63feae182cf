import SaldoCore

/// How core values look in `--json` output. Keys are part of the interface scripts rely on:
/// add keys freely, never rename one.
enum JSONViews {
  static func organisation(_ o: Organisation) -> JSON {
    .object([
      ("id", .int(o.id)), ("name", .string(o.name)), ("street", .optional(o.details.street)),
      ("postcode", .optional(o.details.postcode)), ("city", .optional(o.details.city)),
      ("country", .optional(o.details.country)), ("kvk", .optional(o.details.kvk?.value)),
      ("vat", .optional(o.details.vat?.value)),
      ("peppol", .optional(o.details.peppol?.description)),
      ("registration", .optional(o.details.registration?.description)),
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
      ("duplicate_of", .optional(r.duplicateOf?.id)),
      ("order_number_used_by", .optional(r.orderNumberUsedBy?.id)),
      ("vat_category", .optional(r.invoice?.taxCategory.rawValue)),
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
      ("order_number", .optional(i.orderNumber)),
      ("payment_reference", .string(i.paymentReference)),
      ("credit_note", .bool(i.isCreditNote)), ("credited_by", .optional(i.creditedBy)),
      ("replaces", .optional(i.replaces)), ("replaced_by", .optional(i.replacedBy)),
      ("vat_category", .string(i.taxCategory.rawValue)),
    ])
  }

  static func collection(_ c: DirectDebitCollection) -> JSON {
    .object([
      ("id", .int(c.id)), ("day", .string(c.day.iso)), ("made_on", .string(c.createdDay.iso)),
      ("end_to_end_id", .string(c.endToEndID)), ("amount", .money(c.amount)),
      ("credited", .money(c.credited)), ("sequence", .string(c.sequence.rawValue)),
      ("invoice", .string(c.invoiceNumber)), ("status", .string(c.status.rawValue)),
      ("collection_date", .string(c.collectionDate.iso)),
      ("file", c.fileID.map { .int($0) } ?? .null),
      ("settles_on", .optional(c.settlesOn?.iso)),
      ("reversal_reason", .optional(c.reversalReason)),
    ])
  }

  static func sepaFile(_ f: SEPAFileRecord) -> JSON {
    .object([
      ("id", .int(f.id)), ("message_id", .string(f.messageID)),
      ("up_to", .string(f.upToDay.iso)), ("collection_date", .string(f.collectionDate.iso)),
      ("count", .int(Int64(f.count))), ("total", .money(f.total)),
      ("created_at", .string(f.createdAt.rfc3339)), ("by", .string(f.actor)),
    ])
  }
}

extension JSONViews {
  static func autoUpgrade(
    _ s: AutoUpgradeSettings?, environment: Environment, events: [AutoUpgradeEvent],
    collections: [DirectDebitCollection], organisations: [Int64: String],
    capUse: (used: Money, left: Money?)? = nil
  ) -> JSON {
    var fields: [(String, JSON)] = [("environment", .string(environment.name))]
    if let s {
      var amount: JSON = .null
      var coverDays: JSON = .null
      switch s.amount {
      case .fixed(let money): amount = .money(money)
      case .coverDays(let days): coverDays = .int(Int64(days))
      }
      fields += [
        ("enabled", .bool(s.enabled)), ("paused", .optional(s.pausedReason)),
        ("amount", amount), ("cover_days", coverDays), ("holder", .string(s.holder)),
        ("iban", .string(s.iban.maskedASCII)),
        ("mandate_id", .string(s.mandateID.value)), ("mandate_date", .string(s.mandateDate.iso)),
        ("organisation", .optional(organisations[s.organisationID])),
        ("order_number", .optional(s.orderNumber)),
        ("monthly_cap", s.monthlyCap.map(JSON.money) ?? .null),
        ("bic", .optional(s.bic?.value)),
        ("collected_this_month", capUse.map { .money($0.used) } ?? .null),
        ("cap_left_this_month", capUse?.left.map(JSON.money) ?? .null),
        ("updated_at", .string(s.updatedAt.rfc3339)), ("updated_by", .string(s.updatedBy)),
      ]
    } else {
      fields.append(("enabled", .bool(false)))
    }
    fields.append(
      (
        "events",
        .array(
          events.map {
            .object([
              ("at", .string($0.at.rfc3339)), ("kind", .string($0.kind.rawValue)),
              ("message", .string($0.message)),
            ])
          })
      ))
    fields.append(("collections", .array(collections.map(collection))))
    return .object(fields)
  }

  static func daily(_ r: DailyReport) -> JSON {
    var fields: [(String, JSON)] = [
      ("environment", .string(r.environment.name)), ("day", .string(r.day.iso)),
      ("balance", .money(r.summaryBefore.balance)),
      ("average_daily", .money(r.summaryBefore.averageDaily)),
      ("upgrade_due", .bool(r.summaryBefore.upgradeDue)), ("action", .string(r.action.name)),
      ("balance_after", .money(r.balanceAfter)),
    ]
    switch r.action {
    case .upgraded(let id, let amount, let invoice):
      fields += [
        ("collection", .int(id)), ("amount", .money(amount)), ("invoice", .string(invoice)),
      ]
    case .alreadyDone(let id): fields.append(("collection", .int(id)))
    case .paused(let reason), .capped(let reason), .failed(let reason):
      fields.append(("reason", .string(reason)))
    default: break
    }
    return .object(fields)
  }

  static func outbox(_ m: OutboxMessage) -> JSON {
    .object([
      ("id", .int(m.id)), ("to", .string(m.toAddress)), ("to_name", .string(m.toName)),
      ("subject", .string(m.subject)), ("status", .string(m.status.rawValue)),
      ("attempts", .int(Int64(m.attempts))), ("created_at", .string(m.createdAt.rfc3339)),
      ("sent_at", .optional(m.sentAt?.rfc3339)), ("error", .optional(m.lastError)),
      ("message_id", .optional(m.messageID)),
    ])
  }
}
