/* registry-clock.c: the time the registry's expiries and limits are measured by
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Captchas, SMS codes, send limits, sessions and staff lock-outs all run on
 * registry_clock_now(). In production it is the system's real time. A test
 * can start `serve --test-clock-file FILE` (accepted on a loopback-only
 * listener only): FILE holds a number of seconds, which is added to the real
 * time, so a test moves the clock forward by rewriting the file instead of
 * sleeping. Or it holds "@" and a time in seconds since 1970: the clock then
 * stands still at that time until the file changes, so what a test checks
 * to the second does not depend on how fast a loaded machine runs it. The
 * file is read on every call, so every registry process started with the
 * same file shares the same clock.
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "registry-clock.h"

/* Longest offset file read: a signed number and a newline. */
#define MAX_OFFSET_TEXT 32
/* A shift of more than ten years is a mistake, not a test. */
#define MAX_OFFSET_SECONDS ((gint64) 10 * 366 * 24 * 3600)
/* A fixed time is in 2000 … 2100. */
#define MIN_FIXED_SECONDS G_GINT64_CONSTANT (946684800)
#define MAX_FIXED_SECONDS G_GINT64_CONSTANT (4102444800)

/* The file's offset in seconds, or with *out_fixed set its fixed time. */
static gint64
read_offset (const char *path, gboolean *out_fixed)
{
  char text[MAX_OFFSET_TEXT + 1];
  char *end = NULL;
  gint64 seconds;
  ssize_t n;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  n = read (fd, text, MAX_OFFSET_TEXT);
  close (fd);
  if (n <= 0)
    return 0;
  text[n] = '\0';
  g_strstrip (text);
  if (text[0] == '@')
    {
      seconds = g_ascii_strtoll (text + 1, &end, 10);
      if (end == text + 1 || *end != '\0' || seconds < MIN_FIXED_SECONDS ||
          seconds > MAX_FIXED_SECONDS)
        return 0;
      *out_fixed = TRUE;
      return seconds;
    }
  seconds = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || seconds > MAX_OFFSET_SECONDS || seconds < -MAX_OFFSET_SECONDS)
    return 0;
  return seconds;
}

/**
 * registry_clock_now:
 * @offset_file: (nullable): a test's clock offset file, see above
 *
 * Returns: microseconds since the epoch (UTC)
 */
gint64
registry_clock_now (const char *offset_file)
{
  gint64 now = g_get_real_time ();
  gboolean fixed = FALSE;
  gint64 seconds;

  if (offset_file == NULL)
    return now;
  seconds = read_offset (offset_file, &fixed);
  return fixed ? seconds * G_USEC_PER_SEC : now + seconds * G_USEC_PER_SEC;
}
