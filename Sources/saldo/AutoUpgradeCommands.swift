import SaldoCore

enum AutoUpgradeCommands {
  static let all: [CommandSpec] = [show, set, off, daily, sepaExport, sepaReversal]

  static let show = CommandSpec(
    name: "auto-upgrade show", summary: "show the automatic upgrade and its latest runs",
    usage: "saldo auto-upgrade show [--json]",
    details: Saldo.ruleExplanation, flags: ["--json"]
  ) { context, arguments in
    let saldo = try context.open()
    let environment = try saldo.environment(context.environmentName)
    let settings = try saldo.autoUpgrade(of: environment)
    let events = try saldo.autoUpgradeEvents(of: environment)
    let collections = try saldo.autoUpgradeCollections(of: environment)
    let organisations = Dictionary(
      uniqueKeysWithValues: try saldo.organisations(of: environment).map { ($0.id, $0.name) })
    if arguments.has("--json") {
      context.output.json(
        JSONViews.autoUpgrade(
          settings, environment: environment, events: events, collections: collections,
          organisations: organisations))
      return
    }
    let out = context.output
    out.line("Automatic upgrade of \(Sanitize.line(environment.name))")
    out.line("  " + Saldo.ruleExplanation)
    guard let s = settings else {
      out.line("  Off (never set up). Switch it on with `saldo auto-upgrade set`.")
      return
    }
    let state = s.enabled ? (s.pausedReason.map { "PAUSED: \($0)" } ?? "on") : "off"
    out.line("  State          \(state)")
    out.line("  Amount         \(Saldo.describe(s.amount))")
    out.line("  Mandate        \(Sanitize.line(s.mandateID)) of \(Sanitize.line(s.holder)),"
      + " \((try? IBAN.parse(s.iban).maskedASCII) ?? "?"), signed \(s.mandateDate.iso)")
    out.line("  Invoices to    \(Sanitize.line(organisations[s.organisationID] ?? "?"))"
      + (s.orderNumber.map { ", order number \(Sanitize.line($0))" } ?? ""))
    out.line("  Monthly cap    " + (s.monthlyCap.map { MoneyFormat.display($0, ascii: true) } ?? "none"))
    out.line("  Last changed   \(s.updatedAt.amsterdamMinute) by \(s.updatedBy)")
    for event in events.prefix(5) {
      out.line("  \(event.at.amsterdamMinute)  \(event.kind.rawValue): \(Sanitize.line(event.message))")
    }
    for c in collections.prefix(5) {
      out.line("  collection \(c.id) \(c.endToEndID) \(c.sequence.rawValue)"
        + " \(MoneyFormat.display(c.amount, ascii: true)) \(c.status.rawValue)")
    }
  }

  static let set = CommandSpec(
    name: "auto-upgrade set", summary: "switch on or change the automatic upgrade",
    usage: """
      saldo auto-upgrade set (--amount A | --cover-days N) --holder NAME --iban IBAN
             --mandate-id ID --mandate-date YYYY-MM-DD --org ORG [--order-number TEXT]
             [--monthly-cap A]
      """,
    details: """
      Administrators only. \(Saldo.ruleExplanation) It then collects the amount (plus 21% VAT)
      by SEPA direct debit under the mandate, books the credit and its bundle bonus, and puts the
      invoice in the organisation's Inbox-in. At most one automatic upgrade a day; the monthly
      cap stops further upgrades that month. Saving lifts a pause.

      --amount A        a fixed credit amount per upgrade
      --cover-days N    enough credit for N days at the 100-day average (whole euros)
      --holder NAME     the account holder as on the mandate, up to 200 characters; the SEPA
                        file carries it in the SEPA Latin set (accents dropped, other scripts
                        left out) and shortened to its first 70 characters
      """,
    options: [
      "--amount", "--cover-days", "--holder", "--iban", "--mandate-id", "--mandate-date", "--org",
      "--order-number", "--monthly-cap",
    ]
  ) { context, arguments in
    let amount: AutoUpgradeAmount
    switch (arguments.value("--amount"), arguments.value("--cover-days")) {
    case (let text?, nil): amount = .fixed(try MoneyFormat.parse(text, reading: .commandLine))
    case (nil, let text?):
      guard let days = Int(text) else {
        throw SaldoError.invalid("--cover-days must be a whole number of days, e.g. 30")
      }
      amount = .coverDays(days)
    default:
      throw UsageError("give either --amount or --cover-days", command: "auto-upgrade set")
    }
    guard let mandateDate = Day(iso: try arguments.required("--mandate-date")) else {
      throw SaldoError.invalid("--mandate-date must be a date like 2026-11-01")
    }
    let cap = try arguments.value("--monthly-cap").map {
      try MoneyFormat.parse($0, reading: .commandLine)
    }
    let saldo = try context.open()
    let environment = try saldo.environment(context.environmentName)
    let organisation = try saldo.organisation(try arguments.required("--org"), in: environment)
    let settings = try saldo.setAutoUpgrade(
      AutoUpgradeInput(
        amount: amount, holder: try arguments.required("--holder"),
        iban: try arguments.required("--iban"), mandateID: try arguments.required("--mandate-id"),
        mandateDate: mandateDate, organisation: organisation,
        orderNumber: arguments.value("--order-number"), monthlyCap: cap),
      for: environment)
    context.output.line(
      "The automatic upgrade of \(environment.name) is on: \(Saldo.describe(settings.amount))"
        + " by direct debit, invoices to \(organisation.name).")
  }

