extension SQLiteStore {
  /// Checks the guarantees the ledger makes, straight from the tables: the file is intact; each
  /// balance equals the sum of its ledger; the daily totals equal the consumption entries; no
  /// top-up is half done (credit without its payment and invoice, or the reverse); invoice
  /// numbers have no gaps or duplicates; no external event id was charged twice; at most one
  /// automatic upgrade per environment and day. Returns the problems found (empty when sound).
  public func verify() throws -> [String] {
    var problems: [String] = []
    func rows(_ sql: String, _ describe: (Statement) -> String) throws {
      let statement = try database.statement(sql)
      defer { statement.reset() }
      while try statement.step() { problems.append(describe(statement)) }
    }
    try read {
      let integrity = try database.scalarText("PRAGMA quick_check") ?? "no answer"
      if integrity != "ok" { problems.append("integrity: \(integrity)") }
      try rows(
        """
        SELECT c.environment_id, c.balance, coalesce(sum(l.amount), 0), c.entries, count(l.id)
        FROM credit c LEFT JOIN ledger_entry l ON l.environment_id = c.environment_id
        GROUP BY c.environment_id
        HAVING c.balance != coalesce(sum(l.amount), 0) OR c.entries != count(l.id)
        """
      ) {
        "environment \($0.int(0)): balance \($0.int(1)) but ledger sum \($0.int(2)),"
          + " \($0.int(3)) entries counted but \($0.int(4)) in the ledger"
      }
      try rows(
        """
        WITH ledger AS (
          SELECT environment_id, count(*) AS n, -sum(amount) AS amount FROM ledger_entry
          WHERE kind = 'consumption' GROUP BY environment_id),
        daily AS (
          SELECT environment_id, sum(count) AS n, sum(amount) AS amount FROM daily_consumption
          GROUP BY environment_id)
        SELECT coalesce(l.environment_id, d.environment_id), coalesce(l.n, 0), coalesce(d.n, 0)
        FROM ledger l FULL OUTER JOIN daily d ON d.environment_id = l.environment_id
        WHERE coalesce(l.n, 0) != coalesce(d.n, 0) OR coalesce(l.amount, 0) != coalesce(d.amount, 0)
        """
      ) { "environment \($0.int(0)): \($0.int(1)) consumption entries but daily totals count \($0.int(2))" }
      try rows(
        """
        SELECT t.environment_id, t.day, t.amount, coalesce(sum(c.amount), 0) FROM daily_total t
        LEFT JOIN daily_consumption c ON c.environment_id = t.environment_id AND c.day = t.day
        GROUP BY t.environment_id, t.day HAVING t.amount != coalesce(sum(c.amount), 0)
        UNION ALL
        SELECT c.environment_id, c.day, 0, sum(c.amount) FROM daily_consumption c
        WHERE NOT EXISTS (SELECT 1 FROM daily_total t
          WHERE t.environment_id = c.environment_id AND t.day = c.day)
        GROUP BY c.environment_id, c.day
        """
      ) { "environment \($0.int(0)), day \($0.int(1)): daily total \($0.int(2)) but \($0.int(3)) by kind" }
      try rows(
        """
        SELECT reference, count(*), environment_id FROM ledger_entry
        WHERE kind = 'consumption' AND reference IS NOT NULL
        GROUP BY environment_id, reference HAVING count(*) > 1
        """
      ) { "event \($0.text(0)) of environment \($0.int(2)) charged \($0.int(1)) times" }
      try rows(
        """
        SELECT p.id, p.credited, p.invoice_number, i.number,
          (SELECT count(*) FROM ledger_entry l WHERE l.kind = 'topup' AND l.reference = p.invoice_number)
        FROM payment p LEFT JOIN invoice i ON i.payment_id = p.id AND i.type = 'invoice'
        WHERE (p.credited = 1 AND (i.number IS NULL OR i.number != p.invoice_number
            OR (SELECT count(*) FROM ledger_entry l WHERE l.kind = 'topup'
                AND l.reference = p.invoice_number) != 1))
          OR (p.credited = 0 AND (i.number IS NOT NULL OR p.invoice_number IS NOT NULL))
          OR (p.status = 'paid' AND p.credited = 0)
          OR (p.status IN ('open', 'pending', 'failed', 'canceled', 'expired') AND p.credited = 1)
        """
      ) { "payment \($0.int(0)): half done (credited \($0.int(1)), invoice \($0.optionalText(3) ?? "none"), \($0.int(4)) credit entries)" }
      try rows(
        """
        SELECT l.reference FROM ledger_entry l
        WHERE l.kind = 'topup' AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.number = l.reference)
          AND l.reference NOT LIKE 'demo-%'
        """
      ) { "credit \($0.text(0)) without its invoice" }
      try rows(
        """
        SELECT i.year, count(*), max(i.sequence), coalesce(c.last, 0) FROM invoice i
        LEFT JOIN invoice_counter c ON c.year = i.year GROUP BY i.year
        HAVING count(*) != max(i.sequence) OR max(i.sequence) != coalesce(c.last, 0)
        """
      ) { "invoices of \($0.int(0)): \($0.int(1)) issued, highest number \($0.int(2)), counter \($0.int(3))" }
      try rows(
        """
        SELECT c.id FROM collection c JOIN payment p ON p.id = c.payment_id
        WHERE p.credited = 0 OR p.invoice_number != c.invoice_number
        """
      ) { "collection \($0.int(0)) without its credited payment and invoice" }
    }
    return problems
  }
}
