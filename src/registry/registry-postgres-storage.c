/* registry-postgres-storage.c: the PostgreSQL backend (libpq)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One blocking libpq connection per object; the server's worker threads each
 * own one. Statements are prepared on first use and kept for the life of the
 * connection. A lost connection is re-opened on the next statement outside a
 * transaction; inside one the statement fails and the caller's transaction
 * is rolled back whole.
 */

#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "registry-postgres-storage.h"
#include "registry-storage-private.h"

struct _RegistryPostgresStorage
{
  RegistryStorage parent_instance;

  PGconn *conn;
  GHashTable *statements; /* SQL text → prepared statement name */
  guint n_prepared;
};

G_DEFINE_FINAL_TYPE (RegistryPostgresStorage, registry_postgres_storage, REGISTRY_TYPE_STORAGE)

static gboolean
set_error_from_result (GError **error,
                       RegistryPostgresStorage *self,
                       PGresult *res,
                       const char *what)
{
  const char *state = res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  /* Only the primary message: the detail may quote row values (personal data). */
  const char *primary = res != NULL ? PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *message = primary != NULL ? primary : PQerrorMessage (self->conn);
  g_autofree char *trimmed = g_strstrip (g_strdup (message != NULL ? message : ""));
  RegistryError code = REGISTRY_ERROR_FAILED;

  if (PQstatus (self->conn) != CONNECTION_OK)
    code = REGISTRY_ERROR_UNAVAILABLE;
  else if (state != NULL && g_str_has_prefix (state, "23"))
    code = REGISTRY_ERROR_CONSTRAINT;
  else if (g_strcmp0 (state, "40001") == 0 || g_strcmp0 (state, "40P01") == 0 ||
           g_strcmp0 (state, "55P03") == 0)
    code = REGISTRY_ERROR_RETRY;
  else if (state != NULL && (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57")))
    code = REGISTRY_ERROR_UNAVAILABLE;

  g_set_error (error, REGISTRY_ERROR, code, "%s: %s", what, trimmed);
  return FALSE;
}

static void
registry_postgres_storage_finalize (GObject *object)
{
  RegistryPostgresStorage *self = REGISTRY_POSTGRES_STORAGE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->conn, PQfinish);

  G_OBJECT_CLASS (registry_postgres_storage_parent_class)->finalize (object);
}

static void
notice_cb (void *arg, const char *message)
{
  g_debug ("postgresql: %s", message);
}

static gboolean
ensure_connection (RegistryPostgresStorage *self, GError **error)
{
  if (PQstatus (self->conn) == CONNECTION_OK)
    return TRUE;
  if (PQtransactionStatus (self->conn) != PQTRANS_UNKNOWN &&
      PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    return set_error_from_result (error, self, NULL, "the database connection was lost");
  g_warning ("the database connection was lost; reconnecting");
  PQreset (self->conn);
  g_hash_table_remove_all (self->statements);
  if (PQstatus (self->conn) != CONNECTION_OK)
    return set_error_from_result (error, self, NULL, "reconnecting to the database");
  return TRUE;
}

static const char *
get_statement (RegistryPostgresStorage *self, const char *sql, int n_params, GError **error)
{
  const char *name = g_hash_table_lookup (self->statements, sql);
  g_autofree char *new_name = NULL;
  PGresult *res;

  if (name != NULL)
    return name;
  new_name = g_strdup_printf ("s%u", ++self->n_prepared);
  res = PQprepare (self->conn, new_name, sql, n_params, NULL);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      set_error_from_result (error, self, res, "preparing a statement");
      PQclear (res);
      return NULL;
    }
  PQclear (res);
  name = new_name;
  g_hash_table_insert (self->statements, g_strdup (sql), g_steal_pointer (&new_name));
  return name;
}

/* Runs one statement (prepared, with parameters) or a script. A connection
 * found dead by a statement outside any transaction is re-opened and the
 * statement sent again once, so a database restart costs no request; inside
 * a transaction the error goes to the caller, who rolls back. */
static PGresult *
execute (RegistryPostgresStorage *self,
         const char *sql,
         const char *const *params,
         int n_params,
         GBytes *blob,
         int result_format,
         gboolean script,
         GError **error)
{
  g_autofree const char **values = NULL;
  g_autofree int *lengths = NULL;
  g_autofree int *formats = NULL;

  /* the bytes go as one binary parameter after the text ones */
  if (blob != NULL)
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (blob, &size);

      values = g_new0 (const char *, n_params + 1);
      lengths = g_new0 (int, n_params + 1);
      formats = g_new0 (int, n_params + 1);
      for (int i = 0; i < n_params; i++)
        values[i] = params[i];
      values[n_params] = data != NULL ? data : "";
      lengths[n_params] = (int) size;
      formats[n_params] = 1;
      params = values;
      n_params++;
    }

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr (GError) error_local = NULL;
      gboolean was_idle = PQtransactionStatus (self->conn) == PQTRANS_IDLE;
      const char *name = NULL;
      PGresult *res = NULL;
      ExecStatusType status;

      if (!ensure_connection (self, error))
        return NULL;
      if (script)
        res = PQexec (self->conn, sql);
      else if ((name = get_statement (self, sql, n_params, &error_local)) != NULL)
        res = PQexecPrepared (self->conn, name, n_params, params, lengths, formats, result_format);

      if (res != NULL)
        {
          status = PQresultStatus (res);
          if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
            return res;
          set_error_from_result (&error_local, self, res,
                                 script ? "running SQL" : "running a statement");
          PQclear (res);
        }
      if (attempt == 0 && was_idle && PQstatus (self->conn) == CONNECTION_BAD)
        continue;
      g_propagate_error (error, g_steal_pointer (&error_local));
      return NULL;
    }
}

