/* test-registry-sqlite-wal.c: SQLite's WAL stays bounded while readers never pause
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A registry on SQLite serves reads on several workers all day. SQLite can
 * only start its WAL over at a moment when no reader uses it, so with reads
 * that overlap without a gap the WAL grew with everything ever written. Here
 * two connections keep read transactions open in turn while a third writes
 * 8 MiB, with the WAL's limit set to 1 MiB: the WAL must end far below what
 * was written, and every row must be in the database.
 *
 * A long read (a backup) keeps the WAL from being truncated however long a
 * commit waits for it: the commits made meanwhile must not each wait in
 * turn, only one per half the limit's worth of growth. The truncate attempts are
 * counted, not timed.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "registry-sqlite-storage.h"
#include "registry-storage.h"

#define ROWS 2048 /* 4 KiB each: 8 MiB */
#define ROWS_PER_COMMIT 8
#define LIMIT_PAGES 256 /* 1 MiB of 4 KiB pages */
#define READERS 2

typedef struct
{
  const char *url;
  gint stop;
  gint reads;
} Readers;

static gpointer
read_thread (gpointer user_data)
{
  Readers *readers = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RegistryStorage) storage = registry_storage_open (readers->url, &error);

  g_assert_no_error (error);
  while (!g_atomic_int_get (&readers->stop))
    {
      g_autoptr (RegistryRows) rows = NULL;

      /* a read transaction that lasts, as a worker's request does */
      g_assert_true (registry_storage_exec (storage, "BEGIN", &error));
      g_assert_true (registry_storage_query (storage, "SELECT count(*) FROM pages", NULL, 0, &rows,
                                             NULL, &error));
      g_usleep (2000);
      g_assert_true (registry_storage_exec (storage, "COMMIT", &error));
      g_assert_no_error (error);
      g_atomic_int_inc (&readers->reads);
    }
  return NULL;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

