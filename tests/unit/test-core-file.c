/* test-core-file.c: files that hold personal data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core-file.h"

static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_created_private (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-core-file-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "registry.db", NULL);
  gboolean created = FALSE;
  GStatBuf st;
  mode_t old_umask = umask (022);

  g_assert_true (core_file_create_private (path, &created, &error));
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, ==, 0);
  /* nothing else is left beside it */
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_assert_true (core_file_create_private (path, &created, &error));
  g_assert_false (created);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_existing_left_alone (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-core-file-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autofree char *contents = NULL;
  gboolean created = TRUE;
  GStatBuf st;

  g_assert_true (g_file_set_contents_full (path, "data", -1, G_FILE_SET_CONTENTS_NONE, 0640, NULL));
  g_assert_true (core_file_create_private (path, &created, &error));
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "data");
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

/* Another process asks for a write lock on the whole file without waiting:
 * it gets it only when this process holds no lock there. */
static gboolean
locked_here (const char *path)
{
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "/usr/bin/python3", "-c",
                         "import fcntl, os, sys\n"
                         "fd = os.open(sys.argv[1], os.O_RDWR)\n"
                         "try:\n"
                         "    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
                         "except OSError:\n"
                         "    sys.exit(3)\n",
                         path, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status) == 3;
}

/* A SQLite connection of this process holds record locks on the file;
 * preparing the file again must not drop them, so it must not open it. */
static void
test_locks_kept (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-core-file-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  struct flock lock = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
  int fd;

  g_assert_true (core_file_create_private (path, NULL, &error));
  fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (fcntl (fd, F_SETLK, &lock), ==, 0);
  g_assert_true (locked_here (path));

  g_assert_true (core_file_create_private (path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (locked_here (path));

  close (fd);
  g_assert_false (locked_here (path));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_missing_folder (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (core_file_create_private ("/nonexistent-folder/kiosk.db", NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder/kiosk.db"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/file/created-private", test_created_private);
  g_test_add_func ("/core/file/existing-left-alone", test_existing_left_alone);
  g_test_add_func ("/core/file/locks-kept", test_locks_kept);
  g_test_add_func ("/core/file/missing-folder", test_missing_folder);

  return g_test_run ();
}
