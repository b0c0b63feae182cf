import SaldoCore
import Terminal

/// The baseline for a frame of My environment: the same data read with the C API in the
/// simplest form (one prepared statement per question, no transaction wrapper, no permission
/// check) and written as plain text into a character grid.
enum RawFrame {
  static let description =
    "the C API reading balance, 100-day window, 100 daily totals, the 16 latest entries (by"
    + " event time, as the ledger is indexed) and the"
    + " organisations, written as text into a character grid"

  @discardableResult
  static func render(
    path: String, environmentID id: Int64, anchor: Day?, size: Size, cacheSize: Int64?
  ) throws -> [UInt8] {
    let database = try RawDatabase(path: path, cacheSize: cacheSize)
    defer { database.close() }
    let today = anchor ?? Day(containing: SystemClock().now())
    let window = CreditRules.averageWindow(before: today)
    var grid = [UInt8](repeating: 32, count: size.width * size.height)
    func put(_ text: String, _ x: Int, _ y: Int) {
      guard y < size.height else { return }
      for (offset, byte) in text.utf8.enumerated() where x + offset < size.width {
        grid[y * size.width + x + offset] = byte
      }
    }

    let balance = try database.prepare("SELECT balance FROM credit WHERE environment_id = ?1")
    balance.bind(1, id)
    try balance.step()
    let credit = Money(mills: balance.int(0))
    balance.finalize()

    let daily = try database.prepare(
      """
      SELECT day, sum(amount) FROM daily_total
      WHERE environment_id = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY day
      """)
    daily.bind(1, id)
    daily.bind(2, window.lowerBound.number)
    daily.bind(3, window.upperBound.number)
    var perDay = [Int64](repeating: 0, count: 100)
    var total: Int64 = 0
    while try daily.step() {
      let index = Int(daily.int(0) - window.lowerBound.number)
      if index >= 0 && index < perDay.count { perDay[index] = daily.int(1) }
      total += daily.int(1)
    }
    daily.finalize()
    let average = CreditRules.averageDaily(windowConsumption: Money(mills: total))
    put("Credit " + MoneyFormat.display(credit) + "  average " + MoneyFormat.display(average), 2, 2)
    let highest = max(perDay.max() ?? 1, 1)
    for (column, amount) in perDay.enumerated() where column + 2 < size.width {
      let height = Int(amount * 6 / highest)
      for row in 0..<height { grid[(10 - row) * size.width + column + 2] = UInt8(ascii: "#") }
    }

    let organisations = try database.prepare(
      "SELECT name FROM organisation WHERE environment_id = ?1 ORDER BY name")
    organisations.bind(1, id)
    var row = 15
    while try organisations.step() {
      put(organisations.text(0), 2, row)
      row += 1
    }
    organisations.finalize()

    let latest = try database.prepare(
      """
      SELECT at, kind, transaction_kind, amount FROM ledger_entry
      WHERE environment_id = ?1 ORDER BY at DESC, id DESC LIMIT 16
      """)
    latest.bind(1, id)
    row = 15
    while try latest.step() {
      put(
        Instant(seconds: latest.int(0)).rfc3339 + " " + latest.text(2) + " "
          + MoneyFormat.display(Money(mills: latest.int(3))), size.width / 2, row)
      row += 1
    }
    latest.finalize()
    return grid
  }
}
