/* registry-postgres-storage.h: the PostgreSQL backend (libpq)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"

G_BEGIN_DECLS

#define REGISTRY_TYPE_POSTGRES_STORAGE (registry_postgres_storage_get_type ())
G_DECLARE_FINAL_TYPE (RegistryPostgresStorage,
                      registry_postgres_storage,
                      REGISTRY,
                      POSTGRES_STORAGE,
                      RegistryStorage)

G_END_DECLS
