/// An exact amount of euros, counted in thousandths of a euro ("mills").
///
/// The price list has three decimals (EUR 0.171 per automatic sending), so one mill is the
/// smallest unit that represents every price and every sum of prices exactly. Arithmetic is
/// checked: an overflow throws instead of wrapping, because a wrapped balance is a wrong balance.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// Minor units per euro.
  public static let scale: Int64 = 1000
  public static let zero = Money(mills: 0)

  /// The amount in thousandths of a euro.
  public let mills: Int64

  public init(mills: Int64) { self.mills = mills }

  /// Whole cents; `Money(cents: 12345)` is EUR 123.45.
  public init(cents: Int64) throws {
    let (value, overflow) = cents.multipliedReportingOverflow(by: 10)
    if overflow { throw MoneyError.overflow }
    self.mills = value
  }

  public static func euros(_ euros: Int64) throws -> Money {
    let (value, overflow) = euros.multipliedReportingOverflow(by: scale)
    if overflow { throw MoneyError.overflow }
    return Money(mills: value)
  }

  public static func < (lhs: Money, rhs: Money) -> Bool { lhs.mills < rhs.mills }

  public func adding(_ other: Money) throws -> Money {
    let (value, overflow) = mills.addingReportingOverflow(other.mills)
    if overflow { throw MoneyError.overflow }
    return Money(mills: value)
  }

  public func subtracting(_ other: Money) throws -> Money {
    let (value, overflow) = mills.subtractingReportingOverflow(other.mills)
    if overflow { throw MoneyError.overflow }
    return Money(mills: value)
  }

  public func multiplied(by factor: Int64) throws -> Money {
    let (value, overflow) = mills.multipliedReportingOverflow(by: factor)
    if overflow { throw MoneyError.overflow }
    return Money(mills: value)
  }

  public var negated: Money { Money(mills: -mills) }
  public var isNegative: Bool { mills < 0 }
  public var isZero: Bool { mills == 0 }

  /// Whether the amount is a whole number of cents (what a payment can carry).
  public var isWholeCents: Bool { mills % 10 == 0 }

  /// Rounds to whole cents, half away from zero (the rounding of invoices and of display).
  public var roundedToCents: Money {
    let remainder = mills % 10
    var cents = mills / 10
    if remainder >= 5 { cents += 1 } else if remainder <= -5 { cents -= 1 }
    return Money(mills: cents * 10)
  }

  /// The exact decimal string used in JSON and files: `"1234.567"`, `"-0.171"`, `"250.000"`.
  public var exactString: String { MoneyFormat.exact(self) }

  /// A plain two-decimal string (`"1234.57"`), rounded half away from zero.
  public var centsString: String { MoneyFormat.plainCents(self) }

  public var description: String { exactString }
}

public enum MoneyError: Error, Equatable, CustomStringConvertible {
  case overflow

  public var description: String { tr("amount is too large to compute with") }
}
