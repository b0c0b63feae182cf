import SaldoCore

enum AutoUpgradeCommands {
  static let all: [CommandSpec] = [
    show, set, off, daily, sepaExport, sepaFiles, sepaSettle, sepaReversal,
  ]

  /// The rule as `AutoUpgradeService.ruleExplanation` words it, as a text of the command line's
  /// own: help is translated when it is shown, and a translation may wrap it over lines.
  static let rule: Localized =
    "Tops up when the average daily consumption of the past \(CreditRules.averageWindowDays) days would not cover the next \(CreditRules.coverDays) days."

  static let show = CommandSpec(
    name: "auto-upgrade show", summary: "show the automatic upgrade and its latest runs",
    usage: "saldo auto-upgrade show [--json]",
    details: rule, flags: ["--json"]
  ) { context, arguments in
    let saldo = try context.open()
    let environment = try saldo.directory.environment(context.environmentName)
    let settings = try saldo.autoUpgrade.settings(of: environment)
    let events = try saldo.autoUpgrade.autoUpgradeEvents(of: environment)
    let collections = try saldo.autoUpgrade.autoUpgradeCollections(of: environment)
    let capUse = try saldo.autoUpgrade.monthlyCapUse(of: environment)
    let organisations = Dictionary(
      uniqueKeysWithValues: try saldo.directory.organisations(of: environment).map {
        ($0.id, $0.name)
      })
    if arguments.has("--json") {
      context.output.json(
        JSONViews.autoUpgrade(
          settings, environment: environment, events: events, collections: collections,
          organisations: organisations, capUse: capUse))
      return
    }
    let out = context.output
    out.line(tr("Automatic upgrade of \(Sanitize.line(environment.name))"))
    for line in tr(rule).split(separator: "\n") { out.line("  " + line) }
    guard let s = settings else {
      out.line("  " + tr("Off (never set up). Switch it on with `saldo auto-upgrade set`."))
      return
    }
    let state =
      s.enabled ? (s.pausedReason.map { tr("PAUSED: \($0)") } ?? tr("on")) : tr("off")
    let mandate = Sanitize.line(s.mandateID.value)
    let holder = Sanitize.line(s.holder)
    let iban = s.iban.maskedASCII
    let signed = s.mandateDate.iso
    let used = MoneyFormat.display(capUse.used, ascii: true)
    let invoicesTo =
      Sanitize.line(organisations[s.organisationID] ?? "?")
      + (s.orderNumber.map { ", " + tr("order number \(Sanitize.line($0))") } ?? "")
    let cap =
      s.monthlyCap.map {
        let left = MoneyFormat.display(capUse.left ?? .zero, ascii: true)
        return tr(
          "\(MoneyFormat.display($0, ascii: true)) incl. VAT; \(left) left this month (collected this month: \(used))"
        )
      } ?? tr("none (collected this month: \(used))")
    let rows = [
      (tr("State"), state),
      (tr("Amount"), AutoUpgradeService.describe(s.amount)),
      (
        tr("Mandate"),
        s.bic.map { tr("\(mandate) of \(holder), \(iban) (BIC \($0)), signed \(signed)") }
          ?? tr("\(mandate) of \(holder), \(iban), signed \(signed)")
      ),
      (tr("Invoices to"), invoicesTo),
      (tr("Monthly cap"), cap),
      (tr("Last changed"), tr("\(s.updatedAt.amsterdamMinute) by \(s.updatedBy)")),
    ]
    for line in aligned(rows, width: 15, indent: "  ") { out.line(line) }
    for event in events.prefix(5) {
      out.line(
        "  \(event.at.amsterdamMinute)  \(event.kind.rawValue): \(Sanitize.line(event.message))")
    }
    for c in collections.prefix(5) {
      let amount = MoneyFormat.display(c.amount, ascii: true)
      out.line(
        "  "
          + tr(
            "collection \(c.id) \(c.endToEndID) \(c.sequence.rawValue) \(amount) \(c.status.word)"
          )
          + (c.settlesOn.map { c.status == .exported ? ", " + tr("settles on \($0.iso)") : "" }
            ?? ""))
    }
  }

