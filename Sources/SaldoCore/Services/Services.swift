/// The rooms behind the door: each feature is one service type over the same store, clock and
/// account, reached from `Saldo` (`saldo.topUps.topUp(…)`). A service calls another through
/// `core` when one feature needs another (a top-up books credit; a run issues an invoice).
protocol SaldoService {
  var core: Saldo { get }
}

extension SaldoService {
  var store: SaldoStore { core.store }
  var clock: WallClock { core.clock }
  var access: Access { core.access }
  var account: SystemAccount { core.access.account }
}

/// Environments, organisations, users, profiles and the names a command line completes.
public struct DirectoryService: SaldoService {
  let core: Saldo
}

/// The transaction credit: balance, consumption, the ledger and its corrections, My
/// environment.
public struct CreditService: SaldoService {
  let core: Saldo
}

/// Top-ups by hand: the Pay and upgrade dialog's options, taxes and booking.
public struct TopUpService: SaldoService {
  let core: Saldo
}

/// Online payments: the provider, checkouts, following and cancelling them.
public struct PaymentService: SaldoService {
  let core: Saldo
}

/// Invoices and credit notes: the one place an invoice is issued, the Inbox-in, cancelling
/// and reissuing.
public struct InvoiceService: SaldoService {
  let core: Saldo
}

/// The automatic upgrade: its settings, the daily run, SEPA collections and returns.
public struct AutoUpgradeService: SaldoService {
  let core: Saldo
}

/// E-mail: the outbox and its delivery.
public struct MailService: SaldoService {
  let core: Saldo
}

/// Administrators' SSH keys and remote sessions.
public struct KeyService: SaldoService {
  let core: Saldo
}

/// The platform operator's room: the seller's details and verifying the database.
public struct PlatformService: SaldoService {
  let core: Saldo
}

extension Saldo {
  public var directory: DirectoryService { DirectoryService(core: self) }
  public var credit: CreditService { CreditService(core: self) }
  public var topUps: TopUpService { TopUpService(core: self) }
  public var payments: PaymentService { PaymentService(core: self) }
  public var invoices: InvoiceService { InvoiceService(core: self) }
  public var autoUpgrade: AutoUpgradeService { AutoUpgradeService(core: self) }
  public var mail: MailService { MailService(core: self) }
  public var keys: KeyService { KeyService(core: self) }
  public var platform: PlatformService { PlatformService(core: self) }
}
