import SaldoCore

/// One command of the CLI: its words, its help, what it accepts, and what it does.
struct CommandSpec: Sendable {
  let name: String
  let summary: String
  let usage: String
  /// The rest of `saldo help NAME`: what it does, its options, examples.
  let details: String
  var options: Set<String> = []
  var flags: Set<String> = []
  let run: @Sendable (Context, Arguments) throws -> Void

  var help: String {
    "usage: \(usage)\n\n\(summary)\n" + (details.isEmpty ? "" : "\n\(details)\n")
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
    // Longest match first: "org add" before "org".
    for length in stride(from: min(2, words.count), through: 1, by: -1) {
      let name = words.prefix(length).joined(separator: " ")
      if let spec = all.first(where: { $0.name == name }) {
        return (spec, Array(words.dropFirst(length)))
      }
    }
    return nil
  }

  static var overview: String {
    let width = all.map(\.name.count).max() ?? 10
    let lines = all.map { "  " + $0.name.padding(to: width) + "  " + $0.summary }
    return """
      Saldo: watch and top up the transaction credit of your e-invoicing environment.

      usage: saldo [--db PATH] [--env NAME] COMMAND [OPTIONS]
             saldo [--theme NAME]  open My environment (the terminal interface)

      commands:
      \(lines.joined(separator: "\n"))
        \("help COMMAND".padding(to: width))  show the help of a command

      global options:
        --db PATH     the database (default: $SALDO_DB, else $XDG_DATA_HOME/saldo/saldo.db,
                      else ~/.local/share/saldo/saldo.db)
        --env NAME    the environment, when you administer more than one
        --theme NAME  colours of the terminal interface (default: `theme = NAME` in
                      $XDG_CONFIG_HOME/saldo/config, else default); see themes/
        --help, -h    this help;  --version  the version

      Every read command takes --json; amounts in JSON are exact decimal strings.
      Exit codes: 0 ok, 1 usage error, 2 refused (permission or validation), 3 store error.
      Prepaid credit is not refunded (general conditions 5.4).
      """
  }
}

extension String {
  func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
