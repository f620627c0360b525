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
