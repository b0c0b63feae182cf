/// Why an invoice could not be made. Each message is one line naming what to fill in or fix,
/// because it reaches the administrator who tops up, not a developer.
public enum InvoiceError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A field the invoice rules require is empty, e.g. "seller street".
  case missing(String)
  /// A field holds an identifier that does not parse.
  case invalidIdentifier(field: String, IdentifierError)
  case noLines
  /// Line `n` (1-based) has a price with a fraction of a cent.
  case notWholeCents(line: Int)
  case invalidQuantity(line: Int)
  case invalidVATRate(line: Int)
  case dueBeforeIssue
  case amountTooLarge

  public var description: String {
    switch self {
    case .missing(let field):
      return tr("the \(tr(stored: field)) is missing; fill it in before invoicing")
    case .invalidIdentifier(let field, let error):
      return tr("\(tr(stored: field)): \(error.description)")
    case .noLines:
      return tr("an invoice needs at least one line; add the credit bought")
    case .notWholeCents(let line):
      return tr("line \(line): use a price in whole cents, e.g. 250.00")
    case .invalidQuantity(let line):
      return tr("line \(line): the quantity must be 1 or more")
    case .invalidVATRate(let line):
      return tr("line \(line): use a VAT rate between 1 and 100 percent, e.g. 21")
    case .dueBeforeIssue:
      return tr("the due date is before the issue date; pick the issue date or later")
    case .amountTooLarge:
      return tr("the amounts are too large to invoice; split the invoice")
    }
  }
}
