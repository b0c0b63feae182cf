/// A manual top-up as an administrator submits it (Pay and upgrade, `saldo topup`).
public struct TopUpRequest: Sendable, Hashable {
  public var environment: Environment
  /// The credit to buy, excluding VAT.
  public var amount: Money
  public var method: PaymentMethod
  /// The organisation that receives the invoice; the environment's first when nil.
  public var organisation: Organisation?
  public var orderNumber: String?
  /// The same key submitted twice in one environment makes one top-up: a retry or a double
  /// Enter never books twice. Keys are scoped to the environment.
  public var idempotencyKey: String
  /// Who made the key: Saldo (a dialog's key, a fresh one per command) or a person (typed with
  /// `--idempotency-key`). A person's key may not enter Saldo's own namespace.
  public var keyOrigin: IdempotencyKeyOrigin

  public init(
    environment: Environment, amount: Money, method: PaymentMethod, organisation: Organisation?,
    orderNumber: String?, idempotencyKey: String, keyOrigin: IdempotencyKeyOrigin = .saldo
  ) {
    self.environment = environment
    self.amount = amount
    self.method = method
    self.organisation = organisation
    self.orderNumber = orderNumber
    self.idempotencyKey = idempotencyKey
    self.keyOrigin = keyOrigin
  }
}

/// Who made an idempotency key.
public enum IdempotencyKeyOrigin: Sendable, Hashable {
  /// Made by Saldo itself; may use the reserved prefixes.
  case saldo
  /// Typed by a person or a script.
  case user

  /// Prefixes of the keys Saldo makes (`saldo:` for top-ups, `auto:` for the automatic
  /// upgrade's collections). A user's key never starts with one, so no tenant can take a key
  /// Saldo will need.
  public static let reservedPrefixes = ["saldo:", "auto:"]

  /// Checks a key a person typed: 1-100 printable characters outside Saldo's namespace.
  public static func checkUserKey(_ key: String) throws(SaldoError) -> String {
    guard Sanitize.validName(key, limit: 100), key == key.trimmingWhitespace(),
      key.unicodeScalars.allSatisfy(TextRules.isStorable)
    else {
      throw SaldoError.invalid(
        tr(
          "the idempotency key must be 1-100 printable characters without spaces at either end"))
    }
    let lowered = key.lowercased()
    if let prefix = reservedPrefixes.first(where: { lowered.hasPrefix($0) }) {
      throw SaldoError.invalid(
        tr(
          "idempotency keys starting with \"\(prefix)\" are reserved for Saldo's own payments;"
            + " choose another key"))
    }
    return key
  }
}

public struct TopUpResult: Sendable, Hashable {
  public let payment: Payment
  /// The invoice, once issued (at once for an invoice, when paid for an online payment).
  public let invoice: IssuedInvoice?
  public let isSandbox: Bool
  /// True when the idempotency key was seen before and nothing new was done.
  public let replayed: Bool
  /// An identical top-up (environment, method, amount, organisation, order number) made in the
  /// last `TopUpRules.duplicateWindowSeconds` under another key: perhaps a retry that should
  /// have carried a key. Nothing is refused; front ends say so.
  public var duplicateOf: Payment? = nil
  /// An earlier payment of this environment with the same order number, when one was given.
  public var orderNumberUsedBy: Payment? = nil

  public var checkoutReference: String? { payment.checkoutReference }
}

