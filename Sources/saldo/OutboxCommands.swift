import SaldoCore

enum OutboxCommands {
  static let all: [CommandSpec] = [list, retry, profile]

  static let list = CommandSpec(
    name: "outbox list", summary: "list queued and sent e-mails (operators)",
    usage: "saldo outbox list [--json]",
    details: "--json: each message with to, subject, status, attempts, created_at, sent_at, error.",
    flags: ["--json"]
  ) { context, arguments in
    let saldo = try context.open()
    let messages = try saldo.mail.outbox()
    if arguments.has("--json") {
      context.output.json(.array(messages.map(JSONViews.outbox)))
      return
    }
    if messages.isEmpty { context.output.line(tr("The outbox is empty.")) }
    for m in messages {
      context.output.line(
        String(m.id).padding(to: 6) + m.status.rawValue.padding(to: 8)
          + Sanitize.line(m.toAddress, limit: 30).padding(to: 32)
          + Sanitize.line(m.subject, limit: 70))
    }
  }

  static let retry = CommandSpec(
    name: "outbox retry", summary: "retry failed e-mails now (operators)",
    usage: "saldo outbox retry", details: "Requeues failed messages and delivers what is due."
  ) { context, _ in
    let saldo = try context.open()
    let requeued = try saldo.mail.retryOutbox()
    let report = try saldo.mail.deliverOutbox(via: try context.mailTransport())
    context.output.line(
      tr("Requeued \(requeued); \(report.sent) sent, \(report.failed) failed."))
    for error in report.errors.prefix(5) { StandardError.line("saldo: " + error) }
  }

  static let profile = CommandSpec(
    name: "profile", summary: "show or change your own e-mail address and notifications",
    usage: """
      saldo profile [--name NAME] [--email ADDRESS] [--credit-alerts on|off]
             [--invoice-mails on|off] [--language nl|en] [--json]
      """,
    details: """
      Credit alerts: credit running low or used up, automatic upgrade done, failed, capped or
      paused (sent to administrators). Invoice mails: a new invoice in an Inbox-in. An empty
      --email "" removes the address (no e-mails at all). E-mails are written in --language;
      without it (or with --language ""), in the language you last used Saldo in.
      """,
    options: ["--name", "--email", "--credit-alerts", "--invoice-mails", "--language"],
    flags: ["--json"]
  ) { context, arguments in
    func onOff(_ option: String) throws -> Bool? {
      guard let text = arguments.value(option) else { return nil }
      switch text.lowercased() {
      case "on", "yes", "true": return true
      case "off", "no", "false": return false
      default: throw SaldoError.invalid(tr("\(option) must be on or off"))
      }
    }
    let saldo = try context.open()
    let changing = !arguments.values.isEmpty
    let user =
      changing
      ? try saldo.directory.updateProfile(
        displayName: arguments.value("--name"),
        email: arguments.value("--email").map { Optional($0) },
        creditAlerts: try onOff("--credit-alerts"), invoiceMails: try onOff("--invoice-mails"),
        language: try arguments.value("--language").map { text in
          text.isEmpty ? nil : try Language.parse(text)
        })
      : try saldo.directory.profile()
    if arguments.has("--json") {
      context.output.json(
        .object([
          ("login", .string(user.login)), ("name", .string(user.displayName)),
          ("email", .optional(user.email)),
          ("credit_alerts", .bool(user.notifications.creditAlerts)),
          ("invoice_mails", .bool(user.notifications.invoiceMails)),
          ("language", .string(user.mailLanguage.rawValue)),
          ("language_chosen", .bool(user.language != nil)),
        ]))
      return
    }
    let rows = [
      (tr("Login"), user.login),
      (tr("Name"), Sanitize.line(user.displayName)),
      (tr("E-mail"), Sanitize.line(user.email ?? tr("none (no e-mails)"))),
      (tr("Credit alerts"), user.notifications.creditAlerts ? tr("on") : tr("off")),
      (tr("Invoice mails"), user.notifications.invoiceMails ? tr("on") : tr("off")),
      (
        tr("E-mail language"),
        user.language != nil
          ? user.mailLanguage.name : tr("\(user.mailLanguage.name) (the one you last used)")
      ),
    ]
    for line in aligned(rows, width: 15) { context.output.line(line) }
  }
}
