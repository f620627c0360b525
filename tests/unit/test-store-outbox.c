/* test-store-outbox.c: sealed filings waiting for the registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "store-outbox.h"

#define NAME "测试人甲"
#define ID_NUMBER "11010519491231002X"
#define PAYLOAD "{\"name\":\"" NAME "\",\"doc_number\":\"" ID_NUMBER "\"}"

typedef struct
{
  char *dir;
  StoreDatabase *db;
  StoreSealer *sealer;
  StoreOutbox *outbox;
} Fixture;

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (dir);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fx->dir = g_dir_make_tmp ("test-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "kiosk.db", NULL);
  fx->db = store_database_open (path, &error);
  g_assert_no_error (error);
  fx->sealer = store_sealer_new_for_folder (fx->dir, &error);
  g_assert_no_error (error);
  fx->outbox = store_outbox_new (fx->db, fx->sealer);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->outbox);
  g_clear_object (&fx->sealer);
  g_clear_object (&fx->db);
  remove_tree (fx->dir);
  g_free (fx->dir);
}

static GBytes *
payload (void)
{
  return g_bytes_new_static (PAYLOAD, strlen (PAYLOAD));
}

/* Looks in the file from another process: opening and closing it here would
 * drop this process's SQLite locks on it (POSIX record locks belong to the
 * process and vanish when any of its descriptors of the file is closed). */
