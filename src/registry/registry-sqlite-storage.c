/* registry-sqlite-storage.c: the embedded SQLite backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAL with synchronous=FULL: an answered filing survives a power cut. Several
 * connections (one per worker) share the file; readers never wait.
 *
 * Writers take turns, and commit together. SQLite takes one writer at a time
 * and lets the others poll for its lock, sleeping up to 100 ms between
 * tries: with four workers writing, a transaction that held the lock for a
 * millisecond left the others asleep long after it ended (up to seconds for
 * an unlucky one). And each commit waited for its own fsync, which is most of
 * a write's time. So the transactions of one process's connections to one
 * file queue in memory: the first to find no other at work leads, and runs
 * every transaction queued at that moment on its own connection, each in a
 * savepoint (a failing one rolls back alone), under one BEGIN IMMEDIATE and
 * one COMMIT, so one fsync makes them all durable; nobody is answered before
 * that COMMIT. The busy handler, which now polls every fraction of a
 * millisecond, only waits for other processes (the admin command, a second
 * registry). Statements are prepared once per connection and kept.
 *
 * The WAL is kept bounded. SQLite copies it back into the database after
 * every commit that leaves 1,000 pages in it, but it can only start the WAL
 * over from its beginning at a moment when no reader uses it; under steady
 * load (kiosks calling all day, several workers) there is always one, and the
 * WAL grew past the database itself: 146 MiB beside 95 MiB at 100,000
 * people. Past a limit the committing worker waits a little for the readers
 * of that moment, which take milliseconds, and truncates the WAL. A long
 * read (a backup copying a large database) keeps the WAL from being
 * truncated however long a commit waits, so after a truncate that had to
 * give up the connection tries again only once the WAL has grown by half the
 * limit again, or an interval later: in between, its commits only copy the
 * WAL back (a passive checkpoint, no waiting) instead of each waiting its
 * full time for a reader that will not finish.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "core-file.h"
#include "registry-sqlite-storage.h"
#include "registry-storage-private.h"

#define BUSY_TIMEOUT_MS 10000
#define BUSY_SLEEP_FIRST_US 100
#define BUSY_SLEEP_MAX_US 2000
#define WAL_CHECKPOINT_PAGES 1000 /* SQLite's own default */
#define WAL_LIMIT_PAGES 16384     /* 64 MiB of 4 KiB pages */
/* how long a commit waits for readers before it leaves the WAL for the next
 * one: a backup's long read must not stall the request that committed */
#define WAL_TRUNCATE_WAIT_MS 200
/* after a truncate that gave up, this long before the next is tried */
#define WAL_TRUNCATE_RETRY_MS 5000
#define BACKUP_BUSY_RETRIES 100
#define BACKUP_BUSY_SLEEP_US 100000

/* One transaction function waiting in a group. */
typedef struct
{
  RegistryTransactionFunc func;
  gpointer user_data;
  gboolean finished;
  GError *error;
} Member;

/* The turn to write, shared by this process's connections to one file. */
typedef struct
{
  GMutex mutex;
  GCond finished;
  GQueue waiting; /* Member */
  gboolean leading;
  char *path;
  guint refs;
} WriterTurn;

static GMutex turns_lock;
static GHashTable *turns; /* path → WriterTurn */

struct _RegistrySqliteStorage
{
  RegistryStorage parent_instance;

  sqlite3 *db;
  WriterTurn *turn;
  gboolean in_turn;       /* leading a group */
  int wal_pages_to_check; /* left by a commit in its turn for after it */
  guint busy_timeout_ms;
  gint64 busy_since;
  GHashTable *statements; /* SQL text → sqlite3_stmt */
  guint wal_limit_pages;
  gint64 wal_truncate_retry_us;
  gint64 wal_truncate_failed_at; /* monotonic µs; 0 once a truncate succeeded */
  int wal_truncate_failed_pages;
  guint wal_truncate_attempts;
};

G_DEFINE_FINAL_TYPE (RegistrySqliteStorage, registry_sqlite_storage, REGISTRY_TYPE_STORAGE)

