import SaldoCore

/// One command of the CLI: its words, its help, what it accepts, and what it does.
struct CommandSpec: Sendable {
  let name: String
  /// Kept untranslated until shown, so help follows `--lang` whenever it is rendered.
  let summary: Localized
  /// Command syntax: command and flag names are the same in every language.
  let usage: String
  /// The rest of `saldo help NAME`: what it does, its options, examples.
  let details: Localized
  /// Help shared by several commands (invoice data, file options), shown right after
  /// `details`: a separate catalog entry, so a translator writes it once.
  var appendix: Localized? = nil
  var options: Set<String> = []
  var flags: Set<String> = []
  let run: @Sendable (Context, Arguments) throws -> Void

  var help: String {
    let text = tr(details) + (appendix.map { tr($0) } ?? "")
    return "usage: \(usage)\n\n\(tr(summary))\n" + (text.isEmpty ? "" : "\n\(text)\n")
  }
}

/// Exit codes, as documented in `saldo --help` and the README.
enum ExitCode: Int32 {
  case ok = 0
  case usage = 1
  case refused = 2
  case store = 3
}

enum Commands {
  static let version = "saldo 0.1.0"

  static let all: [CommandSpec] =
    SetupCommands.all + ConsumeCommand.all + CreditCommands.all + TopUpCommands.all
    + InvoiceCommands.all + AutoUpgradeCommands.all + OutboxCommands.all + SellerCommands.all
    + CheckCommand.all + DemoCommand.all + OpenCommand.all + PaymentsCommands.all
    + KeyCommands.all

  static func find(_ words: [String]) -> (CommandSpec, [String])? {
    guard var first = words.first else { return nil }
    var words = words
    // `saldo help "org add"`: a quoted name is the same command.
    if first.contains(" ") {
      words = first.split(separator: " ").map(String.init) + words.dropFirst()
      first = words.first ?? first
    }
    let candidates = commands(startingWith: first)
    // Longest match first: "org add" before "org".
    if words.count >= 2, let spec = candidates.first(where: { $0.name == first + " " + words[1] }) {
      return (spec, Array(words.dropFirst(2)))
    }
    if let spec = candidates.first(where: { $0.name == first }) {
      return (spec, Array(words.dropFirst()))
    }
    return nil
  }

  /// The groups that may hold a command starting with `word`: a command builds only its own
  /// group's specs, not every help text of the CLI (which cost more at start than `saldo
  /// balance` reading its answer). `CLITests.everyCommandOfTheOverviewIsFound` checks them all.
  static func commands(startingWith word: String) -> [CommandSpec] {
    switch word {
    case "init", "org", "user": SetupCommands.all
    case "consume": ConsumeCommand.all
    case "balance", "transactions": CreditCommands.all
    case "topup", "payment": TopUpCommands.all
    case "payments": TopUpCommands.all + PaymentsCommands.all
    case "inbox", "invoice", "invoices": InvoiceCommands.all
    case "auto-upgrade", "daily", "sepa": AutoUpgradeCommands.all
    case "outbox", "profile": OutboxCommands.all
    case "seller": SellerCommands.all
    case "check": CheckCommand.all
    case "demo": DemoCommand.all
    case "open", "completion": OpenCommand.all
    case "key": KeyCommands.all
    default: []
    }
  }

  static var overview: String {
    let width = all.map(\.name.count).max() ?? 10
    let commands =
      all.map { ($0.name, tr($0.summary)) } + [("help COMMAND", tr("show the help of a command"))]
    // Usage lines keep the syntax words of every language, and so their alignment.
    return
      ([
        tr("Saldo: watch and top up the transaction credit of your e-invoicing environment."),
        "",
        "usage: saldo [--db PATH] [--env NAME] COMMAND [OPTIONS]",
        "       saldo [--theme NAME]  " + tr("open My environment (the terminal interface)"),
        "",
        tr("commands:"),
      ]
      + commands.map { "  " + $0.0.padding(to: width) + "  " + $0.1 }
      + [
        "",
        tr(
          """
          global options:
            --db PATH     the database (default: $SALDO_DB, else $XDG_DATA_HOME/saldo/saldo.db,
                          else ~/.local/share/saldo/saldo.db)
            --env NAME    the environment, when you administer more than one
            --theme NAME  colours of the terminal interface (default: `theme = NAME` in
                          $XDG_CONFIG_HOME/saldo/config, else default); see themes/
            --lang nl|en  the language (default: `language =` in the config, else the locale:
                          nl_NL and nl_BE are Dutch)
            --help, -h    this help;  --version  the version
          """),
        "",
        tr(
          """
          Every read command takes --json; amounts in JSON are exact decimal strings.
          Exit codes: 0 ok, 1 usage error, 2 refused (permission or validation), 3 store error.
          Prepaid credit is not refunded (general conditions 5.4).
          """),
      ]).joined(separator: "\n")
  }
}

/// Label and value lines with the values in one column: at `width` as the English layout has
/// it, further right when a translated label needs the room.
func aligned(_ rows: [(String, String)], width: Int, indent: String = "") -> [String] {
  let column = max(width, (rows.map(\.0.count).max() ?? 0) + 2)
  return rows.map { indent + $0.0.padding(to: column) + $0.1 }
}

extension String {
  func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
