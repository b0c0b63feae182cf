import SaldoCore

enum TopUpCommands {
  static let all: [CommandSpec] = [topup, payment, paymentsList]

  static let topup = CommandSpec(
    name: "topup", summary: "top up the credit by iDEAL | Wero, Bancontact or invoice",
    usage: """
      saldo topup AMOUNT --method ideal|bancontact|invoice [--org ORG] [--order-number TEXT]
             [--idempotency-key KEY] [--json]
      """,
    details: """
      Administrators only. AMOUNT is the credit to buy, excluding VAT (21% in the Netherlands
      and in the EU without a VAT id; reverse charged for a VAT id of another member state;
      none outside the EU; see README): 250, 250.00, 250,00
      or "€ 250". Larger top-ups earn bundle bonus credit (see the plan). The method must be one
      the environment's subscription can activate.

      invoice     credits at once; the invoice lands unread in the organisation's Inbox-in and
                  is paid by bank transfer within 14 days
      ideal       iDEAL | Wero; opens a checkout and credits once the payment is paid
      bancontact  as ideal

      Payments go through the sandbox payment provider: it moves no money, and you choose each
      checkout's outcome with `saldo payment ID --outcome paid|failed|canceled|expired`.
      Open payments expire after an hour.

      --org ORG               the organisation that receives the invoice (default: the first)
      --order-number TEXT     your own order number, printed on the invoice
      --idempotency-key KEY   submitting the same key again in this environment never tops
                              up twice; scripts that retry should pass one. Keys belong to one
                              environment; the same key with a different amount, method,
                              organisation or order number is refused (exit 2). Keys starting
                              with saldo: or auto: are reserved for Saldo's own payments.
      --json                  keys: payment, status, method, credited, bonus, vat, total,
                              invoice (its number, or null while a payment is open), checkout,
                              sandbox, replayed, duplicate_of, order_number_used_by

      Without a key every run is a new top-up. When an identical top-up (same environment,
      method, amount, organisation and order number) was made in the last 10 minutes, or the
      order number was used before in this environment, a warning goes to stderr (and the
      payment's id into duplicate_of / order_number_used_by); the top-up is still made.

      There is no refund: prepaid credit is not refunded (general conditions 5.4).
      """,
    options: ["--method", "--org", "--order-number", "--idempotency-key"], flags: ["--json"]
  ) { context, arguments in
    guard arguments.positionals.count == 1 else {
      throw UsageError(
        tr("give one AMOUNT, e.g. saldo topup 250 --method invoice"), command: "topup")
    }
    let amount = try MoneyFormat.parse(arguments.positionals[0], reading: .commandLine)
    let methodText = try arguments.required("--method")
    guard let method = PaymentMethod(rawValue: methodText.lowercased()) else {
      let shown = Sanitize.line(methodText, limit: 30)
      throw SaldoError.invalid(tr("unknown method \"\(shown)\"; use ideal, bancontact or invoice"))
    }
    let saldo = try context.open()
    let environment = try saldo.directory.environment(context.environmentName)
    let organisation = try arguments.value("--org").map {
      try saldo.directory.organisation($0, in: environment)
    }
    let userKey = arguments.value("--idempotency-key")
    let result = try saldo.topUps.topUp(
      TopUpRequest(
        environment: environment, amount: amount, method: method, organisation: organisation,
        orderNumber: arguments.value("--order-number"),
        idempotencyKey: userKey ?? TopUpService.newIdempotencyKey(),
        keyOrigin: userKey == nil ? .saldo : .user),
      provider: try PaymentsCommands.configuredProvider(saldo))
    if !result.replayed, let earlier = result.duplicateOf {
      let when = earlier.createdAt.amsterdamMinute
      // With a key of their own the caller already makes retries safe; this one is new.
      StandardError.line(
        "saldo: "
          + (userKey == nil
            ? tr(
              "note: an identical top-up was made \(when) (payment \(earlier.id)); pass --idempotency-key to make retries safe"
            )
            : tr(
              "note: an identical top-up was made \(when) (payment \(earlier.id)) under another idempotency key"
            )))
    }
    if !result.replayed, let earlier = result.orderNumberUsedBy {
      let number = Sanitize.line(earlier.orderNumber ?? "", limit: 60)
      StandardError.line(
        "saldo: "
          + tr(
            "note: order number \(number) was used before in this environment (payment \(earlier.id))"
          ))
    }
    if arguments.has("--json") {
      context.output.json(JSONViews.topUp(result))
      return
    }
    let p = result.payment
    let credit = MoneyFormat.display(p.amount, ascii: true)
    let bonus = MoneyFormat.display(p.bonus, ascii: true)
    let total = MoneyFormat.display(p.total, ascii: true)
    let vatPhrase =
      result.invoice.flatMap {
        TaxTreatment.stored($0.taxCategory.rawValue, issued: $0.issueDate)
      }.map(\.inclusionPhrase)
      ?? tr("incl. \(MoneyFormat.display(p.vat, ascii: true)) VAT")
    let quote =
      p.bonus.isZero
      ? tr("\(credit) credit, total to pay \(total) \(vatPhrase)")
      : tr("\(credit) credit + \(bonus) bonus, total to pay \(total) \(vatPhrase)")
    if result.replayed {
      context.output.line(tr("Already submitted with this key; nothing new done."))
    }
    if let invoice = result.invoice {
      context.output.line(tr("Topped up: \(quote). Invoice \(invoice.number) is in the Inbox-in."))
    } else {
      context.output.line(tr("Payment \(p.id) is \(p.status.word): \(quote)."))
      if !result.isSandbox {
        try CheckoutPrinter.print(payment: p, saldo: saldo, output: context.output)
        return
      }
      context.output.line(
        tr(
          "SANDBOX checkout \(p.checkoutReference ?? "-"): complete it with `saldo payment \(p.id) --outcome paid` (or failed, canceled, expired)."
        ))
    }
  }

