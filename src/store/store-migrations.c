/* store-migrations.c: the kiosk store's schema, one numbered step at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Never edit a step that has shipped: add a new one. A kiosk that finds a step
 * failing refuses to start and leaves the file alone, because the file may hold
 * filings that have not reached the registry yet.
 */

#include "config.h"

#include "store-private.h"

static const StoreMigration migrations[] = {
  {
      1,
      "filings, outbox, audit log and settings",
      /* filings.payload holds the encrypted filing; it becomes NULL once the
     * registry has confirmed the filing, so no personal data outlives its use. */
      "CREATE TABLE settings ("
      "  key TEXT PRIMARY KEY NOT NULL,"
      "  value TEXT NOT NULL"
      ") WITHOUT ROWID;"
      "CREATE TABLE filings ("
      "  id TEXT PRIMARY KEY NOT NULL,"
      "  source TEXT NOT NULL CHECK (source IN ('card', 'manual')),"
      "  created_at INTEGER NOT NULL,"
      "  staff TEXT,"
      "  payload BLOB"
      ");"
      "CREATE TABLE outbox ("
      "  filing_id TEXT PRIMARY KEY NOT NULL REFERENCES filings (id) ON DELETE CASCADE,"
      "  state TEXT NOT NULL DEFAULT 'queued'"
      "    CHECK (state IN ('queued', 'confirmed', 'rejected')),"
      "  attempts INTEGER NOT NULL DEFAULT 0,"
      "  next_attempt_at INTEGER NOT NULL DEFAULT 0,"
      "  result TEXT,"
      "  updated_at INTEGER NOT NULL"
      ");"
      "CREATE TABLE audit ("
      "  id INTEGER PRIMARY KEY,"
      "  at INTEGER NOT NULL,"
      "  actor TEXT NOT NULL,"
      "  action TEXT NOT NULL,"
      "  detail TEXT"
      ");",
  },
  {
      2,
      "outbox scanned by due time; settings remember when they changed",
      "CREATE INDEX outbox_due ON outbox (state, next_attempt_at);"
      "ALTER TABLE settings RENAME TO settings_v1;"
      "CREATE TABLE settings ("
      "  key TEXT PRIMARY KEY NOT NULL,"
      "  value TEXT NOT NULL,"
      "  updated_at INTEGER NOT NULL DEFAULT 0"
      ") WITHOUT ROWID;"
      "INSERT INTO settings (key, value) SELECT key, value FROM settings_v1;"
      "DROP TABLE settings_v1;",
  },
  {
      3,
      "the registry's dictionaries, cached with their version",
      /* one copy, replaced whole when the registry serves another version */
      "CREATE TABLE dictionaries ("
      "  id INTEGER PRIMARY KEY CHECK (id = 1),"
      "  version TEXT NOT NULL,"
      "  content TEXT NOT NULL,"
      "  fetched_at INTEGER NOT NULL"
      ");",
  },
};

const StoreMigration *
store_migrations_get (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
