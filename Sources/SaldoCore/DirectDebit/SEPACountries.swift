/// Where a SEPA Core direct debit can be collected from, by the country of the debtor's IBAN.
public enum SEPACountries {
  /// The European Economic Area: a BIC is never needed for an IBAN from here.
  public static let eea: Set<String> = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
  ]

  /// Members of the SEPA schemes outside the EEA (the EPC's list): collections from these need
  /// the debtor's BIC. Albania, Moldova, Montenegro and North Macedonia joined in 2025.
  public static let outsideEEA: Set<String> = [
    "AD", "AL", "CH", "GB", "GG", "GI", "IM", "JE", "MC", "MD", "ME", "MK", "SM", "VA",
  ]

  public static func isSEPA(_ country: String) -> Bool {
    eea.contains(country) || outsideEEA.contains(country)
  }

  /// Whether a collection from an IBAN of this country must carry the debtor's BIC.
  public static func needsBIC(_ country: String) -> Bool { outsideEEA.contains(country) }
}
