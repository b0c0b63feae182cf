import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

enum InvoiceCommands {
  static let all: [CommandSpec] = [inbox, show, export, paid, cancel, reissue, overdue]

  static let inbox = CommandSpec(
    name: "inbox", summary: "list the invoices in an organisation's Inbox-in",
    usage: "saldo inbox ORG [--json]",
    details:
      "--json: each invoice with number, unread, total, net, vat, bonus, issue_date, due_date, status (open, paid, overdue), means, order_number.",
    flags: ["--json"]
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError(tr("give the organisation (name or id)"), command: "inbox")
    }
    let saldo = try context.open()
    let environment = try saldo.directory.environment(context.environmentName)
    let organisation = try saldo.directory.organisation(arguments.positionals[0], in: environment)
    let invoices = try saldo.invoices.inbox(of: organisation)
    let today = Day(containing: saldo.clock.now())
    if arguments.has("--json") {
      context.output.json(.array(invoices.map { JSONViews.invoice($0, today: today) }))
      return
    }
    if invoices.isEmpty {
      context.output.line(tr("The Inbox-in of \(organisation.name) is empty."))
    }
    for invoice in invoices {
      context.output.line(
        (invoice.unread ? "* " : "  ") + invoice.number.padding(to: 13)
          + invoice.issueDate.iso + "  "
          + MoneyFormat.display(invoice.total, ascii: true).padding(to: 16)
          + (invoice.isCreditNote ? tr("credit note") : invoice.state(on: today).word)
          .padding(to: 12)
          + Sanitize.line(invoice.orderNumber ?? "", limit: 40))
    }
  }

  static let show = CommandSpec(
    name: "invoice show", summary: "show an invoice (and mark it read)",
    usage: "saldo invoice show NUMBER [--json]",
    details: "--json: the inbox keys plus organisation and text (the readable invoice).",
    flags: ["--json"]
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError(tr("give the invoice NUMBER, e.g. 2026-000123"), command: "invoice show")
    }
    let saldo = try context.open()
    let invoice = try saldo.invoices.openInvoice(number: arguments.positionals[0])
    let today = Day(containing: saldo.clock.now())
    if arguments.has("--json") {
      guard case .object(var fields) = JSONViews.invoice(invoice, today: today) else { return }
      fields.append(("corrects", .optional(invoice.corrects)))
      fields.append(("text", .string(invoice.text)))
      context.output.json(.object(fields))
      return
    }
    context.output.line(invoice.text)
    let state = invoice.state(on: today)
    if invoice.isCreditNote {
      context.output.line(tr("Credit note: credits invoice \(invoice.corrects ?? "?") in full."))
    } else {
      context.output.line(
        tr("Payment status: \(state.word)")
          + (invoice.creditedBy.map { " " + tr("by credit note \($0)") } ?? "")
          + (invoice.replacedBy.map { ", " + tr("replaced by invoice \($0)") } ?? "")
          + (invoice.replaces.map { "; " + tr("corrects invoice \($0)") } ?? ""))
    }
  }

  static let export = CommandSpec(
    name: "invoice export", summary: "write an invoice as UBL (Peppol BIS 3) or text",
    usage: "saldo invoice export NUMBER --format ubl|text [-o FILE [--force] [--mode OCTAL]]",
    details: """
      Without -o the document goes to standard output. FILE is written whole or not at all,
      readable by you only unless --mode says otherwise.

      """, appendix: fileOptionsHelp,
    options: ["--format", "-o", "--mode"], flags: ["--force"]
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError(tr("give the invoice NUMBER"), command: "invoice export")
    }
    let format = try arguments.required("--format")
    guard format == "ubl" || format == "text" else {
      throw SaldoError.invalid(tr("--format must be ubl or text"))
    }
    let saldo = try context.open()
    let invoice = try saldo.invoices.invoice(number: arguments.positionals[0])
    let content = format == "ubl" ? invoice.ubl : invoice.text
    if let path = arguments.value("-o") {
      try writeFile(content, to: path, arguments)
      context.output.line(tr("Wrote \(invoice.number) (\(format)) to \(path)"))
    } else {
      context.output.line(content)
    }
  }

  static let paid = CommandSpec(
    name: "invoice paid", summary: "record that an invoice was paid (operators)",
    usage: "saldo invoice paid NUMBER",
    details:
      "For an invoice paid by bank transfer. Only changes the invoice's payment status; the credit was booked when it was issued and is not booked again. A direct-debit invoice is paid when its collection settles (`saldo sepa settle`)."
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError(tr("give the invoice NUMBER"), command: "invoice paid")
    }
    let saldo = try context.open()
    let invoice = try saldo.invoices.markInvoicePaid(number: arguments.positionals[0])
    context.output.line(tr("Invoice \(invoice.number) is paid."))
  }
}

