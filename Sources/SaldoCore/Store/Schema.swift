/// The schema as an ordered list of migrations; `PRAGMA user_version` records how many ran.
/// A migration is never edited once released: change the schema by appending one.
enum Schema {
  /// Written into `PRAGMA application_id` so another program's SQLite file is recognised.
  static let applicationID: Int64 = 0x5341_4C44  // "SALD"

  static let migrations: [String] = [foundation]

  static var currentVersion: Int { migrations.count }

  /// Brings the database to the current version inside one write transaction, or refuses a
  /// database from a newer Saldo, or a SQLite file of another application.
  static func migrate(_ db: Database) throws {
    try db.write {
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
        try db.execute("PRAGMA user_version=\(index + 1)")
      }
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
      kind TEXT NOT NULL CHECK(kind IN ('topup', 'bonus', 'consumption', 'correction')),
      transaction_kind TEXT CHECK(transaction_kind IN ('send', 'receive', 'pdf', 'manual')),
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
}
