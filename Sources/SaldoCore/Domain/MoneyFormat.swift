/// Formatting and parsing of money: the one place that turns amounts into text and back.
public enum MoneyFormat {
  /// The largest amount a person may enter: one billion euros. Anything above is a typo.
  public static let maximumEntered = Money(mills: 1_000_000_000 * Money.scale)

  static func exact(_ money: Money) -> String {
    let negative = money.mills < 0
    let magnitude = money.mills.magnitude
    let whole = magnitude / UInt64(Money.scale)
    let fraction = magnitude % UInt64(Money.scale)
    let fractionText = String(fraction)
    let padded = String(repeating: "0", count: 3 - fractionText.count) + fractionText
    return (negative ? "-" : "") + String(whole) + "." + padded
  }

  static func plainCents(_ money: Money) -> String {
    let rounded = money.roundedToCents
    let negative = rounded.mills < 0
    let cents = rounded.mills.magnitude / 10
    let fraction = cents % 100
    return (negative ? "-" : "") + String(cents / 100) + "." + (fraction < 10 ? "0" : "")
      + String(fraction)
  }

  /// Dutch display, rounded to the cent: `€ 1.234,56`, `-€ 12,00`. ASCII terminals get `EUR`.
  public static func display(_ money: Money, ascii: Bool = false) -> String {
    let rounded = money.roundedToCents
    let cents = rounded.mills.magnitude / 10
    return dutch(
      negative: rounded.mills < 0, whole: cents / 100, fraction: String(cents % 100), digits: 2,
      ascii: ascii)
  }

  /// Display with all three decimals where the amount needs them (prices, consumption):
  /// `€ 0,171`; whole cents show as `display` does.
  public static func displayPrice(_ money: Money, ascii: Bool = false) -> String {
    if money.isWholeCents { return display(money, ascii: ascii) }
    let magnitude = money.mills.magnitude
    return dutch(
      negative: money.mills < 0, whole: magnitude / UInt64(Money.scale),
      fraction: String(magnitude % UInt64(Money.scale)), digits: 3, ascii: ascii)
  }

  private static func dutch(
    negative: Bool, whole: UInt64, fraction: String, digits: Int, ascii: Bool
  ) -> String {
    var wholeText = String(whole)
    var grouped = ""
    while wholeText.count > 3 {
      grouped = "." + wholeText.suffix(3) + grouped
      wholeText.removeLast(3)
    }
    let symbol = ascii ? "EUR " : "€ "
    let paddedFraction = String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
    return (negative ? "-" : "") + symbol + wholeText + grouped + "," + paddedFraction
  }

  /// Parses an amount a person typed: `250`, `250.00`, `250,00`, `€ 250`, `EUR 1.234,56`,
  /// `1,234.56`. At most `maxDecimals` decimals; never negative, never above `maximumEntered`.
  ///
  /// One separator followed by exactly three digits (`1.000`, `2,500`) could be a thousands
  /// separator or a decimal mark. `reading` decides: on the command line both are refused with
  /// a message offering both readings; in a form field (`.dialog`, the default, where a review
  /// step shows what the amount became) a dot is read as Dutch thousands (`1.000` is
  /// € 1.000,00) and a comma as the Dutch decimal mark (so `1,000` has too many decimals).
  /// `1.000,00` and `1000` mean a thousand everywhere.
  public static func parse(
    _ input: String, maxDecimals: Int = 2, reading: AmountReading = .dialog
  ) throws(AmountError) -> Money {
    var text = input.trimmingWhitespace()
    for prefix in ["€", "EUR", "eur", "Eur"] where text.hasPrefix(prefix) {
      text = String(text.dropFirst(prefix.count)).trimmingWhitespace()
    }
    if text.hasSuffix("€") { text = String(text.dropLast()).trimmingWhitespace() }
    if text.isEmpty { throw .empty }
    if text.hasPrefix("-") { throw .negative }
    if text.hasPrefix("+") { text.removeFirst() }
    guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else {
      throw .notANumber(input)
    }
    let separators = text.filter { $0 == "." || $0 == "," }
    var wholePart = text
    var fractionPart = ""
    if let last = text.lastIndex(where: { $0 == "." || $0 == "," }) {
      let lastSeparator = text[last]
      let tail = String(text[text.index(after: last)...])
      let head = String(text[..<last])
      let kinds = Set(separators)
      // One kind of separator appearing once with other than three digits after it is a
      // decimal mark; "1.234" alone is ambiguous, and we read it as a decimal mark too,
      // because amounts of credit are entered as "12.50" far more often than "1.234".
      if kinds.count == 2 {
        guard separators.last == lastSeparator,
          separators.filter({ $0 == lastSeparator }).count == 1
        else { throw .notANumber(input) }
        wholePart = head.filter { $0 != "." && $0 != "," }
        guard validGrouping(head) else { throw .notANumber(input) }
        fractionPart = tail
      } else if separators.count == 1 {
        wholePart = head
        fractionPart = tail
        if maxDecimals < 3, tail.count == 3, validGrouping(text) {
          if reading == .dialog {
            // Dutch: a dot groups thousands, a comma is the decimal mark (three decimals are
            // then refused below, as too many).
            if lastSeparator == "." {
              wholePart = head + tail
              fractionPart = ""
            }
          } else {
            throw .ambiguous(
              input, thousands: head + tail, decimal: head + String(lastSeparator) + tail.prefix(2))
          }
        }
      } else {
        // Several of one kind: thousands grouping only ("1.234.567").
        guard validGrouping(text) else { throw .notANumber(input) }
        wholePart = text.filter { $0 != "." && $0 != "," }
        fractionPart = ""
      }
    }
    if wholePart.isEmpty && fractionPart.isEmpty { throw .notANumber(input) }
    if fractionPart.count > maxDecimals { throw .tooManyDecimals(maxDecimals) }
    let digits = wholePart.drop { $0 == "0" }
    if digits.count > 10 { throw .tooLarge }
    guard let whole = Int64(digits.isEmpty ? "0" : String(digits)) else { throw .notANumber(input) }
    let paddedFraction = fractionPart + String(repeating: "0", count: 3 - fractionPart.count)
    guard let fraction = Int64(paddedFraction) else { throw .notANumber(input) }
    let money = Money(mills: whole * Money.scale + fraction)
    if money > maximumEntered { throw .tooLarge }
    return money
  }

