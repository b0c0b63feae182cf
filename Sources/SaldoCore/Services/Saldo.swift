/// The core's front door: what an administrator, an operator or a feed can ask of Saldo.
/// Behind it, one service per feature (`directory`, `credit`, `topUps`, `payments`,
/// `invoices`, `autoUpgrade`, `mail`, `keys`, `platform`; see Services.swift). Front ends (the
/// CLI, the TUI) call these and render what comes back; every rule and every permission check
/// lives behind them.
public final class Saldo {
  /// The store is the core's own: front ends make core calls and never read or write it.
  let store: SaldoStore
  public let clock: WallClock
  public let access: Access

  /// `language` is the language the person uses now (`Language.current`); see `Access`.
  public init(
    store: SaldoStore, account: SystemAccount, clock: WallClock = SystemClock(),
    language: @escaping @Sendable () -> Language = { Language.current }
  ) {
    self.store = store
    self.clock = clock
    self.access = Access(store: store, account: account, language: language)
  }

  public var account: SystemAccount { access.account }

  /// Where people reach Saldo over SSH (`ssh = …` in the config), asked only when a link is
  /// written, so commands that send no mail never read the config.
  public var sshAddress: () -> String? = { nil }

  /// The command that opens an invoice, as e-mails carry it: over SSH when the operator
  /// configured the address people reach Saldo at, else the local command.
  public func openInvoiceCommand(_ number: String) -> String {
    if let address = sshAddress() { return "ssh -t \(address) open invoice/\(number)" }
    return "saldo open invoice/\(number)"
  }

  /// The one check for a stored name; see `TextRules.name`.
  static func checkName(_ name: String, what: String, limit: Int = TextRules.nameLimit) throws
    -> String
  {
    try TextRules.name(name, what: what, limit: limit)
  }
}