extension InvoiceCommands {
  static let cancel = CommandSpec(
    name: "invoice cancel", summary: "cancel a mistaken invoice with a credit note (operators)",
    usage: "saldo invoice cancel NUMBER --reason TEXT",
    details: """
      Issued invoices are never edited. This issues a credit note that cancels the whole
      invoice (delivered to the same Inbox-in) and takes its credit and bonus back with a
      correction entry. Only an invoice that was not paid can be cancelled: a direct-debit
      invoice while its collection has not been exported (the collection is withdrawn). Prepaid
      credit is not refunded (general conditions 5.4): a paid invoice is corrected with
      `saldo invoice reissue`, which keeps the credit.
      """,
    options: ["--reason"]
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError(tr("give the invoice NUMBER"), command: "invoice cancel")
    }
    let saldo = try context.open()
    let note = try saldo.invoices.cancelInvoice(
      number: arguments.positionals[0], reason: try arguments.required("--reason"))
    context.output.line(
      tr(
        "Credit note \(note.number) cancels invoice \(note.corrects ?? "?"); its credit was taken back."
      )
    )
  }

  static let reissue = CommandSpec(
    name: "invoice reissue", summary: "correct an invoice: credit note plus corrected invoice",
    usage: "saldo invoice reissue NUMBER [--org ORG] [--order-number TEXT]",
    details: """
      Operators only. Issues a credit note for the whole invoice and a corrected invoice to the
      same or another organisation of the environment (--org), with the same or a new order
      number. The credit stays as it is: a paid invoice's payment carries over to the
      corrected one, an open invoice's corrected one is open with the same due date. A direct-
      debit invoice is reissued once its collection has settled.
      """,
    options: ["--org", "--order-number"]
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError(tr("give the invoice NUMBER"), command: "invoice reissue")
    }
    let saldo = try context.open()
    let original = try saldo.invoices.invoice(number: arguments.positionals[0])
    let environment = try saldo.invoices.environment(of: original)
    let organisation = try arguments.value("--org").map {
      try saldo.directory.organisation($0, in: environment)
    }
    let (note, invoice) = try saldo.invoices.reissueInvoice(
      number: original.number, organisation: organisation,
      orderNumber: arguments.value("--order-number"))
    context.output.line(
      tr(
        "Credit note \(note.number) cancels invoice \(original.number); corrected invoice \(invoice.number) replaces it. The credit is unchanged."
      ))
  }

  static let overdue = CommandSpec(
    name: "invoices overdue", summary: "list unpaid invoices past their due date",
    usage: "saldo invoices overdue [--json]",
    details: """
      Operators see every environment (--env NAME for one); administrators their own. Invoices
      to be paid by bank transfer that are open past their due date, oldest first. The
      administrators are reminded when an invoice passes its due date and a week later; while
      one is more than 14 days overdue, top-ups by invoice are refused.
      --json: each with number, environment, organisation, total, due_date, days_overdue,
      payment_reference.
      """,
    flags: ["--json"]
  ) { context, arguments in
    let saldo = try context.open()
    let scope = try saldo.directory.scope(context.environmentName, .everyEnvironmentForOperators)
    let overdue = try saldo.invoices.overdueInvoices(of: scope)
    if arguments.has("--json") {
      context.output.json(
        .array(
          overdue.map {
            .object([
              ("number", .string($0.invoice.number)), ("environment", .string($0.environmentName)),
              ("organisation", .string($0.organisationName)), ("total", .money($0.invoice.total)),
              ("due_date", .string($0.invoice.dueDate.iso)), ("days_overdue", .int($0.daysOverdue)),
              ("payment_reference", .string($0.invoice.paymentReference)),
            ])
          }))
      return
    }
    if overdue.isEmpty { context.output.line(tr("No invoice is overdue.")) }
    for item in overdue {
      let due = item.invoice.dueDate.iso
      let days = item.daysOverdue
      context.output.line(
        item.invoice.number.padding(to: 13)
          + Sanitize.line(item.environmentName, limit: 24)
          .padding(to: 25) + Sanitize.line(item.organisationName, limit: 30).padding(to: 31)
          + MoneyFormat.display(item.invoice.total, ascii: true).padding(to: 15)
          + tr(
            count: Int(days), one: "due \(due), \(days) day overdue",
            other: "due \(due), \(days) days overdue"))
    }
  }
}

/// Writes an export with the core's `AtomicFile` (mode 0600 unless `--mode`, an existing file
/// replaced only with `--force`); a failure is a refusal with its reason.
func writeFile(_ text: String, to path: String, _ arguments: Arguments) throws {
  var mode = AtomicFile.privateMode
  if let text = arguments.value("--mode") {
    guard let parsed = AtomicFile.parseMode(text) else {
      throw SaldoError.invalid(tr("--mode takes octal permissions such as 600 or 0640"))
    }
    mode = parsed
  }
  do {
    try AtomicFile.write(text, to: path, mode: mode, replace: arguments.has("--force"))
  } catch let error where error.targetExists {
    throw SaldoError.conflict(tr("\(error.description), or pass --force to replace it"))
  } catch {
    throw SaldoError.invalid(error.description)
  }
}

/// The help lines of the options every file-writing command takes.
let fileOptionsHelp: Localized = """
    --force       replace PATH when it exists (it is never replaced otherwise)
    --mode OCTAL  permissions of the new file (default 600: owner only)
  """
