/* kiosk-systemd.c: telling systemd the kiosk is up and still answering
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk's unit (Type=notify, WatchdogSec=) waits for READY=1, sent once
 * the first frame is painted, and restarts the kiosk when WATCHDOG=1 stops
 * arriving. The ping runs on the GTK main loop, not on a thread: a main loop
 * that hangs is exactly what must stop it.
 *
 * The unit accepts messages from every process of the session
 * (NotifyAccess=all: the kiosk is cage's child, not the main process), so
 * nothing the kiosk starts may inherit the notify socket: GLib may start a
 * dbus-daemon for the session bus, which says READY=1 itself, and the demo
 * starts a registry. kiosk_systemd_init() therefore takes NOTIFY_SOCKET and
 * the watchdog variables out of the environment, and the messages go out
 * through a socket of our own rather than sd_notify(), which reads the
 * environment at every call. Outside systemd every call here does nothing.
 *
 * The kiosk does not link libsystemd: the notify protocol is one datagram,
 * documented as stable for programs to speak without the library, and the
 * library brought five shared libraries (libgcrypt, libgpg-error, liblz4,
 * libcap and itself) to every start of the kiosk.
 */

#include "config.h"

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <sys/un.h>
#include <unistd.h>

#include "kiosk-systemd.h"

static GSocket *notify_socket;
static GSocketAddress *notify_address;
static guint64 watchdog_usec;

/* Under cage the unit's main process is the compositor, our parent, so
 * WATCHDOG_PID names it rather than us; the ping is still ours to send. */
static guint64
read_watchdog_usec (void)
{
  const char *pid_text = g_getenv ("WATCHDOG_PID");
  const char *usec_text = g_getenv ("WATCHDOG_USEC");
  guint64 pid = 0;
  guint64 usec = 0;

  if (usec_text == NULL || !g_ascii_string_to_unsigned (usec_text, 10, 1, G_MAXUINT64, &usec, NULL))
    return 0;
  if (pid_text == NULL)
    return usec;
  if (!g_ascii_string_to_unsigned (pid_text, 10, 1, G_MAXINT, &pid, NULL))
    return 0;
  return (pid_t) pid == getpid () || (pid_t) pid == getppid () ? usec : 0;
}

/**
 * kiosk_systemd_init:
 *
 * Takes the notify socket and the watchdog period from the environment and
 * removes them from it, so that no child process can speak for the kiosk.
 * Call once, first thing in main(), before any thread exists.
 */
void
kiosk_systemd_init (void)
{
  const char *path = g_getenv ("NOTIFY_SOCKET");
  g_autoptr (GError) error = NULL;

  g_clear_object (&notify_socket);
  g_clear_object (&notify_address);
  watchdog_usec = read_watchdog_usec ();

  /* a path longer than an address holds would be cut short, and the
   * messages sent to whatever socket the shorter path names: as sd_notify()
   * does, send nothing then */
  if (path != NULL && strlen (path) >= sizeof (((struct sockaddr_un *) NULL)->sun_path))
    g_warning ("NOTIFY_SOCKET is longer than a socket address holds; systemd will not hear "
               "from the kiosk");
  else if (path != NULL && (path[0] == '/' || path[0] == '@') && path[1] != '\0')
    {
      notify_address =
          path[0] == '@'
              ? g_unix_socket_address_new_with_type (path + 1, -1, G_UNIX_SOCKET_ADDRESS_ABSTRACT)
              : g_unix_socket_address_new (path);
      notify_socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM,
                                    G_SOCKET_PROTOCOL_DEFAULT, &error);
      if (notify_socket == NULL)
        {
          g_warning ("cannot talk to systemd: %s", error->message);
          g_clear_object (&notify_address);
        }
    }
  g_unsetenv ("NOTIFY_SOCKET");
  g_unsetenv ("WATCHDOG_USEC");
  g_unsetenv ("WATCHDOG_PID");
  if (notify_socket == NULL)
    watchdog_usec = 0;
}

static void
notify (const char *message)
{
  g_autoptr (GError) error = NULL;

  if (notify_socket == NULL)
    return;
  if (g_socket_send_to (notify_socket, notify_address, message, strlen (message), NULL, &error) < 0)
    g_warning ("cannot tell systemd %s: %s", message, error->message);
}

/**
 * kiosk_systemd_notify_ready:
 *
 * Tells the service manager that the kiosk shows its first page.
 */
void
kiosk_systemd_notify_ready (void)
{
  notify ("READY=1\nSTATUS=showing the welcome page");
}

/**
 * kiosk_systemd_get_watchdog_usec:
 *
 * Returns: the unit's watchdog period in microseconds, 0 when there is no
 *   watchdog for the kiosk
 */
guint64
kiosk_systemd_get_watchdog_usec (void)
{
  return watchdog_usec;
}

static gboolean
watchdog_ping_cb (gpointer user_data)
{
  notify ("WATCHDOG=1");
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
  guint interval_ms;
  guint id;

  if (watchdog_usec == 0)
    return 0;
  interval_ms = (guint) MAX (1, MIN (watchdog_usec / 2000, G_MAXUINT));
  notify ("WATCHDOG=1");
  id = g_timeout_add (interval_ms, watchdog_ping_cb, NULL);
  g_source_set_name_by_id (id, "[kiosk] systemd watchdog");
  g_message ("pinging the systemd watchdog every %u ms", interval_ms);
  return id;
}
