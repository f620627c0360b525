/* test-kiosk-systemd.c: READY=1 and the watchdog ping, against a notify
 * socket of the test's own, as systemd would listen on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "kiosk-systemd.h"

typedef struct
{
  char *dir;
  char *path;
  GSocket *socket;
} Listener;

static void
listener_set_up (Listener *l, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketAddress) address = NULL;

  l->dir = g_dir_make_tmp ("kiosk-notify-XXXXXX", &error);
  g_assert_no_error (error);
  l->path = g_build_filename (l->dir, "notify", NULL);
  l->socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_DEFAULT,
                            &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (l->path);
  g_socket_bind (l->socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (l->socket, FALSE);
  g_setenv ("NOTIFY_SOCKET", l->path, TRUE);
  g_unsetenv ("WATCHDOG_PID");
  g_unsetenv ("WATCHDOG_USEC");
}

static void
listener_tear_down (Listener *l, gconstpointer data)
{
  g_unsetenv ("NOTIFY_SOCKET");
  g_unsetenv ("WATCHDOG_PID");
  g_unsetenv ("WATCHDOG_USEC");
  g_clear_object (&l->socket);
  g_unlink (l->path);
  g_rmdir (l->dir);
  g_free (l->path);
  g_free (l->dir);
}

/* Every datagram waiting on the socket, without waiting for more. */
static GPtrArray *
drain (Listener *l)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      char buffer[512];
      g_autoptr (GError) error = NULL;
      gssize n = g_socket_receive (l->socket, buffer, sizeof buffer - 1, NULL, &error);

      if (n < 0)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
          return messages;
        }
      buffer[n] = '\0';
      g_ptr_array_add (messages, g_strdup (buffer));
    }
}

static guint
count_pings (GPtrArray *messages)
{
  guint n = 0;

  for (guint i = 0; i < messages->len; i++)
    if (g_str_equal (g_ptr_array_index (messages, i), "WATCHDOG=1"))
      n++;
  return n;
}

/* Runs the default main loop until @wanted pings have arrived. */
static void
iterate_until_pings (Listener *l, guint wanted)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint seen = 0;

  while (seen < wanted)
    {
      g_autoptr (GPtrArray) messages = NULL;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      /* without blocking, so a ping that never comes fails the deadline */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
      messages = drain (l);
      seen += count_pings (messages);
    }
}

/* What the kiosk finds in its environment when systemd starts it. */
static void
init_with (Listener *l, const char *watchdog_pid, const char *watchdog_usec)
{
  g_setenv ("NOTIFY_SOCKET", l->path, TRUE);
  if (watchdog_pid != NULL)
    g_setenv ("WATCHDOG_PID", watchdog_pid, TRUE);
  else
    g_unsetenv ("WATCHDOG_PID");
  if (watchdog_usec != NULL)
    g_setenv ("WATCHDOG_USEC", watchdog_usec, TRUE);
  else
    g_unsetenv ("WATCHDOG_USEC");
  kiosk_systemd_init ();
}

/* READY=1 goes out, and no child process the kiosk starts later (a session
 * bus daemon, the demo's registry) finds the socket to speak for it. */
static void
test_ready (Listener *l, gconstpointer data)
{
  g_autoptr (GPtrArray) messages = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());

  init_with (l, pid, "30000000");
  g_assert_null (g_getenv ("NOTIFY_SOCKET"));
  g_assert_null (g_getenv ("WATCHDOG_PID"));
  g_assert_null (g_getenv ("WATCHDOG_USEC"));
  kiosk_systemd_notify_ready ();
  messages = drain (l);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (messages, 0), "READY=1\n"));
}

static void
test_no_watchdog (Listener *l, gconstpointer data)
{
  g_autoptr (GPtrArray) messages = NULL;

  init_with (l, NULL, NULL);
  g_assert_cmpuint (kiosk_systemd_start_watchdog (), ==, 0);
  messages = drain (l);
  g_assert_cmpuint (messages->len, ==, 0);
}

/* A watchdog meant for another process is not ours to feed; one meant for
 * our parent (the compositor the unit started) is. */
