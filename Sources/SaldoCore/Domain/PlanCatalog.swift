/// The subscriptions a new store starts with, like the platform's published price list.
/// Plans are data: the operator may change them in the store later.
public enum PlanCatalog {
  public static let defaultPlanName = "Business"

  static let standardPrices: [TransactionKind: Money] = [
    .send: Money(mills: 171), .receive: Money(mills: 341), .pdf: Money(mills: 512),
    .manual: .zero,
  ]

  static let standardTiers: [BundleTier] = [
    BundleTier(minimum: Money(mills: 500_000), bonus: Money(mills: 25_000)),
    BundleTier(minimum: Money(mills: 1_000_000), bonus: Money(mills: 75_000)),
    BundleTier(minimum: Money(mills: 2_500_000), bonus: Money(mills: 250_000)),
  ]

  /// Plans without an id yet; the store assigns ids when it seeds them. The reasons are stored
  /// in English and shown in the reader's language (`MethodAvailability.reason`).
  public static let seed: [Plan] = [
    Plan(
      id: 0, name: "Start", prices: standardPrices,
      methods: [
        .ideal: .available,
        .bancontact: .unavailable(reason: tr("Bancontact is part of the Enterprise plan", .en)),
        .invoice: .unavailable(
          reason: tr("payment by invoice needs the Business or Enterprise plan", .en)),
        .directDebit: .unavailable(
          reason: tr(
            "the automatic upgrade by direct debit needs the Business or Enterprise plan", .en)),
      ], tiers: standardTiers),
    Plan(
      id: 0, name: "Business", prices: standardPrices,
      methods: [
        .ideal: .available,
        .bancontact: .unavailable(reason: tr("Bancontact is part of the Enterprise plan", .en)),
        .invoice: .available, .directDebit: .available,
      ], tiers: standardTiers),
    Plan(
      id: 0, name: "Enterprise", prices: standardPrices,
      methods: [
        .ideal: .available, .bancontact: .available, .invoice: .available,
        .directDebit: .available,
      ],
      tiers: standardTiers + [
        BundleTier(minimum: Money(mills: 5_000_000), bonus: Money(mills: 750_000))
      ]),
  ]
}
