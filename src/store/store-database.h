/* store-database.h: the kiosk's local sqlite store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "store-error.h"

G_BEGIN_DECLS

#define STORE_TYPE_DATABASE (store_database_get_type ())

G_DECLARE_FINAL_TYPE (StoreDatabase, store_database, STORE, DATABASE, GObject)

typedef gboolean (*StoreTransactionFunc) (StoreDatabase *db, gpointer user_data, GError **error);

StoreDatabase *store_database_open (const char *path, GError **error);

const char *store_database_get_path (StoreDatabase *self);
int store_database_get_schema_version (StoreDatabase *self);
int store_database_get_latest_schema_version (void);
sqlite3 *store_database_get_handle (StoreDatabase *self);

gboolean store_database_transaction (StoreDatabase *self,
                                     StoreTransactionFunc func,
                                     gpointer user_data,
                                     GError **error);
gboolean store_database_exec (StoreDatabase *self, const char *sql, GError **error);
gboolean store_database_checkpoint (StoreDatabase *self, GError **error);
gboolean store_database_prune_audit (StoreDatabase *self, gint64 before_us, GError **error);
gboolean store_database_reclaim (StoreDatabase *self, GError **error);

char *store_database_get_setting (StoreDatabase *self, const char *key, GError **error);
gboolean store_database_set_setting (StoreDatabase *self,
                                     const char *key,
                                     const char *value,
                                     GError **error);
gboolean store_database_remove_setting (StoreDatabase *self, const char *key, GError **error);
gboolean store_database_audit (StoreDatabase *self,
                               const char *actor,
                               const char *action,
                               const char *detail,
                               GError **error);

G_END_DECLS
