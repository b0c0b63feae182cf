import SaldoCore
import SaldoHTTP

#if canImport(Glibc)
  import Glibc
#endif

/// The payment service: which one (an operator's choice) and following its payments.
enum PaymentsCommands {
  static let all: [CommandSpec] = [providerCommand, sync]

  /// The configured provider; libcurl is created only if it is a remote one.
  static func configuredProvider(_ saldo: Saldo, interactive: Bool = false) throws
    -> PaymentProvider
  {
    try saldo.payments.paymentProvider(
      transport: CurlTransport(), baseURLOverride: Context.environment("SALDO_MOLLIE_BASE_URL"),
      interactive: interactive)
  }

  static let providerCommand = CommandSpec(
    name: "payments provider", summary: "choose the payment service (operators) or show it",
    usage: """
      saldo payments provider set mollie --api-key-file PATH [--redirect-url URL]
             saldo payments provider set sandbox
             saldo payments provider show [--json]
      """,
    details: """
      sandbox   the default: moves no money; the administrator chooses each outcome
      mollie    iDEAL | Wero and Bancontact through Mollie. PATH holds the API key from the
                Mollie Dashboard (Developers > API keys) and must be owned by the account
                Saldo runs as and readable by nobody else (chmod 600), as ssh demands of key
                files. A test_ key takes test payments (no money moves; every checkout says
                TEST), a live_ key real money. The key is read from the file for each call and
                never stored in the database.
      --redirect-url URL   where Mollie sends the payer after paying (https; a page that says
                           to return to the terminal)

      Operators only. `show` says the provider, the key file, test or live, and whether the
      key file is usable now.
      """,
    options: ["--api-key-file", "--redirect-url"], flags: ["--json"]
  ) { context, arguments in
    let words = arguments.positionals
    let saldo = try context.open()
    switch words.first {
    case "set":
      guard words.count == 2, let kind = PaymentProviderSettings.Kind(rawValue: words[1]) else {
        throw UsageError(
          tr("say which: set mollie --api-key-file PATH, or set sandbox"),
          command: "payments provider")
      }
      var settings = PaymentProviderSettings(kind: kind)
      if kind == .mollie {
        let path = try arguments.required("--api-key-file")
        settings.keyFile = absolute(path)
        if let url = arguments.value("--redirect-url") { settings.redirectURL = url }
      }
      let mode = try saldo.payments.setPaymentProvider(settings)
      switch mode {
      case .test?:
        context.output.line(tr("Payments go through Mollie in TEST mode: no money moves."))
      case .live?:
        context.output.line(tr("Payments go through Mollie with a LIVE key: real money."))
      case nil: context.output.line(tr("Payments go through the sandbox: no money moves."))
      }
    case "show":
      let settings = try saldo.payments.paymentProviderSettings()
      var mode = "none"
      var problem: String?
      if let path = settings.keyFile, settings.kind == .mollie {
        do { mode = try MollieKeyFile.read(path: path).mode.rawValue } catch {
          problem = "\(error)"
        }
      }
      if arguments.has("--json") {
        context.output.json(
          .object([
            ("provider", .string(settings.kind.rawValue)),
            ("api_key_file", .optional(settings.keyFile)),
            ("mode", .string(settings.kind == .sandbox ? "sandbox" : mode)),
            ("redirect_url", .optional(settings.kind == .mollie ? settings.redirectURL : nil)),
            ("problem", .optional(problem)),
          ]))
        return
      }
      context.output.line(tr("Provider: \(settings.kind.rawValue)"))
      if settings.kind == .mollie {
        let keyFile = Sanitize.terminal(settings.keyFile ?? "-")
        // `mode` is also the JSON's value: only what a person reads is translated.
        let shownMode =
          switch mode {
          case "test": tr("test (no money moves)")
          case "none": tr("none")
          default: mode
          }
        context.output.line(tr("Key file: \(keyFile)"))
        context.output.line(tr("Mode: \(shownMode)"))
        context.output.line(tr("Redirect URL: \(Sanitize.terminal(settings.redirectURL))"))
        if let problem { context.output.line(tr("Problem: \(problem)")) }
      }
    default:
      throw UsageError(tr("say set or show"), command: "payments provider")
    }
  }

  static let sync = CommandSpec(
    name: "payments sync", summary: "ask the payment service about unfinished payments",
    usage: "saldo payments sync [--json]",
    details: """
      Asks Mollie about every payment that is not final yet, including one a crash or a
      dropped connection left without its Mollie id (the same idempotency key finds the same
      payment), and records the answers: paid credits once, failed, canceled and expired end
      the payment. Cron-safe; `saldo daily` runs it too. Operators sync every environment,
      administrators their own. With the sandbox there is nothing to ask.
      --json   keys: payments (payment, before, after, error)
      """,
    flags: ["--json"]
  ) { context, arguments in
    let saldo = try context.open()
    let lines = try syncIfRemote(saldo)
    if arguments.has("--json") {
      context.output.json(.object([("payments", .array(lines.map(json)))]))
      return
    }
    if lines.isEmpty {
      context.output.line(tr("No unfinished payments at the payment service."))
    }
    for line in lines {
      context.output.line(
        tr("payment \(line.paymentID): \(line.before.rawValue) -> \(line.after.rawValue)")
          + (line.error.map { "  (\(Sanitize.terminal($0)))" } ?? ""))
    }
  }

  /// Syncs when a remote provider is configured; the sandbox has nothing to ask.
  static func syncIfRemote(_ saldo: Saldo) throws -> [PaymentSyncLine] {
    guard let remote = try configuredProvider(saldo) as? RemotePaymentProvider else { return [] }
    return try saldo.payments.syncPayments(provider: remote)
  }

  static func json(_ line: PaymentSyncLine) -> JSON {
    .object([
      ("payment", .int(line.paymentID)), ("before", .string(line.before.rawValue)),
      ("after", .string(line.after.rawValue)), ("error", .optional(line.error)),
    ])
  }

  private static func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    // getcwd allocates a buffer as long as the path needs (no 4,096-byte ceiling).
    guard let directory = getcwd(nil, 0) else { return path }
    defer { free(directory) }
    return String(cString: directory) + "/" + path
  }
}
