/* kiosk-duration.c: a span of time as a person reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every countdown the kiosk shows (the seconds left in the header, "are you
 * still there?") says its time the same way: under a minute in seconds,
 * from a minute in minutes and seconds (9 分 58 秒), never in hundreds of
 * seconds, which nobody plans with.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-duration.h"

/**
 * kiosk_duration_text:
 * @seconds: how long
 *
 * Returns: (transfer full): "45 s", "10 min" or "9 min 58 s" (45 秒, 10 分钟,
 *   9 分 58 秒)
 */
char *
kiosk_duration_text (guint seconds)
{
  guint minutes = seconds / 60;

  if (minutes == 0)
    /* TRANSLATORS: a time under a minute, e.g. 45 秒 */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u s", "%u s", seconds), seconds);
  if (seconds % 60 == 0)
    /* TRANSLATORS: a time of whole minutes, e.g. 10 分钟 */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u min", "%u min", minutes), minutes);
  /* TRANSLATORS: a time of minutes and seconds: %1$u the minutes, %2$u
   * the seconds, e.g. 9 分 58 秒 */
  return g_strdup_printf (_ ("%1$u min %2$u s"), minutes, seconds % 60);
}

/**
 * kiosk_duration_words:
 * @seconds: how long
 *
 * The same time in words, for a sentence ("The page will be cleared in 5
 * seconds."), where "5 s" reads as a chip's shorthand. In Chinese, 秒 and
 * 分钟 are words already: as kiosk_duration_text().
 *
 * Returns: (transfer full): "45 seconds", "1 minute" or "9 minutes 58
 *   seconds" (45 秒, 1 分钟, 9 分 58 秒)
 */
char *
kiosk_duration_words (guint seconds)
{
  guint minutes = seconds / 60;

  if (minutes == 0)
    /* TRANSLATORS: a time under a minute, in a sentence, e.g. 45 秒 */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds),
                            seconds);
  if (seconds % 60 == 0)
    /* TRANSLATORS: a time of whole minutes, in a sentence, e.g. 10 分钟 */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes),
                            minutes);
  /* gettext takes one number's plural: one second has a message of its own */
  if (seconds % 60 == 1)
    /* TRANSLATORS: %1$u minutes and one second, in a sentence, e.g. 9 分 1 秒 */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$u minute %2$u second",
                                         "%1$u minutes %2$u second", minutes),
                            minutes, seconds % 60);
  /* TRANSLATORS: %1$u minutes and %2$u seconds, in a sentence, e.g. 9 分 58 秒 */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$u minute %2$u seconds",
                                       "%1$u minutes %2$u seconds", minutes),
                          minutes, seconds % 60);
}
