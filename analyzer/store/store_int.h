/* store_int.h - what the store's files share; private to analyzer/store/. */
#ifndef RACECHECK_STORE_INT_H
#define RACECHECK_STORE_INT_H

#include "store.h"

#include <sqlite3.h>

struct Store {
    sqlite3 *db;
    char *path;
};

extern const char *const store_migrations[STORE_SCHEMA_VERSION];

/* Set *err to "findings database PATH: WHAT: sqlite's message (hint)" and
 * return false. */
bool store_fail(Store *s, char **err, const char *what);
/* Prepare sql or fail; the statement is finalized by the caller. */
sqlite3_stmt *store_prepare(Store *s, const char *sql, char **err);
/* Bind a string or NULL. */
void store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* Column as a malloc'd string (NULL for SQL NULL). */
char *store_column_dup(sqlite3_stmt *st, int i);

#endif
