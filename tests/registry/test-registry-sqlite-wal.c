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

  g_test_message ("%d reads during the writes; WAL at most %" G_GINT64_FORMAT " KiB",
                  g_atomic_int_get (&readers.reads), peak / 1024);
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/registry/sqlite/wal-bounded-under-steady-reads",
                   test_wal_bounded_under_steady_reads);
  return g_test_run ();
}
