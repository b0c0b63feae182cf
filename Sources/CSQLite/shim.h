#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro that Swift cannot import.
static inline sqlite3_destructor_type saldo_sqlite_transient(void) {
  return SQLITE_TRANSIENT;
}

// sqlite3_config is variadic, which Swift cannot call. Memory statistics take a global mutex
// on every allocation; Saldo never reads them. Only possible before SQLite initialises (else
// SQLITE_MISUSE, harmlessly).
static inline int saldo_sqlite_skip_memory_statistics(void) {
  return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

// A statement that may fail halfway (any insert or update checked by a constraint) keeps the
// pages it changes that its transaction had changed before, to undo just itself; so does a
// savepoint. Past this many bytes (64 KiB by default; -1: never) that journal becomes a
// temporary file for the rest of the transaction, and every later statement writes its pages
// there through the kernel. Only possible before SQLite initialises, like the setting above.
static inline int saldo_sqlite_statement_journal_spill(int bytes) {
  return sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, bytes);
}
