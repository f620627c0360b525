/* test-registry-sqlite-writers.c: concurrent SQLite transactions, committed together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registry's workers each have a connection to one SQLite file, and
 * their transactions are committed in groups (one fsync for several). Here
 * twenty threads, each with its own connection, run transactions at once;
 * some of them fail by design. Every transaction that succeeded must be in
 * the database exactly once and visible as soon as it returns; none of the
 * failed ones may have left anything, whatever group they were in.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "registry-error.h"
#include "registry-sqlite-storage.h"
#include "registry-storage.h"

#define THREADS 20
#define TRANSACTIONS 40
#define FAIL_EVERY 4 /* every fourth transaction fails after writing */

typedef struct
{
  const char *url;
  guint thread;
  guint succeeded;
  guint failed;
  guint not_visible;
} Writer;

typedef struct
{
  guint thread;
  guint index;
  gboolean fail;
} Step;

static gboolean
step_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  Step *step = user_data;
  g_autofree char *thread = g_strdup_printf ("%u", step->thread);
  g_autofree char *index = g_strdup_printf ("%u", step->index);

  if (!registry_storage_query (storage, "INSERT INTO steps (thread, step) VALUES ($1, $2)",
                               (const char *[]){ thread, index }, 2, NULL, NULL, error) ||
      !registry_storage_query (storage, "UPDATE counter SET n = n + 1", NULL, 0, NULL, NULL, error))
    return FALSE;
  if (step->fail)
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_CONSTRAINT, "step %u of %u refused",
                   step->index, step->thread);
      return FALSE;
    }
  return TRUE;
}

static gpointer
write_thread (gpointer user_data)
{
  Writer *writer = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RegistryStorage) storage = registry_storage_open (writer->url, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < TRANSACTIONS; i++)
    {
      Step step = { writer->thread, i, i % FAIL_EVERY == FAIL_EVERY - 1 };
      g_autoptr (GError) step_error = NULL;
      g_autoptr (RegistryRows) rows = NULL;
      g_autofree char *thread = g_strdup_printf ("%u", writer->thread);
      g_autofree char *index = g_strdup_printf ("%u", i);

      if (registry_storage_transaction (storage, step_cb, &step, &step_error))
        writer->succeeded++;
      else
        {
          /* its own error, not another member's */
          g_autofree char *expected = g_strdup_printf ("step %u of %u refused", i, writer->thread);

          g_assert_error (step_error, REGISTRY_ERROR, REGISTRY_ERROR_CONSTRAINT);
          g_assert_cmpstr (step_error->message, ==, expected);
          writer->failed++;
        }
      /* answered only once committed: this connection sees it at once */
      g_assert_true (registry_storage_query (storage,
                                             "SELECT count(*) FROM steps WHERE thread = $1"
                                             " AND step = $2",
                                             (const char *[]){ thread, index }, 2, &rows, NULL,
                                             &error));
      g_assert_no_error (error);
      if (registry_rows_get_int (rows, 0, 0) != (step.fail ? 0 : 1))
        writer->not_visible++;
    }
  return NULL;
}

static void
test_concurrent_transactions (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("registry-writers-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "registry.db", NULL);
  g_autofree char *url = g_strconcat ("sqlite:", path, NULL);
  g_autoptr (RegistryStorage) storage = NULL;
  g_autoptr (RegistryRows) rows = NULL;
  Writer writers[THREADS];
  GThread *threads[THREADS];
  guint expected = THREADS * (TRANSACTIONS - TRANSACTIONS / FAIL_EVERY);

  g_assert_no_error (error);
  storage = registry_storage_open (url, &error);
  g_assert_no_error (error);
  g_assert_true (registry_storage_exec (storage,
                                        "CREATE TABLE steps (thread INTEGER NOT NULL,"
                                        " step INTEGER NOT NULL, UNIQUE (thread, step));"
                                        "CREATE TABLE counter (n INTEGER NOT NULL);"
                                        "INSERT INTO counter VALUES (0)",
                                        &error));
  g_assert_no_error (error);

  for (guint i = 0; i < THREADS; i++)
    {
      writers[i] = (Writer){ url, i, 0, 0, 0 };
      threads[i] = g_thread_new ("writer", write_thread, &writers[i]);
    }
  for (guint i = 0; i < THREADS; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (writers[i].succeeded, ==, TRANSACTIONS - TRANSACTIONS / FAIL_EVERY);
      g_assert_cmpuint (writers[i].failed, ==, TRANSACTIONS / FAIL_EVERY);
      g_assert_cmpuint (writers[i].not_visible, ==, 0);
    }

  g_assert_true (registry_storage_query (storage,
                                         "SELECT (SELECT count(*) FROM steps),"
                                         " (SELECT n FROM counter),"
                                         " (SELECT count(*) FROM steps WHERE step % 4 = 3)",
                                         NULL, 0, &rows, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (registry_rows_get_int (rows, 0, 0), ==, expected);
  g_assert_cmpint (registry_rows_get_int (rows, 0, 1), ==, expected);
  g_assert_cmpint (registry_rows_get_int (rows, 0, 2), ==, 0);

  g_clear_object (&storage);
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "")       ? "-wal"
                                                         : g_str_equal (suffix, "-wal") ? "-shm"
                                                                                        : NULL)
    {
      g_autofree char *name = g_strconcat (path, suffix, NULL);
      g_unlink (name);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/registry/sqlite/concurrent-transactions", test_concurrent_transactions);
  return g_test_run ();
}