static WriterTurn *
writer_turn_ref (const char *path)
{
  WriterTurn *turn;

  g_mutex_lock (&turns_lock);
  if (turns == NULL)
    turns = g_hash_table_new (g_str_hash, g_str_equal);
  turn = g_hash_table_lookup (turns, path);
  if (turn == NULL)
    {
      turn = g_new0 (WriterTurn, 1);
      g_mutex_init (&turn->mutex);
      g_cond_init (&turn->finished);
      g_queue_init (&turn->waiting);
      turn->path = g_strdup (path);
      g_hash_table_insert (turns, turn->path, turn);
    }
  turn->refs++;
  g_mutex_unlock (&turns_lock);
  return turn;
}

static void
writer_turn_unref (WriterTurn *turn)
{
  g_mutex_lock (&turns_lock);
  if (--turn->refs == 0)
    {
      g_hash_table_remove (turns, turn->path);
      g_mutex_clear (&turn->mutex);
      g_cond_clear (&turn->finished);
      g_free (turn->path);
      g_free (turn);
    }
  g_mutex_unlock (&turns_lock);
}

/* In place of sqlite3_busy_timeout(), whose sleeps grow to 100 ms. */
static int
busy_cb (void *user_data, int count)
{
  RegistrySqliteStorage *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    self->busy_since = now;
  if (now - self->busy_since >= (gint64) self->busy_timeout_ms * G_TIME_SPAN_MILLISECOND)
    return 0;
  g_usleep (MIN ((gulong) BUSY_SLEEP_FIRST_US << MIN (count, 8), BUSY_SLEEP_MAX_US));
  return 1;
}

static gboolean
registry_sqlite_storage_exec_script (RegistryStorage *storage, const char *sql, GError **error);

