/// What Pay and upgrade offers an administrator, read in one snapshot.
public struct TopUpOptions: Sendable {
  /// A fresh key: booking the same dialog twice books once.
  public var idempotencyKey: String
  public var plan: Plan
  public var organisations: [Organisation]
  /// Every manual method, each with whether it can be used now and why not.
  public var methods: [(method: PaymentMethod, availability: MethodAvailability)]
  /// The VAT treatment of each organisation, so the dialog's VAT line matches the invoice.
  public var taxes: TopUpTaxes
}

/// What Edit automatic upgrade opens with, read in one snapshot.
public struct AutoUpgradeOptions: Sendable {
  /// nil when the automatic upgrade was never set up.
  public var settings: AutoUpgradeSettings?
  public var organisations: [Organisation]
  /// The latest things the automatic upgrade did, newest first.
  public var events: [AutoUpgradeEvent]
  /// Why the subscription does not allow the automatic upgrade, if it does not.
  public var planReason: String?
}

extension TopUpService {
  /// The top-up options of an environment, for its administrators (operators may look at the
  /// credit, not buy it).
  public func topUpOptions(of environment: Environment) throws -> TopUpOptions {
    try store.read {
      try access.requireAdministrator(of: environment, to: tr("top up the credit"))
      return TopUpOptions(
        idempotencyKey: Self.newIdempotencyKey(), plan: try core.directory.plan(of: environment),
        organisations: try core.directory.organisations(of: environment),
        methods: try manualPaymentMethods(of: environment),
        taxes: try topUpTaxes(of: environment))
    }
  }
}

extension AutoUpgradeService {
  /// The settings and choices of Edit automatic upgrade, for its administrators; Save is
  /// checked again by the core.
  public func autoUpgradeOptions(of environment: Environment) throws -> AutoUpgradeOptions {
    try store.read {
      try access.requireAdministrator(of: environment, to: tr("change the automatic upgrade"))
      return AutoUpgradeOptions(
        settings: try settings(of: environment),
        organisations: try core.directory.organisations(of: environment),
        events: try autoUpgradeEvents(of: environment, limit: 5),
        planReason: try core.directory.plan(of: environment).availability(of: .directDebit).reason)
    }
  }
}
