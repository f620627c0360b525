/* registry-sqlite-storage.h: the embedded SQLite backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"

G_BEGIN_DECLS

#define REGISTRY_TYPE_SQLITE_STORAGE (registry_sqlite_storage_get_type ())
G_DECLARE_FINAL_TYPE (RegistrySqliteStorage,
                      registry_sqlite_storage,
                      REGISTRY,
                      SQLITE_STORAGE,
                      RegistryStorage)

void registry_sqlite_storage_set_wal_limit (RegistrySqliteStorage *self, guint pages);
void registry_sqlite_storage_set_wal_truncate_retry (RegistrySqliteStorage *self, guint ms);
guint registry_sqlite_storage_get_wal_truncate_attempts (RegistrySqliteStorage *self);
gboolean
registry_sqlite_storage_backup (RegistrySqliteStorage *self, const char *path, GError **error);

G_END_DECLS
