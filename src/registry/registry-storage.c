/* registry-storage.c: one small SQL interface over SQLite and PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every statement the registry runs is written once, with `$1`-style text
 * parameters, and runs unchanged on both backends. A storage object is one
 * database connection and is used by one thread at a time; the server keeps
 * one per worker thread.
 */

#include "config.h"

#include <string.h>

#include "registry-storage-private.h"

#define MAX_TRANSACTION_ATTEMPTS 8

typedef struct
{
  RegistryDialect dialect;
} RegistryStoragePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RegistryStorage, registry_storage, G_TYPE_OBJECT)

static void
registry_storage_class_init (RegistryStorageClass *klass)
{
}

static void
registry_storage_init (RegistryStorage *self)
{
}

/* ---- rows ---- */

RegistryRows *
registry_rows_new (guint n_rows, guint n_columns)
{
  RegistryRows *rows = g_new0 (RegistryRows, 1);

  rows->n_rows = n_rows;
  rows->n_columns = n_columns;
  rows->values = g_new0 (char *, (gsize) n_rows *n_columns + 1);
  return rows;
}

void
registry_rows_free (RegistryRows *rows)
{
  if (rows == NULL)
    return;
  for (gsize i = 0; i < (gsize) rows->n_rows * rows->n_columns; i++)
    g_free (rows->values[i]);
  g_free (rows->values);
  g_free (rows);
}

/**
 * registry_rows_get:
 *
 * Returns: (nullable): the cell's text, %NULL for SQL NULL or out of range
 */
const char *
registry_rows_get (RegistryRows *rows, guint row, guint column)
{
  g_return_val_if_fail (rows != NULL, NULL);
  if (row >= rows->n_rows || column >= rows->n_columns)
    return NULL;
  return rows->values[(gsize) row * rows->n_columns + column];
}

