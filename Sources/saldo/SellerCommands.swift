import SaldoCore

enum SellerCommands {
  static let all: [CommandSpec] = [set, show]

  static let set = CommandSpec(
    name: "seller set", summary: "set the platform's seller data for invoices (operators)",
    usage: """
      saldo seller set --name NAME --street … --postcode … --city … --country CC --kvk KVK
             --vat VAT --peppol SCHEME:ID --iban IBAN [--bic BIC] [--creditor-id ID]
             [--email ADDRESS]
      """,
    details: """
      The platform operator appears as seller on every invoice; the creditor id is needed for
      automatic upgrades by SEPA direct debit. Every field is checked by making a test invoice.
      """,
    options: [
      "--name", "--street", "--postcode", "--city", "--country", "--kvk", "--vat", "--peppol",
      "--iban", "--bic", "--creditor-id", "--email",
    ]
  ) { context, arguments in
    let details = try OrganisationChanges(
      street: arguments.required("--street"), postcode: arguments.required("--postcode"),
      city: arguments.required("--city"), country: arguments.required("--country"),
      kvk: arguments.required("--kvk"), vat: arguments.required("--vat"),
      peppol: arguments.required("--peppol")
    ).applied(to: PartyDetails())
    let saldo = try context.open()
    try saldo.platform.setSeller(
      SellerProfile.parse(
        name: try arguments.required("--name"), details: details,
        iban: try arguments.required("--iban"), bic: arguments.value("--bic"),
        creditorID: arguments.value("--creditor-id"), email: arguments.value("--email")))
    context.output.line(tr("Seller data saved."))
  }

  static let show = CommandSpec(
    name: "seller show", summary: "show the platform's seller data",
    usage: "saldo seller show [--json]", details: "", flags: ["--json"]
  ) { context, arguments in
    let saldo = try context.open()
    let seller = try saldo.platform.seller()
    let d = seller.details
    if arguments.has("--json") {
      context.output.json(
        .object([
          ("name", .string(seller.name)), ("street", .optional(d.street)),
          ("postcode", .optional(d.postcode)), ("city", .optional(d.city)),
          ("country", .optional(d.country)), ("kvk", .optional(d.kvk?.value)),
          ("vat", .optional(d.vat?.value)),
          ("peppol", .optional(d.peppol?.description)), ("iban", .string(seller.iban.value)),
          ("bic", .optional(seller.bic?.value)),
          ("creditor_id", .optional(seller.creditorID?.value)),
          ("email", .optional(seller.email)),
        ]))
      return
    }
    // KvK, Peppol, IBAN and BIC are names, the same in every language.
    let rows: [(String, String?)] = [
      (tr("Name"), seller.name), (tr("Street"), d.street), (tr("Postcode"), d.postcode),
      (tr("City"), d.city), (tr("Country"), d.country), ("KvK", d.kvk?.value),
      (tr("VAT id"), d.vat?.value), ("Peppol", d.peppol?.description),
      ("IBAN", seller.iban.value), ("BIC", seller.bic?.value),
      (tr("Creditor id"), seller.creditorID?.value),
      (tr("E-mail"), seller.email),
    ]
    for line in aligned(rows.map { ($0.0, Sanitize.line($0.1 ?? "-")) }, width: 13) {
      context.output.line(line)
    }
  }
}
