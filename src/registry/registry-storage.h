/* registry-storage.h: one small SQL interface over SQLite and PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "registry-error.h"

G_BEGIN_DECLS

/**
 * RegistryRows:
 * @n_rows: number of rows
 * @n_columns: number of columns
 * @values: row-major cells as text; %NULL for SQL NULL
 *
 * A query's result, copied out of the backend so it outlives the statement.
 */
typedef struct
{
  guint n_rows;
  guint n_columns;
  char **values;
} RegistryRows;

RegistryRows *registry_rows_new (guint n_rows, guint n_columns);
void registry_rows_free (RegistryRows *rows);
const char *registry_rows_get (RegistryRows *rows, guint row, guint column);
gint64 registry_rows_get_int (RegistryRows *rows, guint row, guint column);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegistryRows, registry_rows_free)

typedef enum
{
  REGISTRY_DIALECT_SQLITE,
  REGISTRY_DIALECT_POSTGRES,
} RegistryDialect;

#define REGISTRY_TYPE_STORAGE (registry_storage_get_type ())
G_DECLARE_DERIVABLE_TYPE (RegistryStorage, registry_storage, REGISTRY, STORAGE, GObject)

typedef gboolean (*RegistryTransactionFunc) (RegistryStorage *storage,
                                             gpointer user_data,
                                             GError **error);

/**
 * RegistryStorageClass:
 * @query: runs one statement with text parameters `$1`, `$2`, …; returns its
 *   rows (when @out_rows is given) and the number of rows it changed
 * @exec_script: runs several statements without parameters (schema steps)
 * @ping: checks that the database answers
 * @query_blob: like @query, with @blob bound as the parameter after the
 *   text ones (`$n+1`), as bytes
 * @read_blob: runs a query and returns its first row's first column as
 *   bytes, or %NULL (no error) when there is no row
 * @transact: (nullable): one attempt at running a transaction function, for
 *   a backend that runs them its own way (SQLite commits those of
 *   concurrent connections together); by default BEGIN, the function,
 *   COMMIT, or ROLLBACK when any of them fails
 *
 * Both backends take the same SQL; the few spellings that differ are asked
 * from registry_storage_get_dialect().
 */
struct _RegistryStorageClass
{
  GObjectClass parent_class;

  gboolean (*query) (RegistryStorage *self,
                     const char *sql,
                     const char *const *params,
                     guint n_params,
                     RegistryRows **out_rows,
                     gint64 *out_changes,
                     GError **error);
  gboolean (*exec_script) (RegistryStorage *self, const char *sql, GError **error);
  gboolean (*ping) (RegistryStorage *self, GError **error);
  gboolean (*query_blob) (RegistryStorage *self,
                          const char *sql,
                          const char *const *params,
                          guint n_params,
                          GBytes *blob,
                          RegistryRows **out_rows,
                          GError **error);
  GBytes *(*read_blob) (RegistryStorage *self,
                        const char *sql,
                        const char *const *params,
                        guint n_params,
                        GError **error);
  gboolean (*transact) (RegistryStorage *self,
                        RegistryTransactionFunc func,
                        gpointer user_data,
                        GError **error);

  gpointer padding[5];
};

RegistryStorage *registry_storage_open (const char *url, GError **error);

RegistryDialect registry_storage_get_dialect (RegistryStorage *self);
gboolean registry_storage_query (RegistryStorage *self,
                                 const char *sql,
                                 const char *const *params,
                                 guint n_params,
                                 RegistryRows **out_rows,
                                 gint64 *out_changes,
                                 GError **error);
gboolean registry_storage_query_blob (RegistryStorage *self,
                                      const char *sql,
                                      const char *const *params,
                                      guint n_params,
                                      GBytes *blob,
                                      RegistryRows **out_rows,
                                      GError **error);
GBytes *registry_storage_read_blob (RegistryStorage *self,
                                    const char *sql,
                                    const char *const *params,
                                    guint n_params,
                                    GError **error);
gboolean registry_storage_exec (RegistryStorage *self, const char *sql, GError **error);
gboolean registry_storage_ping (RegistryStorage *self, GError **error);
gboolean registry_storage_transaction (RegistryStorage *self,
                                       RegistryTransactionFunc func,
                                       gpointer user_data,
                                       GError **error);
const char *registry_storage_for_update (RegistryStorage *self);

gboolean registry_storage_migrate (RegistryStorage *self, GError **error);
int registry_storage_get_schema_version (RegistryStorage *self, GError **error);
int registry_storage_get_latest_schema_version (void);

G_END_DECLS
