/// Invoices, credit notes, their numbering and the Inbox-in. Part of `SaldoStore`; its
/// methods run inside the caller's `read` or `write`.
public protocol InvoiceStore: AnyObject {
  /// Bumps and returns the year's invoice counter (1, 2, 3, …), in the caller's transaction.
  func nextInvoiceSequence(year: Int) throws -> Int64
  func insertInvoice(_ invoice: NewInvoice) throws -> Int64
  func invoice(number: String) throws -> IssuedInvoice?
  func invoices(organisationID: Int64, limit: Int) throws -> [IssuedInvoice]
  func invoices(environmentID: Int64, limit: Int) throws -> [IssuedInvoice]
  func markInvoicePaid(number: String, at: Instant) throws -> Bool
  /// Links the credit note that credits an invoice in full; only once (false otherwise).
  func markInvoiceCredited(number: String, by creditNote: String) throws -> Bool
  /// Links the corrected invoice that replaces one; only once (false otherwise).
  func markInvoiceReplaced(number: String, by replacement: String) throws -> Bool
  /// Ties a correction entry to the invoice whose credit it takes back.
  func linkCorrection(entryID: Int64, invoiceNumber: String) throws
  /// Invoices to be paid by bank transfer, still open and not credited, due before `day`
  /// (oldest due first); of one environment, or of all.
  func openBankTransferInvoices(dueBefore day: Day, environmentID: Int64?) throws
    -> [IssuedInvoice]
  func deliverToInbox(invoiceID: Int64, organisationID: Int64, at: Instant) throws
  func markRead(invoiceID: Int64) throws
  /// Unread Inbox-in invoices per organisation of the environment.
  func unreadCounts(environmentID: Int64) throws -> [Int64: Int]
}
