/* test-kiosk-startup.c: practitioner-kiosk refuses to start on a store it
 * cannot use, says why, and leaves the file alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

typedef struct
{
  int status;
  char *err;
} RunResult;

static RunResult
run_kiosk (const char *data_folder, const char *extra)
{
  g_autoptr (GError) error = NULL;
  const char *kiosk = g_getenv ("PRACTITIONER_KIOSK");
  const char *argv[] = { kiosk, "--data-folder", data_folder, extra, NULL };
  RunResult result = { 0, NULL };

  g_assert_nonnull (kiosk);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &result.err, &result.status, &error);
  g_assert_no_error (error);
  return result;
}

static char *
make_folder (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("kiosk-startup-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
test_newer_store_refused (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  sqlite3 *db = NULL;
  RunResult result;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (db, "CREATE TABLE filings (id); PRAGMA user_version = 77", NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);
  g_chmod (path, 0600);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  result = run_kiosk (dir, NULL);
  g_assert_true (WIFEXITED (result.status));
  g_assert_cmpint (WEXITSTATUS (result.status), ==, 1);
  g_assert_nonnull (strstr (result.err, "newer kiosk"));
  g_assert_nonnull (strstr (result.err, "left as it is"));

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  g_free (result.err);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_damaged_store_refused (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autofree char *after = NULL;
  const char garbage[] = "SQLite format 2\0this is not what it claims to be, not at all......"
                         "................................................................";
  gsize after_len;
  RunResult result;

  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));
  g_chmod (path, 0600);

  result = run_kiosk (dir, NULL);
  g_assert_cmpint (WEXITSTATUS (result.status), ==, 1);
  g_assert_nonnull (strstr (result.err, "cannot open the local store"));

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (garbage, sizeof garbage, after, after_len);

  g_free (result.err);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_version (void)
{
  g_autofree char *dir = make_folder ();
  RunResult result = run_kiosk (dir, "--version");

  g_assert_cmpint (WEXITSTATUS (result.status), ==, 0);
  g_free (result.err);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk-startup/newer-store-refused", test_newer_store_refused);
  g_test_add_func ("/kiosk-startup/damaged-store-refused", test_damaged_store_refused);
  g_test_add_func ("/kiosk-startup/version", test_version);
  return g_test_run ();
}
