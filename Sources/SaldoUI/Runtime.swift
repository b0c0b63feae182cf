import SaldoCore

/// Performs effects against the core and turns the answers into events. The only part of the
/// terminal front that talks to `Saldo`; every error becomes the core's one-line text.
public final class Runtime {
  /// The settings the open Edit form was filled from: a Save made while another administrator
  /// saved in between is refused by the core with the new values, not applied over them.
  var formBasis: AutoUpgradeSettings??
  public let saldo: Saldo
  public let environment: Environment
  /// Rows shown under "Latest transactions".
  static let latestCount = 60

  /// Takes the online payments: the sandbox unless the executable configured another.
  public let provider: PaymentProvider

  public init(
    saldo: Saldo, environment: Environment,
    provider: PaymentProvider = SandboxPaymentProvider()
  ) {
    self.saldo = saldo
    self.environment = environment
    self.provider = provider
  }

  /// Performs one effect and returns its result. Long work tells how far it is through
  /// `report` while it runs (the loop draws those events at once); the result comes last.
  public func perform(_ effect: Effect, report: (AppEvent) -> Void = { _ in }) -> AppEvent {
    switch effect {
    case .loadHome:
      return .homeLoaded(attempt(loadHome))
    case .preparePayAndUpgrade:
      return .payAndUpgradeReady(attempt(preparePayAndUpgrade))
    case .topUp(let order):
      return .toppedUp(attempt { try self.topUp(order) })
    case .settle(let id, let outcome):
      return .settled(
        attempt { try self.saldo.topUps.settleSandboxPayment(id: id, outcome: outcome) })
    case .followPayment(let id):
      return .paymentFollowed(attempt { try self.follow(id) })
    case .loadInbox(let organisation):
      return .inboxLoaded(
        organisationID: organisation.id, attempt { try self.saldo.invoices.inbox(of: organisation) }
      )
    case .openInvoice(let number):
      return .invoiceOpened(attempt { try self.saldo.invoices.openInvoice(number: number) })
    case .exportInvoice(let number, let path):
      return .invoiceExported(attempt { try self.exportInvoice(number, to: path) })
    case .loadTransactions(let request):
      return .transactionsLoaded(
        request,
        attempt {
          let entries = try self.saldo.credit.transactions(
            of: self.environment, filter: request.filter, from: request.position,
            order: request.order, limit: request.limit)
          let totals =
            request.purpose == .reset
            ? try self.saldo.credit.transactionTotals(of: self.environment, filter: request.filter)
            : nil
          return LedgerPage(entries: entries, totals: totals)
        })
    case .loadPayments:
      return .paymentsLoaded(attempt { try self.saldo.payments.list(of: self.environment) })
    case .cancelPayment(let id):
      return .paymentCanceled(attempt { try self.saldo.payments.cancelPayment(id: id) })
    case .resumeCheckout(let id, let name):
      return .checkoutResumed(
        organisationName: name, attempt { try self.saldo.payments.resumeCheckout(id: id) })
    case .exportTransactions(let filter, let path):
      return .transactionsExported(
        attempt { try self.exportTransactions(filter, to: path, report: report) })
    case .findTransaction(let search):
      return .transactionFound(search, attempt { try self.findTransaction(search) })
    case .prepareAutoUpgradeForm:
      return .autoUpgradeFormReady(attempt(prepareAutoUpgradeForm))
    case .saveAutoUpgrade(let input):
      return .autoUpgradeSaved(
        attempt {
          let saved = try self.saldo.autoUpgrade.setAutoUpgrade(
            input, for: self.environment, basedOn: self.formBasis)
          self.formBasis = .some(saved)
          return saved
        })
    case .disableAutoUpgrade:
      return .autoUpgradeSaved(
        attempt {
          try self.saldo.autoUpgrade.disableAutoUpgrade(for: self.environment)
          return nil
        })
    }
  }

  private func attempt<T>(_ body: () throws -> T) -> Result<T, UIError> {
    do { return .success(try body()) } catch let error as UIError {
      return .failure(error)
    } catch { return .failure(UIError(error)) }
  }

  /// One core call, one snapshot: aggregates only (balance, window totals, daily totals, one
  /// short page of the ledger).
  func loadHome() throws -> HomeData {
    HomeData(try saldo.credit.overview(of: environment, latest: Self.latestCount))
  }

