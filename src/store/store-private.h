/* store-private.h: internals shared by the files of src/store/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "store-database.h"

G_BEGIN_DECLS

/* One step of the schema. Steps run in order inside one transaction; the step
 * that brings the schema to `version` sets PRAGMA user_version itself (done by
 * the runner, not the SQL). */
typedef struct
{
  int version;
  const char *description;
  const char *sql;
} StoreMigration;

const StoreMigration *store_migrations_get (guint *n_migrations);

/* Tests use this to run a store against their own migration list. */
StoreDatabase *store_database_open_with_migrations (const char *path,
                                                    const StoreMigration *migrations,
                                                    guint n_migrations,
                                                    GError **error);

G_END_DECLS