static gboolean
set_error (GError **error, RegistrySqliteStorage *self, int rc, const char *what)
{
  RegistryError code;

  switch (rc & 0xff)
    {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        code = REGISTRY_ERROR_RETRY;
        break;
      case SQLITE_CONSTRAINT:
        code = REGISTRY_ERROR_CONSTRAINT;
        break;
      case SQLITE_CANTOPEN:
      case SQLITE_IOERR:
      case SQLITE_PERM:
      case SQLITE_READONLY:
      case SQLITE_NOTADB:
      case SQLITE_CORRUPT:
      case SQLITE_FULL:
        code = REGISTRY_ERROR_UNAVAILABLE;
        break;
      default:
        code = REGISTRY_ERROR_FAILED;
        break;
    }
  g_set_error (error, REGISTRY_ERROR, code, "%s: %s", what,
               self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

/* A truncate needs a moment when no reader uses the WAL: it waits that
 * long for the readers of now, and reports whether it truncated. */
static gboolean
truncate_wal (RegistrySqliteStorage *self, int n_pages)
{
  int rc;

  self->wal_truncate_attempts++;
  self->busy_timeout_ms = WAL_TRUNCATE_WAIT_MS;
  rc = sqlite3_wal_checkpoint_v2 (self->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  self->busy_timeout_ms = BUSY_TIMEOUT_MS;
  if (rc != SQLITE_OK)
    {
      g_debug ("the WAL holds %d pages; truncating it waits for a later commit (%s)", n_pages,
               sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

static void
check_wal (RegistrySqliteStorage *self, int n_pages)
{
  gint64 now = g_get_monotonic_time ();

  if (n_pages >= (int) self->wal_limit_pages &&
      (self->wal_truncate_failed_at == 0 ||
       now - self->wal_truncate_failed_at >= self->wal_truncate_retry_us ||
       n_pages - self->wal_truncate_failed_pages >= (int) self->wal_limit_pages / 2))
    {
      gboolean truncated = truncate_wal (self, n_pages);

      self->wal_truncate_failed_at = truncated ? 0 : MAX (g_get_monotonic_time (), 1);
      self->wal_truncate_failed_pages = truncated ? 0 : n_pages;
    }
  else
    sqlite3_wal_checkpoint_v2 (self->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

/* Runs after each commit on this connection, the write lock released; in
 * place of SQLite's automatic checkpoint, which it replaces. A commit in its
 * group leaves the checkpoint for after the group: the next group need not
 * wait for it. */
static int
wal_committed_cb (void *user_data, sqlite3 *db, const char *schema, int n_pages)
{
  RegistrySqliteStorage *self = user_data;

  if (n_pages < WAL_CHECKPOINT_PAGES && n_pages < (int) self->wal_limit_pages)
    return SQLITE_OK;
  if (self->in_turn)
    self->wal_pages_to_check = n_pages;
  else
    check_wal (self, n_pages);
  return SQLITE_OK;
}

/* Runs each member in a savepoint of its own, then commits them together.
 * A member that fails is rolled back alone and told why; when the
 * transaction itself fails (BEGIN, COMMIT, or an error that ends it), every
 * member that had not failed by itself is told to run again. */
static void
run_group (RegistrySqliteStorage *self, GPtrArray *group)
{
  g_autoptr (GError) group_error = NULL;
  RegistryStorage *storage = REGISTRY_STORAGE (self);

  if (registry_sqlite_storage_exec_script (storage, "BEGIN IMMEDIATE", &group_error))
    {
      for (guint i = 0; i < group->len && group_error == NULL; i++)
        {
          Member *member = g_ptr_array_index (group, i);

          if (!registry_sqlite_storage_exec_script (storage, "SAVEPOINT member", &group_error))
            break;
          if (member->func (storage, member->user_data, &member->error))
            {
              registry_sqlite_storage_exec_script (storage, "RELEASE member", &group_error);
              continue;
            }
          if (member->error == NULL)
            g_set_error_literal (&member->error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED,
                                 "the transaction failed without saying why");
          /* an I/O error or a full disk ends the whole transaction */
          if (sqlite3_get_autocommit (self->db) ||
              !registry_sqlite_storage_exec_script (storage, "ROLLBACK TO member; RELEASE member",
                                                    &group_error))
            {
              if (group_error == NULL)
                group_error = g_error_copy (member->error);
            }
        }
      if (group_error == NULL)
        registry_sqlite_storage_exec_script (storage, "COMMIT", &group_error);
      if (group_error != NULL && !sqlite3_get_autocommit (self->db))
        registry_sqlite_storage_exec_script (storage, "ROLLBACK", NULL);
    }
  if (group_error == NULL)
    return;
  for (guint i = 0; i < group->len; i++)
    {
      Member *member = g_ptr_array_index (group, i);

      /* its work is gone with the others': a lock conflict says run again */
      g_clear_error (&member->error);
      if (g_error_matches (group_error, REGISTRY_ERROR, REGISTRY_ERROR_RETRY))
        member->error = g_error_copy (group_error);
      else
        g_set_error (&member->error, REGISTRY_ERROR, REGISTRY_ERROR_RETRY,
                     "a transaction committed together with this one failed: %s",
                     group_error->message);
    }
}

static gboolean
registry_sqlite_storage_transact (RegistryStorage *storage,
                                  RegistryTransactionFunc func,
                                  gpointer user_data,
                                  GError **error)
{
  RegistrySqliteStorage *self = REGISTRY_SQLITE_STORAGE (storage);
  WriterTurn *turn = self->turn;
  Member me = { func, user_data, FALSE, NULL };
  g_autoptr (GPtrArray) group = g_ptr_array_new ();
  int n_pages;

  g_mutex_lock (&turn->mutex);
  g_queue_push_tail (&turn->waiting, &me);
  while (turn->leading && !me.finished)
    g_cond_wait (&turn->finished, &turn->mutex);
  if (me.finished)
    {
      g_mutex_unlock (&turn->mutex);
      if (me.error != NULL)
        {
          g_propagate_error (error, me.error);
          return FALSE;
        }
      return TRUE;
    }

  /* this connection leads everyone queued now, itself among them */
  turn->leading = TRUE;
  while (!g_queue_is_empty (&turn->waiting))
    g_ptr_array_add (group, g_queue_pop_head (&turn->waiting));
  g_mutex_unlock (&turn->mutex);

  self->in_turn = TRUE;
  run_group (self, group);
  self->in_turn = FALSE;

  g_mutex_lock (&turn->mutex);
  for (guint i = 0; i < group->len; i++)
    ((Member *) g_ptr_array_index (group, i))->finished = TRUE;
  turn->leading = FALSE;
  g_cond_broadcast (&turn->finished);
  g_mutex_unlock (&turn->mutex);

  /* the checkpoint the commit asked for, once the others may write again */
  n_pages = self->wal_pages_to_check;
  self->wal_pages_to_check = 0;
  if (n_pages > 0)
    check_wal (self, n_pages);

  if (me.error != NULL)
    {
      g_propagate_error (error, me.error);
      return FALSE;
    }
  return TRUE;
}

static void
registry_sqlite_storage_finalize (GObject *object)
{
  RegistrySqliteStorage *self = REGISTRY_SQLITE_STORAGE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->turn, writer_turn_unref);

  G_OBJECT_CLASS (registry_sqlite_storage_parent_class)->finalize (object);
}

static sqlite3_stmt *
get_statement (RegistrySqliteStorage *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (error, self, rc, "preparing a statement");
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Binds the text parameters and, when given, @blob after them. */
static gboolean
bind_params (RegistrySqliteStorage *self,
             sqlite3_stmt *stmt,
             const char *const *params,
             guint n_params,
             GBytes *blob,
             GError **error)
{
  int rc;

  if (blob != NULL)
    {
      char name[16];
      int index;
      gsize size;
      gconstpointer data = g_bytes_get_data (blob, &size);

      g_snprintf (name, sizeof name, "$%u", n_params + 1);
      index = sqlite3_bind_parameter_index (stmt, name);
      /* a zero-length blob is still bytes, not NULL */
      rc = index == 0
               ? SQLITE_RANGE
               : sqlite3_bind_blob64 (stmt, index, data != NULL ? data : "", size, SQLITE_STATIC);
      if (rc != SQLITE_OK)
        {
          sqlite3_reset (stmt);
          sqlite3_clear_bindings (stmt);
          return set_error (error, self, rc, "binding the bytes");
        }
    }
  for (guint i = 0; i < n_params; i++)
    {
      char name[16];
      int index;

      g_snprintf (name, sizeof name, "$%u", i + 1);
      index = sqlite3_bind_parameter_index (stmt, name);
      if (index == 0)
        continue;
      if (params[i] == NULL)
        rc = sqlite3_bind_null (stmt, index);
      else
        rc = sqlite3_bind_text (stmt, index, params[i], -1, SQLITE_TRANSIENT);
      if (rc != SQLITE_OK)
        {
          sqlite3_reset (stmt);
          sqlite3_clear_bindings (stmt);
          return set_error (error, self, rc, "binding a parameter");
        }
    }
  return TRUE;
}

static gboolean
query_full (RegistrySqliteStorage *self,
            const char *sql,
            const char *const *params,
            guint n_params,
            GBytes *blob,
            RegistryRows **out_rows,
            gint64 *out_changes,
            GError **error)
{
  g_autoptr (GPtrArray) cells = NULL;
  sqlite3_stmt *stmt;
  guint n_columns;
  guint n_rows = 0;
  int rc;

  stmt = get_statement (self, sql, error);
  if (stmt == NULL || !bind_params (self, stmt, params, n_params, blob, error))
    return FALSE;

  n_columns = (guint) sqlite3_column_count (stmt);
  cells = g_ptr_array_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          const unsigned char *text = sqlite3_column_text (stmt, c);
          g_ptr_array_add (cells, text != NULL ? g_strdup ((const char *) text) : NULL);
        }
      n_rows++;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      for (guint i = 0; i < cells->len; i++)
        g_free (g_ptr_array_index (cells, i));
      return set_error (error, self, rc, "running a statement");
    }

  if (out_changes != NULL)
    *out_changes = sqlite3_stmt_readonly (stmt) ? 0 : sqlite3_changes64 (self->db);
  if (out_rows != NULL)
    {
      RegistryRows *rows = registry_rows_new (n_rows, n_columns);
      for (guint i = 0; i < cells->len; i++)
        rows->values[i] = g_ptr_array_index (cells, i);
      *out_rows = rows;
    }
  else
    {
      for (guint i = 0; i < cells->len; i++)
        g_free (g_ptr_array_index (cells, i));
    }
  return TRUE;
}

static gboolean
registry_sqlite_storage_query (RegistryStorage *storage,
                               const char *sql,
                               const char *const *params,
                               guint n_params,
                               RegistryRows **out_rows,
                               gint64 *out_changes,
                               GError **error)
{
  return query_full (REGISTRY_SQLITE_STORAGE (storage), sql, params, n_params, NULL, out_rows,
                     out_changes, error);
}

static gboolean
registry_sqlite_storage_query_blob (RegistryStorage *storage,
                                    const char *sql,
                                    const char *const *params,
                                    guint n_params,
                                    GBytes *blob,
                                    RegistryRows **out_rows,
                                    GError **error)
{
  return query_full (REGISTRY_SQLITE_STORAGE (storage), sql, params, n_params, blob, out_rows, NULL,
                     error);
}

static GBytes *
registry_sqlite_storage_read_blob (RegistryStorage *storage,
                                   const char *sql,
                                   const char *const *params,
                                   guint n_params,
                                   GError **error)
{
  RegistrySqliteStorage *self = REGISTRY_SQLITE_STORAGE (storage);
  sqlite3_stmt *stmt = get_statement (self, sql, error);
  GBytes *bytes = NULL;
  int rc;

  if (stmt == NULL || !bind_params (self, stmt, params, n_params, NULL, error))
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      const void *data = sqlite3_column_blob (stmt, 0);
      bytes = g_bytes_new (data, (gsize) sqlite3_column_bytes (stmt, 0));
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_clear_pointer (&bytes, g_bytes_unref);
      set_error (error, self, rc, "reading bytes");
    }
  return bytes;
}

static gboolean
registry_sqlite_storage_exec_script (RegistryStorage *storage, const char *sql, GError **error)
{
  RegistrySqliteStorage *self = REGISTRY_SQLITE_STORAGE (storage);
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_error (error, self, rc, "running SQL");
  return TRUE;
}

static gboolean
registry_sqlite_storage_ping (RegistryStorage *storage, GError **error)
{
  return registry_sqlite_storage_query (storage, "SELECT 1", NULL, 0, NULL, NULL, error);
}

static void
registry_sqlite_storage_class_init (RegistrySqliteStorageClass *klass)
{
  RegistryStorageClass *storage_class = REGISTRY_STORAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = registry_sqlite_storage_finalize;
  storage_class->query = registry_sqlite_storage_query;
  storage_class->exec_script = registry_sqlite_storage_exec_script;
  storage_class->ping = registry_sqlite_storage_ping;
  storage_class->query_blob = registry_sqlite_storage_query_blob;
  storage_class->read_blob = registry_sqlite_storage_read_blob;
  storage_class->transact = registry_sqlite_storage_transact;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
registry_sqlite_storage_init (RegistrySqliteStorage *self)
{
  registry_storage_set_dialect (REGISTRY_STORAGE (self), REGISTRY_DIALECT_SQLITE);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->wal_limit_pages = WAL_LIMIT_PAGES;
  self->busy_timeout_ms = BUSY_TIMEOUT_MS;
  self->wal_truncate_retry_us = WAL_TRUNCATE_RETRY_MS * G_TIME_SPAN_MILLISECOND;
}

/* The file holds personal data: created 0600 before sqlite sees it, and
 * never opened here, because closing a descriptor of the file would drop
 * the locks of the connections this process already has to it. */
static gboolean
prepare_file (const char *path, GError **error)
{
  g_autoptr (GError) file_error = NULL;

  if (!core_file_create_private (path, NULL, &file_error))
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_UNAVAILABLE, file_error->message);
      return FALSE;
    }
  return TRUE;
}

RegistryStorage *
registry_sqlite_storage_new (const char *path, GError **error)
{
  g_autoptr (RegistrySqliteStorage) self = NULL;
  int rc;

  if (!prepare_file (path, error))
    return NULL;

  self = g_object_new (REGISTRY_TYPE_SQLITE_STORAGE, NULL);
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (error, self, rc, "opening the database");
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_handler (self->db, busy_cb, self);
  self->turn = writer_turn_ref (sqlite3_db_filename (self->db, "main"));
  sqlite3_wal_hook (self->db, wal_committed_cb, self);
  if (!registry_sqlite_storage_exec_script (REGISTRY_STORAGE (self),
                                            "PRAGMA journal_mode = WAL;"
                                            "PRAGMA synchronous = FULL;"
                                            "PRAGMA foreign_keys = ON;"
                                            "PRAGMA secure_delete = ON;",
                                            error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  return REGISTRY_STORAGE (g_steal_pointer (&self));
}

/**
 * registry_sqlite_storage_set_wal_limit:
 * @pages: how many pages the WAL may hold before a commit truncates it
 *   (default 16,384: 64 MiB of 4 KiB pages)
 */
void
registry_sqlite_storage_set_wal_limit (RegistrySqliteStorage *self, guint pages)
{
  g_return_if_fail (REGISTRY_IS_SQLITE_STORAGE (self));
  g_return_if_fail (pages > 0);

  self->wal_limit_pages = pages;
}

/**
 * registry_sqlite_storage_set_wal_truncate_retry:
 * @ms: how long after a truncate that had to give up (a reader held the
 *   WAL) this connection's commits leave the WAL untruncated, unless it grows
 *   by half the limit meanwhile (default 5,000)
 */
void
registry_sqlite_storage_set_wal_truncate_retry (RegistrySqliteStorage *self, guint ms)
{
  g_return_if_fail (REGISTRY_IS_SQLITE_STORAGE (self));

  self->wal_truncate_retry_us = (gint64) ms * G_TIME_SPAN_MILLISECOND;
}

/**
 * registry_sqlite_storage_get_wal_truncate_attempts:
 *
 * Returns: how many times this connection's commits tried to truncate the
 *   WAL, each waiting for readers
 */
guint
registry_sqlite_storage_get_wal_truncate_attempts (RegistrySqliteStorage *self)
{
  g_return_val_if_fail (REGISTRY_IS_SQLITE_STORAGE (self), 0);

  return self->wal_truncate_attempts;
}

static gboolean
set_backup_error (GError **error, sqlite3 *db, int rc, const char *what)
{
  g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED, "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

/* Copies every page in one step, so the copy is one read transaction: in WAL
 * mode a consistent snapshot that never holds a writer up. The copy becomes a
 * single file (rollback journal) and is checked before anyone relies on it. */
static gboolean
copy_database (sqlite3 *source, sqlite3 *dest, GError **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", source, "main");
  g_autofree char *check = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (backup == NULL)
    return set_backup_error (error, dest, 0, "starting the copy");
  for (guint attempt = 0;; attempt++)
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || attempt >= BACKUP_BUSY_RETRIES)
        break;
      g_usleep (BACKUP_BUSY_SLEEP_US);
    }
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    return set_backup_error (error, NULL, rc, "copying the pages");
  if ((rc = sqlite3_errcode (dest)) != SQLITE_OK)
    return set_backup_error (error, dest, rc, "copying the pages");

  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return set_backup_error (error, dest, rc, "making the copy one file");
  rc = sqlite3_prepare_v2 (dest, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    check = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (check, "ok") != 0)
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED, "the copy fails its check: %s",
                   check != NULL ? check : sqlite3_errmsg (dest));
      return FALSE;
    }
  return TRUE;
}

static gboolean
sync_path (const char *path, int flags, GError **error)
{
  int fd = g_open (path, flags | O_CLOEXEC, 0);

  if (fd < 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED, "cannot flush %s: %s", path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* A copy renamed over the database or its WAL would leave every open
 * connection writing into a file that no longer has a name: what they
 * commit afterwards would be lost. */
static gboolean
is_database_file (RegistrySqliteStorage *self, const char *path)
{
  const char *database = sqlite3_db_filename (self->db, "main");
  const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  GStatBuf target;

  if (database == NULL || g_stat (path, &target) != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (database, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (name, &st) == 0 && st.st_dev == target.st_dev && st.st_ino == target.st_ino)
        return TRUE;
    }
  return FALSE;
}

/**
 * registry_sqlite_storage_backup:
 * @path: where the copy goes; an existing file there is replaced
 *
 * Copies the database with SQLite's online backup API while registry
 * processes go on serving from it. The copy (mode 0600: it holds personal
 * data and the HMAC key) is written under a temporary name beside @path,
 * checked, flushed and renamed, so @path is always either what it was or a
 * complete copy.
 *
 * Returns: %TRUE once the copy is on disk
 */
gboolean
registry_sqlite_storage_backup (RegistrySqliteStorage *self, const char *path, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *temp = g_build_filename (folder, ".registry-backup-XXXXXX", NULL);
  sqlite3 *dest = NULL;
  gboolean ok;
  int fd;
  int rc;

  g_return_val_if_fail (REGISTRY_IS_SQLITE_STORAGE (self), FALSE);

  if (is_database_file (self, path))
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "%s is the database itself (or its WAL); the copy goes elsewhere", path);
      return FALSE;
    }

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED, "cannot create a file in %s: %s",
                   folder, g_strerror (saved_errno));
      return FALSE;
    }
  /* closed before SQLite opens it: its locks must not share our descriptor */
  close (fd);

  rc = sqlite3_open_v2 (temp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    ok = set_backup_error (error, dest, rc, "opening the copy");
  else
    ok = copy_database (self->db, dest, error);
  sqlite3_close_v2 (dest);

  ok = ok && sync_path (temp, O_RDONLY, error);
  if (ok && g_rename (temp, path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED, "cannot rename the copy to %s: %s",
                   path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (temp);
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  return sync_path (folder, O_RDONLY | O_DIRECTORY, error);
}
