/// The VAT of one rate: the net amount taxed at it and the tax (one VAT breakdown, BG-23).
public struct VATSubtotal: Sendable, Hashable {
  /// VAT category code: S (standard rated), AE (reverse charge) or O (outside the scope).
  public let category: String
  public let percent: Int
  public let taxable: Money
  public let tax: Money

  public init(category: String = "S", percent: Int, taxable: Money, tax: Money) {
    self.category = category
    self.percent = percent
    self.taxable = taxable
    self.tax = tax
  }
}

/// The document totals, computed once so that the XML, the text and the stored key columns
/// all show the same numbers, and they add up as the EN 16931 rules (BR-CO-10 … 16) check.
public struct InvoiceTotals: Sendable, Hashable {
  /// Net amount of each line (BT-131), in the order of the lines.
  public let lineAmounts: [Money]
  /// Sum of line net amounts (BT-106).
  public let lineExtension: Money
  /// Per rate, in ascending order of rate.
  public let vatBreakdown: [VATSubtotal]
  /// Total VAT (BT-110).
  public let vat: Money
  /// Total without VAT (BT-109); equal to `lineExtension`: there are no document allowances.
  public let taxExclusive: Money
  /// Total with VAT (BT-112).
  public let taxInclusive: Money
  /// Already paid (BT-113).
  public let prepaid: Money
  /// Still to pay (BT-115).
  public let payable: Money

  /// Computes the totals. VAT is computed on the total of each rate and rounded to the cent
  /// half away from zero, as EN 16931 requires, not per line.
  public static func compute(lines: [InvoiceLine], settled: Bool, category: String = "S")
    throws(InvoiceError) -> InvoiceTotals
  {
    do {
      var net = Money.zero
      var byRate: [Int: Money] = [:]
      var amounts: [Money] = []
      for line in lines {
        let amount = try line.unitPrice.multiplied(by: line.quantity)
        amounts.append(amount)
        net = try net.adding(amount)
        byRate[line.vatPercent] = try (byRate[line.vatPercent] ?? .zero).adding(amount)
      }
      var breakdown: [VATSubtotal] = []
      var vat = Money.zero
      for (percent, taxable) in byRate.sorted(by: { $0.key < $1.key }) {
        let tax = try vatAmount(of: taxable, percent: percent)
        breakdown.append(
          VATSubtotal(category: category, percent: percent, taxable: taxable, tax: tax))
        vat = try vat.adding(tax)
      }
      let inclusive = try net.adding(vat)
      let prepaid = settled ? inclusive : Money.zero
      return InvoiceTotals(
        lineAmounts: amounts, lineExtension: net, vatBreakdown: breakdown, vat: vat,
        taxExclusive: net,
        taxInclusive: inclusive, prepaid: prepaid,
        payable: try inclusive.subtracting(prepaid))
    } catch let error as InvoiceError {
      throw error
    } catch {
      throw .amountTooLarge
    }
  }

  /// `percent` of a whole-cent amount, rounded to the cent half away from zero.
  /// Worked in cents × 100 so no fraction is ever dropped before the rounding.
  static func vatAmount(of taxable: Money, percent: Int) throws -> Money {
    let cents = taxable.mills / 10
    let (scaled, overflow) = cents.multipliedReportingOverflow(by: Int64(percent))
    if overflow { throw MoneyError.overflow }
    let magnitude = (scaled.magnitude + 50) / 100
    let rounded = Int64(magnitude) * (scaled < 0 ? -1 : 1)
    return try Money(cents: rounded)
  }
}
