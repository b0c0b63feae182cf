import SaldoCore

enum OpenCommand {
  static let all: [CommandSpec] = [open, CompletionCommand.completion]

  /// The prefix of the links in invoice e-mails: `saldo open invoice/2026-000123`.
  static let invoicePrefix = "invoice/"

  static let open = CommandSpec(
    name: "open", summary: "open the terminal interface on an invoice (the link in e-mails)",
    usage: "saldo open invoice/NUMBER [--theme NAME] [--mouse]",
    details: """
      Starts the terminal interface directly on the invoice, as the link in an invoice e-mail
      does, and marks it read. q goes back to My environment.
      """,
    options: ["--theme"],
    flags: ["--mouse"]
  ) { context, arguments in
    guard arguments.positionals.count == 1,
      arguments.positionals[0].hasPrefix(invoicePrefix),
      arguments.positionals[0].count > invoicePrefix.count
    else {
      throw UsageError(
        tr("give the link as invoice/NUMBER, e.g. invoice/2026-000123"), command: "open")
    }
    let number = String(arguments.positionals[0].dropFirst(invoicePrefix.count))
    try TUIRunner.run(
      context: context, themeName: arguments.value("--theme"), invoiceNumber: number,
      mouse: arguments.has("--mouse"))
  }
}