  /// The core refuses accounts that are not administrators before the form opens (operators
  /// see the settings on My environment but may not change them), and refuses Save again.
  func prepareAutoUpgradeForm() throws -> AutoUpgradeSetup {
    let options = try saldo.autoUpgrade.autoUpgradeOptions(of: environment)
    formBasis = .some(options.settings)
    return AutoUpgradeSetup(
      settings: options.settings, organisations: options.organisations,
      events: options.events, planReason: options.planReason)
  }

  func preparePayAndUpgrade() throws -> PayAndUpgradeSetup {
    let options = try saldo.topUps.topUpOptions(of: environment)
    return PayAndUpgradeSetup(
      idempotencyKey: options.idempotencyKey, plan: options.plan,
      organisations: options.organisations,
      methods: options.methods.map {
        PaymentMethodChoice(method: $0.method, availability: $0.availability)
      }, taxes: options.taxes)
  }

  func topUp(_ order: TopUpOrder) throws -> TopUpResult {
    let organisation = try order.organisationID.map { id in
      guard
        let found = try saldo.directory.organisations(of: environment).first(where: { $0.id == id })
      else { throw UIError(tr("the organisation was removed meanwhile; choose another")) }
      return found
    }
    return try saldo.topUps.topUp(
      TopUpRequest(
        environment: environment, amount: order.amount, method: order.method,
        organisation: organisation, orderNumber: order.orderNumber,
        idempotencyKey: order.idempotencyKey), provider: provider)
  }

  func follow(_ id: Int64) throws -> FollowedPayment {
    guard let remote = provider as? RemotePaymentProvider else {
      throw UIError(tr("payments now go through the sandbox; this one cannot be followed here"))
    }
    let topUp = try saldo.payments.followPayment(id: id, provider: remote)
    let link = try saldo.payments.checkoutLink(paymentID: id)
    return FollowedPayment(
      topUp: topUp, checkoutURL: link?.url, testMode: link?.testMode ?? remote.isTestMode)
  }

  /// The next match past the selected row; from the newest end again when none is further,
  /// as `n` in less wraps.
  func findTransaction(_ search: LedgerSearch) throws -> LedgerMatch? {
    let next = try saldo.credit.findTransaction(
      of: environment, filter: search.filter, containing: search.text, from: search.after)
    guard next == nil, search.after != nil else { return next }
    return try saldo.credit.findTransaction(
      of: environment, filter: search.filter, containing: search.text, from: nil)
  }

  /// A path ending in `.txt` gets the text rendering; anything else the UBL XML.
  func exportInvoice(_ number: String, to path: String) throws -> String {
    let invoice = try saldo.invoices.invoice(number: number)
    let asText = path.lowercased().hasSuffix(".txt")
    let written = try FileExport.write(asText ? invoice.text : invoice.ubl, to: path)
    let path = Sanitize.line(written, limit: 200)
    return asText
      ? tr("Wrote invoice \(invoice.number) (text) to \(path)")
      : tr("Wrote invoice \(invoice.number) (UBL XML) to \(path)")
  }

  /// Streams every matching row, oldest first, so any size of ledger exports in constant memory.
  func exportTransactions(
    _ filter: LedgerFilter, to path: String, report: (AppEvent) -> Void = { _ in }
  ) throws -> String {
    var file = try FileExport(path: path)
    var count = 0
    do {
      var buffer = ""
      var meter = ProgressMeter(noun: "rows", start: ProgressMeter.monotonicNanos())
      // The core holds the progress closure only for the length of the export.
      try withoutActuallyEscaping(report) { report in
        let progress = { (done: WorkProgress) in
          if let line = meter.line(for: done, at: ProgressMeter.monotonicNanos()) {
            report(.exportProgress(line))
          }
        }
        count = try saldo.credit.exportLedgerCSV(
          of: environment, filter: filter, progress: progress
        ) {
          line in
          buffer += line + "\n"
          if buffer.utf8.count >= 1 << 16 {
            try file.write(buffer)
            buffer = ""
          }
        }
      }
      try file.write(buffer)
      try file.finish()
    } catch {
      file.abandon()
      throw error
    }
    return tr(
      "Wrote \(ScreenFormat.count(count)) transactions to \(Sanitize.line(file.path, limit: 200))")
  }
}
