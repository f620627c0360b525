/* test-store.c: the kiosk's local store: open, migrate, transactions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "store-database.h"
#include "store-dictionaries.h"
#include "store-private.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->dir = g_dir_make_tmp ("test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "data", "kiosk.db", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

static void
copy_fixture_db (Fixture *fx, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  const char *src = g_test_get_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *parent = g_path_get_dirname (fx->path);

  g_file_get_contents (src, &contents, &len, &error);
  g_assert_no_error (error);
  g_mkdir_with_parents (parent, 0700);
  g_file_set_contents_full (fx->path, contents, len, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static char *
query_text (StoreDatabase *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *out = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (store_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return out;
}

static void
test_open_fresh (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (StoreDatabase) db = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *sync = NULL;
  g_autofree char *fk = NULL;
  g_autofree char *dir = g_path_get_dirname (fx->path);
  struct stat st;

  db = store_database_open (fx->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);

  g_assert_cmpint (store_database_get_schema_version (db), ==,
                   store_database_get_latest_schema_version ());
  g_assert_cmpint (store_database_get_latest_schema_version (), >=, 2);

  g_assert_cmpint (g_stat (fx->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  journal = query_text (db, "PRAGMA journal_mode");
  sync = query_text (db, "PRAGMA synchronous");
  fk = query_text (db, "PRAGMA foreign_keys");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpstr (sync, ==, "2"); /* FULL */
  g_assert_cmpstr (fk, ==, "1");

  /* every table the kiosk relies on exists */
  for (guint i = 0; i < 4; i++)
    {
      const char *tables[] = { "filings", "outbox", "audit", "settings" };
      g_autofree char *sql = g_strdup_printf (
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '%s'", tables[i]);
      g_autofree char *found = query_text (db, sql);
      g_assert_cmpstr (found, ==, tables[i]);
    }
}

