/* store-error.c: sqlite result codes mapped into STORE_ERROR, in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store-error.h"

G_DEFINE_QUARK (store - error - quark, store_error)

static StoreError
code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
      case SQLITE_CANTOPEN:
      case SQLITE_PERM:
      case SQLITE_READONLY:
      case SQLITE_IOERR:
      case SQLITE_AUTH:
        return STORE_ERROR_OPEN;
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        return STORE_ERROR_CORRUPT;
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return STORE_ERROR_BUSY;
      case SQLITE_FULL:
        return STORE_ERROR_FULL;
      case SQLITE_CONSTRAINT:
        return STORE_ERROR_CONSTRAINT;
      default:
        return STORE_ERROR_FAILED;
    }
}

/**
 * store_error_set_from_sqlite:
 * @error: (nullable): where to put the error
 * @db: (nullable): the connection, for its message
 * @rc: the sqlite result code
 * @what: what was being done, e.g. "writing the filing"
 *
 * Always returns %FALSE, so callers can `return store_error_set_from_sqlite (…)`.
 */
gboolean
store_error_set_from_sqlite (GError **error, sqlite3 *db, int rc, const char *what)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  g_set_error (error, STORE_ERROR, code_from_sqlite (rc), "%s: %s", what, detail);
  return FALSE;
}