  static let set = CommandSpec(
    name: "auto-upgrade set", summary: "switch on or change the automatic upgrade",
    usage: """
      saldo auto-upgrade set (--amount A | --cover-days N) --holder NAME --iban IBAN [--bic BIC]
             [--mandate-id ID] --mandate-date YYYY-MM-DD --org ORG [--order-number TEXT]
             [--monthly-cap A]
      """,
    details: """
      Administrators only. Tops up when the average daily consumption of the past \(CreditRules.averageWindowDays) days would not cover the next \(CreditRules.coverDays) days. It then collects the amount (plus 21% VAT,
      none when reverse charged or outside the EU) by SEPA direct debit under the mandate, books
      the credit and its bundle bonus, and puts the invoice in the organisation's Inbox-in. At
      most one automatic upgrade a day; the monthly cap (what leaves the account, VAT included)
      stops further upgrades that month and must hold at least one upgrade. Saving lifts a
      pause.

      --amount A        a fixed credit amount per upgrade
      --cover-days N    enough credit for N days at the 100-day average (whole euros); while the
                        balance is below zero, at least the deficit plus the smallest top-up
      --holder NAME     as on the bank account, up to 200 characters; SEPA files carry it in
                        the SEPA Latin set (accents dropped, Greek and Cyrillic transliterated)
                        and shortened to its first 70 characters
      --bic BIC         the bank's BIC; needed for accounts outside the EEA (GB, CH, ...)
      --mandate-id ID   the reference on the signed mandate (1-35 of A-Z a-z 0-9 / - ? : ( ) .
                        , ' +), unique on the platform; without it the current one is kept for
                        the same IBAN, else Saldo issues one (SALDO-...)
      """,
    options: [
      "--amount", "--cover-days", "--holder", "--iban", "--bic", "--mandate-id", "--mandate-date",
      "--org", "--order-number", "--monthly-cap",
    ]
  ) { context, arguments in
    let amount: AutoUpgradeAmount
    switch (arguments.value("--amount"), arguments.value("--cover-days")) {
    case (let text?, nil): amount = .fixed(try MoneyFormat.parse(text, reading: .commandLine))
    case (nil, let text?):
      guard let days = Int(text) else {
        throw SaldoError.invalid(tr("--cover-days must be a whole number of days, e.g. 30"))
      }
      amount = .coverDays(days)
    default:
      throw UsageError(tr("give either --amount or --cover-days"), command: "auto-upgrade set")
    }
    guard let mandateDate = Day(iso: try arguments.required("--mandate-date")) else {
      throw SaldoError.invalid(tr("--mandate-date must be a date like 2026-11-01"))
    }
    let cap = try arguments.value("--monthly-cap").map {
      try MoneyFormat.parse($0, reading: .commandLine)
    }
    let saldo = try context.open()
    let environment = try saldo.directory.environment(context.environmentName)
    let organisation = try saldo.directory.organisation(
      try arguments.required("--org"), in: environment)
    let settings = try saldo.autoUpgrade.setAutoUpgrade(
      AutoUpgradeInput(
        amount: amount, holder: try arguments.required("--holder"),
        iban: try arguments.required("--iban"), mandateID: arguments.value("--mandate-id") ?? "",
        mandateDate: mandateDate, organisation: organisation,
        orderNumber: arguments.value("--order-number"), monthlyCap: cap,
        bic: arguments.value("--bic")),
      for: environment)
    let amountText = AutoUpgradeService.describe(settings.amount)
    // The sentence ends with the organisation's name, which may end with a full stop itself.
    context.output.line(
      tr(
        "The automatic upgrade of \(environment.name) is on: \(amountText) by direct debit under mandate \(settings.mandateID), invoices to \(organisation.name)"
      ).endingSentence)
  }

  static let off = CommandSpec(
    name: "auto-upgrade off", summary: "switch the automatic upgrade off",
    usage: "saldo auto-upgrade off",
    details: "Administrators only. It stays off until an administrator switches it on again."
  ) { context, _ in
    let saldo = try context.open()
    let environment = try saldo.directory.environment(context.environmentName)
    try saldo.autoUpgrade.disableAutoUpgrade(for: environment)
    context.output.line(tr("The automatic upgrade of \(environment.name) is off."))
  }

