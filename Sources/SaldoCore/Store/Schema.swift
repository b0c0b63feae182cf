/// The schema as an ordered list of migrations; `PRAGMA user_version` records how many ran.
/// A migration is never edited once released: change the schema by appending one.
enum Schema {
  /// Written into `PRAGMA application_id` so another program's SQLite file is recognised.
  static let applicationID: Int64 = 0x5341_4C44  // "SALD"

  static let migrations: [String] = [
    foundation, topUps, autoUpgrade, dailyTotals, MoneyLifecycleSchema.migration, tenantScopes,
    ledgerByEventTime, crossBorderTax, remoteCheckouts, sshKeys, dailyCumulative, languages,
    hashedEventIDs, ledgerOneOrder, rememberedWindow, pendingCarry,
  ]

  static var currentVersion: Int { migrations.count }

  /// Brings the database to the current version inside one write transaction, or refuses a
  /// database from a newer Saldo, or a SQLite file of another application.
  /// Returns whether anything was migrated.
  @discardableResult
  static func migrate(_ db: Database) throws -> Bool {
    // The common case, an up-to-date database, needs no write lock: two pragma reads.
    if try db.scalarInt("PRAGMA user_version") == Int64(currentVersion),
      try db.scalarInt("PRAGMA application_id") == applicationID
    {
      return false
    }
    // A migration may rebuild a table that others reference (SQLite's documented way to change
    // a constraint); that needs foreign keys off, which cannot change inside a transaction.
    // Each migration's result is checked with foreign_key_check before it commits.
    try db.execute("PRAGMA foreign_keys=OFF")
    defer { try? db.execute("PRAGMA foreign_keys=ON") }
    return try db.write {
      let version = Int(try db.scalarInt("PRAGMA user_version") ?? 0)
      let application = try db.scalarInt("PRAGMA application_id") ?? 0
      if version > currentVersion {
        throw StoreError.newerVersion(path: db.path, found: version, supported: currentVersion)
      }
      if version == 0 {
        let tables = try db.scalarInt("SELECT count(*) FROM sqlite_schema") ?? 0
        if tables > 0 || (application != 0 && application != applicationID) {
          throw StoreError.foreign(path: db.path)
        }
        try db.execute("PRAGMA application_id=\(applicationID)")
      } else if application != applicationID {
        throw StoreError.foreign(path: db.path)
      }
      for index in version..<currentVersion {
        try db.execute(migrations[index])
        if try db.scalarText("PRAGMA foreign_key_check") != nil {
          throw StoreError.sqlite(
            code: 787, message: "migration \(index + 1) would break a foreign key",
            sql: "PRAGMA foreign_key_check")
        }
        try db.execute("PRAGMA user_version=\(index + 1)")
      }
      return version < currentVersion
    }
  }

