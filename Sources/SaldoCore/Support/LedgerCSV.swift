/// The ledger as CSV, the same for `saldo transactions --csv` and the TUI's export.
public enum LedgerCSV {
  public static let header = "id,at,kind,transaction_kind,organisation,amount,reference,actor"

  public static func row(_ entry: LedgerEntry, organisations: [Int64: String]) -> String {
    [
      String(entry.id), entry.at.rfc3339, entry.kind.rawValue,
      entry.transactionKind?.rawValue ?? "",
      field(entry.organisationID.flatMap { organisations[$0] } ?? ""), entry.amount.exactString,
      field(entry.reference ?? ""), field(entry.actor),
    ].joined(separator: ",")
  }

  /// A text field for spreadsheets: quoted when needed, and text a spreadsheet would run as a
  /// formula (starting with = + - @) gets an apostrophe first.
  public static func field(_ text: String) -> String {
    var value = Sanitize.line(text, limit: 10_000)
    if let first = value.first, "=+-@".contains(first) { value = "'" + value }
    guard value.contains(where: { $0 == "," || $0 == "\"" }) else { return value }
    var escaped = "\""
    for character in value {
      if character == "\"" { escaped += "\"\"" } else { escaped.append(character) }
    }
    return escaped + "\""
  }
}
