import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

enum ConsumeCommand {
  static let all: [CommandSpec] = [consume]

  static let consume = CommandSpec(
    name: "consume", summary: "record consumption: one event, or a batch from a file or stdin",
    usage: """
      saldo consume --org ORG --kind send|receive|pdf|manual [--at TIME] [--id EXTERNAL_ID]
             saldo consume --file F|- [--strict] [--json] [--quiet]
      """,
    details: """
      Each processed e-invoice is charged at the price of its kind in the environment's plan:
      send (automatic sending), receive (an XML e-invoice), pdf (PDF conversion), manual (free).
      An external event id is charged once, however often it is sent. Insufficient credit never
      drops an event: the balance may go negative, which blocks API traffic until topped up.

      A batch is JSON lines, {"id": "…", "org": "…", "kind": "receive", "at": "2026-11-24T10:15:00Z"},
      or CSV with the header id,org,kind,at (the format is detected). `org` is an organisation's
      name or id; `at` is RFC 3339 (left out: now), between 2000 and one day ahead. A bad line
      is reported with its line number and skipped; with --strict the first bad line aborts the
      batch and nothing is recorded. Event ids belong to the environment: the same id in another
      environment is another event.

      While a file is read, standard error shows the events read, events per second, the percent
      of the file and the time left, when it is a terminal; --quiet leaves that out.

      Exit code: 0 when every line was recorded or already known; 2 when lines were rejected
      (the good lines are recorded all the same), or with --strict when nothing was recorded.

      options:
        --org ORG        organisation name or id (single event)
        --kind KIND      send, receive, pdf or manual (single event)
        --at TIME        RFC 3339 time, default now (single event)
        --id ID          the platform's event id (single event)
        --file F         read a batch from file F, or from standard input with -
        --strict         abort the whole batch on the first bad line
        --json           print the summary as JSON
        --quiet          no progress on standard error
      """,
    options: ["--org", "--kind", "--at", "--id", "--file"],
    flags: ["--strict", "--json", "--quiet"]
  ) { context, arguments in
    let saldo = try context.open()
    let summary: ConsumptionSummary
    if let file = arguments.value("--file") {
      for option in ["--org", "--kind", "--at", "--id"] where arguments.value(option) != nil {
        throw UsageError(
          tr("\(option) is for a single event; leave it out with --file"),
          command: "consume")
      }
      summary = try recordFile(
        file, saldo: saldo, context: context, strict: arguments.has("--strict"),
        progress: ProgressLine.onTerminal(noun: tr("events"), quiet: arguments.has("--quiet")))
    } else {
      summary = try recordOne(arguments, saldo: saldo, context: context)
    }
    report(summary, json: arguments.has("--json"), output: context.output)
    // Scripts rely on the exit code: 0 only when every line was recorded or already known.
    if !summary.rejected.isEmpty {
      throw PartialFailure(
        tr("\(summary.rejected.count) line(s) rejected; the other lines were recorded"))
    }
  }

  private static func recordOne(_ arguments: Arguments, saldo: Saldo, context: Context) throws
    -> ConsumptionSummary
  {
    guard let org = arguments.value("--org"), let kindText = arguments.value("--kind") else {
      throw UsageError(
        tr("give --org and --kind for one event, or --file for a batch"),
        command: "consume")
    }
    guard let kind = TransactionKind.parse(kindText) else {
      let shown = Sanitize.line(kindText, limit: 30)
      throw SaldoError.invalid(
        tr("unknown kind \"\(shown)\"; use send, receive, pdf or manual"))
    }
    var at: Instant?
    if let text = arguments.value("--at") {
      guard let parsed = Instant(rfc3339: text) else {
        throw SaldoError.invalid(tr("--at must be an RFC 3339 time like 2026-11-24T10:15:00Z"))
      }
      at = parsed
    }
    if let id = arguments.value("--id"), !Sanitize.validName(id, limit: 200) {
      throw SaldoError.invalid(tr("--id must be 1-200 characters without control characters"))
    }
    let environment = try saldo.directory.environment(context.environmentName)
    let recorder = ConsumptionRecorder(saldo: saldo, scope: environment, strict: true)
    recorder.strictNote = ""
    do {
      try recorder.record([
        (
          1,
          ConsumptionEvent(
            externalID: arguments.value("--id"), organisation: org, kind: kind, at: at)
        )
      ])
    } catch SaldoError.invalid(let message)
      where message.hasPrefix(RejectedLine(line: 1, reason: "").description)
    {
      // One event has no lines to count: the rejection's "line 1: " (in any language) goes.
      let reason = String(message.dropFirst(RejectedLine(line: 1, reason: "").description.count))
      throw SaldoError.invalid(tr("\(reason) (nothing was recorded)"))
    }
    return recorder.summary
  }

  private static func recordFile(
    _ path: String, saldo: Saldo, context: Context, strict: Bool, progress: ProgressLine?
  ) throws -> ConsumptionSummary {
    // Operators feeding the whole platform may leave out --env and name organisations by id.
    let scope = try saldo.directory.scope(context.environmentName, .ownEnvironmentFirst)
    let input = try InputFile(path)
    let file = input.handle
    defer { input.close() }
    defer { progress?.finish() }
    return try saldo.credit.importConsumption(
      from: file, scope: scope, strict: strict, progress: progress.map { line in line.update })
  }

  static func report(_ summary: ConsumptionSummary, json: Bool, output: Output) {
    if json {
      output.json(
        .object([
          ("recorded", .int(Int64(summary.recorded))),
          ("already_known", .int(Int64(summary.alreadyKnown))),
          ("rejected", .int(Int64(summary.rejected.count))),
          ("charged", .money(summary.charged)),
          ("blocked", .array(summary.blockedEnvironments.map { .string($0) })),
          (
            "errors",
            .array(
              summary.rejected.prefix(1000).map {
                .object([("line", .int(Int64($0.line))), ("reason", .string($0.reason))])
              })
          ),
        ]))
    } else {
      for rejection in summary.rejected.prefix(20) {
        StandardError.line("saldo: " + tr("skipped \(rejection.description)"))
      }
      if summary.rejected.count > 20 {
        StandardError.line(
          "saldo: " + tr("… and \(summary.rejected.count - 20) more rejected lines"))
      }
      let charged = MoneyFormat.display(summary.charged, ascii: true)
      output.line(
        tr(
          "Recorded \(summary.recorded) events (\(charged) charged), \(summary.alreadyKnown) already known, \(summary.rejected.count) rejected."
        ))
      for name in summary.blockedEnvironments {
        output.line(
          tr("Credit of \(name) is used up: API traffic is blocked until it is topped up."))
      }
    }
  }
}