  static let foundation = """
    CREATE TABLE plan(
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      price_send INTEGER NOT NULL,
      price_receive INTEGER NOT NULL,
      price_pdf INTEGER NOT NULL,
      price_manual INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE plan_method(
      plan_id INTEGER NOT NULL REFERENCES plan(id),
      method TEXT NOT NULL,
      available INTEGER NOT NULL,
      reason TEXT,
      PRIMARY KEY(plan_id, method)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE bundle_tier(
      plan_id INTEGER NOT NULL REFERENCES plan(id),
      minimum INTEGER NOT NULL,
      bonus INTEGER NOT NULL,
      PRIMARY KEY(plan_id, minimum)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE environment(
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      plan_id INTEGER NOT NULL REFERENCES plan(id),
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE organisation(
      id INTEGER PRIMARY KEY,
      environment_id INTEGER NOT NULL REFERENCES environment(id),
      name TEXT NOT NULL,
      street TEXT, postcode TEXT, city TEXT, country TEXT,
      kvk TEXT, vat TEXT, peppol_scheme TEXT, peppol_id TEXT,
      created_at INTEGER NOT NULL,
      UNIQUE(environment_id, name)
    ) STRICT;
    CREATE TABLE user(
      id INTEGER PRIMARY KEY,
      login TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      email TEXT,
      notify_credit INTEGER NOT NULL DEFAULT 1,
      notify_invoices INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE TABLE membership(
      environment_id INTEGER NOT NULL REFERENCES environment(id),
      user_id INTEGER NOT NULL REFERENCES user(id),
      role TEXT NOT NULL CHECK(role IN ('administrator', 'member')),
      PRIMARY KEY(environment_id, user_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX membership_user ON membership(user_id);
    CREATE TABLE operator(
      user_id INTEGER PRIMARY KEY REFERENCES user(id),
      since INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE setting(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID;

    -- The ledger only grows. Consumption rows arrive in time order, so the rowid and the
    -- (environment_id, id) index are appended near their ends; the only random-order index is
    -- the one that makes an external event id chargeable once.
    CREATE TABLE ledger_entry(
      id INTEGER PRIMARY KEY,
      environment_id INTEGER NOT NULL REFERENCES environment(id),
      organisation_id INTEGER REFERENCES organisation(id),
      -- Spelled out with OR: SQLite evaluates a CHECK ... IN (list) through a temporary
      -- index built for every inserted row, which halves ingest speed on this hot table.
      kind TEXT NOT NULL CHECK(kind = 'consumption' OR kind = 'topup' OR kind = 'bonus'
        OR kind = 'correction'),
      transaction_kind TEXT CHECK(transaction_kind = 'send' OR transaction_kind = 'receive'
        OR transaction_kind = 'pdf' OR transaction_kind = 'manual'),
      amount INTEGER NOT NULL,
      at INTEGER NOT NULL,
      reference TEXT,
      actor TEXT NOT NULL
    ) STRICT;
    CREATE INDEX ledger_entry_environment ON ledger_entry(environment_id, id);
    CREATE UNIQUE INDEX ledger_entry_event ON ledger_entry(reference)
      WHERE kind = 'consumption' AND reference IS NOT NULL;

    -- Aggregates kept in the same transaction as every entry, so no screen or rule scans
    -- the ledger.
    CREATE TABLE credit(
      environment_id INTEGER PRIMARY KEY REFERENCES environment(id),
      balance INTEGER NOT NULL,
      entries INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE daily_consumption(
      environment_id INTEGER NOT NULL,
      day INTEGER NOT NULL,
      kind TEXT NOT NULL,
      count INTEGER NOT NULL,
      amount INTEGER NOT NULL,
      PRIMARY KEY(environment_id, day, kind)
    ) STRICT, WITHOUT ROWID;
    """