static void
test_watchdog_owner (Listener *l, gconstpointer data)
{
  g_autofree char *parent = g_strdup_printf ("%d", (int) getppid ());
  g_autofree char *other = g_strdup_printf ("%d", (int) getpid () + 1);

  init_with (l, other, "30000000");
  g_assert_cmpuint (kiosk_systemd_get_watchdog_usec (), ==, 0);
  init_with (l, parent, "30000000");
  g_assert_cmpuint (kiosk_systemd_get_watchdog_usec (), ==, 30000000);
  init_with (l, "not-a-pid", "30000000");
  g_assert_cmpuint (kiosk_systemd_get_watchdog_usec (), ==, 0);
  init_with (l, parent, "0");
  g_assert_cmpuint (kiosk_systemd_get_watchdog_usec (), ==, 0);
  /* no notify socket, no watchdog: nobody would hear the pings */
  g_setenv ("WATCHDOG_PID", parent, TRUE);
  g_setenv ("WATCHDOG_USEC", "30000000", TRUE);
  g_unsetenv ("NOTIFY_SOCKET");
  kiosk_systemd_init ();
  g_assert_cmpuint (kiosk_systemd_get_watchdog_usec (), ==, 0);
}

/* A socket path longer than an address holds is not cut short to name
 * another socket: nothing is sent, so there is no watchdog either. */
static void
test_path_too_long (Listener *l, gconstpointer data)
{
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *padding = g_strnfill (200, 'x');
  g_autofree char *long_path = g_strconcat (l->path, padding, NULL);
  g_autofree char *abstract = g_strconcat ("@", padding, NULL);
  const char *too_long[] = { long_path, abstract };

  g_test_expect_message ("Kiosk", G_LOG_LEVEL_WARNING, "*longer than a socket address*");
  g_test_expect_message ("Kiosk", G_LOG_LEVEL_WARNING, "*longer than a socket address*");
  for (guint i = 0; i < G_N_ELEMENTS (too_long); i++)
    {
      g_setenv ("NOTIFY_SOCKET", too_long[i], TRUE);
      g_setenv ("WATCHDOG_PID", pid, TRUE);
      g_setenv ("WATCHDOG_USEC", "30000000", TRUE);
      kiosk_systemd_init ();
      g_assert_null (g_getenv ("NOTIFY_SOCKET"));
      g_assert_cmpuint (kiosk_systemd_get_watchdog_usec (), ==, 0);
      kiosk_systemd_notify_ready ();
    }
  g_test_assert_expected_messages ();
}

/* The ping comes from the main loop: while the loop does not run, no ping
 * goes out however long that lasts; once it runs again, pings resume. */
static void
test_ping_from_main_loop (Listener *l, gconstpointer data)
{
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autoptr (GPtrArray) while_stopped = NULL;
  guint id;

  init_with (l, pid, "100000"); /* a ping every 50 ms */
  id = kiosk_systemd_start_watchdog ();
  g_assert_cmpuint (id, !=, 0);
  iterate_until_pings (l, 3);

  g_ptr_array_unref (drain (l));
  g_usleep (10 * 50000); /* ten ping periods with the main loop stopped */
  while_stopped = drain (l);
  g_assert_cmpuint (count_pings (while_stopped), ==, 0);

  iterate_until_pings (l, 2);
  g_source_remove (id);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/kiosk/systemd/ready", Listener, NULL, listener_set_up, test_ready,
              listener_tear_down);
  g_test_add ("/kiosk/systemd/no-watchdog", Listener, NULL, listener_set_up, test_no_watchdog,
              listener_tear_down);
  g_test_add ("/kiosk/systemd/path-too-long", Listener, NULL, listener_set_up, test_path_too_long,
              listener_tear_down);
  g_test_add ("/kiosk/systemd/watchdog-owner", Listener, NULL, listener_set_up, test_watchdog_owner,
              listener_tear_down);
  g_test_add ("/kiosk/systemd/ping-from-main-loop", Listener, NULL, listener_set_up,
              test_ping_from_main_loop, listener_tear_down);
  return g_test_run ();
}