static void
test_wal_files_private (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (StoreDatabase) db = store_database_open (fx->path, &error);
  g_autofree char *wal = g_strconcat (fx->path, "-wal", NULL);
  struct stat st;

  g_assert_no_error (error);
  store_database_set_setting (db, "k", "v", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_existing_file_tightened (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (StoreDatabase) db = NULL;
  g_autofree char *dir = g_path_get_dirname (fx->path);
  struct stat st;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents_full (fx->path, "", 0, G_FILE_SET_CONTENTS_NONE, 0644, &error);
  g_assert_no_error (error);

  g_test_expect_message ("KioskStore", G_LOG_LEVEL_WARNING, "*readable by others*");
  db = store_database_open (fx->path, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fx->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static gboolean
insert_setting_cb (StoreDatabase *db, gpointer user_data, GError **error)
{
  return store_database_set_setting (db, "window-name", user_data, error);
}

static gboolean
insert_then_fail_cb (StoreDatabase *db, gpointer user_data, GError **error)
{
  if (!store_database_set_setting (db, "window-name", "written then rolled back", error))
    return FALSE;
  g_set_error (error, STORE_ERROR, STORE_ERROR_FAILED, "the caller gave up");
  return FALSE;
}

static gboolean
outer_with_failing_inner_cb (StoreDatabase *db, gpointer user_data, GError **error)
{
  g_autoptr (GError) inner_error = NULL;

  if (!store_database_set_setting (db, "outer", "kept", error))
    return FALSE;
  /* the inner step fails; only its own work is undone */
  g_assert_false (store_database_transaction (db, insert_then_fail_cb, NULL, &inner_error));
  g_assert_error (inner_error, STORE_ERROR, STORE_ERROR_FAILED);
  return TRUE;
}

static void
test_transaction (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (StoreDatabase) db = store_database_open (fx->path, &error);
  g_autofree char *value = NULL;
  g_autofree char *outer = NULL;
  g_autofree char *inner = NULL;

  g_assert_no_error (error);

  g_assert_true (store_database_transaction (db, insert_setting_cb, "窗口一", &error));
  g_assert_no_error (error);
  value = store_database_get_setting (db, "window-name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "窗口一");

  g_clear_pointer (&value, g_free);
  g_assert_false (store_database_transaction (db, insert_then_fail_cb, NULL, &error));
  g_assert_error (error, STORE_ERROR, STORE_ERROR_FAILED);
  g_clear_error (&error);
  value = store_database_get_setting (db, "window-name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "窗口一");

  g_assert_true (store_database_transaction (db, outer_with_failing_inner_cb, NULL, &error));
  g_assert_no_error (error);
  outer = store_database_get_setting (db, "outer", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (outer, ==, "kept");
  inner = store_database_get_setting (db, "window-name", &error);
  g_assert_cmpstr (inner, ==, "窗口一");
}

static void
test_setting_missing (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (StoreDatabase) db = store_database_open (fx->path, &error);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  value = store_database_get_setting (db, "nothing-here", &error);
  g_assert_null (value);
  g_assert_error (error, STORE_ERROR, STORE_ERROR_NOT_FOUND);
}

static void
test_audit (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (StoreDatabase) db = store_database_open (fx->path, &error);
  g_autofree char *count = NULL;
  g_autofree char *action = NULL;

  g_assert_no_error (error);
  g_assert_true (store_database_audit (db, "kiosk", "started", NULL, &error));
  g_assert_true (store_database_audit (db, "staff:wang", "exit", "from the staff page", &error));
  g_assert_no_error (error);
  count = query_text (db, "SELECT count(*) FROM audit");
  action = query_text (db, "SELECT action FROM audit WHERE actor = 'staff:wang'");
  g_assert_cmpstr (count, ==, "2");
  g_assert_cmpstr (action, ==, "exit");
}

/* store-v1.sqlite was written by the first release's schema (user_version 1),
 * in rollback-journal mode, with one setting and one queued filing. */
static void
test_migrate_from_v1 (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (StoreDatabase) db = NULL;
  g_autofree char *value = NULL;
  g_autofree char *queued = NULL;
  g_autofree char *index = NULL;

  copy_fixture_db (fx, "store-v1.sqlite");
  db = store_database_open (fx->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (store_database_get_schema_version (db), ==,
                   store_database_get_latest_schema_version ());

  value = store_database_get_setting (db, "window-name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "第一受理窗口");
  queued = query_text (db, "SELECT filing_id FROM outbox WHERE state = 'queued'");
  g_assert_cmpstr (queued, ==, "6f1c2a52-7a39-4d0e-9a5c-2f1c6b0b9e11");
  index = query_text (db, "SELECT name FROM sqlite_master WHERE name = 'outbox_due'");
  g_assert_cmpstr (index, ==, "outbox_due");

  /* the new column works */
  g_assert_true (store_database_set_setting (db, "window-name", "第二受理窗口", &error));
  g_assert_no_error (error);
}

/* The dictionaries the registry serves, kept by version: saved once per
 * version, read back whole, and a damaged copy noticed. */
static void
test_dictionaries (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (StoreDatabase) db = store_database_open (fx->path, &error);
  g_autoptr (CoreDictionarySet) shipped = NULL;
  g_autoptr (CoreDictionarySet) loaded = NULL;
  g_autoptr (JsonNode) served = NULL;
  g_autoptr (JsonNode) forged = NULL;
  g_autofree char *version = NULL;
  g_autofree char *fetched = NULL;
  g_autofree char *fetched_again = NULL;
  gboolean changed = FALSE;

  g_assert_no_error (error);
  g_assert_null (store_dictionaries_get_version (db, &error));
  g_assert_error (error, STORE_ERROR, STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (store_dictionaries_load (db, &error));
  g_assert_error (error, STORE_ERROR, STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  shipped =
      core_dictionary_set_new_from_directory (core_dictionary_set_get_default_directory (), &error);
  g_assert_no_error (error);
  served = core_dictionary_set_to_json_node (shipped);
  g_assert_true (store_dictionaries_save (db, served, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  version = store_dictionaries_get_version (db, &error);
  g_assert_cmpstr (version, ==, core_dictionary_set_get_version (shipped));
  loaded = store_dictionaries_load (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (core_dictionary_set_get_version (loaded), ==, version);
  g_assert_nonnull (core_dictionary_lookup (core_dictionary_set_lookup (loaded, "nations"), "01"));

  /* the same version again: nothing written */
  fetched = query_text (db, "SELECT fetched_at FROM dictionaries");
  g_usleep (2000);
  g_assert_true (store_dictionaries_save (db, served, &changed, &error));
  g_assert_false (changed);
  fetched_again = query_text (db, "SELECT fetched_at FROM dictionaries");
  g_assert_cmpstr (fetched, ==, fetched_again);

  /* a body whose version does not match its lists is refused, the copy stays */
  forged = json_node_copy (served);
  json_object_set_string_member (json_node_get_object (forged), "version", "0123456789abcdef");
  g_assert_false (store_dictionaries_save (db, forged, &changed, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&version, g_free);
  version = store_dictionaries_get_version (db, &error);
  g_assert_cmpstr (version, ==, core_dictionary_set_get_version (shipped));

  /* a damaged copy is noticed when read back */
  g_assert_true (store_database_exec (
      db, "UPDATE dictionaries SET content = replace(content, '汉族', '汉')", &error));
  g_clear_object (&loaded);
  loaded = store_dictionaries_load (db, &error);
  g_assert_null (loaded);
  g_assert_error (error, STORE_ERROR, STORE_ERROR_CORRUPT);
}

static void
test_failing_migration_leaves_file (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (StoreDatabase) db = NULL;
  g_autoptr (StoreDatabase) again = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  guint n_real;
  const StoreMigration *real = store_migrations_get (&n_real);
  g_autofree StoreMigration *steps = g_new0 (StoreMigration, n_real + 1);

  /* the real steps, then one that creates a table and then fails: the table
   * and every earlier step of this run must vanish with it */
  memcpy (steps, real, n_real * sizeof (StoreMigration));
  steps[n_real].version = real[n_real - 1].version + 1;
  steps[n_real].description = "a step that fails half-way";
  steps[n_real].sql = "CREATE TABLE half_done (x INTEGER);"
                      "INSERT INTO no_such_table VALUES (1);";

  copy_fixture_db (fx, "store-v1.sqlite");
  before = read_file (fx->path);

  db = store_database_open_with_migrations (fx->path, steps, n_real + 1, &error);
  g_assert_null (db);
  g_assert_error (error, STORE_ERROR, STORE_ERROR_MIGRATION);
  g_assert_nonnull (strstr (error->message, "left unchanged"));

  after = read_file (fx->path);
  g_assert_true (g_bytes_equal (before, after));

  /* and the kiosk can still open it with the real steps */
  g_clear_error (&error);
  again = store_database_open (fx->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (store_database_get_schema_version (again), ==, n_real);
}

static void
test_newer_schema_refused (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  StoreDatabase *db;
  sqlite3 *raw = NULL;
  g_autofree char *dir = g_path_get_dirname (fx->path);

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (fx->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (raw, "CREATE TABLE t (x); PRAGMA user_version = 999", NULL, NULL, NULL), ==,
      SQLITE_OK);
  sqlite3_close (raw);
  g_chmod (fx->path, 0600);
  before = read_file (fx->path);

  db = store_database_open (fx->path, &error);
  g_assert_null (db);
  g_assert_error (error, STORE_ERROR, STORE_ERROR_NEWER_SCHEMA);

  after = read_file (fx->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_not_a_database (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  StoreDatabase *db;
  g_autofree char *dir = g_path_get_dirname (fx->path);
  char garbage[4096];

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) (i * 7 + 3);
  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents_full (fx->path, garbage, sizeof garbage, G_FILE_SET_CONTENTS_NONE, 0600,
                            &error);
  g_assert_no_error (error);
  before = read_file (fx->path);

  db = store_database_open (fx->path, &error);
  g_assert_null (db);
  g_assert_error (error, STORE_ERROR, STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, fx->path));

  after = read_file (fx->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_unwritable_folder (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  StoreDatabase *db;
  g_autofree char *blocker = g_build_filename (fx->dir, "data", NULL);

  /* a plain file where the data folder should be */
  g_file_set_contents (blocker, "x", 1, &error);
  g_assert_no_error (error);
  db = store_database_open (fx->path, &error);
  g_assert_null (db);
  g_assert_error (error, STORE_ERROR, STORE_ERROR_OPEN);
}

/* The sqlite3 shell, run by an operator while the kiosk has the store open. */
static char *
sqlite3_shell (const char *path, const char *sql)
{
  const char *argv[] = { "sqlite3", path, sql, NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (out);
}

/* The kiosk opens the store twice (the application and the sync engine).
 * The second opening must not drop the first one's file locks, or another
 * program takes itself for the last user, deletes the WAL, and what the
 * kiosk commits afterwards goes into a file nobody else can see. */
static void
test_second_connection_keeps_locks (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (StoreDatabase) app = store_database_open (fx->path, &error);
  g_autoptr (StoreDatabase) engine = NULL;
  g_autofree char *wal = g_strconcat (fx->path, "-wal", NULL);
  g_autofree char *seen = NULL;

  g_assert_no_error (error);
  g_assert_true (store_database_set_setting (app, "first", "1", &error));
  engine = store_database_open (fx->path, &error);
  g_assert_no_error (error);

  seen = sqlite3_shell (fx->path, "SELECT value FROM settings WHERE key = 'first'");
  g_assert_cmpstr (seen, ==, "1");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_true (store_database_set_setting (app, "second", "2", &error));
  g_clear_pointer (&seen, g_free);
  seen = sqlite3_shell (fx->path, "SELECT value FROM settings WHERE key = 'second'");
  g_assert_cmpstr (seen, ==, "2");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/open/fresh", test_open_fresh);
  ADD ("/store/open/wal-files-private", test_wal_files_private);
  ADD ("/store/open/existing-file-tightened", test_existing_file_tightened);
  ADD ("/store/open/newer-schema-refused", test_newer_schema_refused);
  ADD ("/store/open/not-a-database", test_not_a_database);
  ADD ("/store/open/unwritable-folder", test_unwritable_folder);
  ADD ("/store/open/second-connection-keeps-locks", test_second_connection_keeps_locks);
  ADD ("/store/transaction", test_transaction);
  ADD ("/store/settings/missing", test_setting_missing);
  ADD ("/store/audit", test_audit);
  ADD ("/store/dictionaries", test_dictionaries);
  ADD ("/store/migrate/from-v1", test_migrate_from_v1);
  ADD ("/store/migrate/failing-step-leaves-file", test_failing_migration_leaves_file);
#undef ADD

  return g_test_run ();
}
