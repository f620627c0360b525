/* core-file.c: files that hold personal data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POSIX record locks belong to a process and a file: closing *any*
 * descriptor of the file drops every lock the process holds on it. SQLite
 * keeps its locks that way, so code that opens and closes a database file
 * while a connection to it is open silently unlocks that connection; another
 * program then believes it is the file's last user and deletes the WAL that
 * holds committed transactions. Hence nothing here ever opens the file it
 * prepares.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "core-file.h"

static gboolean
set_errno_error (GError **error, int saved_errno, const char *what, const char *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "cannot %s %s: %s", what,
               path, g_strerror (saved_errno));
  return FALSE;
}

/* For file systems without hard links: the file did not exist a moment ago,
 * so no connection can hold locks on it yet. */
static gboolean
create_exclusive (const char *path, gboolean *out_created, GError **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0 && errno == EEXIST)
    return TRUE;
  if (fd < 0)
    return set_errno_error (error, errno, "create", path);
  close (fd);
  *out_created = TRUE;
  return TRUE;
}

/**
 * core_file_create_private:
 * @path: a file that will hold personal data, e.g. a SQLite database
 * @out_created: (out) (optional): whether this call made the file
 *
 * Makes sure @path exists, creating it empty with mode 0600 (SQLite gives its
 * -wal and -shm files the mode of the database file). @path itself is never
 * opened: a new file is made under a temporary name beside it and linked into
 * place, which never replaces a file another process made meanwhile. An
 * existing file is left exactly as it is.
 *
 * Returns: %TRUE when @path exists, %FALSE with a #G_FILE_ERROR otherwise
 */
gboolean
core_file_create_private (const char *path, gboolean *out_created, GError **error)
{
  g_autofree char *temp = NULL;
  gboolean created = FALSE;
  gboolean ok = TRUE;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  if (out_created != NULL)
    *out_created = FALSE;
  if (g_stat (path, &st) == 0)
    return TRUE;
  if (errno != ENOENT)
    return set_errno_error (error, errno, "look at", path);

  temp = g_strconcat (path, ".new-XXXXXX", NULL);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, errno, "create a file beside", path);
  close (fd);
  if (link (temp, path) == 0)
    created = TRUE;
  else if (errno == EPERM || errno == EOPNOTSUPP || errno == EMLINK)
    ok = create_exclusive (path, &created, error);
  else if (errno != EEXIST)
    ok = set_errno_error (error, errno, "create", path);
  g_unlink (temp);
  if (out_created != NULL)
    *out_created = created;
  return ok;
}
