/* kiosk-systemd.c: telling systemd the kiosk is up and still answering
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk's unit (Type=notify, WatchdogSec=) waits for READY=1, sent once
 * the first frame is painted, and restarts the kiosk when WATCHDOG=1 stops
 * arriving. The ping runs on the GTK main loop, not on a thread: a main loop
 * that hangs is exactly what must stop it. Outside systemd (no NOTIFY_SOCKET)
 * every call here does nothing.
 */

#include "config.h"

#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "kiosk-systemd.h"

/**
 * kiosk_systemd_notify_ready:
 *
 * Tells the service manager that the kiosk shows its first page.
 */
void
kiosk_systemd_notify_ready (void)
{
  int rc = sd_notify (0, "READY=1\nSTATUS=showing the welcome page");

  if (rc < 0)
    g_warning ("cannot tell systemd the kiosk is ready: %s", g_strerror (-rc));
}

/**
 * kiosk_systemd_get_watchdog_usec:
 *
 * The unit's watchdog period for this process. Under cage the unit's main
 * process is the compositor, our parent, so WATCHDOG_PID names it rather
 * than us; the ping is still ours to send (the unit says NotifyAccess=all).
 *
 * Returns: the period in microseconds, 0 when there is no watchdog for us
 */
guint64
kiosk_systemd_get_watchdog_usec (void)
{
  uint64_t usec = 0;
  const char *pid_text = g_getenv ("WATCHDOG_PID");
  const char *usec_text = g_getenv ("WATCHDOG_USEC");
  guint64 pid = 0;

  if (sd_watchdog_enabled (0, &usec) > 0)
    return usec;
  if (pid_text == NULL || usec_text == NULL ||
      !g_ascii_string_to_unsigned (pid_text, 10, 1, G_MAXINT, &pid, NULL) ||
      (pid_t) pid != getppid () ||
      !g_ascii_string_to_unsigned (usec_text, 10, 1, G_MAXUINT64, &usec, NULL))
    return 0;
  return usec;
}

static gboolean
watchdog_ping_cb (gpointer user_data)
{
  sd_notify (0, "WATCHDOG=1");
  return G_SOURCE_CONTINUE;
}

/**
 * kiosk_systemd_start_watchdog:
 *
 * Pings the watchdog from the default main context (the GTK main loop) at
 * half the unit's period, so one late iteration never trips it.
 *
 * Returns: the ping's source id, 0 when the unit has no watchdog
 */
guint
kiosk_systemd_start_watchdog (void)
{
  guint64 usec = kiosk_systemd_get_watchdog_usec ();
  guint interval_ms;
  guint id;

  if (usec == 0)
    return 0;
  interval_ms = (guint) MAX (1, MIN (usec / 2000, G_MAXUINT));
  sd_notify (0, "WATCHDOG=1");
  id = g_timeout_add (interval_ms, watchdog_ping_cb, NULL);
  g_source_set_name_by_id (id, "[kiosk] systemd watchdog");
  g_message ("pinging the systemd watchdog every %u ms", interval_ms);
  return id;
}