  static let off = CommandSpec(
    name: "auto-upgrade off", summary: "switch the automatic upgrade off",
    usage: "saldo auto-upgrade off",
    details: "Administrators only. It stays off until an administrator switches it on again."
  ) { context, _ in
    let saldo = try context.open()
    let environment = try saldo.environment(context.environmentName)
    try saldo.disableAutoUpgrade(for: environment)
    context.output.line("The automatic upgrade of \(environment.name) is off.")
  }

  static let daily = CommandSpec(
    name: "daily", summary: "the daily job: automatic upgrades, alerts, mail (cron-safe)",
    usage: "saldo daily [--date YYYY-MM-DD] [--json]",
    details: """
      For every environment (all for an operator, else those you administer; --env NAME for
      one): decides whether an
      automatic upgrade is due on the day (default today, Europe/Amsterdam) and makes it (at most
      one per environment and day), expires stale payments, and queues alerts (credit running
      low, used up). Run by an operator it also delivers the outbox. Idempotent: safe to run
      from cron every few minutes.
      """,
    options: ["--date"], flags: ["--json"]
  ) { context, arguments in
    var day: Day?
    if let text = arguments.value("--date") {
      guard let parsed = Day(iso: text) else {
        throw SaldoError.invalid("--date must be a date like 2026-11-24")
      }
      day = parsed
    }
    let saldo = try context.open()
    let only = try context.environmentName.map { try saldo.environment($0) }
    // Mail is delivered even when the sweep could not finish: an alert about the failure is
    // exactly what must go out.
    let swept = Result { try saldo.containedDaily(on: day, only: only) }
    var delivery: DeliveryReport?
    if try saldo.access.isOperator() {
      delivery = try saldo.deliverOutbox(via: try context.mailTransport())
    }
    let reports = try swept.get()
    if arguments.has("--json") {
      context.output.json(
        .object([
          ("day", .string(reports.first?.day.iso ?? "")),
          ("environments", .array(reports.map(JSONViews.daily))),
          ("mail", delivery.map { .object([("sent", .int(Int64($0.sent))), ("failed", .int(Int64($0.failed)))]) } ?? .null),
        ]))
      return
    }
    for report in reports {
      context.output.line(
        Sanitize.line(report.environment.name, limit: 40).padding(to: 30)
          + " due: " + (report.summaryBefore.upgradeDue ? "yes" : "no ")
          + "  " + describe(report.action))
    }
    if let delivery {
      context.output.line("Mail: \(delivery.sent) sent, \(delivery.failed) failed.")
      for error in delivery.errors.prefix(5) { StandardError.line("saldo: " + error) }
    }
  }

  static func describe(_ action: AutoUpgradeAction) -> String {
    switch action {
    case .notConfigured: return "automatic upgrade not set up"
    case .off: return "automatic upgrade off"
    case .paused(let reason): return "automatic upgrade paused: \(reason)"
    case .notDue: return "nothing to do"
    case .alreadyDone(let id): return "already upgraded today (collection \(id))"
    case .upgraded(let id, let amount, let invoice):
      return "upgraded \(MoneyFormat.display(amount, ascii: true)), invoice \(invoice),"
        + " collection \(id)"
    case .capped(let reason): return "capped: \(reason)"
    case .failed(let reason): return "failed: \(reason)"
    }
  }

  static let sepaExport = CommandSpec(
    name: "sepa export", summary: "write a day's direct debits as a SEPA pain.008 file",
    usage: "saldo sepa export --date YYYY-MM-DD [-o FILE [--force] [--mode OCTAL]]",
    details: """
      Operators only. One pain.008.001.02 initiation file with every collection the automatic
      upgrades made on the day: one payment information block per sequence type (FRST, RCUR),
      with the creditor id, mandate reference and signature date on each collection. Without -o
      the file goes to standard output. FILE is written whole or not at all, readable by you
      only unless --mode says otherwise.

      """ + fileOptionsHelp,
    options: ["--date", "-o", "--mode"], flags: ["--force"]
  ) { context, arguments in
    guard let day = Day(iso: try arguments.required("--date")) else {
      throw SaldoError.invalid("--date must be a date like 2026-11-24")
    }
    let saldo = try context.open()
    let export = try saldo.sepaExport(day: day)
    if let path = arguments.value("-o") {
      try writeFile(export.xml, to: path, arguments)
      context.output.line(
        "Wrote \(export.count) collection(s), \(MoneyFormat.display(export.total, ascii: true)),"
          + " to \(path)")
    } else {
      context.output.line(export.xml)
    }
  }

  static let sepaReversal = CommandSpec(
    name: "sepa reversal", summary: "record a direct debit the bank returned",
    usage: "saldo sepa reversal COLLECTION --reason CODE",
    details: """
      Operators only. COLLECTION is the collection id or its end-to-end id; CODE the bank's
      return reason (e.g. AM04 insufficient funds, MD06 refund requested, AC04 account closed).
      The credit is taken back by a correction entry, the invoice is cancelled by a credit note,
      the automatic upgrade is paused, and the administrators are told.
      """,
    options: ["--reason"]
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError("give the COLLECTION id", command: "sepa reversal")
    }
    let saldo = try context.open()
    let collection = try saldo.recordReversal(
      of: arguments.positionals[0], reason: try arguments.required("--reason"))
    context.output.line(
      "Collection \(collection.id) reversed (\(collection.reversalReason ?? "")); its credit was"
        + " taken back and the automatic upgrade of its environment is paused.")
  }
}
