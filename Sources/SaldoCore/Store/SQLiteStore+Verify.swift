extension SQLiteStore {
  /// Checks the guarantees the ledger makes, straight from the tables: the file is intact; each
  /// balance equals the sum of its ledger; the daily totals equal the consumption entries, and
  /// so do their running sums (with the pending carry added, whose start day has a row) and each
  /// remembered 100-day window; no top-up is half done (credit without its payment and invoice,
  /// or the reverse); invoice numbers have no gaps or duplicates; no external event id was
  /// charged twice, and each carries the hash it is found by; at most one automatic upgrade per
  /// environment and day. Returns the problems found (empty when sound).
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
      ) {
        "environment \($0.int(0)): \($0.int(1)) consumption entries but daily totals count \($0.int(2))"
      }
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
      ) {
        "environment \($0.int(0)), day \($0.int(1)): daily total \($0.int(2)) but \($0.int(3)) by kind"
      }
      try rows(
        """
        SELECT environment_id, day, cumulative, running FROM (
          SELECT t.environment_id, t.day,
            t.cumulative
              + CASE WHEN t.day >= c.pending_from THEN c.pending_amount ELSE 0 END AS cumulative,
            sum(t.amount) OVER (PARTITION BY t.environment_id ORDER BY t.day) AS running
          FROM daily_total t LEFT JOIN credit c ON c.environment_id = t.environment_id)
        WHERE cumulative != running
        """
      ) {
        "environment \($0.int(0)), day \($0.int(1)): running total \($0.int(2)) but \($0.int(3)) by day"
      }
      // Readers take the pending carry's start for a day with a row: a day without one would
      // leave the carry out of the days after it.
      try rows(
        """
        SELECT environment_id, pending_from, pending_amount FROM credit c
        WHERE (pending_from IS NULL AND pending_amount != 0)
          OR (pending_from IS NOT NULL AND NOT EXISTS (SELECT 1 FROM daily_total t
            WHERE t.environment_id = c.environment_id AND t.day = c.pending_from))
        """
      ) {
        let carry = "environment \($0.int(0)): pending carry \($0.int(2))"
        guard let from = $0.optionalInt(1) else { return carry + " without a day it starts on" }
        return carry + " from day \(from), which has no daily total"
      }
      try rows(
        """
        SELECT environment_id, window_first, window_last, window_amount, summed FROM (
          SELECT c.environment_id, c.window_first, c.window_last, c.window_amount,
            (SELECT coalesce(sum(t.amount), 0) FROM daily_total t
              WHERE t.environment_id = c.environment_id
                AND t.day BETWEEN c.window_first AND c.window_last) AS summed
          FROM credit c WHERE c.window_first IS NOT NULL OR c.window_last IS NOT NULL)
        WHERE window_first IS NULL OR window_last IS NULL OR window_first > window_last
          OR window_amount != summed
        """
      ) {
        let first = $0.optionalInt(1).map(String.init) ?? "none"
        let days = "\(first)..\($0.optionalInt(2).map(String.init) ?? "none")"
        return "environment \($0.int(0)): remembered window of days \(days) holds \($0.int(3))"
          + " but the daily totals sum to \($0.int(4))"
      }
      try verifyEventIDs(rows)
      try rows(
        """
        WITH credits AS MATERIALIZED (
          -- Top-up entries counted in one pass over the ledger: a subquery per payment read
          -- the whole ledger again for every payment (no index serves top-ups by reference).
          SELECT reference, count(*) AS n FROM ledger_entry WHERE kind = 'topup'
          GROUP BY reference)
        SELECT p.id, p.credited, p.invoice_number, i.number, coalesce(k.n, 0)
        FROM payment p LEFT JOIN invoice i ON i.payment_id = p.id AND i.type = 'invoice'
          AND i.replaces IS NULL
        LEFT JOIN credits k ON k.reference = p.invoice_number
        WHERE (p.credited = 1 AND (i.number IS NULL OR i.number != p.invoice_number
            OR coalesce(k.n, 0) != 1))
          OR (p.credited = 0 AND (i.number IS NOT NULL OR p.invoice_number IS NOT NULL))
          OR (p.status = 'paid' AND p.credited = 0)
          OR (p.status IN ('open', 'pending', 'failed', 'canceled', 'expired') AND p.credited = 1)
        """
      ) {
        "payment \($0.int(0)): half done (credited \($0.int(1)), invoice \($0.optionalText(3) ?? "none"), \($0.int(4)) credit entries)"
      }
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
      ) {
        "invoices of \($0.int(0)): \($0.int(1)) issued, highest number \($0.int(2)), counter \($0.int(3))"
      }
      try rows(
        """
        SELECT c.id FROM collection c JOIN payment p ON p.id = c.payment_id
        WHERE p.credited = 0 OR p.invoice_number != c.invoice_number
        """
      ) { "collection \($0.int(0)) without its credited payment and invoice" }
      try verifyLifecycle(rows)
      try verifyRemotePayments(rows)
    }
    return problems
  }

  /// No external event id charged twice in one environment. Nothing in the schema enforces it
  /// since the ids are indexed by hash: each consumption entry must carry the hash of its id
  /// (and no other entry a hash), and among the entries of an environment with an equal hash,
  /// which the index lists side by side, no two may have the same id.
  private func verifyEventIDs(_ rows: (String, (Statement) -> String) throws -> Void) throws {
    try rows(
      """
      SELECT id, environment_id, CASE
          WHEN event_hash IS NULL THEN 'no hash of its event id'
          WHEN kind = 'consumption' AND reference IS NOT NULL
            THEN 'an event hash that is not the hash of its id'
          ELSE 'an event hash but no consumption event id' END
      FROM ledger_entry
      WHERE CASE WHEN kind = 'consumption' AND reference IS NOT NULL
        THEN event_hash IS NOT \(Database.eventHashFunction)(reference)
        ELSE event_hash IS NOT NULL END
      """
    ) { "ledger entry \($0.int(0)) of environment \($0.int(1)) has \($0.text(2))" }
    try rows(
      """
      WITH shared AS (
        SELECT environment_id, event_hash FROM ledger_entry
        WHERE kind = 'consumption' AND event_hash IS NOT NULL
        GROUP BY environment_id, event_hash HAVING count(*) > 1)
      SELECT l.reference, count(*), l.environment_id FROM shared s
      JOIN ledger_entry l ON l.environment_id = s.environment_id AND l.event_hash = s.event_hash
        AND l.kind = 'consumption'
      GROUP BY l.environment_id, l.reference HAVING count(*) > 1
      """
    ) { "event \($0.text(0)) of environment \($0.int(2)) charged \($0.int(1)) times" }
  }

  /// The money lifecycle's invariants: each invoice credited at most once and in full; no
  /// collection in two files or in a state its file and invoice contradict; every open
  /// direct-debit invoice has a live collection; and for every top-up, the credit booked equals
  /// the credit owed on its path (issued, paid, settled, returned, withdrawn, cancelled,
  /// reissued); a credit note corrects with its invoice's VAT treatment and amount, and no
  /// invoice charges VAT under reverse charge or outside the scope.
  private func verifyLifecycle(_ rows: (String, (Statement) -> String) throws -> Void) throws {
    try rows(
      """
      SELECT corrects, count(*) FROM invoice WHERE type = 'credit-note'
      GROUP BY corrects HAVING count(*) > 1
      """
    ) { "invoice \($0.text(0)) credited by \($0.int(1)) credit notes" }
    try rows(
      """
      SELECT i.number, coalesce(i.credited_by, 'none') FROM invoice i
      WHERE i.type = 'invoice' AND (
        (i.credited_by IS NULL AND EXISTS(SELECT 1 FROM invoice n
          WHERE n.type = 'credit-note' AND n.corrects = i.number))
        OR (i.credited_by IS NOT NULL AND NOT EXISTS(SELECT 1 FROM invoice n
          WHERE n.type = 'credit-note' AND n.corrects = i.number AND n.number = i.credited_by)))
      """
    ) { "invoice \($0.text(0)): its credit note and its credited state disagree (\($0.text(1)))" }
    try rows(
      """
      SELECT n.number, n.corrects FROM invoice n JOIN invoice i ON i.number = n.corrects
      WHERE n.type = 'credit-note' AND n.net != i.net
      """
    ) { "credit note \($0.text(0)) does not credit the whole of invoice \($0.text(1))" }
    try rows(
      """
      SELECT n.number, n.tax_category, i.number, i.tax_category FROM invoice n
      JOIN invoice i ON i.number = n.corrects
      WHERE n.type = 'credit-note' AND (n.tax_category != i.tax_category OR n.vat != i.vat)
      """
    ) {
      "credit note \($0.text(0)) (\($0.text(1))) does not correct with the VAT treatment of"
        + " invoice \($0.text(2)) (\($0.text(3)))"
    }
    try rows(
      """
      SELECT number, tax_category FROM invoice WHERE tax_category IN ('AE', 'O') AND vat != 0
      """
    ) { "invoice \($0.text(0)) charges VAT under category \($0.text(1)), which has none" }
    try rows(
      """
      SELECT collection_id, count(*) FROM sepa_file_item GROUP BY collection_id
      HAVING count(*) > 1
      """
    ) { "collection \($0.int(0)) exported in \($0.int(1)) SEPA files" }
    try rows(
      """
      SELECT c.id, c.status FROM collection c
      WHERE (c.status IN ('exported', 'settled', 'returned')
          AND (c.file_id IS NULL OR NOT EXISTS(SELECT 1 FROM sepa_file_item f
            WHERE f.collection_id = c.id AND f.file_id = c.file_id)))
        OR (c.status IN ('scheduled', 'withdrawn')
          AND (c.file_id IS NOT NULL
            OR EXISTS(SELECT 1 FROM sepa_file_item f WHERE f.collection_id = c.id)))
      """
    ) { "collection \($0.int(0)) is \($0.text(1)) but its SEPA file says otherwise" }
    try rows(
      """
      SELECT c.id, c.status, i.number FROM collection c JOIN invoice i ON i.number = c.invoice_number
      WHERE (c.status IN ('scheduled', 'exported') AND i.credited_by IS NOT NULL)
        OR (c.status = 'settled' AND i.credited_by IS NOT NULL AND i.replaced_by IS NULL)
        OR (c.status IN ('returned', 'withdrawn') AND i.credited_by IS NULL)
        OR (c.status = 'settled' AND i.payment_status != 'paid')
      """
    ) { "collection \($0.int(0)) is \($0.text(1)) but invoice \($0.text(2)) does not agree" }
    try rows(
      """
      SELECT i.number FROM invoice i
      WHERE i.type = 'invoice' AND i.means = 'direct-debit' AND i.replaces IS NULL
        AND i.credited_by IS NULL AND i.payment_status = 'open'
        AND NOT EXISTS(SELECT 1 FROM collection c
          WHERE c.invoice_number = i.number AND c.status IN ('scheduled', 'exported'))
      """
    ) { "open direct-debit invoice \($0.text(0)) has no live collection" }
    try rows(
      """
      WITH topups AS (
        SELECT reference, sum(amount) AS amount FROM ledger_entry
        WHERE kind IN ('topup', 'bonus') GROUP BY reference),
      chain AS (
        SELECT payment_id, number, credited_by, replaced_by FROM invoice
        WHERE type = 'invoice' AND payment_id IS NOT NULL),
      booked AS (
        SELECT c.payment_id, t.amount FROM chain c JOIN topups t ON t.reference = c.number
        UNION ALL
        SELECT c.payment_id, l.amount FROM chain c
        JOIN invoice_correction k ON k.invoice_number = c.number
        JOIN ledger_entry l ON l.id = k.ledger_entry_id),
      owed AS (
        SELECT p.id AS payment_id,
          CASE WHEN EXISTS(SELECT 1 FROM chain c WHERE c.payment_id = p.id
            AND c.replaced_by IS NULL AND c.credited_by IS NULL)
          THEN p.amount + p.bonus ELSE 0 END AS amount
        FROM payment p WHERE p.credited = 1)
      SELECT o.payment_id, o.amount,
        coalesce((SELECT sum(b.amount) FROM booked b WHERE b.payment_id = o.payment_id), 0) AS got
      FROM owed o WHERE o.amount != got
      """
    ) {
      "payment \($0.int(0)): credit booked \(Money(mills: $0.int(2)).exactString) but owed"
        + " \(Money(mills: $0.int(1)).exactString) on its path"
    }
  }

  /// Payments taken through a remote provider (Mollie): each one that moved past open is
  /// known there by a reference no other payment has, and checkout links belong only to them.
  private func verifyRemotePayments(_ rows: (String, (Statement) -> String) throws -> Void)
    throws
  {
    try rows(
      """
      SELECT id, status FROM payment
      WHERE provider LIKE 'mollie%' AND status IN ('pending', 'paid', 'failed')
        AND checkout_reference IS NULL
      """
    ) { "payment \($0.int(0)) is \($0.text(1)) at Mollie but has no Mollie id" }
    try rows(
      """
      SELECT checkout_reference, count(*) FROM payment
      WHERE provider LIKE 'mollie%' AND checkout_reference IS NOT NULL
      GROUP BY checkout_reference HAVING count(*) > 1
      """
    ) { "Mollie payment \($0.text(0)) is recorded for \($0.int(1)) payments" }
    try rows(
      """
      SELECT c.payment_id FROM payment_checkout c LEFT JOIN payment p ON p.id = c.payment_id
      WHERE p.id IS NULL OR p.provider NOT LIKE 'mollie%'
      """
    ) { "checkout link of payment \($0.int(0)) without a Mollie payment" }
  }
}