static void
test_wal_bounded_under_steady_reads (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("registry-wal-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "registry.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *url = g_strconcat ("sqlite:", path, NULL);
  g_autoptr (RegistryStorage) writer = NULL;
  g_autoptr (RegistryRows) rows = NULL;
  Readers readers = { url, 0, 0 };
  GThread *threads[READERS];
  gint64 peak = 0;

  g_assert_no_error (error);
  writer = registry_storage_open (url, &error);
  g_assert_no_error (error);
  registry_sqlite_storage_set_wal_limit (REGISTRY_SQLITE_STORAGE (writer), LIMIT_PAGES);
  g_assert_true (
      registry_storage_exec (writer, "CREATE TABLE pages (content BLOB NOT NULL)", &error));

  for (guint i = 0; i < READERS; i++)
    {
      threads[i] = g_thread_new ("reader", read_thread, &readers);
      /* in turn: one starts while the other still reads */
      g_usleep (1000);
    }
  for (guint i = 0; i < ROWS / ROWS_PER_COMMIT; i++)
    {
      g_assert_true (registry_storage_exec (writer, "BEGIN IMMEDIATE", &error));
      for (guint r = 0; r < ROWS_PER_COMMIT; r++)
        g_assert_true (registry_storage_exec (
            writer, "INSERT INTO pages (content) VALUES (randomblob(4096))", &error));
      g_assert_true (registry_storage_exec (writer, "COMMIT", &error));
      g_assert_no_error (error);
      peak = MAX (peak, file_size (wal));
    }
  g_atomic_int_set (&readers.stop, 1);
  for (guint i = 0; i < READERS; i++)
    g_thread_join (threads[i]);

  g_test_message (
      "%d reads during the writes; WAL at most %" G_GINT64_FORMAT " KiB; %u truncate attempts",
      g_atomic_int_get (&readers.reads), peak / 1024,
      registry_sqlite_storage_get_wal_truncate_attempts (REGISTRY_SQLITE_STORAGE (writer)));
  g_assert_cmpint (g_atomic_int_get (&readers.reads), >, 0);
  g_assert_true (
      registry_storage_query (writer, "SELECT count(*) FROM pages", NULL, 0, &rows, NULL, &error));
  g_assert_cmpint (registry_rows_get_int (rows, 0, 0), ==, ROWS);
  /* the limit and what a commit adds while it waits for the readers: far
   * below the 8 MiB written */
  g_assert_cmpint (peak, <, 3 * 1024 * 1024);

  g_clear_object (&writer);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

#define LONG_READ_COMMITS 64 /* 8 rows of 4 KiB each: 2 MiB, past the limit from the 33rd */

static void
commit_rows (RegistryStorage *writer, guint n_rows)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (registry_storage_exec (writer, "BEGIN IMMEDIATE", &error));
  for (guint r = 0; r < n_rows; r++)
    g_assert_true (registry_storage_exec (
        writer, "INSERT INTO pages (content) VALUES (randomblob(4096))", &error));
  g_assert_true (registry_storage_exec (writer, "COMMIT", &error));
  g_assert_no_error (error);
}

static void
test_wal_truncate_tried_seldom_during_a_long_read (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("registry-wal-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "registry.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *url = g_strconcat ("sqlite:", path, NULL);
  g_autoptr (RegistryStorage) writer = NULL;
  g_autoptr (RegistryStorage) reader = NULL;
  g_autoptr (RegistryRows) rows = NULL;
  RegistrySqliteStorage *sqlite;
  guint attempts;
  gint64 wal_pages;

  g_assert_no_error (error);
  writer = registry_storage_open (url, &error);
  g_assert_no_error (error);
  sqlite = REGISTRY_SQLITE_STORAGE (writer);
  registry_sqlite_storage_set_wal_limit (sqlite, LIMIT_PAGES);
  /* longer than the test: only the first commit past the limit may wait */
  registry_sqlite_storage_set_wal_truncate_retry (sqlite, 3600 * 1000);
  g_assert_true (
      registry_storage_exec (writer, "CREATE TABLE pages (content BLOB NOT NULL)", &error));
  reader = registry_storage_open (url, &error);
  g_assert_no_error (error);

  /* the long read: a snapshot held across every commit below */
  g_assert_true (registry_storage_exec (reader, "BEGIN", &error));
  g_assert_true (
      registry_storage_query (reader, "SELECT count(*) FROM pages", NULL, 0, &rows, NULL, &error));
  g_clear_pointer (&rows, registry_rows_free);
  for (guint i = 0; i < LONG_READ_COMMITS; i++)
    commit_rows (writer, ROWS_PER_COMMIT);
  attempts = registry_sqlite_storage_get_wal_truncate_attempts (sqlite);
  wal_pages = file_size (wal) / 4096;
  g_test_message ("%u truncate attempts in %u commits during the read, %" G_GINT64_FORMAT
                  " pages in the WAL",
                  attempts, LONG_READ_COMMITS, wal_pages);
  g_assert_cmpint (wal_pages, >, 2 * LIMIT_PAGES);
  g_assert_cmpuint (attempts, >=, 1);
  g_assert_cmpuint (attempts, <=, 2 * wal_pages / LIMIT_PAGES);

  /* the read over and the interval gone, the next commit truncates */
  g_assert_true (registry_storage_exec (reader, "COMMIT", &error));
  g_assert_no_error (error);
  registry_sqlite_storage_set_wal_truncate_retry (sqlite, 0);
  commit_rows (writer, 1);
  g_assert_cmpuint (registry_sqlite_storage_get_wal_truncate_attempts (sqlite), ==, attempts + 1);
  g_assert_cmpint (file_size (wal), ==, 0);
  g_assert_true (
      registry_storage_query (writer, "SELECT count(*) FROM pages", NULL, 0, &rows, NULL, &error));
  g_assert_cmpint (registry_rows_get_int (rows, 0, 0), ==, LONG_READ_COMMITS * ROWS_PER_COMMIT + 1);

  g_clear_object (&reader);
  g_clear_object (&writer);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/registry/sqlite/wal-bounded-under-steady-reads",
                   test_wal_bounded_under_steady_reads);
  g_test_add_func ("/registry/sqlite/wal-truncate-tried-seldom-during-a-long-read",
                   test_wal_truncate_tried_seldom_during_a_long_read);
  return g_test_run ();
}
