/* store-database.c: the kiosk's local sqlite store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file may hold filings that have not reached the registry yet, so this
 * code never deletes, truncates or recreates it: a file it cannot open or
 * migrate is an error for the operator to look at, not something to repair.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "core-file.h"
#include "store-private.h"

#define BUSY_TIMEOUT_MS 5000
/* pages given back per store_database_reclaim() (1 MiB of 4 KiB pages): a
 * bounded pause for the kiosk's other writers */
#define RECLAIM_PAGES 256

struct _StoreDatabase
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  int schema_version;
  GRecMutex transaction_lock; /* one transaction at a time across threads */
  guint transaction_depth;
};

G_DEFINE_FINAL_TYPE (StoreDatabase, store_database, G_TYPE_OBJECT)

static void
store_database_finalize (GObject *object)
{
  StoreDatabase *self = STORE_DATABASE (object);

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_rec_mutex_clear (&self->transaction_lock);

  G_OBJECT_CLASS (store_database_parent_class)->finalize (object);
}

static void
store_database_class_init (StoreDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = store_database_finalize;
}

static void
store_database_init (StoreDatabase *self)
{
  g_rec_mutex_init (&self->transaction_lock);
}

gboolean
store_database_exec (StoreDatabase *self, const char *sql, GError **error)
{
  int rc;

  g_return_val_if_fail (STORE_IS_DATABASE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return store_error_set_from_sqlite (error, self->db, rc, "running SQL");
  return TRUE;
}

static gboolean
query_int (sqlite3 *db, const char *sql, int *out, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      store_error_set_from_sqlite (error, db, rc, "reading the store");
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Creates the file 0600 before sqlite sees it, because sqlite would create it
 * with the umask's mode, and gives its -wal and -shm files the same mode as
 * the database file. An existing file that others can read is tightened.
 * The file is never opened here: the application and the sync engine each
 * have a connection, and closing any descriptor of the file would drop the
 * locks of the one already open (see core_file_create_private()). */
static gboolean
prepare_file (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) file_error = NULL;
  gboolean created = FALSE;
  GStatBuf st;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, STORE_ERROR, STORE_ERROR_OPEN, "cannot create the data folder %s: %s",
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  if (!core_file_create_private (path, &created, &file_error))
    {
      g_set_error_literal (error, STORE_ERROR, STORE_ERROR_OPEN, file_error->message);
      return FALSE;
    }
  if (!created && g_stat (path, &st) == 0 && (st.st_mode & 0077) != 0)
    {
      g_warning ("the store %s was readable by others; restricting it to its owner", path);
      if (g_chmod (path, 0600) != 0)
        g_warning ("cannot restrict %s: %s", path, g_strerror (errno));
    }
  return TRUE;
}

/* All pending steps run in one transaction with foreign keys off (a step may
 * rebuild a table), and the result is checked before commit. On any failure
 * the transaction rolls back and the file is exactly as it was. */
static gboolean
run_migrations (StoreDatabase *self,
                const StoreMigration *migrations,
                guint n_migrations,
                GError **error)
{
  int rc;
  int violations = 0;

  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return store_error_set_from_sqlite (error, self->db, rc, "starting the schema update");

  for (guint i = 0; i < n_migrations; i++)
    {
      const StoreMigration *step = &migrations[i];
      g_autofree char *set_version = NULL;

      if (step->version <= self->schema_version)
        continue;

      g_info ("updating the store schema to version %d: %s", step->version, step->description);
      set_version = g_strdup_printf ("PRAGMA user_version = %d", step->version);
      rc = sqlite3_exec (self->db, step->sql, NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (self->db, set_version, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, STORE_ERROR, STORE_ERROR_MIGRATION,
                       "updating the store schema from version %d to %d failed (%s); "
                       "the store was left unchanged",
                       self->schema_version, step->version, sqlite3_errmsg (self->db));
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  if (!query_int (self->db, "SELECT count(*) FROM pragma_foreign_key_check", &violations, error) ||
      violations > 0)
    {
      if (violations > 0)
        g_set_error (error, STORE_ERROR, STORE_ERROR_MIGRATION,
                     "updating the store schema broke %d references; the store was left unchanged",
                     violations);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      store_error_set_from_sqlite (error, self->db, rc, "committing the schema update");
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return query_int (self->db, "PRAGMA user_version", &self->schema_version, error);
}

StoreDatabase *
store_database_open_with_migrations (const char *path,
                                     const StoreMigration *migrations,
                                     guint n_migrations,
                                     GError **error)
{
  g_autoptr (StoreDatabase) self = NULL;
  int latest = n_migrations > 0 ? migrations[n_migrations - 1].version : 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!prepare_file (path, error))
    return NULL;

  self = g_object_new (STORE_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      store_error_set_from_sqlite (error, self->db, rc, "opening the store");
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* The first read tells a damaged or foreign file apart before anything is written. */
  if (!query_int (self->db, "PRAGMA user_version", &self->schema_version, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  if (self->schema_version > latest)
    {
      g_set_error (error, STORE_ERROR, STORE_ERROR_NEWER_SCHEMA,
                   "%s was written by a newer kiosk (schema version %d, this kiosk knows %d); "
                   "install that version again",
                   path, self->schema_version, latest);
      return NULL;
    }

  /* a new file gives freed pages back a few at a time (store_database_reclaim());
   * only possible before its first table */
  if (self->schema_version == 0 &&
      !store_database_exec (self, "PRAGMA auto_vacuum = INCREMENTAL", error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  if (self->schema_version < latest && !run_migrations (self, migrations, n_migrations, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  /* WAL only after the schema is current, so a failed update leaves even the
   * journal mode of an old file untouched. */
  if (!store_database_exec (self,
                            "PRAGMA journal_mode = WAL;"
                            "PRAGMA synchronous = FULL;"
                            "PRAGMA foreign_keys = ON;"
                            "PRAGMA secure_delete = ON;",
                            error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * store_database_open:
 * @path: the database file; created 0600 (and its folder 0700) when missing
 * @error: return location for a #GError
 *
 * Opens the store and brings its schema up to date. Fails, leaving the file
 * as it was, when the file is damaged, newer than this kiosk, or a schema
 * step fails.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
StoreDatabase *
store_database_open (const char *path, GError **error)
{
  guint n_migrations;
  const StoreMigration *migrations = store_migrations_get (&n_migrations);

  return store_database_open_with_migrations (path, migrations, n_migrations, error);
}

int
store_database_get_latest_schema_version (void)
{
  guint n_migrations;
  const StoreMigration *migrations = store_migrations_get (&n_migrations);

  return migrations[n_migrations - 1].version;
}

const char *
store_database_get_path (StoreDatabase *self)
{
  g_return_val_if_fail (STORE_IS_DATABASE (self), NULL);
  return self->path;
}

int
store_database_get_schema_version (StoreDatabase *self)
{
  g_return_val_if_fail (STORE_IS_DATABASE (self), -1);
  return self->schema_version;
}

/**
 * store_database_get_handle:
 *
 * The raw connection, for the store's own modules. Callers must not keep
 * statements across transactions they do not own.
 */
sqlite3 *
store_database_get_handle (StoreDatabase *self)
{
  g_return_val_if_fail (STORE_IS_DATABASE (self), NULL);
  return self->db;
}

/**
 * store_database_transaction:
 * @func: the work; returns %FALSE with an error to roll everything back
 *
 * Runs @func inside a transaction: the outermost call takes the write lock at
 * once (BEGIN IMMEDIATE) so it never fails half-way on a lock upgrade; nested
 * calls become savepoints that roll back on their own. Callers on other
 * threads wait for the running transaction to end.
 *
 * Returns: %TRUE when @func succeeded and its work is committed
 */
gboolean
store_database_transaction (StoreDatabase *self,
                            StoreTransactionFunc func,
                            gpointer user_data,
                            GError **error)
{
  gboolean outermost;
  gboolean ok;
  int rc;

  g_return_val_if_fail (STORE_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  g_rec_mutex_lock (&self->transaction_lock);
  outermost = self->transaction_depth == 0;
  rc =
      sqlite3_exec (self->db, outermost ? "BEGIN IMMEDIATE" : "SAVEPOINT nested", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_rec_mutex_unlock (&self->transaction_lock);
      return store_error_set_from_sqlite (error, self->db, rc, "starting a transaction");
    }

  self->transaction_depth++;
  ok = func (self, user_data, error);
  self->transaction_depth--;

  if (ok)
    {
      rc = sqlite3_exec (self->db, outermost ? "COMMIT" : "RELEASE nested", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          store_error_set_from_sqlite (error, self->db, rc, "committing a transaction");
          ok = FALSE;
        }
    }
  if (!ok)
    sqlite3_exec (self->db, outermost ? "ROLLBACK" : "ROLLBACK TO nested; RELEASE nested", NULL,
                  NULL, NULL);
  g_rec_mutex_unlock (&self->transaction_lock);
  return ok;
}

/**
 * store_database_checkpoint:
 *
 * Moves everything from the WAL into the database file and truncates the WAL,
 * so that deleted personal data does not linger in the WAL.
 */
gboolean
store_database_checkpoint (StoreDatabase *self, GError **error)
{
  int rc;

  g_return_val_if_fail (STORE_IS_DATABASE (self), FALSE);

  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  if (rc != SQLITE_OK)
    return store_error_set_from_sqlite (error, self->db, rc, "checkpointing the store");
  return TRUE;
}

/**
 * store_database_prune_audit:
 * @before_us: wall-clock time (µs); lines written before it go
 *
 * Deletes the audit log's lines older than @before_us.
 */
gboolean
store_database_prune_audit (StoreDatabase *self, gint64 before_us, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (STORE_IS_DATABASE (self), FALSE);

  g_rec_mutex_lock (&self->transaction_lock);
  rc = sqlite3_prepare_v2 (self->db, "DELETE FROM audit WHERE at < ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 1, before_us);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->transaction_lock);

  if (rc != SQLITE_DONE)
    return store_error_set_from_sqlite (error, self->db, rc, "pruning the audit log");
  return TRUE;
}

/**
 * store_database_reclaim:
 *
 * Gives the file's free pages back to the file system, a bounded number at a
 * time, so that it shrinks after pruning without rewriting the whole file.
 * A file made before the kiosk did this is rewritten once (VACUUM) to allow
 * it. The WAL is checkpointed and truncated afterwards.
 */
gboolean
store_database_reclaim (StoreDatabase *self, GError **error)
{
  int mode = 0;
  gboolean ok;

  g_return_val_if_fail (STORE_IS_DATABASE (self), FALSE);

  g_rec_mutex_lock (&self->transaction_lock);
  ok = query_int (self->db, "PRAGMA auto_vacuum", &mode, error);
  if (ok && mode != 2) /* 2: incremental */
    ok = store_database_exec (self, "PRAGMA auto_vacuum = INCREMENTAL; VACUUM", error);
  else if (ok)
    ok = store_database_exec (self, "PRAGMA incremental_vacuum (" G_STRINGIFY (RECLAIM_PAGES) ")",
                              error);
  g_rec_mutex_unlock (&self->transaction_lock);
  return ok && store_database_checkpoint (self, error);
}

char *
store_database_get_setting (StoreDatabase *self, const char *key, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  int rc;

  g_return_val_if_fail (STORE_IS_DATABASE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  rc = sqlite3_prepare_v2 (self->db, "SELECT value FROM settings WHERE key = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    g_set_error (error, STORE_ERROR, STORE_ERROR_NOT_FOUND, "no setting %s", key);
  else
    store_error_set_from_sqlite (error, self->db, rc, "reading a setting");

  sqlite3_finalize (stmt);
  return value;
}

gboolean
store_database_set_setting (StoreDatabase *self, const char *key, const char *value, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (STORE_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  g_rec_mutex_lock (&self->transaction_lock);
  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                           "updated_at = excluded.updated_at",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->transaction_lock);

  if (rc != SQLITE_DONE)
    return store_error_set_from_sqlite (error, self->db, rc, "writing a setting");
  return TRUE;
}

/**
 * store_database_remove_setting:
 *
 * Forgets @key; nothing happens when it is not set.
 */
gboolean
store_database_remove_setting (StoreDatabase *self, const char *key, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (STORE_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  g_rec_mutex_lock (&self->transaction_lock);
  rc = sqlite3_prepare_v2 (self->db, "DELETE FROM settings WHERE key = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->transaction_lock);

  if (rc != SQLITE_DONE)
    return store_error_set_from_sqlite (error, self->db, rc, "removing a setting");
  return TRUE;
}

/**
 * store_database_audit:
 * @actor: who acted: "kiosk", "staff:NAME", "sync"
 * @action: what was done, e.g. "filing-created"
 * @detail: (nullable): more, never personal data in clear
 *
 * Appends a line to the audit log.
 */
gboolean
store_database_audit (StoreDatabase *self,
                      const char *actor,
                      const char *action,
                      const char *detail,
                      GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (STORE_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (actor != NULL && action != NULL, FALSE);

  g_rec_mutex_lock (&self->transaction_lock);
  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 2, actor, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 4, detail, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->transaction_lock);

  if (rc != SQLITE_DONE)
    return store_error_set_from_sqlite (error, self->db, rc, "writing the audit log");
  return TRUE;
}