  static let payment = CommandSpec(
    name: "payment", summary: "choose the outcome of a sandbox checkout",
    usage: "saldo payment ID --outcome paid|failed|canceled|expired [--json]",
    details: """
      Sandbox only: the sandbox payment provider moves no money and lets the administrator
      decide what happens. paid books the credit and its bonus and issues the invoice (once).
      """,
    options: ["--outcome"], flags: ["--json"]
  ) { context, arguments in
    guard arguments.positionals.count == 1, let id = Int64(arguments.positionals[0]) else {
      throw UsageError(tr("give the payment ID (see saldo payments list)"), command: "payment")
    }
    let outcomeText = try arguments.required("--outcome")
    guard let outcome = PaymentStatus(rawValue: outcomeText.lowercased()),
      PaymentStatus.outcomes.contains(outcome)
    else {
      throw SaldoError.invalid(tr("--outcome must be paid, failed, canceled or expired"))
    }
    let saldo = try context.open()
    let result = try saldo.topUps.settleSandboxPayment(id: id, outcome: outcome)
    if arguments.has("--json") {
      context.output.json(JSONViews.topUp(result))
    } else {
      let status = result.payment.status.word
      context.output.line(
        result.invoice.map {
          tr(
            "SANDBOX payment \(id) is \(status). Credited; invoice \($0.number) is in the Inbox-in."
          )
        } ?? tr("SANDBOX payment \(id) is \(status)."))
    }
  }

  static let paymentsList = CommandSpec(
    name: "payments list", summary: "list top-up payments and their status",
    usage: "saldo payments list [--json]",
    details:
      "Administrators see their environment's payments. Open payments past their hour expire.",
    flags: ["--json"]
  ) { context, arguments in
    let saldo = try context.open()
    let environment = try saldo.directory.environment(context.environmentName)
    let payments = try saldo.payments.list(of: environment)
    if arguments.has("--json") {
      context.output.json(.array(payments.map(JSONViews.payment)))
      return
    }
    if payments.isEmpty { context.output.line(tr("No payments yet.")) }
    // Wide enough for the longest state shown (Dutch words are longer).
    let statusWidth = max(10, (payments.map { $0.status.word.count }.max() ?? 0) + 2)
    for p in payments {
      context.output.line(
        String(p.id).padding(to: 6) + p.createdAt.amsterdamMinute + "  "
          + p.method.label.padding(to: 14) + p.status.word.padding(to: statusWidth)
          + MoneyFormat.display(p.total, ascii: true).padding(to: 16)
          + (p.invoiceNumber ?? "") + (p.provider == "sandbox" ? "  (sandbox)" : "")
          + (p.provider == "mollie-test" ? "  (Mollie TEST)" : ""))
    }
  }
}
