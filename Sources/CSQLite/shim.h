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
