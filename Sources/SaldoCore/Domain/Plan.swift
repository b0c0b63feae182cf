/// A subscription: prices per transaction kind, payment methods, and bundle tiers.
public struct Plan: Sendable, Hashable, Codable {
  public let id: Int64
  public let name: String
  public let prices: [TransactionKind: Money]
  /// Every payment method with whether this plan can activate it and, when not, why.
  public let methods: [PaymentMethod: MethodAvailability]
  /// Bonus credit for top-ups of at least `minimum`, highest tier reached wins.
  public let tiers: [BundleTier]

  public init(
    id: Int64, name: String, prices: [TransactionKind: Money],
    methods: [PaymentMethod: MethodAvailability], tiers: [BundleTier]
  ) {
    self.id = id
    self.name = name
    self.prices = prices
    self.methods = methods
    self.tiers = tiers.sorted { $0.minimum < $1.minimum }
  }

  public func price(of kind: TransactionKind) -> Money { prices[kind] ?? .zero }

  public func availability(of method: PaymentMethod) -> MethodAvailability {
    methods[method]
      ?? .unavailable(reason: tr("the \(name) plan does not offer \(method.label)"))
  }

  public var activatableMethods: [PaymentMethod] {
    PaymentMethod.allCases.filter { availability(of: $0).isAvailable }
  }

  /// The bonus credit a top-up of `amount` earns: the highest tier it reaches.
  public func bonus(for amount: Money) -> Money {
    tiers.last(where: { amount >= $0.minimum })?.bonus ?? .zero
  }
}

public enum MethodAvailability: Sendable, Hashable, Codable {
  case available
  case unavailable(reason: String)

  public var isAvailable: Bool {
    if case .available = self { return true }
    return false
  }

  /// Why not, in the reader's language. The plans' reasons are stored as written (English)
  /// and looked up in the catalog when shown.
  public var reason: String? { reason(in: .current) }

  public func reason(in language: Language) -> String? {
    guard case .unavailable(let reason) = self else { return nil }
    return tr(stored: reason, language)
  }
}

public struct BundleTier: Sendable, Hashable, Codable {
  public let minimum: Money
  public let bonus: Money
  public init(minimum: Money, bonus: Money) {
    self.minimum = minimum
    self.bonus = bonus
  }
}