  /// Payments, invoices, the Inbox-in and the mail outbox; and database-level guards that
  /// keep the ledger append-only and issued invoices immutable.
  static let topUps = """
    CREATE TRIGGER ledger_entry_no_update BEFORE UPDATE ON ledger_entry
    BEGIN SELECT RAISE(ABORT, 'ledger entries are never edited; add a correction'); END;
    CREATE TRIGGER ledger_entry_no_delete BEFORE DELETE ON ledger_entry
    BEGIN SELECT RAISE(ABORT, 'ledger entries are never deleted; add a correction'); END;

    CREATE TABLE payment(
      id INTEGER PRIMARY KEY,
      environment_id INTEGER NOT NULL REFERENCES environment(id),
      organisation_id INTEGER NOT NULL REFERENCES organisation(id),
      method TEXT NOT NULL CHECK(method IN ('ideal', 'bancontact', 'invoice', 'direct-debit')),
      amount INTEGER NOT NULL CHECK(amount > 0),
      bonus INTEGER NOT NULL CHECK(bonus >= 0),
      vat INTEGER NOT NULL,
      status TEXT NOT NULL
        CHECK(status IN ('open', 'pending', 'paid', 'failed', 'canceled', 'expired', 'invoiced')),
      idempotency_key TEXT NOT NULL UNIQUE,
      provider TEXT NOT NULL,
      checkout_reference TEXT,
      order_number TEXT,
      credited INTEGER NOT NULL DEFAULT 0,
      invoice_number TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      actor TEXT NOT NULL
    ) STRICT;
    CREATE INDEX payment_environment ON payment(environment_id, id);
    CREATE INDEX payment_unsettled ON payment(status) WHERE status IN ('open', 'pending');
    CREATE TABLE payment_transition(
      payment_id INTEGER NOT NULL REFERENCES payment(id),
      at INTEGER NOT NULL,
      from_status TEXT NOT NULL,
      to_status TEXT NOT NULL,
      actor TEXT NOT NULL
    ) STRICT;
    CREATE INDEX payment_transition_payment ON payment_transition(payment_id);

    -- Gapless numbering: the counter row is read and bumped in the same write transaction as
    -- the invoice insert, so a rolled-back top-up leaves no hole and two processes never share
    -- a number.
    CREATE TABLE invoice_counter(year INTEGER PRIMARY KEY, last INTEGER NOT NULL) STRICT;
    CREATE TABLE invoice(
      id INTEGER PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      year INTEGER NOT NULL,
      sequence INTEGER NOT NULL,
      type TEXT NOT NULL CHECK(type IN ('invoice', 'credit-note')),
      corrects TEXT REFERENCES invoice(number),
      environment_id INTEGER NOT NULL REFERENCES environment(id),
      organisation_id INTEGER NOT NULL REFERENCES organisation(id),
      payment_id INTEGER REFERENCES payment(id),
      issue_date INTEGER NOT NULL,
      due_date INTEGER NOT NULL,
      net INTEGER NOT NULL,
      vat INTEGER NOT NULL,
      total INTEGER NOT NULL,
      bonus INTEGER NOT NULL,
      means TEXT NOT NULL CHECK(means IN ('paid', 'bank-transfer', 'direct-debit')),
      payment_reference TEXT NOT NULL,
      order_number TEXT,
      payment_status TEXT NOT NULL CHECK(payment_status IN ('open', 'paid')),
      paid_at INTEGER,
      ubl TEXT NOT NULL,
      text TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE(year, sequence)
    ) STRICT;
    CREATE INDEX invoice_organisation ON invoice(organisation_id, id);
    CREATE INDEX invoice_environment ON invoice(environment_id, id);
    CREATE TRIGGER invoice_immutable BEFORE UPDATE OF number, year, sequence, type, corrects,
      environment_id, organisation_id, payment_id, issue_date, due_date, net, vat, total, bonus,
      means, payment_reference, order_number, ubl, text, created_at ON invoice
    BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable; issue a credit note'); END;
    CREATE TRIGGER invoice_no_delete BEFORE DELETE ON invoice
    BEGIN SELECT RAISE(ABORT, 'issued invoices are never deleted; issue a credit note'); END;

    CREATE TABLE inbox_item(
      invoice_id INTEGER PRIMARY KEY REFERENCES invoice(id),
      organisation_id INTEGER NOT NULL REFERENCES organisation(id),
      unread INTEGER NOT NULL DEFAULT 1,
      delivered_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX inbox_item_unread ON inbox_item(organisation_id, unread);

    -- Messages are stored before anything tries to deliver them: nothing is lost if delivery
    -- fails. The key makes each occurrence queue once.
    CREATE TABLE outbox(
      id INTEGER PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      environment_id INTEGER REFERENCES environment(id),
      to_name TEXT NOT NULL,
      to_address TEXT NOT NULL,
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'queued' CHECK(status IN ('queued', 'sent', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      message_id TEXT,
      created_at INTEGER NOT NULL,
      sent_at INTEGER
    ) STRICT;
    CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
    """