  static let daily = CommandSpec(
    name: "daily", summary: "the daily job: automatic upgrades, alerts, mail (cron-safe)",
    usage: "saldo daily [--date YYYY-MM-DD] [--json]",
    details: """
      For every environment (all for an operator, else those you administer; --env NAME for
      one): decides whether an automatic upgrade is due today (Europe/Amsterdam) and makes it
      (at most one per environment and real day), settles collections whose return window has
      passed, reminds administrators of overdue invoices, expires stale payments, and queues
      alerts (credit running low, used up), and asks the payment service about unfinished
      online payments (`saldo payments sync`). Run by an operator it also delivers the outbox.
      Idempotent: safe to run from cron every few minutes.

      --date D   operators only: catch up a past day after an outage (never later than today);
                 the decision looks at D's 100-day window, the upgrade is made today.
      """,
    options: ["--date"], flags: ["--json"]
  ) { context, arguments in
    var day: Day?
    if let text = arguments.value("--date") {
      guard let parsed = Day(iso: text) else {
        throw SaldoError.invalid(tr("--date must be a date like 2026-11-24"))
      }
      day = parsed
    }
    let saldo = try context.open()
    let only = try context.environmentName.map { try saldo.directory.environment($0) }
    // Mail is delivered even when the sweep could not finish: an alert about the failure is
    // exactly what must go out.
    let swept = Result { try saldo.autoUpgrade.containedDaily(on: day, only: only) }
    // Online payments left unfinished (a closed checkout screen, a crash) are asked about here.
    let synced = (try? PaymentsCommands.syncIfRemote(saldo)) ?? []
    let delivery = try saldo.mail.deliverOutboxIfOperator(via: context.mailTransport)
    let reports = try swept.get()
    if arguments.has("--json") {
      context.output.json(
        .object([
          ("day", .string(reports.first?.day.iso ?? "")),
          ("environments", .array(reports.map(JSONViews.daily))),
          ("payments", .array(synced.map(PaymentsCommands.json))),
          (
            "mail",
            delivery.map {
              .object([("sent", .int(Int64($0.sent))), ("failed", .int(Int64($0.failed)))])
            } ?? .null
          ),
        ]))
      return
    }
    let (dueYes, dueNo) = (tr("due: yes"), tr("due: no"))
    for report in reports {
      context.output.line(
        Sanitize.line(report.environment.name, limit: 40).padding(to: 30) + " "
          + (report.summaryBefore.upgradeDue ? dueYes : dueNo).padding(
            to: max(dueYes.count, dueNo.count))
          + "  " + describe(report.action))
    }
    for line in synced where line.before != line.after || line.error != nil {
      context.output.line(
        tr("Payment \(line.paymentID): \(line.before.word) -> \(line.after.word)")
          + (line.error.map { " (\(Sanitize.terminal($0)))" } ?? ""))
    }
    if let delivery {
      context.output.line(tr("Mail: \(delivery.sent) sent, \(delivery.failed) failed."))
      for error in delivery.errors.prefix(5) { StandardError.line("saldo: " + error) }
    }
  }

  static func describe(_ action: AutoUpgradeAction) -> String {
    switch action {
    case .notConfigured: return tr("automatic upgrade not set up")
    case .off: return tr("automatic upgrade off")
    case .paused(let reason): return tr("automatic upgrade paused: \(reason)")
    case .notDue: return tr("nothing to do")
    case .alreadyDone(let id): return tr("already upgraded today (collection \(id))")
    case .upgraded(let id, let amount, let invoice):
      let shown = MoneyFormat.display(amount, ascii: true)
      return tr("upgraded \(shown), invoice \(invoice), collection \(id)")
    case .capped(let reason): return tr("capped: \(reason)")
    case .failed(let reason): return tr("failed: \(reason)")
    }
  }

