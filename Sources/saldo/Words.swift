import SaldoCore

/// A state or kind in a table or a sentence of the command line: in English the word the
/// flags take and the JSON carries (scripts and people's habits read it), in another language
/// the core's label in that language.
func word(_ raw: String, _ label: @autoclosure () -> String) -> String {
  Language.current == .en ? raw : label()
}

extension PaymentStatus {
  var word: String { saldo.word(rawValue, label) }
}

extension IssuedInvoice.PaymentState {
  var word: String { saldo.word(rawValue, label) }
}

extension MemberRole {
  var word: String { saldo.word(rawValue, label) }
}

extension DirectDebitCollection.Status {
  var word: String { saldo.word(rawValue, label) }
}

extension LedgerEntry {
  /// `consumption/receive`; in Dutch `verbruik/ontvangen`.
  var kindWord: String {
    let entry = saldo.word(kind.rawValue, kind.label)
    guard let use = transactionKind else { return entry }
    return entry + "/" + saldo.word(use.rawValue, use.useLabel)
  }
}