  /// The automatic upgrade: settings with their history, SEPA collections (at most one per
  /// environment and day, enforced by a unique key), what happened, and alert episodes.
  static let autoUpgrade = """
    CREATE TABLE auto_upgrade(
      environment_id INTEGER PRIMARY KEY REFERENCES environment(id),
      enabled INTEGER NOT NULL,
      amount INTEGER,
      cover_days INTEGER,
      holder TEXT NOT NULL,
      iban TEXT NOT NULL,
      mandate_id TEXT NOT NULL,
      mandate_date INTEGER NOT NULL,
      organisation_id INTEGER NOT NULL REFERENCES organisation(id),
      order_number TEXT,
      monthly_cap INTEGER,
      paused_reason TEXT,
      updated_at INTEGER NOT NULL,
      updated_by TEXT NOT NULL,
      CHECK((amount IS NULL) != (cover_days IS NULL))
    ) STRICT;
    CREATE TABLE auto_upgrade_change(
      id INTEGER PRIMARY KEY,
      environment_id INTEGER NOT NULL REFERENCES environment(id),
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      change TEXT NOT NULL
    ) STRICT;
    CREATE INDEX auto_upgrade_change_environment ON auto_upgrade_change(environment_id, id);
    CREATE TABLE collection(
      id INTEGER PRIMARY KEY,
      environment_id INTEGER NOT NULL REFERENCES environment(id),
      day INTEGER NOT NULL,
      payment_id INTEGER NOT NULL REFERENCES payment(id),
      invoice_number TEXT NOT NULL,
      end_to_end_id TEXT NOT NULL UNIQUE,
      amount INTEGER NOT NULL,
      credited INTEGER NOT NULL,
      sequence TEXT NOT NULL CHECK(sequence IN ('FRST', 'RCUR')),
      mandate_id TEXT NOT NULL,
      mandate_date INTEGER NOT NULL,
      debtor_name TEXT NOT NULL,
      debtor_iban TEXT NOT NULL,
      collection_date INTEGER NOT NULL,
      status TEXT NOT NULL CHECK(status IN ('scheduled', 'reversed')),
      reversal_reason TEXT,
      created_at INTEGER NOT NULL,
      UNIQUE(environment_id, day)
    ) STRICT;
    CREATE INDEX collection_day ON collection(day);
    CREATE INDEX collection_mandate ON collection(mandate_id);
    CREATE TABLE auto_upgrade_event(
      id INTEGER PRIMARY KEY,
      environment_id INTEGER NOT NULL REFERENCES environment(id),
      at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      message TEXT NOT NULL
    ) STRICT;
    CREATE INDEX auto_upgrade_event_environment ON auto_upgrade_event(environment_id, id);
    -- One row while a condition (credit low, credit used up) lasts: its start is the
    -- occurrence an e-mail is sent for, once.
    CREATE TABLE alert_state(
      environment_id INTEGER NOT NULL REFERENCES environment(id),
      kind TEXT NOT NULL,
      since INTEGER NOT NULL,
      PRIMARY KEY(environment_id, kind)
    ) STRICT, WITHOUT ROWID;
    """

  /// Consumption per environment and day over all kinds: the 100-day window then reads at
  /// most 100 rows instead of up to 400, which is what the daily sweep spends its time on.
  static let dailyTotals = """
    CREATE TABLE daily_total(
      environment_id INTEGER NOT NULL,
      day INTEGER NOT NULL,
      amount INTEGER NOT NULL,
      PRIMARY KEY(environment_id, day)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO daily_total(environment_id, day, amount)
      SELECT environment_id, day, sum(amount) FROM daily_consumption
      GROUP BY environment_id, day;
    """

  /// Keys and event ids belong to one environment: payments are unique per (environment,
  /// idempotency key) instead of across the platform, consumption events per (environment,
  /// external id); order numbers get an index for the "used before" warning. The payment table
  /// is rebuilt because SQLite cannot drop a column's UNIQUE constraint in place; the migration
  /// names no other table's position, so it may run after any other appended migration.
  static let tenantScopes = """
    CREATE TABLE payment_scoped(
      id INTEGER PRIMARY KEY,
      environment_id INTEGER NOT NULL REFERENCES environment(id),
      organisation_id INTEGER NOT NULL REFERENCES organisation(id),
      method TEXT NOT NULL CHECK(method IN ('ideal', 'bancontact', 'invoice', 'direct-debit')),
      amount INTEGER NOT NULL CHECK(amount > 0),
      bonus INTEGER NOT NULL CHECK(bonus >= 0),
      vat INTEGER NOT NULL,
      status TEXT NOT NULL
        CHECK(status IN ('open', 'pending', 'paid', 'failed', 'canceled', 'expired', 'invoiced')),
      idempotency_key TEXT NOT NULL,
      provider TEXT NOT NULL,
      checkout_reference TEXT,
      order_number TEXT,
      credited INTEGER NOT NULL DEFAULT 0,
      invoice_number TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      UNIQUE(environment_id, idempotency_key)
    ) STRICT;
    INSERT INTO payment_scoped(id, environment_id, organisation_id, method, amount, bonus, vat,
      status, idempotency_key, provider, checkout_reference, order_number, credited,
      invoice_number, created_at, updated_at, expires_at, actor)
    SELECT id, environment_id, organisation_id, method, amount, bonus, vat, status,
      idempotency_key, provider, checkout_reference, order_number, credited, invoice_number,
      created_at, updated_at, expires_at, actor
    FROM payment;
    DROP TABLE payment;
    ALTER TABLE payment_scoped RENAME TO payment;
    CREATE INDEX payment_environment ON payment(environment_id, id);
    CREATE INDEX payment_unsettled ON payment(status) WHERE status IN ('open', 'pending');
    CREATE INDEX payment_order_number ON payment(environment_id, order_number)
      WHERE order_number IS NOT NULL;

    DROP INDEX ledger_entry_event;
    CREATE UNIQUE INDEX ledger_entry_environment_event ON ledger_entry(environment_id, reference)
      WHERE kind = 'consumption' AND reference IS NOT NULL;
    """