gint64
registry_rows_get_int (RegistryRows *rows, guint row, guint column)
{
  const char *text = registry_rows_get (rows, row, column);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* ---- connections ---- */

/**
 * registry_storage_open:
 * @url: `sqlite:PATH` or `postgresql://…` (also `postgres://…`)
 *
 * Connects; does not touch the schema (see registry_storage_migrate()).
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
RegistryStorage *
registry_storage_open (const char *url, GError **error)
{
  g_return_val_if_fail (url != NULL, NULL);

  if (g_str_has_prefix (url, "sqlite:"))
    {
      const char *path = url + strlen ("sqlite:");
      if (*path == '\0')
        {
          g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                               "sqlite: needs a file path, e.g. sqlite:/var/lib/registry.db");
          return NULL;
        }
      return registry_sqlite_storage_new (path, error);
    }
  if (g_str_has_prefix (url, "postgresql://") || g_str_has_prefix (url, "postgres://"))
    return registry_postgres_storage_new (url, error);

  g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                       "the database URL must start with sqlite: or postgresql://");
  return NULL;
}

void
registry_storage_set_dialect (RegistryStorage *self, RegistryDialect dialect)
{
  RegistryStoragePrivate *priv = registry_storage_get_instance_private (self);

  priv->dialect = dialect;
}

RegistryDialect
registry_storage_get_dialect (RegistryStorage *self)
{
  RegistryStoragePrivate *priv = registry_storage_get_instance_private (self);

  g_return_val_if_fail (REGISTRY_IS_STORAGE (self), REGISTRY_DIALECT_SQLITE);
  return priv->dialect;
}

/**
 * registry_storage_for_update:
 *
 * Returns: " FOR UPDATE" on PostgreSQL, where a read that precedes a write
 *   must lock its rows; "" on SQLite, whose write transactions already hold
 *   the whole database
 */
const char *
registry_storage_for_update (RegistryStorage *self)
{
  return registry_storage_get_dialect (self) == REGISTRY_DIALECT_POSTGRES ? " FOR UPDATE" : "";
}

/**
 * registry_storage_query:
 * @sql: one statement with parameters `$1` … `$n`
 * @params: (array length=n_params) (nullable): the parameters as text; %NULL
 *   elements are SQL NULL
 * @out_rows: (out) (optional) (transfer full): the result rows
 * @out_changes: (out) (optional): how many rows the statement inserted,
 *   updated or deleted
 */
gboolean
registry_storage_query (RegistryStorage *self,
                        const char *sql,
                        const char *const *params,
                        guint n_params,
                        RegistryRows **out_rows,
                        gint64 *out_changes,
                        GError **error)
{
  g_return_val_if_fail (REGISTRY_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  return REGISTRY_STORAGE_GET_CLASS (self)->query (self, sql, params, n_params, out_rows,
                                                   out_changes, error);
}

/**
 * registry_storage_query_blob:
 * @blob: bytes bound as parameter `$n_params+1`
 *
 * Like registry_storage_query() for a statement that writes bytes (an
 * attachment): they go to the database as they are, never as text.
 */
gboolean
registry_storage_query_blob (RegistryStorage *self,
                             const char *sql,
                             const char *const *params,
                             guint n_params,
                             GBytes *blob,
                             RegistryRows **out_rows,
                             GError **error)
{
  g_return_val_if_fail (REGISTRY_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (sql != NULL && blob != NULL, FALSE);

  return REGISTRY_STORAGE_GET_CLASS (self)->query_blob (self, sql, params, n_params, blob, out_rows,
                                                        error);
}

/**
 * registry_storage_read_blob:
 * @sql: a query whose first column is a byte column
 *
 * Returns: (transfer full) (nullable): the first row's first column, or
 *   %NULL: with @error set when the query failed, without when it found no
 *   row (or SQL NULL)
 */
GBytes *
registry_storage_read_blob (RegistryStorage *self,
                            const char *sql,
                            const char *const *params,
                            guint n_params,
                            GError **error)
{
  g_return_val_if_fail (REGISTRY_IS_STORAGE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  return REGISTRY_STORAGE_GET_CLASS (self)->read_blob (self, sql, params, n_params, error);
}

gboolean
registry_storage_exec (RegistryStorage *self, const char *sql, GError **error)
{
  g_return_val_if_fail (REGISTRY_IS_STORAGE (self), FALSE);
  return REGISTRY_STORAGE_GET_CLASS (self)->exec_script (self, sql, error);
}

gboolean
registry_storage_ping (RegistryStorage *self, GError **error)
{
  g_return_val_if_fail (REGISTRY_IS_STORAGE (self), FALSE);
  return REGISTRY_STORAGE_GET_CLASS (self)->ping (self, error);
}

static gboolean
transact_once (RegistryStorage *self,
               RegistryTransactionFunc func,
               gpointer user_data,
               GError **error)
{
  if (registry_storage_exec (self, "BEGIN", error) && func (self, user_data, error) &&
      registry_storage_exec (self, "COMMIT", error))
    return TRUE;
  registry_storage_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

/**
 * registry_storage_transaction:
 * @func: the work; returns %FALSE with an error to roll everything back
 *
 * Runs @func in a transaction. When the database reports a lock conflict,
 * a deadlock or a serialisation failure (%REGISTRY_ERROR_RETRY) the whole
 * transaction is rolled back and run again a few times, so @func must only
 * touch the database and its own result.
 */
gboolean
registry_storage_transaction (RegistryStorage *self,
                              RegistryTransactionFunc func,
                              gpointer user_data,
                              GError **error)
{
  RegistryStorageClass *klass = REGISTRY_STORAGE_GET_CLASS (self);

  g_return_val_if_fail (REGISTRY_IS_STORAGE (self), FALSE);

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr (GError) error_local = NULL;

      if (klass->transact != NULL ? klass->transact (self, func, user_data, &error_local)
                                  : transact_once (self, func, user_data, &error_local))
        return TRUE;

      if (!g_error_matches (error_local, REGISTRY_ERROR, REGISTRY_ERROR_RETRY) ||
          attempt == MAX_TRANSACTION_ATTEMPTS)
        {
          g_propagate_error (error, g_steal_pointer (&error_local));
          return FALSE;
        }
      g_debug ("transaction conflict, attempt %u: %s", attempt, error_local->message);
      g_usleep (g_random_int_range (1000, 5000) * attempt);
    }
}

/* ---- schema ---- */

static char *
expand_dialect (RegistryStorage *self, const char *sql)
{
  gboolean pg = registry_storage_get_dialect (self) == REGISTRY_DIALECT_POSTGRES;
  g_autoptr (GString) out = g_string_new (sql);

  g_string_replace (out, "{{id}}",
                    pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
                       : "INTEGER PRIMARY KEY AUTOINCREMENT",
                    0);
  g_string_replace (out, "{{blob}}", pg ? "BYTEA" : "BLOB", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
read_version (RegistryStorage *self, int *out_version, GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;

  if (!registry_storage_query (self, "SELECT coalesce(max(version), 0) FROM schema_migrations",
                               NULL, 0, &rows, NULL, error))
    return FALSE;
  *out_version = (int) registry_rows_get_int (rows, 0, 0);
  return TRUE;
}

typedef struct
{
  int target;
  int from;
} MigrateData;

static gboolean
migrate_cb (RegistryStorage *self, gpointer user_data, GError **error)
{
  MigrateData *data = user_data;
  guint n_migrations;
  const RegistryMigration *migrations = registry_migrations_get (&n_migrations);
  int version;

  /* Two registry processes starting together on one PostgreSQL: the second
   * waits here for the first and then finds nothing left to do. */
  if (registry_storage_get_dialect (self) == REGISTRY_DIALECT_POSTGRES &&
      !registry_storage_query (self, "SELECT pg_advisory_xact_lock(727274)", NULL, 0, NULL, NULL,
                               error))
    return FALSE;

  if (!registry_storage_exec (self,
                              "CREATE TABLE IF NOT EXISTS schema_migrations ("
                              " version INTEGER PRIMARY KEY,"
                              " description TEXT NOT NULL,"
                              " applied_at BIGINT NOT NULL)",
                              error) ||
      !read_version (self, &version, error))
    return FALSE;

  data->from = version;
  if (version > migrations[n_migrations - 1].version)
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_NEWER_SCHEMA,
                   "the database has schema version %d, newer than this registry knows (%d); "
                   "run a newer registry",
                   version, migrations[n_migrations - 1].version);
      return FALSE;
    }

  for (guint i = 0; i < n_migrations; i++)
    {
      const RegistryMigration *step = &migrations[i];
      g_autofree char *sql = NULL;
      g_autofree char *version_text = NULL;
      g_autofree char *now_text = NULL;
      g_autoptr (GError) error_local = NULL;

      if (step->version <= version || step->version > data->target)
        continue;
      g_info ("updating the registry schema to version %d: %s", step->version, step->description);
      sql = expand_dialect (self, step->sql);
      version_text = g_strdup_printf ("%d", step->version);
      now_text = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
      if (!registry_storage_exec (self, sql, &error_local) ||
          !registry_storage_query (
              self,
              "INSERT INTO schema_migrations (version, description, applied_at)"
              " VALUES ($1, $2, $3)",
              (const char *[]){ version_text, step->description, now_text }, 3, NULL, NULL,
              &error_local))
        {
          if (g_error_matches (error_local, REGISTRY_ERROR, REGISTRY_ERROR_RETRY))
            {
              g_propagate_error (error, g_steal_pointer (&error_local));
              return FALSE;
            }
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_MIGRATION,
                       "updating the schema from version %d to %d failed (%s); "
                       "the database was left unchanged",
                       version, step->version, error_local->message);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * registry_storage_migrate_to:
 * @version: the schema version to reach (tests use an older one)
 *
 * Applies the pending numbered steps up to @version in one transaction: on
 * failure nothing is changed. Never goes down.
 */
gboolean
registry_storage_migrate_to (RegistryStorage *self, int version, GError **error)
{
  MigrateData data = { version, 0 };

  g_return_val_if_fail (REGISTRY_IS_STORAGE (self), FALSE);
  return registry_storage_transaction (self, migrate_cb, &data, error);
}

/**
 * registry_storage_migrate:
 *
 * Brings the schema to the newest version this registry knows.
 */
gboolean
registry_storage_migrate (RegistryStorage *self, GError **error)
{
  return registry_storage_migrate_to (self, registry_storage_get_latest_schema_version (), error);
}

int
registry_storage_get_latest_schema_version (void)
{
  guint n_migrations;
  const RegistryMigration *migrations = registry_migrations_get (&n_migrations);

  return migrations[n_migrations - 1].version;
}

/**
 * registry_storage_get_schema_version:
 *
 * Returns: the schema version, 0 for an empty database, -1 on error
 */
int
registry_storage_get_schema_version (RegistryStorage *self, GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;
  int version = 0;

  g_return_val_if_fail (REGISTRY_IS_STORAGE (self), -1);

  /* Probe for the table in a way both dialects understand. */
  if (!registry_storage_query (self,
                               registry_storage_get_dialect (self) == REGISTRY_DIALECT_POSTGRES
                                   ? "SELECT count(*) FROM information_schema.tables"
                                     " WHERE table_name = 'schema_migrations'"
                                     " AND table_schema = current_schema()"
                                   : "SELECT count(*) FROM sqlite_master"
                                     " WHERE type = 'table' AND name = 'schema_migrations'",
                               NULL, 0, &rows, NULL, error))
    return -1;
  if (registry_rows_get_int (rows, 0, 0) == 0)
    return 0;
  if (!read_version (self, &version, error))
    return -1;
  return version;
}