static gboolean
file_contains (const char *path, const char *needle)
{
  const char *argv[] = { "grep", "-q", "-a", "-F", "-e", needle, "--", path, NULL };
  const char *envp[] = { "LC_ALL=C", NULL };
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, (char **) envp,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static void
add (Fixture *fx, const char *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = payload ();

  g_assert_true (store_outbox_add (fx->outbox, id, "card", NULL, bytes, &error));
  g_assert_no_error (error);
}

static void
test_key_file (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key_path = g_build_filename (fx->dir, "outbox.key", NULL);
  g_autoptr (StoreSealer) again = NULL;
  g_autoptr (GBytes) sealed = NULL;
  g_autoptr (GBytes) opened = NULL;
  g_autoptr (GBytes) plain = payload ();
  struct stat st;

  g_assert_cmpint (g_stat (key_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, ==, 32);

  /* the same key after a restart: what was sealed still opens */
  sealed = store_sealer_seal (fx->sealer, plain);
  again = store_sealer_new_for_folder (fx->dir, &error);
  g_assert_no_error (error);
  opened = store_sealer_open (again, sealed, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (opened, plain));
}

static void
test_damaged_key_kept (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key_path = g_build_filename (fx->dir, "outbox.key", NULL);
  g_autofree char *after = NULL;
  StoreSealer *sealer;

  g_assert_true (g_file_set_contents (key_path, "short", 5, NULL));
  sealer = store_sealer_new_for_folder (fx->dir, &error);
  g_assert_null (sealer);
  g_assert_error (error, STORE_ERROR, STORE_ERROR_CORRUPT);
  g_assert_true (g_file_get_contents (key_path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "short");
}

static void
test_tampered_record (Fixture *fx, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) plain = payload ();
  g_autoptr (GBytes) sealed = store_sealer_seal (fx->sealer, plain);
  g_autoptr (GBytes) tampered = NULL;
  g_autoptr (GBytes) short_one = g_bytes_new_static ("abc", 3);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (sealed, &len);
  guint8 *copy = g_memdup2 (data, len);

  copy[len - 1] ^= 0x01;
  tampered = g_bytes_new_take (copy, len);
  g_assert_null (store_sealer_open (fx->sealer, tampered, &error));
  g_assert_error (error, STORE_ERROR, STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_null (store_sealer_open (fx->sealer, short_one, &error));
  g_assert_error (error, STORE_ERROR, STORE_ERROR_CORRUPT);
}

static void
test_add_and_due (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autofree char *db_path = g_build_filename (fx->dir, "kiosk.db", NULL);
  g_autofree char *wal_path = g_strconcat (db_path, "-wal", NULL);
  StoreOutboxEntry *entry;
  StoreOutboxCounts counts;

  add (fx, "00000000-0000-4000-8000-000000000001");
  add (fx, "00000000-0000-4000-8000-000000000002");

  due = store_outbox_get_due (fx->outbox, 10, g_get_real_time (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 2);
  entry = g_ptr_array_index (due, 0);
  g_assert_cmpstr (entry->filing_id, ==, "00000000-0000-4000-8000-000000000001");
  g_assert_cmpmem (g_bytes_get_data (entry->payload, NULL), g_bytes_get_size (entry->payload),
                   PAYLOAD, strlen (PAYLOAD));

  /* sealed at rest: neither the database nor its WAL holds the name or number */
  g_assert_false (file_contains (db_path, NAME));
  g_assert_false (file_contains (wal_path, NAME));
  g_assert_false (file_contains (wal_path, ID_NUMBER));

  g_assert_true (store_outbox_get_counts (fx->outbox, &counts, &error));
  g_assert_cmpuint (counts.queued, ==, 2);
  g_assert_cmpint (counts.oldest_queued_at_us, >, 0);

  /* a duplicate id is refused and changes nothing */
  {
    g_autoptr (GBytes) bytes = payload ();
    g_assert_false (store_outbox_add (fx->outbox, "00000000-0000-4000-8000-000000000001", "card",
                                      NULL, bytes, &error));
    g_assert_error (error, STORE_ERROR, STORE_ERROR_CONSTRAINT);
    g_assert_true (store_outbox_get_counts (fx->outbox, &counts, NULL));
    g_assert_cmpuint (counts.queued, ==, 2);
  }
}

static void
test_confirm_erases (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) due = NULL;
  StoreOutboxCounts counts;
  sqlite3_stmt *stmt = NULL;

  add (fx, "00000000-0000-4000-8000-000000000003");
  g_assert_true (
      store_outbox_confirm (fx->outbox, "00000000-0000-4000-8000-000000000003", "created", &error));
  g_assert_no_error (error);

  due = store_outbox_get_due (fx->outbox, 10, g_get_real_time (), &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_assert_true (store_outbox_get_counts (fx->outbox, &counts, &error));
  g_assert_cmpuint (counts.queued, ==, 0);
  g_assert_cmpuint (counts.confirmed, ==, 1);

  /* only the id, the times and the answer are left */
  g_assert_cmpint (sqlite3_prepare_v2 (store_database_get_handle (fx->db),
                                       "SELECT f.payload IS NULL, o.result FROM filings f "
                                       "JOIN outbox o ON o.filing_id = f.id",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "created");
  sqlite3_finalize (stmt);

  g_assert_false (store_outbox_confirm (fx->outbox, "no-such-filing", "created", &error));
  g_assert_error (error, STORE_ERROR, STORE_ERROR_NOT_FOUND);
}

static void
test_reject_and_requeue (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) rejected = NULL;
  g_autoptr (GPtrArray) due_again = NULL;

  add (fx, "00000000-0000-4000-8000-000000000004");
  g_assert_true (store_outbox_reject (fx->outbox, "00000000-0000-4000-8000-000000000004",
                                      "doc_number: checksum mismatch", &error));
  g_assert_no_error (error);

  due = store_outbox_get_due (fx->outbox, 10, G_MAXINT64, &error);
  g_assert_cmpuint (due->len, ==, 0);

  rejected = store_outbox_list_rejected (fx->outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejected->len, ==, 1);
  g_assert_cmpstr (((StoreOutboxEntry *) g_ptr_array_index (rejected, 0))->reason, ==,
                   "doc_number: checksum mismatch");
  /* still sealed and still there for staff */
  g_assert_nonnull (((StoreOutboxEntry *) g_ptr_array_index (rejected, 0))->payload);

  g_assert_true (store_outbox_requeue (fx->outbox, "00000000-0000-4000-8000-000000000004", &error));
  due_again = store_outbox_get_due (fx->outbox, 10, g_get_real_time (), &error);
  g_assert_cmpuint (due_again->len, ==, 1);
}

static void
test_postpone (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) now = NULL;
  g_autoptr (GPtrArray) later = NULL;
  gint64 t = g_get_real_time ();

  add (fx, "00000000-0000-4000-8000-000000000005");
  g_assert_true (store_outbox_postpone (fx->outbox, "00000000-0000-4000-8000-000000000005",
                                        t + 60 * G_USEC_PER_SEC, "registry unreachable", &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_outbox_get_next_due (fx->outbox, NULL), ==, t + 60 * G_USEC_PER_SEC);

  now = store_outbox_get_due (fx->outbox, 10, t, &error);
  g_assert_cmpuint (now->len, ==, 0);
  later = store_outbox_get_due (fx->outbox, 10, t + 61 * G_USEC_PER_SEC, &error);
  g_assert_cmpuint (later->len, ==, 1);
  g_assert_cmpuint (((StoreOutboxEntry *) g_ptr_array_index (later, 0))->attempts, ==, 1);
}

static void
test_other_key_cannot_open (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *other_dir = g_dir_make_tmp ("test-outbox-other-XXXXXX", NULL);
  g_autoptr (StoreSealer) other = store_sealer_new_for_folder (other_dir, &error);
  g_autoptr (StoreOutbox) other_outbox = NULL;
  g_autoptr (GPtrArray) due = NULL;

  g_assert_no_error (error);
  add (fx, "00000000-0000-4000-8000-000000000006");

  /* a store copied to another kiosk: its filings do not open there */
  other_outbox = store_outbox_new (fx->db, other);
  g_test_expect_message ("KioskStore", G_LOG_LEVEL_WARNING, "*cannot be opened*");
  due = store_outbox_get_due (other_outbox, 10, g_get_real_time (), &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 0);
  remove_tree (other_dir);
}

static gint64
count (Fixture *fx, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (store_database_get_handle (fx->db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* as if the outbox entry of @id last changed @days_ago days ago */
static void
age (Fixture *fx, const char *id, int days_ago)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql =
      g_strdup_printf ("UPDATE outbox SET updated_at = %" G_GINT64_FORMAT " WHERE filing_id = '%s';"
                       "UPDATE filings SET created_at = %" G_GINT64_FORMAT " WHERE id = '%s'",
                       g_get_real_time () - days_ago * G_TIME_SPAN_DAY, id,
                       g_get_real_time () - days_ago * G_TIME_SPAN_DAY, id);

  g_assert_true (store_database_exec (fx->db, sql, &error));
  g_assert_no_error (error);
}

#define OLD_CONFIRMED "00000000-0000-4000-8000-000000000007"
#define NEW_CONFIRMED "00000000-0000-4000-8000-000000000008"
#define OLD_REJECTED "00000000-0000-4000-8000-000000000009"
#define OLD_QUEUED "00000000-0000-4000-8000-00000000000a"

static void
test_prune_keeps_unconfirmed (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) rejected = NULL;
  StoreOutboxCounts counts;
  guint pruned = 99;

  add (fx, OLD_CONFIRMED);
  add (fx, NEW_CONFIRMED);
  add (fx, OLD_REJECTED);
  add (fx, OLD_QUEUED);
  g_assert_true (store_outbox_confirm (fx->outbox, OLD_CONFIRMED, "created", &error));
  g_assert_true (store_outbox_confirm (fx->outbox, NEW_CONFIRMED, "created", &error));
  g_assert_true (store_outbox_reject (fx->outbox, OLD_REJECTED, "checksum mismatch", &error));
  g_assert_no_error (error);
  age (fx, OLD_CONFIRMED, 40);
  age (fx, NEW_CONFIRMED, 10);
  age (fx, OLD_REJECTED, 400);
  age (fx, OLD_QUEUED, 400);

  g_assert_true (
      store_outbox_prune (fx->outbox, g_get_real_time () - 30 * G_TIME_SPAN_DAY, &pruned, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pruned, ==, 1);

  /* the old confirmed filing is gone, its outbox entry with it */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings WHERE id = '" OLD_CONFIRMED "'"), ==,
                   0);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM outbox WHERE filing_id = '" OLD_CONFIRMED "'"),
                   ==, 0);
  /* the recent one stays for staff; nothing that has not reached the registry goes */
  g_assert_true (store_outbox_get_counts (fx->outbox, &counts, &error));
  g_assert_cmpuint (counts.confirmed, ==, 1);
  g_assert_cmpuint (counts.rejected, ==, 1);
  g_assert_cmpuint (counts.queued, ==, 1);
  due = store_outbox_get_due (fx->outbox, 10, G_MAXINT64, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (((StoreOutboxEntry *) g_ptr_array_index (due, 0))->filing_id, ==, OLD_QUEUED);
  g_assert_nonnull (((StoreOutboxEntry *) g_ptr_array_index (due, 0))->payload);
  rejected = store_outbox_list_rejected (fx->outbox, &error);
  g_assert_cmpuint (rejected->len, ==, 1);
  g_assert_nonnull (((StoreOutboxEntry *) g_ptr_array_index (rejected, 0))->payload);

  /* once more: nothing else goes */
  g_assert_true (
      store_outbox_prune (fx->outbox, g_get_real_time () - 30 * G_TIME_SPAN_DAY, &pruned, &error));
  g_assert_cmpuint (pruned, ==, 0);
}

static void
test_prune_audit (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (store_database_audit (fx->db, "kiosk", "started", NULL, &error));
  g_assert_true (store_database_audit (fx->db, "kiosk", "started", NULL, &error));
  g_assert_true (store_database_exec (
      fx->db, "UPDATE audit SET at = at - 400 * 86400000000 WHERE id = 1", &error));
  g_assert_no_error (error);

  g_assert_true (
      store_database_prune_audit (fx->db, g_get_real_time () - 365 * G_TIME_SPAN_DAY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit"), ==, 1);
  g_assert_cmpint (count (fx, "SELECT id FROM audit"), ==, 2);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* Pruned pages go back to the file system, a bounded number at a time. */
static void
test_reclaim_shrinks (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *path = store_database_get_path (fx->db);
  gint64 full;

  g_assert_cmpint (count (fx, "PRAGMA auto_vacuum"), ==, 2); /* incremental */
  g_assert_true (store_database_exec (fx->db,
                                      "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                      "FROM n WHERE i < 4000) "
                                      "INSERT INTO audit (at, actor, action, detail) "
                                      "SELECT 0, 'kiosk', 'filler', hex (randomblob (500)) FROM n",
                                      &error));
  g_assert_no_error (error);
  g_assert_true (store_database_checkpoint (fx->db, &error));
  full = file_size (path);
  g_assert_cmpint (full, >, 4 * 1024 * 1024);

  g_assert_true (store_database_prune_audit (fx->db, 1, &error));
  g_assert_true (store_database_reclaim (fx->db, &error));
  g_assert_no_error (error);
  /* 1 MiB a time */
  g_assert_cmpint (file_size (path), <=, full - 1024 * 1024);
  g_assert_cmpint (file_size (path), >, 1024 * 1024);
  for (int i = 0; i < 10; i++)
    g_assert_true (store_database_reclaim (fx->db, &error));
  g_assert_cmpint (count (fx, "PRAGMA freelist_count"), ==, 0);
  g_assert_cmpint (file_size (path), <, 256 * 1024);
}

/* A store made before the kiosk reclaimed pages is rewritten once to allow it. */
static void
test_reclaim_converts_old_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-outbox-old-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr (StoreDatabase) db = NULL;
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  /* what an older kiosk left: no auto_vacuum, a table made before the schema */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE leftover (x)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (raw);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);

  db = store_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (
      sqlite3_prepare_v2 (store_database_get_handle (db), "PRAGMA auto_vacuum", -1, &stmt, NULL),
      ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_reset (stmt);

  g_assert_true (store_database_reclaim (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  sqlite3_finalize (stmt);

  g_clear_object (&db);
  remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/outbox/key-file", test_key_file);
  ADD ("/outbox/damaged-key-kept", test_damaged_key_kept);
  ADD ("/outbox/tampered-record", test_tampered_record);
  ADD ("/outbox/add-and-due", test_add_and_due);
  ADD ("/outbox/confirm-erases", test_confirm_erases);
  ADD ("/outbox/reject-and-requeue", test_reject_and_requeue);
  ADD ("/outbox/postpone", test_postpone);
  ADD ("/outbox/other-key-cannot-open", test_other_key_cannot_open);
  ADD ("/outbox/prune-keeps-unconfirmed", test_prune_keeps_unconfirmed);
  ADD ("/outbox/prune-audit", test_prune_audit);
  ADD ("/outbox/reclaim-shrinks", test_reclaim_shrinks);
#undef ADD
  g_test_add_func ("/outbox/reclaim-converts-old-file", test_reclaim_converts_old_file);

  return g_test_run ();
}