  /// The ledger in event-time order per environment, for screens that list it newest first
  /// by when things happened (a back-filled import records old events late). Consumption
  /// arrives close to time order, so the index grows at its end like the id index does.
  static let ledgerByEventTime = """
    CREATE INDEX ledger_entry_environment_at ON ledger_entry(environment_id, at, id);
    """

  /// Customers outside the Netherlands: an organisation's registration in its own country, and
  /// the VAT treatment each invoice was issued with (decided on its issue date), so a credit note
  /// corrects it with the same treatment after the organisation's data changed. Earlier
  /// invoices were all standard rated.
  static let crossBorderTax = """
    ALTER TABLE organisation ADD COLUMN registration_scheme TEXT;
    ALTER TABLE organisation ADD COLUMN registration_id TEXT;
    ALTER TABLE invoice ADD COLUMN tax_category TEXT NOT NULL DEFAULT 'S'
      CHECK(tax_category IN ('S', 'AE', 'O'));
    ALTER TABLE invoice ADD COLUMN buyer_vat TEXT;
    """

  /// Where the payer of an online payment pays: the provider's checkout link, kept beside the
  /// payment (the payment table itself stays as the tenant migration rebuilt it). Only
  /// providers that move real money have one; the sandbox does not. `IF NOT EXISTS`, so a
  /// database whose version was rewound (as the migration tests do) replays it harmlessly.
  static let remoteCheckouts = """
    CREATE TABLE IF NOT EXISTS payment_checkout(
      payment_id INTEGER PRIMARY KEY REFERENCES payment(id),
      url TEXT NOT NULL CHECK(url LIKE 'https://%'),
      test_mode INTEGER NOT NULL CHECK(test_mode IN (0, 1))
    ) STRICT;
    """

  /// People reach Saldo over SSH with their own keys: each key belongs to one user and is
  /// unique platform-wide (sshd picks the forced command by key, so one key cannot be two
  /// people). Every session a key opens is kept with the client's address, for the audit.
  /// `IF NOT EXISTS`: a test that rewinds an earlier migration replays every later one.
  static let sshKeys = """
    CREATE TABLE IF NOT EXISTS ssh_key(
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES user(id),
      type TEXT NOT NULL,
      bits INTEGER NOT NULL,
      key TEXT NOT NULL,
      fingerprint TEXT NOT NULL UNIQUE,
      label TEXT,
      added_at INTEGER NOT NULL,
      added_by TEXT NOT NULL,
      last_used_at INTEGER
    ) STRICT;
    CREATE INDEX IF NOT EXISTS ssh_key_user ON ssh_key(user_id);
    CREATE TABLE IF NOT EXISTS ssh_session(
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES user(id),
      fingerprint TEXT NOT NULL,
      client TEXT,
      command TEXT NOT NULL,
      at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS ssh_session_user ON ssh_session(user_id, at);
    """

  /// Each day's total also carries the running sum of the environment's consumption up to and
  /// including that day, so the 100-day window is the difference of two point lookups instead of
  /// a range read whose cost grows with the database. A back-dated event adds to the later days'
  /// running sums in the same transaction; events arrive nearly in time order, so that is rare.
  static let dailyCumulative = """
    ALTER TABLE daily_total ADD COLUMN cumulative INTEGER NOT NULL DEFAULT 0;
    UPDATE daily_total SET cumulative = running.total
    FROM (
      SELECT environment_id, day,
        sum(amount) OVER (PARTITION BY environment_id ORDER BY day) AS total
      FROM daily_total
    ) AS running
    WHERE daily_total.environment_id = running.environment_id
      AND daily_total.day = running.day;
    """