extension TopUpService {
  /// A fresh idempotency key for one submit (a dialog makes one when it opens).
  public static func newIdempotencyKey() -> String {
    // SystemRandomNumberGenerator reads the kernel's CSPRNG (getrandom) on Linux.
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return "saldo:tk_"
      + bytes.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }
      .joined()
  }

  /// The payment methods of the Pay and upgrade dialog, with whether the plan allows each.
  public func manualPaymentMethods(of environment: Environment) throws
    -> [(method: PaymentMethod, availability: MethodAvailability)]
  {
    let plan = try core.directory.plan(of: environment)
    return try store.read {
      try [PaymentMethod.ideal, .bancontact, .invoice].map {
        ($0, try availability(of: $0, plan: plan, environment: environment))
      }
    }
  }

  /// Invoices unpaid this many days after their due date stop further top-ups by invoice.
  public static let overdueDaysBlockingInvoiceMethod: Int64 = 14

  /// Whether a method can be used for a top-up now: the plan must offer it, and while the
  /// environment has an invoice more than 14 days overdue, paying by invoice is refused (online
  /// payments stay open, so the credit can still be topped up).
  func availability(of method: PaymentMethod, plan: Plan, environment: Environment) throws
    -> MethodAvailability
  {
    let byPlan = plan.availability(of: method)
    if method != .invoice, byPlan.isAvailable,
      let refusal = try core.payments.remoteMethodRefusal(method)
    {
      return .unavailable(reason: refusal)
    }
    guard method == .invoice, byPlan.isAvailable else { return byPlan }
    let today = Day(containing: clock.now())
    let limit = today.adding(days: -Self.overdueDaysBlockingInvoiceMethod)
    guard
      let oldest = try store.openBankTransferInvoices(
        dueBefore: limit, environmentID: environment.id
      ).first
    else { return byPlan }
    let days = today.number - oldest.dueDate.number
    return .unavailable(
      reason: tr(
        "invoice \(oldest.number) is \(days) days overdue; pay it first, or top up by iDEAL | Wero")
    )
  }

  /// Submits a top-up. An invoice credits at once and lands in the organisation's Inbox-in; an
  /// online payment opens a checkout and credits when it becomes paid.
  public func topUp(_ request: TopUpRequest, provider: PaymentProvider = SandboxPaymentProvider())
    throws -> TopUpResult
  {
    do { try TopUpRules.check(amount: request.amount) } catch {
      throw SaldoError.invalid(error.description)
    }
    let orderNumber = try request.orderNumber.flatMap { text -> String? in
      let trimmed = text.trimmingWhitespace()
      return trimmed.isEmpty ? nil : try Saldo.checkName(trimmed, what: tr("order number"))
    }
    switch request.keyOrigin {
    case .user: _ = try IdempotencyKeyOrigin.checkUserKey(request.idempotencyKey)
    case .saldo:
      guard Sanitize.validName(request.idempotencyKey, limit: 100) else {
        throw SaldoError.invalid(tr("the idempotency key must be 1-100 characters"))
      }
    }
    let environment = request.environment
    let plan = try core.directory.plan(of: environment)
    try store.read { try checkMethod(request.method, plan: plan, environment: environment) }
    let seller = try core.platform.seller()
    let now = clock.now()

    let result: TopUpResult = try store.write {
      try access.requireAdministrator(of: environment, to: tr("top up the credit"))
      let organisation = try request.organisation ?? defaultOrganisation(environment)
      guard organisation.environmentID == environment.id else {
        throw SaldoError.invalid(
          tr(
            "\(Sanitize.line(organisation.name)) is not an organisation of"
              + " \(Sanitize.line(environment.name))"))
      }
      if let existing = try store.payment(
        environmentID: environment.id, idempotencyKey: request.idempotencyKey)
      {
        if let field = Self.differingField(
          existing, amount: request.amount, method: request.method,
          organisationID: organisation.id, orderNumber: orderNumber)
        {
          throw SaldoError.conflict(Self.keyReused(payment: existing.id, differing: field))
        }
        return TopUpResult(
          payment: existing, invoice: try existing.invoiceNumber.flatMap(store.invoice(number:)),
          isSandbox: existing.provider == "sandbox", replayed: true)
      }
      let since = Instant(seconds: now.seconds - TopUpRules.duplicateWindowSeconds)
      let duplicateOf = try store.payments(environmentID: environment.id, createdSince: since)
        .first {
          Self.differingField(
            $0, amount: request.amount, method: request.method, organisationID: organisation.id,
            orderNumber: orderNumber) == nil
        }
      let orderNumberUsedBy = try orderNumber.flatMap {
        try store.payment(environmentID: environment.id, orderNumber: $0)
      }
      // Refuse before anything is stored if this organisation cannot receive a valid invoice.
      _ = try TopUpInvoice.document(
        number: "0000-000000", issueDate: Day(containing: now),
        dueDate: Day(containing: now).adding(days: TopUpRules.paymentTermDays), seller: seller,
        buyer: organisation, environmentName: environment.name, amount: request.amount,
        bonus: .zero, orderNumber: orderNumber, payment: .bankTransfer(reference: "check"))

      let quote = TopUpRules.quote(
        amount: request.amount, plan: plan,
        tax: TaxTreatment.decide(
          seller: seller.details, buyer: organisation.details, on: Day(containing: now)))
      let online = request.method != .invoice
      var payment = try store.insertPayment(
        NewPayment(
          environmentID: environment.id, organisationID: organisation.id, method: request.method,
          amount: quote.credit, bonus: quote.bonus, vat: quote.vat,
          status: online ? .open : .invoiced, idempotencyKey: request.idempotencyKey,
          provider: online ? provider.name : "invoice", checkoutReference: nil,
          orderNumber: orderNumber, createdAt: now,
          expiresAt: Instant(seconds: now.seconds + TopUpRules.paymentLifetimeSeconds),
          actor: account.login))
      if online, provider is RemotePaymentProvider {
        // Stored with its key and committed first; the network call comes after the commit.
        return TopUpResult(
          payment: payment, invoice: nil, isSandbox: false, replayed: false,
          duplicateOf: duplicateOf, orderNumberUsedBy: orderNumberUsedBy)
      }
      if online {
        let reference = try provider.createCheckout(
          paymentID: payment.id, method: request.method, total: quote.total)
        try store.setPaymentCheckout(id: payment.id, reference: reference)
        payment = try reload(payment)
        return TopUpResult(
          payment: payment, invoice: nil, isSandbox: provider.isSandbox, replayed: false,
          duplicateOf: duplicateOf, orderNumberUsedBy: orderNumberUsedBy)
      }
      let invoice = try credit(
        payment, organisation: organisation, environment: environment, seller: seller,
        means: .bankTransfer)
      return TopUpResult(
        payment: try reload(payment), invoice: invoice, isSandbox: false, replayed: false,
        duplicateOf: duplicateOf, orderNumberUsedBy: orderNumberUsedBy)
    }
    // A remote payment without its provider reference (new, or left by a crash or a dropped
    // connection) is connected now; the idempotency key makes a repeat find the same one.
    guard let remote = provider as? RemotePaymentProvider,
      result.payment.provider == remote.name, !result.payment.status.isFinal,
      result.payment.checkoutReference == nil
    else { return result }
    let connected = try core.payments.connectRemote(result.payment, provider: remote)
    return TopUpResult(
      payment: connected,
      invoice: try store.read {
        try connected.invoiceNumber.flatMap(store.invoice(number:))
      }, isSandbox: false, replayed: result.replayed, duplicateOf: result.duplicateOf,
      orderNumberUsedBy: result.orderNumberUsedBy)
  }

  /// The first parameter in which a stored payment differs from a request, in words; nil when
  /// they describe the same top-up.
  static func differingField(
    _ payment: Payment, amount: Money, method: PaymentMethod, organisationID: Int64,
    orderNumber: String?
  ) -> String? {
    if payment.amount != amount { return "amount" }
    if payment.method != method { return "method" }
    if payment.organisationID != organisationID { return "organisation" }
    if payment.orderNumber != orderNumber { return "order number" }
    return nil
  }

  /// The refusal of a reused key, naming the field that differs: one sentence per field, so
  /// each language can say it in its own words.
  static func keyReused(payment id: Int64, differing field: String) -> String {
    switch field {
    case "amount":
      return tr(
        "this idempotency key was used for payment \(id) with a different amount; use a new key"
          + " for a new top-up")
    case "method":
      return tr(
        "this idempotency key was used for payment \(id) with a different method; use a new key"
          + " for a new top-up")
    case "organisation":
      return tr(
        "this idempotency key was used for payment \(id) with a different organisation; use a new"
          + " key for a new top-up")
    default:
      return tr(
        "this idempotency key was used for payment \(id) with a different order number; use a new"
          + " key for a new top-up")
    }
  }

  /// The administrator's choice in the sandbox checkout: paid, failed, canceled or expired.
  public func settleSandboxPayment(id: Int64, outcome: PaymentStatus) throws -> TopUpResult {
    guard PaymentStatus.outcomes.contains(outcome) else {
      throw SaldoError.invalid(tr("choose an outcome: paid, failed, canceled or expired"))
    }
    try expireStalePayments()
    return try store.write {
      guard let payment = try store.payment(id: id),
        let environment = try store.environment(id: payment.environmentID)
      else { throw SaldoError.notFound(tr("no payment \(id); see `saldo payments list`")) }
      try access.requireAdministrator(of: environment, to: tr("complete a payment"))
      guard payment.provider == "sandbox" else {
        let what =
          payment.method == .invoice ? tr("an invoice top-up") : tr("not a sandbox payment")
        throw SaldoError.invalid(
          tr(
            "payment \(id) is \(what); only sandbox checkouts take an outcome by hand"))
      }
      let updated = try applyOutcome(outcome, to: payment, environment: environment)
      return TopUpResult(
        payment: updated, invoice: try updated.invoiceNumber.flatMap(store.invoice(number:)),
        isSandbox: true, replayed: false)
    }
  }

  /// Moves a payment along its lifecycle; paid books the credit and issues the invoice once.
  func applyOutcome(_ outcome: PaymentStatus, to payment: Payment, environment: Environment)
    throws -> Payment
  {
    let now = clock.now()
    var current = payment
    if current.status == .open, outcome != .canceled, outcome != .expired {
      // The checkout was started: open → pending, then the outcome.
      guard
        try store.movePayment(
          id: current.id, from: .open, to: .pending, at: now,
          actor: account.login)
      else { throw SaldoError.conflict(tr("payment \(current.id) changed meanwhile; try again")) }
      current = try reload(current)
    }
    guard current.status.canMove(to: outcome) else {
      throw SaldoError.conflict(
        tr(
          "payment \(current.id) is \(current.status.label) and cannot become \(outcome.label)"))
    }
    guard
      try store.movePayment(
        id: current.id, from: current.status, to: outcome, at: now, actor: account.login)
    else { throw SaldoError.conflict(tr("payment \(current.id) changed meanwhile; try again")) }
    if outcome == .paid {
      guard let organisation = try store.organisation(id: current.organisationID) else {
        throw SaldoError.notFound(tr("the organisation of payment \(current.id) is missing"))
      }
      _ = try credit(
        try reload(current), organisation: organisation, environment: environment,
        seller: try core.platform.seller(), means: .paid)
    }
    return try reload(current)
  }

  /// Open and pending payments past their lifetime become expired.
  @discardableResult
  public func expireStalePayments() throws -> Int {
    // Screens call this at every refresh: look first, and take the write lock only when a
    // payment is really to expire (the compare-and-set below decides again under the lock).
    let stale = try store.read {
      try store.stalePayments(now: clock.now()).contains {
        !PaymentService.isRemoteProvider($0.provider)
      }
    }
    guard stale else { return 0 }
    return try store.write {
      var count = 0
      // A remote provider's payment may still be paid after Saldo's lifetime: only the
      // provider's answer (a sync) ends it.
      for payment in try store.stalePayments(now: clock.now())
      where try !PaymentService.isRemoteProvider(payment.provider)
        && (try store.movePayment(
          id: payment.id, from: payment.status, to: .expired, at: clock.now(), actor: "system"))
      {
        count += 1
      }
      return count
    }
  }

  /// Books the credit and bonus of a payment exactly once, issues its invoice, delivers it to
  /// the Inbox-in and queues the e-mails; all in the caller's write transaction.
  private func credit(
    _ payment: Payment, organisation: Organisation, environment: Environment,
    seller: SellerProfile, means: IssuedInvoice.Means
  ) throws -> IssuedInvoice {
    let now = clock.now()
    let issueDate = Day(containing: now)
    let year = issueDate.civil.year
    let sequence = try store.nextInvoiceSequence(year: year)
    let number = TopUpInvoice.number(year: year, sequence: sequence)
    guard try store.markPaymentCredited(id: payment.id, invoiceNumber: number) else {
      throw SaldoError.conflict(tr("payment \(payment.id) was credited already"))
    }
    let invoicePayment: InvoicePayment
    let dueDate: Day
    switch means {
    case .paid:
      invoicePayment = .paid(
        payment.method == .bancontact ? .bancontact : .idealWero,
        reference: payment.checkoutReference ?? "payment-\(payment.id)")
      dueDate = issueDate
    case .bankTransfer, .directDebit:
      invoicePayment = .bankTransfer(reference: number)
      dueDate = issueDate.adding(days: TopUpRules.paymentTermDays)
    }
    let document = try TopUpInvoice.document(
      number: number, issueDate: issueDate, dueDate: dueDate, seller: seller, buyer: organisation,
      environmentName: environment.name, amount: payment.amount, bonus: payment.bonus,
      orderNumber: payment.orderNumber, payment: invoicePayment)
    // The invoice states what was paid: the VAT fixed when the payment was made must be the
    // VAT its invoice charges (an organisation's tax data cannot change while it is open).
    guard document.totals.vat == payment.vat else {
      throw SaldoError.conflict(
        tr(
          "the VAT of payment \(payment.id) (\(payment.vat.exactString)) differs from what its"
            + " invoice would charge now (\(document.totals.vat.exactString)); restore the"
            + " organisation's country and VAT id, then record the payment again"))
    }
    return try core.invoices.issue(
      document, payment: payment, organisation: organisation, environment: environment,
      means: means, year: year, sequence: sequence)
  }

  private func checkMethod(_ method: PaymentMethod, plan: Plan, environment: Environment) throws {
    if method == .directDebit {
      throw SaldoError.invalid(
        tr(
          "direct debit is how the automatic upgrade collects; for a top-up choose ideal,"
            + " bancontact or invoice"))
    }
    if let reason = try availability(of: method, plan: plan, environment: environment).reason {
      let working = try [PaymentMethod.ideal, .bancontact, .invoice]
        .filter { try availability(of: $0, plan: plan, environment: environment).isAvailable }
        .map(\.rawValue)
      // The methods are named as `--method` takes them.
      throw SaldoError.forbidden(
        working.isEmpty
          ? tr(
            "\(method.label) cannot be used: \(reason); choose another plan or change the subscription"
          )
          : tr(
            "\(method.label) cannot be used: \(reason); choose"
              + " \(working.joined(separator: tr(" or "))) or change the subscription"))
    }
  }

  private func defaultOrganisation(_ environment: Environment) throws -> Organisation {
    guard
      let first = try store.organisations(environmentID: environment.id).min(by: { $0.id < $1.id })
    else { throw SaldoError.notFound(tr("\(environment.name) has no organisation to invoice")) }
    return first
  }

  private func reload(_ payment: Payment) throws -> Payment {
    guard let fresh = try store.payment(id: payment.id) else {
      throw SaldoError.notFound(tr("payment \(payment.id) vanished"))
    }
    return fresh
  }
}
