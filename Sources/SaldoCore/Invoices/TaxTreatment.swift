/// The VAT category of an invoice (UNCL 5305 codes as EN 16931 uses them).
public enum VATCategory: String, Sendable, Hashable, CaseIterable {
  /// Standard rated: Dutch VAT charged.
  case standard = "S"
  /// Intra-community service to a business: the buyer accounts for the VAT.
  case reverseCharge = "AE"
  /// Service to a customer outside the EU: not subject to (EU) VAT.
  case outsideScope = "O"
}

/// How VAT applies to one invoice: its category, rate and, when no VAT is charged, the
/// exemption reason the invoice must state (BR-AE-10, BR-O-10).
///
/// Decided in one place (`decide`) so the dialog, `topup --json`, the invoice, the direct-debit
/// amount and the monthly cap never disagree, and stored with each invoice so a credit note
/// corrects it with the same treatment even after the organisation's data changed.
public struct TaxTreatment: Sendable, Hashable {
  public let category: VATCategory
  /// The rate in whole percent; 0 for reverse charge and outside the scope.
  public let percent: Int

  /// The standard-rated treatment at the Dutch rate of `day`.
  public static func standard(on day: Day) -> TaxTreatment {
    TaxTreatment(category: .standard, percent: dutchStandardRate(on: day))
  }

  public static let reverseCharge = TaxTreatment(category: .reverseCharge, percent: 0)
  public static let outsideScope = TaxTreatment(category: .outsideScope, percent: 0)

  /// The treatment of a stored category, as it was on the invoice's issue date.
  public static func stored(_ code: String, issued day: Day) -> TaxTreatment? {
    switch VATCategory(rawValue: code) {
    case .standard: return standard(on: day)
    case .reverseCharge: return reverseCharge
    case .outsideScope: return outsideScope
    case nil: return nil
    }
  }

  /// The EU member states (ISO codes; Greece is GR here, EL only as a VAT prefix).
  public static let memberStates: Set<String> = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
  ]

  /// Decides the treatment of a top-up invoice issued on `day` by a seller to a buyer, from
  /// their data on that day. Transaction credit is a service to the buyer, so the place of
  /// supply is the buyer's country (for a business); see the table in the README.
  ///
  /// - buyer in the seller's country, or in the EU without a VAT id: standard rate (S);
  /// - buyer in another member state with a VAT id of that country: reverse charge (AE);
  /// - buyer outside the EU: outside the scope of EU VAT (O).
  /// A buyer without a country is treated as in the seller's country: the invoice itself then
  /// refuses to be made until the country is set.
  public static func decide(seller: PartyDetails, buyer: PartyDetails, on day: Day)
    -> TaxTreatment
  {
    let sellerCountry = seller.country?.uppercased() ?? "NL"
    guard let country = buyer.country?.uppercased(), country != sellerCountry else {
      return standard(on: day)
    }
    guard memberStates.contains(country) else { return outsideScope }
    if let id = buyer.vat, id.country == country {
      return reverseCharge
    }
    return standard(on: day)
  }

  /// The exemption reason code (BT-121) when no VAT is charged.
  public var exemptionReasonCode: String? {
    switch category {
    case .standard: return nil
    case .reverseCharge: return "VATEX-EU-AE"
    case .outsideScope: return "VATEX-EU-O"
    }
  }

  /// The exemption reason text (BT-120) when no VAT is charged, as the UBL carries it.
  public var exemptionReason: String? { exemptionReason(in: .en) }

  /// The exemption reason in a language, for the invoice's text rendering.
  public func exemptionReason(in language: Language) -> String? {
    switch category {
    case .standard: return nil
    case .reverseCharge: return tr("Reverse charge", language)
    case .outsideScope: return tr("Not subject to VAT", language)
    }
  }

  /// The VAT line's label on screens and invoices: "VAT 21%", "VAT reverse charged (0%)",
  /// "No VAT (outside the scope of EU VAT)", in the reader's language.
  public var label: String { label(in: .current) }

  public func label(in language: Language) -> String {
    switch category {
    case .standard: return tr("VAT \(percent)%", language)
    case .reverseCharge: return tr("VAT reverse charged (0%)", language)
    case .outsideScope: return tr("No VAT (outside the scope of EU VAT)", language)
    }
  }

  /// A short phrase for totals in running text: "incl. 21% VAT", "VAT reverse charged", in
  /// the reader's language.
  public var inclusionPhrase: String { inclusionPhrase(in: .current) }

  public func inclusionPhrase(in language: Language) -> String {
    switch category {
    case .standard: return tr("incl. \(percent)% VAT", language)
    case .reverseCharge: return tr("VAT reverse charged", language)
    case .outsideScope: return tr("no VAT, outside the scope of EU VAT", language)
    }
  }

  /// VAT on a whole-cent net amount, rounded to the cent half away from zero (EN 16931).
  public func vat(on net: Money) -> Money {
    guard percent != 0 else { return .zero }
    let cents = net.mills / 10
    let (product, overflow) = cents.multipliedReportingOverflow(by: Int64(percent))
    guard !overflow else { return Money(mills: Int64.max / 2) }
    let magnitude = (product.magnitude + 50) / 100
    return Money(mills: Int64(magnitude) * 10 * (product < 0 ? -1 : 1))
  }

  /// The Dutch standard rate: 21% since 1 October 2012. A future change is a new row here,
  /// and invoices keep the rate of their issue date.
  static func dutchStandardRate(on day: Day) -> Int { 21 }
}