  /// Parses an exact decimal as stored or written by `exactString` (may be negative; 3 decimals).
  public static func parseExact(_ input: String) throws(AmountError) -> Money {
    var text = input.trimmingWhitespace()
    let negative = text.hasPrefix("-")
    if negative { text.removeFirst() }
    guard !text.contains(",") else { throw .notANumber(input) }
    let money = try parse(text, maxDecimals: 3, reading: .commandLine)
    return negative ? money.negated : money
  }

  private static func validGrouping(_ text: String) -> Bool {
    let groups = text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
    guard let first = groups.first, !first.isEmpty, first.count <= 3 else { return false }
    return groups.dropFirst().allSatisfy { $0.count == 3 }
  }
}

/// How an amount with one separator and three digits after it (`1.000`) is read.
public enum AmountReading: Sendable, Hashable {
  /// A command line or file: refused as ambiguous, with both readings offered.
  case commandLine
  /// A form field whose value is shown back before it is used (Pay and upgrade, the automatic
  /// upgrade's amount): a dot is read as Dutch thousands.
  case dialog
}

/// Why a typed amount was refused; the text says what to type instead.
public enum AmountError: Error, Equatable, CustomStringConvertible {
  case empty
  case negative
  case notANumber(String)
  case tooManyDecimals(Int)
  case tooLarge
  case zero
  /// `1.000` or `1,000`: a thousand, or one with three decimals.
  case ambiguous(String, thousands: String, decimal: String)

  public var description: String {
    switch self {
    case .empty: return tr("enter an amount, e.g. 250 or 250,00")
    case .negative: return tr("the amount must be positive: credit is only ever added")
    case .notANumber(let text):
      return tr("\"\(Sanitize.line(text, limit: 40))\" is not an amount; type e.g. 250 or 250,00")
    case .tooManyDecimals(let n):
      return n == 2 ? tr("use at most two decimals (whole cents)") : tr("use at most \(n) decimals")
    case .tooLarge: return tr("the amount is too large; enter at most € 1.000.000.000")
    case .zero: return tr("the amount must be more than zero")
    case .ambiguous(let text, let thousands, let decimal):
      return tr(
        "\"\(Sanitize.line(text, limit: 40))\" could mean \(thousands) or \(decimal); type"
          + " \(thousands) or \(decimal) to say which")
    }
  }
}

extension String {
  func trimmingWhitespace() -> String {
    // Nothing to trim, the usual case, shows in the first and last bytes: no copy.
    if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20,
      last < 0x80
    {
      return self
    }
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }

  func replacingOccurrences(_ target: Character, _ replacement: Character) -> String {
    String(map { $0 == target ? replacement : $0 })
  }
}