  static let sepaExport = CommandSpec(
    name: "sepa export", summary: "write the collections not yet exported as a SEPA pain.008 file",
    usage: """
      saldo sepa export [--date YYYY-MM-DD] [-o FILE [--force] [--mode OCTAL]] [--json]
             saldo sepa export --file-id ID [-o FILE [--force] [--mode OCTAL]]
      """,
    details: """
      Operators only. Writes every collection of upgrades made up to --date (default today)
      that is not yet exported as one new pain.008.001.02 initiation file with a message id of
      its own, and marks them exported: a collection is never in two files. A collection the
      bank would refuse is left out (and reported on stderr); the others are written. The
      requested collection date is a TARGET business day at least one business day after the
      file reaches the bank. A collection settles 5 TARGET business days after that date unless
      the bank returns it (`saldo sepa reversal`).

      --file-id ID  writes an earlier file again, byte for byte (its number or message id;
                    see `saldo sepa files`)
      Without -o the file goes to standard output; FILE is written whole or not at all,
      readable by you only unless --mode says otherwise, and nothing is marked exported when
      it cannot be written.

      """, appendix: fileOptionsHelp,
    options: ["--date", "-o", "--file-id", "--mode"], flags: ["--json", "--force"]
  ) { context, arguments in
    let saldo = try context.open()
    let path = arguments.value("-o")
    func deliver(_ file: SEPAFileRecord) throws {
      if let path {
        try writeFile(file.xml, to: path, arguments)
      } else if !arguments.has("--json") {
        context.output.line(file.xml)
      }
    }
    if let reference = arguments.value("--file-id") {
      guard arguments.value("--date") == nil else {
        throw UsageError(tr("give either --date or --file-id"), command: "sepa export")
      }
      let file = try saldo.autoUpgrade.sepaFile(reference)
      try deliver(file)
      if let path {
        context.output.line(tr("Wrote SEPA file \(file.messageID) again to \(path)"))
      }
      return
    }
    var day = Day(containing: saldo.clock.now())
    if let text = arguments.value("--date") {
      guard let parsed = Day(iso: text) else {
        throw SaldoError.invalid(tr("--date must be a date like 2026-11-24"))
      }
      day = parsed
    }
    let export = try saldo.autoUpgrade.sepaExport(upTo: day, deliver: deliver)
    for item in export.leftOut {
      let name = Sanitize.line(item.environmentName)
      StandardError.line(
        "saldo: " + tr("collection \(item.collection.id) of \(name) was left out: \(item.reason)"))
    }
    if arguments.has("--json") {
      guard case .object(var fields) = JSONViews.sepaFile(export.file) else { return }
      fields.append(("file", path.map { .string($0) } ?? .null))
      fields.append(
        (
          "left_out",
          .array(
            export.leftOut.map {
              .object([("collection", .int($0.collection.id)), ("reason", .string($0.reason))])
            })
        ))
      context.output.json(.object(fields))
    } else if let path {
      let file = export.file
      let total = MoneyFormat.display(file.total, ascii: true)
      context.output.line(
        tr(
          "Wrote SEPA file \(file.messageID): \(file.count) collection(s), \(total), to be collected on \(file.collectionDate.iso), to \(path)"
        ))
    }
  }

  static let sepaFiles = CommandSpec(
    name: "sepa files", summary: "list the SEPA files written",
    usage: "saldo sepa files [--json]",
    details: "Operators only. Newest first; write one again with `saldo sepa export --file-id`.",
    flags: ["--json"]
  ) { context, arguments in
    let saldo = try context.open()
    let files = try saldo.autoUpgrade.sepaFiles()
    if arguments.has("--json") {
      context.output.json(.array(files.map(JSONViews.sepaFile)))
      return
    }
    if files.isEmpty {
      context.output.line(tr("No SEPA files yet; write one with `saldo sepa export`."))
    }
    for f in files {
      context.output.line(
        "\(f.id)".padding(to: 5) + f.messageID.padding(to: 28) + f.createdAt.amsterdamMinute
          + "  " + tr("\(f.count) collection(s)") + "  " + MoneyFormat.display(f.total, ascii: true)
          + "  " + tr("collect on \(f.collectionDate.iso)"))
    }
  }

  static let sepaSettle = CommandSpec(
    name: "sepa settle", summary: "record that an exported collection's money arrived",
    usage: "saldo sepa settle COLLECTION",
    details: """
      Operators only. An exported collection settles by itself 5 TARGET business days after its
      collection date (`saldo daily`); this records it earlier. Its invoice becomes paid.
      """
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError(tr("give the COLLECTION id"), command: "sepa settle")
    }
    let saldo = try context.open()
    let collection = try saldo.autoUpgrade.settleCollection(arguments.positionals[0])
    context.output.line(
      tr("Collection \(collection.id) settled; invoice \(collection.invoiceNumber) is paid."))
  }

  static let sepaReversal = CommandSpec(
    name: "sepa reversal", summary: "record a direct debit the bank returned",
    usage: "saldo sepa reversal COLLECTION --reason CODE",
    details: """
      Operators only. COLLECTION is the collection id or its end-to-end id; CODE the bank's
      return reason (e.g. AM04 insufficient funds, MD06 refund requested, AC04 account closed).
      Only an exported collection can come back. The credit is taken back by a correction
      entry and the invoice credited by a credit note that says nothing was collected (unless
      it was credited already: then nothing more is booked); the automatic upgrade is paused,
      and the administrators are told.
      """,
    options: ["--reason"]
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError(tr("give the COLLECTION id"), command: "sepa reversal")
    }
    let saldo = try context.open()
    let collection = try saldo.autoUpgrade.recordReversal(
      of: arguments.positionals[0], reason: try arguments.required("--reason"))
    context.output.line(
      tr(
        "Collection \(collection.id) returned (\(collection.reversalReason ?? "")); the automatic upgrade of its environment is paused. See `saldo invoice show \(collection.invoiceNumber)`."
      ))
  }
}
