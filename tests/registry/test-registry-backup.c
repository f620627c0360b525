/* test-registry-backup.c: `admin backup` copies a SQLite registry while a
 * registry process keeps writing to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "core-filing.h"
#include "registry-storage.h"
#include "registry-test-util.h"

#define BATCH 50

static RegistryTestCluster *cluster;

typedef struct
{
  RegistryTestProcess *process;
  char *token;
  guint next_seq;
  gint accepted; /* filings the registry answered 201 for */
  gint failed;   /* requests that got anything else */
  gint stop;
} Writer;

static char *
batch_body (guint first_seq)
{
  g_autoptr (GString) body = g_string_new ("{\"filings\": [");

  for (guint i = 0; i < BATCH; i++)
    {
      g_autoptr (CoreFiling) filing = registry_test_card_filing (1970, first_seq + i, NULL);
      g_autofree char *json = NULL;

      core_filing_set (filing, CORE_FILING_FIELD_NAME, "备份测试");
      json = core_filing_to_json (filing);
      g_string_append_printf (body, "%s%s", i > 0 ? "," : "", json);
    }
  g_string_append (body, "]}");
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/* Files batches one after the other until told to stop; counts what the
 * registry acknowledged. */
static gpointer
writer_thread (gpointer user_data)
{
  Writer *writer = user_data;
  g_autoptr (SoupSession) session = soup_session_new ();

  while (!g_atomic_int_get (&writer->stop))
    {
      g_autofree char *body = batch_body (writer->next_seq);
      g_autoptr (RegistryTestReply) reply = registry_test_request (
          session, writer->process, "POST", "/v1/filings:batch", writer->token, body, -1);
      JsonArray *results;
      guint created = 0;

      writer->next_seq += BATCH;
      if (reply->status != 200 || reply->json == NULL)
        {
          g_atomic_int_inc (&writer->failed);
          continue;
        }
      results = json_object_get_array_member (json_node_get_object (reply->json), "results");
      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          JsonObject *item = json_array_get_object_element (results, i);
          if (json_object_get_int_member (item, "status") == 201)
            created++;
          else
            g_atomic_int_inc (&writer->failed);
        }
      g_atomic_int_add (&writer->accepted, (gint) created);
    }
  return NULL;
}

static int
run_backup (const char *url, const char *path, char **out_stderr)
{
  return registry_test_run_cli (url, (const char *const[]){ "admin", "backup", path, NULL }, NULL,
                                NULL, out_stderr);
}

/* Read-only, and without the registry's storage, which would turn the copy
 * into a WAL database by opening it. */
static char *
query_in (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
count_in (const char *path, const char *sql)
{
  g_autofree char *value = query_in (path, sql);

  return g_ascii_strtoll (value, NULL, 10);
}

/* A copy is whole: it passes SQLite's own check, every filing has its person,
 * it is one file, and it holds every filing acknowledged before it began. */
static void
check_copy (const char *path, gint acknowledged_before)
{
  g_autofree char *wal = g_strdup_printf ("%s-wal", path);
  char *check;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (count_in (path, "SELECT count(*) FROM filings f LEFT JOIN persons p"
                                   " ON p.person_id = f.person_id WHERE p.person_id IS NULL"),
                   ==, 0);
  g_assert_cmpint (count_in (path, "SELECT count(*) FROM filings"), >=, acknowledged_before);
  g_assert_cmpint (count_in (path, "SELECT count(*) FROM devices"), ==, 1);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (check = query_in (path, "PRAGMA journal_mode"), ==, "delete");
  g_free (check);
  g_assert_cmpstr (check = query_in (path, "PRAGMA quick_check"), ==, "ok");
  g_free (check);
}

static void
test_backup_while_serving (void)
{
  g_autofree char *url = registry_test_cluster_new_database (cluster);
  g_autofree char *dir = g_dir_make_tmp ("registry-backup-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *copy_url = g_strdup_printf ("sqlite:%s", copy);
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GThread) thread = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RegistryStorage) live = NULL;
  RegistryTestProcess *copy_process;
  Writer writer = { 0 };

  writer.token = registry_test_enroll_device (url, "kiosk-backup");
  writer.process = registry_test_process_start (cluster, url, NULL);
  thread = g_thread_new ("writer", writer_thread, &writer);
  while (g_atomic_int_get (&writer.accepted) < 4 * BATCH)
    g_usleep (10000);

  /* three copies while the registry files batch after batch */
  for (guint round = 0; round < 3; round++)
    {
      gint acknowledged = g_atomic_int_get (&writer.accepted);
      gint acknowledged_after;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_backup (url, copy, &err), ==, 0);
      acknowledged_after = g_atomic_int_get (&writer.accepted);
      check_copy (copy, acknowledged);
      /* the copy is a snapshot taken while the writing went on */
      g_assert_cmpint (count_in (copy, "SELECT count(*) FROM filings"), <=,
                       acknowledged_after + BATCH);
      while (g_atomic_int_get (&writer.accepted) < acknowledged_after + 2 * BATCH)
        g_usleep (10000);
    }
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (g_steal_pointer (&thread));
  /* the registry answered every request while it was being copied */
  g_assert_cmpint (g_atomic_int_get (&writer.failed), ==, 0);

  /* once the writing stops, a copy holds exactly what the registry holds */
  g_assert_cmpint (run_backup (url, copy, NULL), ==, 0);
  live = registry_storage_open (url, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_in (copy, "SELECT count(*) FROM filings"), ==,
                   registry_test_count (live, "SELECT count(*) FROM filings"));
  g_assert_cmpint (count_in (copy, "SELECT count(*) FROM filings"), ==,
                   g_atomic_int_get (&writer.accepted));

  /* and a registry serves from the copy: the device's token and its filings */
  copy_process = registry_test_process_start (cluster, copy_url, NULL);
  {
    g_autofree char *number = registry_test_resident_number (1970, 7);
    g_autofree char *path = g_strdup_printf ("/v1/persons/resident/%s/state", number);
    g_autoptr (RegistryTestReply) reply =
        registry_test_request (session, copy_process, "GET", path, writer.token, NULL, 0);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (registry_test_json_string (reply->json, "state"), ==, "filed");
  }
  registry_test_process_stop (copy_process);
  registry_test_process_stop (writer.process);
  g_free (writer.token);
  g_unlink (copy);
  g_rmdir (dir);
}

