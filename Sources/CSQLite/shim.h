#include <sqlite3.h>

/// Turns off SQLite's memory statistics, which take a global mutex around every allocation;
/// miara never reads them. Effective only before SQLite is first used (otherwise SQLITE_MISUSE).
static inline int miara_sqlite3_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
