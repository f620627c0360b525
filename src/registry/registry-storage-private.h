/* registry-storage-private.h: what the backends and the tests see of the storage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"

G_BEGIN_DECLS

/**
 * RegistryMigration:
 * @version: the schema version after this step; steps are numbered 1, 2, …
 * @description: what the step does, for the log
 * @sql: the statements; `{{id}}` stands for an auto-numbered primary key and
 *   `{{blob}}` for a byte column, spelled per dialect
 */
typedef struct
{
  int version;
  const char *description;
  const char *sql;
} RegistryMigration;

const RegistryMigration *registry_migrations_get (guint *n_migrations);

void registry_storage_set_dialect (RegistryStorage *self, RegistryDialect dialect);
gboolean registry_storage_migrate_to (RegistryStorage *self, int version, GError **error);

RegistryStorage *registry_sqlite_storage_new (const char *path, GError **error);
RegistryStorage *registry_postgres_storage_new (const char *conninfo, GError **error);

G_END_DECLS