static gboolean
registry_postgres_storage_query (RegistryStorage *storage,
                                 const char *sql,
                                 const char *const *params,
                                 guint n_params,
                                 RegistryRows **out_rows,
                                 gint64 *out_changes,
                                 GError **error)
{
  RegistryPostgresStorage *self = REGISTRY_POSTGRES_STORAGE (storage);
  PGresult *res = execute (self, sql, params, (int) n_params, NULL, 0, FALSE, error);
  ExecStatusType status;

  if (res == NULL)
    return FALSE;
  status = PQresultStatus (res);
  if (out_changes != NULL)
    {
      const char *tuples = PQcmdTuples (res);
      *out_changes = tuples != NULL && *tuples != '\0' ? g_ascii_strtoll (tuples, NULL, 10) : 0;
    }
  if (out_rows != NULL)
    {
      guint n_rows = status == PGRES_TUPLES_OK ? (guint) PQntuples (res) : 0;
      guint n_columns = status == PGRES_TUPLES_OK ? (guint) PQnfields (res) : 0;
      RegistryRows *rows = registry_rows_new (n_rows, n_columns);

      for (guint r = 0; r < n_rows; r++)
        for (guint c = 0; c < n_columns; c++)
          rows->values[(gsize) r * n_columns + c] =
              PQgetisnull (res, r, c) ? NULL : g_strdup (PQgetvalue (res, r, c));
      *out_rows = rows;
    }
  PQclear (res);
  return TRUE;
}

static gboolean
registry_postgres_storage_exec_script (RegistryStorage *storage, const char *sql, GError **error)
{
  RegistryPostgresStorage *self = REGISTRY_POSTGRES_STORAGE (storage);
  PGresult *res = execute (self, sql, NULL, 0, NULL, 0, TRUE, error);

  if (res == NULL)
    return FALSE;
  PQclear (res);
  return TRUE;
}