  /// The language e-mails and invoices are written in. A user's `language` is the one they
  /// chose (`saldo profile --language`); `language_used` the one they last used Saldo in, which
  /// their e-mails follow while they chose none. An organisation's `language` is the one its
  /// invoices are rendered in; unset, it follows the organisation's country. No CHECK on the
  /// codes: a language added later needs no table rebuild, and a code this version does not
  /// know reads as unset.
  static let languages = """
    ALTER TABLE user ADD COLUMN language TEXT;
    ALTER TABLE user ADD COLUMN language_used TEXT;
    ALTER TABLE organisation ADD COLUMN language TEXT;
    ALTER TABLE auto_upgrade_event ADD COLUMN message_nl TEXT;
    ALTER TABLE auto_upgrade ADD COLUMN paused_reason_nl TEXT;
    """

  /// An event id is found again through a 64-bit hash of it (`EventHash`) instead of the id
  /// itself: random ids land at random places in the index, and an index of 8-byte integers has
  /// less than half the pages of one holding the 32-byte ids, so each batch of events writes
  /// fewer pages. The index is no longer unique (two ids may share a hash): the insert compares
  /// the ids of the entries with an equal hash, in the same write transaction, and `saldo check`
  /// verifies that no id was charged twice and every hash matches its id.
  ///
  /// Existing entries get their hash from `saldo_event_hash`, which the store defines on its
  /// connection before migrating. The append-only trigger is lifted for that one update only:
  /// the hash adds to an entry and changes nothing it recorded.
  static let hashedEventIDs = """
    ALTER TABLE ledger_entry ADD COLUMN event_hash INTEGER;
    DROP TRIGGER ledger_entry_no_update;
    UPDATE ledger_entry SET event_hash = \(Database.eventHashFunction)(reference)
    WHERE kind = 'consumption' AND reference IS NOT NULL;
    CREATE TRIGGER ledger_entry_no_update BEFORE UPDATE ON ledger_entry
    BEGIN SELECT RAISE(ABORT, 'ledger entries are never edited; add a correction'); END;
    DROP INDEX ledger_entry_environment_event;
    CREATE INDEX ledger_entry_environment_event_hash ON ledger_entry(environment_id, event_hash)
      WHERE kind = 'consumption' AND event_hash IS NOT NULL;
    """

  /// The ledger is read in one order only, event time (`ledger_entry_environment_at`): the
  /// screens, `saldo transactions` and the CSV export. The (environment_id, id) index served the
  /// older listing by entry id; every event paid for a second, nearly identical index entry in a
  /// random place of it (environments interleave), about a quarter of what an event costs to
  /// record once the ledger outgrows the page cache.
  static let ledgerOneOrder = """
    DROP INDEX IF EXISTS ledger_entry_environment;
    """

  /// The 100-day window's consumption remembered on the credit row, for the days from
  /// `window_first` to `window_last` (both NULL: none remembered yet). The daily job remembers
  /// each environment's window for the day; from then on the balance and the window are read
  /// from one row of a table as large as the number of environments, however long the history,
  /// where the running sums' pages drop out of the cache as the history grows. A back-dated
  /// event into the window adds to it in its own transaction; `saldo check` compares it with
  /// the daily totals.
  static let rememberedWindow = """
    ALTER TABLE credit ADD COLUMN window_first INTEGER;
    ALTER TABLE credit ADD COLUMN window_last INTEGER;
    ALTER TABLE credit ADD COLUMN window_amount INTEGER NOT NULL DEFAULT 0;
    """

  /// What a batch of events adds to the running sums of the days after its last one, kept on
  /// the credit row instead of written into each of those days: the running sums of the days
  /// from `pending_from` on lack `pending_amount` (NULL: nothing is pending). A back-dated
  /// import arriving in time order rewrote every later day of each environment in every batch;
  /// now each batch writes the days it covers, and moves the pending carry's start to its last
  /// day. Readers add the carry where a range starts before it and ends at or after it;
  /// `saldo check` adds it before comparing the running sums with the daily totals.
  static let pendingCarry = """
    ALTER TABLE credit ADD COLUMN pending_from INTEGER;
    ALTER TABLE credit ADD COLUMN pending_amount INTEGER NOT NULL DEFAULT 0;
    """
}