/* A failed copy leaves nothing behind and the earlier copy as it was. */
static void
test_backup_failures (void)
{
  g_autofree char *url = registry_test_cluster_new_database (cluster);
  g_autofree char *dir = g_dir_make_tmp ("registry-backup-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "copy.db", NULL);
  g_autofree char *absent_url = g_strdup_printf ("sqlite:%s/absent.db", dir);
  g_autofree char *absent = g_build_filename (dir, "absent.db", NULL);
  g_autofree char *token = registry_test_enroll_device (url, "kiosk-backup");
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *err3 = NULL;
  g_autoptr (GDir) listing = NULL;
  const char *name;
  guint n_files = 0;

  g_assert_cmpint (run_backup (url, missing, &err), ==, 1);
  g_assert_nonnull (strstr (err, "no-such-folder"));

  /* a database that does not exist is not created by backing it up */
  g_assert_cmpint (run_backup (absent_url, copy, &err2), ==, 1);
  g_assert_false (g_file_test (absent, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  g_assert_cmpint (registry_test_run_cli ("postgresql://nobody@/none?host=/nonexistent",
                                          (const char *const[]){ "admin", "backup", copy, NULL },
                                          NULL, NULL, &err3),
                   ==, 2);
  g_assert_nonnull (strstr (err3, "pg_dump"));

  /* never over the database itself or its WAL, by any name */
  {
    const char *db_path = url + strlen ("sqlite:");
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *link = g_build_filename (dir, "same.db", NULL);
    g_autofree char *err4 = NULL;
    g_autofree char *err5 = NULL;
    g_autofree char *err6 = NULL;

    /* a serving registry keeps the WAL there */
    RegistryTestProcess *process = registry_test_process_start (cluster, url, NULL);

    g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_cmpint (symlink (db_path, link), ==, 0);
    g_assert_cmpint (run_backup (url, db_path, &err4), ==, 1);
    g_assert_nonnull (strstr (err4, "the database itself"));
    g_assert_cmpint (run_backup (url, link, &err5), ==, 1);
    g_assert_nonnull (strstr (err5, "the database itself"));
    g_assert_cmpint (run_backup (url, wal, &err6), ==, 1);
    g_assert_nonnull (strstr (err6, "the database itself"));
    g_unlink (link);
    registry_test_process_stop (process);
    /* the device enrolled before is still there */
    g_assert_cmpint (registry_test_run_cli (url,
                                            (const char *const[]){ "admin", "list-devices", NULL },
                                            NULL, NULL, NULL),
                     ==, 0);
  }

  /* a copy over a copy: replaced whole, and no temporary file stays */
  g_assert_cmpint (run_backup (url, copy, NULL), ==, 0);
  g_assert_cmpint (run_backup (url, copy, NULL), ==, 0);
  check_copy (copy, 0);
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_cmpstr (name, ==, "copy.db");
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 1);
  g_unlink (copy);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster = registry_test_cluster_start ();
  g_test_add_func ("/registry/backup/while-serving", test_backup_while_serving);
  g_test_add_func ("/registry/backup/failures", test_backup_failures);
  status = g_test_run ();
  registry_test_cluster_stop (cluster);
  return status;
}