static gboolean
registry_postgres_storage_query_blob (RegistryStorage *storage,
                                      const char *sql,
                                      const char *const *params,
                                      guint n_params,
                                      GBytes *blob,
                                      RegistryRows **out_rows,
                                      GError **error)
{
  RegistryPostgresStorage *self = REGISTRY_POSTGRES_STORAGE (storage);
  PGresult *res = execute (self, sql, params, (int) n_params, blob, 0, FALSE, error);

  if (res == NULL)
    return FALSE;
  if (out_rows != NULL)
    {
      gboolean tuples = PQresultStatus (res) == PGRES_TUPLES_OK;
      guint n_rows = tuples ? (guint) PQntuples (res) : 0;
      guint n_columns = tuples ? (guint) PQnfields (res) : 0;
      RegistryRows *rows = registry_rows_new (n_rows, n_columns);

      for (guint r = 0; r < n_rows; r++)
        for (guint c = 0; c < n_columns; c++)
          rows->values[(gsize) r * n_columns + c] =
              PQgetisnull (res, r, c) ? NULL : g_strdup (PQgetvalue (res, r, c));
      *out_rows = rows;
    }
  PQclear (res);
  return TRUE;
}

/* The result in binary format: a bytea cell is the bytes themselves, kept
 * in the result until the GBytes is dropped (no copy of a 10 MiB scan). */
static GBytes *
registry_postgres_storage_read_blob (RegistryStorage *storage,
                                     const char *sql,
                                     const char *const *params,
                                     guint n_params,
                                     GError **error)
{
  RegistryPostgresStorage *self = REGISTRY_POSTGRES_STORAGE (storage);
  PGresult *res = execute (self, sql, params, (int) n_params, NULL, 1, FALSE, error);

  if (res == NULL)
    return NULL;
  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) < 1 || PQnfields (res) < 1 ||
      PQgetisnull (res, 0, 0))
    {
      PQclear (res);
      return NULL;
    }
  return g_bytes_new_with_free_func (PQgetvalue (res, 0, 0), (gsize) PQgetlength (res, 0, 0),
                                     (GDestroyNotify) PQclear, res);
}

static gboolean
registry_postgres_storage_ping (RegistryStorage *storage, GError **error)
{
  return registry_postgres_storage_exec_script (storage, "SELECT 1", error);
}

static void
registry_postgres_storage_class_init (RegistryPostgresStorageClass *klass)
{
  RegistryStorageClass *storage_class = REGISTRY_STORAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = registry_postgres_storage_finalize;
  storage_class->query = registry_postgres_storage_query;
  storage_class->exec_script = registry_postgres_storage_exec_script;
  storage_class->ping = registry_postgres_storage_ping;
  storage_class->query_blob = registry_postgres_storage_query_blob;
  storage_class->read_blob = registry_postgres_storage_read_blob;
}

static void
registry_postgres_storage_init (RegistryPostgresStorage *self)
{
  registry_storage_set_dialect (REGISTRY_STORAGE (self), REGISTRY_DIALECT_POSTGRES);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

RegistryStorage *
registry_postgres_storage_new (const char *conninfo, GError **error)
{
  g_autoptr (RegistryPostgresStorage) self = g_object_new (REGISTRY_TYPE_POSTGRES_STORAGE, NULL);

  /* A default connect timeout, so a worker never hangs on an unreachable
   * host; one in the URL wins (later parameters override earlier ones). */
  const char *const keywords[] = { "connect_timeout", "dbname", NULL };
  const char *const values[] = { "5", conninfo, NULL };

  self->conn = PQconnectdbParams (keywords, values, 1);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      /* libpq's message names host and socket, never the password. */
      g_autofree char *message = g_strstrip (g_strdup (PQerrorMessage (self->conn)));
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_UNAVAILABLE,
                   "connecting to PostgreSQL: %s", message);
      return NULL;
    }
  PQsetNoticeProcessor (self->conn, notice_cb, NULL);
  return REGISTRY_STORAGE (g_steal_pointer (&self));
}
