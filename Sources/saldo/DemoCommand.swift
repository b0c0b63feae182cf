import SaldoCore

#if canImport(Glibc)
  import Glibc
#endif

enum DemoCommand {
  static let all: [CommandSpec] = [demo]

  static let demo = CommandSpec(
    name: "demo", summary: "build a fresh demo environment and open it",
    usage: "saldo demo [--db PATH] [--no-open] [--theme NAME] [--mouse]",
    details: """
      Builds a fresh demo database (default: demo.db beside the normal database, never your real
      one): one environment, three organisations with full invoice data, about 180 days of
      consumption, and you as administrator. Then opens My environment; with --no-open (for
      scripts) it prints a summary instead. An existing demo database at the path is rebuilt;
      a database that is not a demo is never touched.
      """,
    options: ["--theme"],
    flags: ["--no-open", "--mouse"]
  ) { context, arguments in
    let path =
      context.databasePathGiven
      ? context.databasePath
      : Context.defaultDatabasePath(file: "demo.db")
    try prepareFreshDemo(at: path)
    let demoContext = Context(
      databasePath: path, environmentName: nil, account: context.account, clock: context.clock)
    let saldo = try demoContext.open(create: true)
    let result = try DemoEnvironment.build(
      saldo, email: "\(context.account.login)@bakkerij-demo.example")
    guard arguments.has("--no-open") else {
      try TUIRunner.run(
        context: demoContext, themeName: arguments.value("--theme"), mouse: arguments.has("--mouse")
      )
      return
    }
    let summary = try saldo.credit.creditSummary(of: result.environment)
    let output = context.output
    output.line(tr("Demo database: \(path) (\(result.events) consumption events)"))
    for line in CreditCommands.describe(summary) { output.line(line) }
    output.line(tr("Try: saldo --db \(path) balance --json"))
  }

  /// Removes an earlier demo database at `path`; refuses anything else.
  static func prepareFreshDemo(at path: String) throws {
    guard access(path, F_OK) == 0 else { return }
    guard Saldo.isDemoDatabase(at: path) else {
      throw SaldoError.conflict(
        tr("\(path) holds a database that is not a Saldo demo; choose another path with --db"))
    }
    for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
  }
}
