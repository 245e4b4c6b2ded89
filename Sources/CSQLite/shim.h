#include <sqlite3.h>

/// Turns off SQLite's memory statistics before the library initialises: with them on, every
/// allocation of every connection takes one process-wide mutex, so connections working on
/// different threads wait for each other. Returns SQLITE_MISUSE when SQLite is already initialised.
static inline int miara_sqlite_configure(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
