/// The migration that turns collections and invoices into explicit state machines.
///
/// - `collection` is rebuilt: its status gains exported, settled, returned (the old
///   'reversed') and withdrawn; the day an upgrade was really made (`created_day`) is what is
///   unique per environment, so a catch-up for a past date never makes a second upgrade on one
///   real day.
/// - `sepa_file` keeps every file sent to the bank, byte for byte, with its own message id;
///   `sepa_file_item` says which collections it carries. Debits returned before this version
///   were in files Saldo did not keep; they go in one placeholder file without text.
/// - `invoice` learns which credit note credited it and which invoice replaced it; direct-debit
///   invoices become open until their collection settles.
/// - `invoice_correction` ties a correction entry to the invoice whose credit it takes back,
///   so `saldo check` can prove credit booked equals credit owed for every path.
enum MoneyLifecycleSchema {
  static let migration = """
    CREATE TABLE sepa_file(
      id INTEGER PRIMARY KEY,
      message_id TEXT NOT NULL UNIQUE,
      up_to_day INTEGER NOT NULL,
      collection_date INTEGER NOT NULL,
      count INTEGER NOT NULL,
      total INTEGER NOT NULL,
      xml TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      actor TEXT NOT NULL
    ) STRICT;

    CREATE TABLE collection_v2(
      id INTEGER PRIMARY KEY,
      environment_id INTEGER NOT NULL REFERENCES environment(id),
      day INTEGER NOT NULL,
      created_day INTEGER NOT NULL,
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
      debtor_bic TEXT,
      collection_date INTEGER NOT NULL,
      status TEXT NOT NULL
        CHECK(status IN ('scheduled', 'exported', 'settled', 'returned', 'withdrawn')),
      file_id INTEGER REFERENCES sepa_file(id),
      settles_on INTEGER,
      reversal_reason TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    INSERT INTO collection_v2(id, environment_id, day, created_day, payment_id, invoice_number,
      end_to_end_id, amount, credited, sequence, mandate_id, mandate_date, debtor_name,
      debtor_iban, collection_date, status, reversal_reason, created_at, updated_at)
    SELECT id, environment_id, day, day, payment_id, invoice_number, end_to_end_id, amount,
      credited, sequence, mandate_id, mandate_date, debtor_name, debtor_iban, collection_date,
      CASE status WHEN 'reversed' THEN 'returned' ELSE status END, reversal_reason, created_at,
      created_at
    FROM collection;
    DROP TABLE collection;
    ALTER TABLE collection_v2 RENAME TO collection;
    CREATE UNIQUE INDEX collection_real_day ON collection(environment_id, created_day);
    CREATE INDEX collection_status ON collection(status, day);
    CREATE INDEX collection_mandate ON collection(mandate_id);
    CREATE INDEX collection_payment ON collection(payment_id);
    CREATE INDEX collection_environment ON collection(environment_id, id);

    -- Deliberately not unique: the code never puts a collection in two files, and
    -- `saldo check` proves it, also for a database changed by hand.
    CREATE TABLE sepa_file_item(
      file_id INTEGER NOT NULL REFERENCES sepa_file(id),
      collection_id INTEGER NOT NULL REFERENCES collection(id)
    ) STRICT;
    CREATE INDEX sepa_file_item_file ON sepa_file_item(file_id);
    CREATE INDEX sepa_file_item_collection ON sepa_file_item(collection_id);
    -- A debit the bank returned was sent to it once, in a file written before Saldo kept its
    -- files: those collections are recorded as exported in one placeholder file without text.
    INSERT INTO sepa_file(message_id, up_to_day, collection_date, count, total, xml, created_at,
      actor)
    SELECT 'EARLIER-FILES', max(day), max(collection_date), count(*), sum(amount), '',
      min(created_at), 'migration'
    FROM collection WHERE status = 'returned' HAVING count(*) > 0;
    UPDATE collection SET file_id = (SELECT id FROM sepa_file WHERE message_id = 'EARLIER-FILES')
    WHERE status = 'returned';
    INSERT INTO sepa_file_item(file_id, collection_id)
    SELECT file_id, id FROM collection WHERE status = 'returned' AND file_id IS NOT NULL;

    CREATE TABLE collection_transition(
      collection_id INTEGER NOT NULL REFERENCES collection(id),
      at INTEGER NOT NULL,
      from_status TEXT NOT NULL,
      to_status TEXT NOT NULL,
      actor TEXT NOT NULL,
      detail TEXT
    ) STRICT;
    CREATE INDEX collection_transition_collection ON collection_transition(collection_id);

    ALTER TABLE invoice ADD COLUMN credited_by TEXT;
    ALTER TABLE invoice ADD COLUMN replaces TEXT;
    ALTER TABLE invoice ADD COLUMN replaced_by TEXT;
    UPDATE invoice SET credited_by = (
      SELECT min(n.number) FROM invoice n WHERE n.type = 'credit-note' AND n.corrects = invoice.number)
    WHERE type = 'invoice';
    -- A direct-debit invoice is paid when its collection settles, not when it is issued.
    UPDATE invoice SET payment_status = 'open', paid_at = NULL
    WHERE type = 'invoice' AND means = 'direct-debit';
    CREATE TRIGGER invoice_credited_once BEFORE UPDATE OF credited_by, replaces, replaced_by
      ON invoice
      WHEN (OLD.credited_by IS NOT NULL AND NEW.credited_by IS NOT OLD.credited_by)
        OR (OLD.replaces IS NOT NULL AND NEW.replaces IS NOT OLD.replaces)
        OR (OLD.replaced_by IS NOT NULL AND NEW.replaced_by IS NOT OLD.replaced_by)
    BEGIN SELECT RAISE(ABORT, 'an invoice is credited and replaced at most once'); END;
    CREATE INDEX invoice_open ON invoice(payment_status, due_date) WHERE type = 'invoice';

    CREATE TABLE invoice_correction(
      ledger_entry_id INTEGER PRIMARY KEY REFERENCES ledger_entry(id),
      invoice_number TEXT NOT NULL REFERENCES invoice(number)
    ) STRICT;
    CREATE INDEX invoice_correction_invoice ON invoice_correction(invoice_number);
    INSERT OR IGNORE INTO invoice_correction(ledger_entry_id, invoice_number)
    SELECT l.id, i.number FROM ledger_entry l JOIN invoice i ON i.number = substr(l.reference, 9, 11)
    WHERE l.kind = 'correction' AND l.reference LIKE 'cancels ____-______:%';
    INSERT OR IGNORE INTO invoice_correction(ledger_entry_id, invoice_number)
    SELECT l.id, c.invoice_number FROM ledger_entry l
    JOIN collection c ON c.end_to_end_id = substr(l.reference, 13, instr(l.reference, ' (') - 13)
    WHERE l.kind = 'correction' AND l.reference LIKE 'reversal of % (%';

    ALTER TABLE auto_upgrade ADD COLUMN debtor_bic TEXT;
    """
}
