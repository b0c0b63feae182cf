import SaldoCore

enum CreditCommands {
  static let all: [CommandSpec] = [balance, transactions]

  static let balance = CommandSpec(
    name: "balance", summary: "show the credit: balance, 100-day average, runway, upgrade due",
    usage: "saldo balance [--json]",
    details: """
      Administrators and operators. The average daily consumption is the consumption of the 100
      full days before today (Europe/Amsterdam) divided by 100; an automatic upgrade is due when
      the balance is less than 20 times that average. --json keys: environment, balance,
      currency, average_daily, consumption_100_days, runway_days (null: no consumption),
      upgrade_due, blocked, state, day.
      """,
    flags: ["--json"]
  ) { context, arguments in
    let saldo = try context.open()
    let environment = try saldo.directory.environment(context.environmentName)
    let summary = try saldo.credit.creditSummary(of: environment)
    if arguments.has("--json") {
      context.output.json(JSONViews.credit(summary))
    } else {
      for line in describe(summary) { context.output.line(line) }
    }
  }

  /// The human summary shared by `balance` and `demo`.
  static func describe(_ s: CreditSummary) -> [String] {
    let window = CreditRules.averageWindowDays
    // One form for every count, as the English output has always had it.
    let runway =
      s.runwayDays.map { tr("\($0) days") } ?? tr("no consumption in the last \(window) days")
    let balance =
      MoneyFormat.display(s.balance, ascii: true)
      + (s.balance.isWholeCents
        ? "" : "  " + tr("(rounded to the cent; exact \(s.balance.exactString))"))
    let average =
      MoneyFormat.display(s.averageDaily, ascii: true) + "  "
      + tr("(\(window) full days before \(s.day.iso))")
    let due =
      s.upgradeDue
      ? tr("yes: the balance covers less than \(CreditRules.coverDays) days") : tr("no")
    let traffic = s.blocked ? tr("BLOCKED: the credit is used up; top up to unblock") : tr("open")
    return [Sanitize.line(s.environment.name)]
      + aligned(
        [
          (tr("Balance"), balance), (tr("Average per day"), average), (tr("Runway"), runway),
          (tr("Upgrade due"), due), (tr("API traffic"), traffic),
        ], width: 19, indent: "  ")
  }

  static let transactions = CommandSpec(
    name: "transactions", summary: "list the ledger, newest first, or export it as CSV",
    usage: """
      saldo transactions [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--org ORG] [--kind KIND]
             [--limit N] [--csv [--quiet] | --json]
      """,
    details: """
      KIND is an entry kind (topup, bonus, consumption, correction) or a transaction kind (send,
      receive, pdf, manual). Dates are days in Europe/Amsterdam, both inclusive. --csv streams
      every matching row, oldest first, however many (beyond the platform's 5,000-row export
      limit); without --csv, --limit defaults to 50. While --csv writes to a file or a pipe,
      standard error shows the rows written, rows per second, the percent and the time left,
      when it is a terminal; --quiet leaves that out.
      """,
    options: ["--from", "--to", "--org", "--kind", "--limit"],
    flags: ["--csv", "--json", "--quiet"]
  ) { context, arguments in
    if arguments.has("--csv") && arguments.has("--json") {
      throw UsageError(tr("choose --csv or --json, not both"), command: "transactions")
    }
    let saldo = try context.open()
    let environment = try saldo.directory.environment(context.environmentName)
    var filter = LedgerFilter()
    filter.from = try day(arguments.value("--from"), option: "--from")
    filter.to = try day(arguments.value("--to"), option: "--to")
    if let from = filter.from, let to = filter.to, from > to {
      throw SaldoError.invalid(tr("--from \(from.iso) is after --to \(to.iso); swap them"))
    }
    if let org = arguments.value("--org") {
      filter.organisationID = try saldo.directory.organisation(org, in: environment).id
    }
    if let kind = arguments.value("--kind") {
      if let entryKind = EntryKind(rawValue: kind.lowercased()) {
        filter.kind = entryKind
      } else if let transactionKind = TransactionKind.parse(kind) {
        filter.transactionKind = transactionKind
      } else {
        let shown = Sanitize.line(kind, limit: 30)
        throw SaldoError.invalid(
          tr(
            "unknown kind \"\(shown)\"; use topup, bonus, consumption, correction, send, receive, pdf or manual"
          ))
      }
    }
    var limit: Int?
    if let text = arguments.value("--limit") {
      guard let n = Int(text), n > 0 else {
        throw SaldoError.invalid(tr("--limit must be a positive whole number"))
      }
      limit = n
    }
    let output = context.output
    if arguments.has("--csv") {
      let progress = ProgressLine.onTerminal(
        noun: tr("rows"), quiet: arguments.has("--quiet"), stdoutIsOutput: true)
      defer { progress?.finish() }
      try saldo.credit.exportLedgerCSV(
        of: environment, filter: filter, limit: limit, progress: progress.map { $0.update },
        line: output.line)
      return
    }
    let names = Dictionary(
      uniqueKeysWithValues: try saldo.directory.organisations(of: environment).map {
        ($0.id, $0.name)
      })
    let entries = try saldo.credit.transactions(
      of: environment, filter: filter, order: .newestFirst, limit: limit ?? 50)
    if arguments.has("--json") {
      output.json(.array(entries.map { JSONViews.entry($0, organisations: names) }))
      return
    }
    if entries.isEmpty { output.line(tr("No transactions match.")) }
    // At least 20 columns as always; wider for the longer Dutch kinds.
    let kindWidth = max(20, (entries.map { $0.kindWord.count }.max() ?? 0) + 1)
    for e in entries {
      let what = e.kindWord
      output.line(
        e.at.amsterdamMinute + "  " + what.padding(to: kindWidth)
          + MoneyFormat.displayPrice(e.amount, ascii: true).padding(to: 16)
          + Sanitize.line(e.organisationID.flatMap { names[$0] } ?? "", limit: 30).padding(to: 32)
          + Sanitize.line(e.reference ?? "", limit: 40))
    }
  }

  static func day(_ text: String?, option: String) throws -> Day? {
    guard let text else { return nil }
    guard let day = Day(iso: text) else {
      throw SaldoError.invalid(tr("\(option) must be a date like 2026-11-24"))
    }
    return day
  }
}

extension String {
  func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
