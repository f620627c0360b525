/* forms-test-cups.c: a private CUPS scheduler with virtual IPP printers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything lives in one temporary folder: cupsd's configuration, spool and
 * logs, its unix socket (CUPS_SERVER points there, so this process and its
 * children talk to no other scheduler), a private bus that ippeveprinter
 * needs in place of the system bus, and one output folder per printer where
 * the hook (print-hook.sh) drops every printed document. Nothing in /etc is
 * read or written; the printers listen on loopback only.
 */

#include "config.h"

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "forms-test-cups.h"

typedef struct
{
  char *name;
  guint16 port;
  GSubprocess *process;
} TestPrinter;

struct _FormsTestCups
{
  char *dir;
  char *runtime_dir;
  char *spool_dir;
  GSubprocess *dbus;
  GSubprocess *cupsd;
  GPtrArray *printers;
};

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * forms_test_wait_for:
 *
 * Runs the main loop until @condition holds or @timeout_ms pass; the timeout
 * only keeps a broken test from hanging.
 */
gboolean
forms_test_wait_for (gboolean (*condition) (gpointer), gpointer user_data, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (timeout_ms, timeout_cb, &timed_out);
  /* conditions on the world outside (files, processes) are checked often */
  guint tick = g_timeout_add (25, tick_cb, NULL);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  g_source_remove (tick);
  return condition (user_data);
}

static guint16
free_port (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) socket =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* a test that aborts takes its services with it */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
spawn_logged (FormsTestCups *self,
              const char *log_name,
              const char *const *argv,
              const char *const *env)
{
  g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autofree char *log = g_build_filename (self->dir, log_name, NULL);
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  /* standard output is the test's TAP stream: children write to files in
   * the folder (FORMS_TEST_KEEP=1 keeps it for reading) */
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return process;
}

static gboolean
can_connect_unix (gpointer path)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketAddress) address = g_unix_socket_address_new (path);
  g_autoptr (GSocketConnection) connection = NULL;

  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, NULL);

  if (connection == NULL)
    g_usleep (50 * 1000);
  return connection != NULL;
}

static gboolean
can_connect_port (gpointer port)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;

  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1",
                                                (guint16) GPOINTER_TO_UINT (port), NULL, NULL);

  if (connection == NULL)
    g_usleep (50 * 1000);
  return connection != NULL;
}

static void
write_file (const char *dir, const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
}

static void
run (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s%s", argv[0], out, err);
}

/**
 * forms_test_cups_start:
 *
 * Starts the private scheduler and points this process at it (CUPS_SERVER,
 * HOME for lpoptions, XDG_RUNTIME_DIR for the kiosk's temporary files).
 * Call it before any other thread exists.
 */
FormsTestCups *
forms_test_cups_start (void)
{
  FormsTestCups *self = g_new0 (FormsTestCups, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *socket_path = NULL;
  g_autofree char *bus_path = NULL;
  g_autofree char *bus_address = NULL;
  g_autofree char *cupsd_conf = NULL;
  g_autofree char *files_conf = NULL;
  g_autofree char *conf_path = NULL;
  g_autofree char *files_path = NULL;
  const char *subdirs[] = { "etc", "spool", "spool/tmp", "cache", "state", "log", "home", "run" };

  self->dir = g_dir_make_tmp ("forms-cups-XXXXXX", &error);
  g_assert_no_error (error);
  /* cupsd's helpers run as the lp user and must reach the spool */
  g_assert_cmpint (g_chmod (self->dir, 0755), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *path = g_build_filename (self->dir, subdirs[i], NULL);
      g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
    }
  self->runtime_dir = g_build_filename (self->dir, "run", NULL);
  self->spool_dir = g_build_filename (self->dir, "spool", NULL);
  g_assert_cmpint (g_chmod (self->runtime_dir, 0700), ==, 0);
  self->printers = g_ptr_array_new ();

  socket_path = g_build_filename (self->dir, "cups.sock", NULL);
  bus_path = g_build_filename (self->dir, "bus.sock", NULL);
  bus_address = g_strconcat ("unix:path=", bus_path, NULL);

  cupsd_conf = g_strdup_printf ("Listen %s\n"
                                "LogLevel warn\n"
                                "PreserveJobFiles No\n"
                                "PreserveJobHistory Yes\n"
                                "Browsing No\n"
                                "DefaultAuthType None\n"
                                "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                                "<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n"
                                "<Policy default>\n  <Limit All>\n    Order deny,allow\n"
                                "  </Limit>\n</Policy>\n",
                                socket_path);
  files_conf = g_strdup_printf ("ServerRoot %1$s/etc\n"
                                "RequestRoot %1$s/spool\n"
                                "TempDir %1$s/spool/tmp\n"
                                "CacheDir %1$s/cache\n"
                                "StateDir %1$s/state\n"
                                "ErrorLog %1$s/log/error_log\n"
                                "AccessLog %1$s/log/access_log\n"
                                "PageLog %1$s/log/page_log\n",
                                self->dir);
  conf_path = g_build_filename (self->dir, "etc", "cupsd.conf", NULL);
  files_path = g_build_filename (self->dir, "etc", "cups-files.conf", NULL);
  write_file (self->dir, "etc/cupsd.conf", cupsd_conf);
  write_file (self->dir, "etc/cups-files.conf", files_conf);

  /* before any thread exists: setenv is not thread-safe */
  {
    g_autofree char *home = g_build_filename (self->dir, "home", NULL);
    g_setenv ("CUPS_SERVER", socket_path, TRUE);
    g_setenv ("HOME", home, TRUE);
    g_setenv ("XDG_RUNTIME_DIR", self->runtime_dir, TRUE);
    g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", bus_address, TRUE);
    g_unsetenv ("LPDEST");
    g_unsetenv ("PRINTER");
  }
  {
    const char *argv[] = { "dbus-daemon", "--session", "--nofork", "--nopidfile",
                           "--address",   bus_address, NULL };
    self->dbus = spawn_logged (self, "dbus.log", argv, NULL);
  }
  {
    const char *argv[] = { "cupsd", "-f", "-c", conf_path, "-s", files_path, NULL };
    self->cupsd = spawn_logged (self, "cupsd.log", argv, NULL);
  }
  g_assert_true (forms_test_wait_for (can_connect_unix, socket_path, 10000));
  g_assert_true (forms_test_wait_for (can_connect_unix, bus_path, 10000));

  return self;
}

static TestPrinter *
find_printer (FormsTestCups *self, const char *name)
{
  for (guint i = 0; i < self->printers->len; i++)
    {
      TestPrinter *printer = g_ptr_array_index (self->printers, i);
      if (g_str_equal (printer->name, name))
        return printer;
    }
  g_error ("no test printer %s", name);
  return NULL;
}

static char *
flag_path (FormsTestCups *self, const char *name)
{
  g_autofree char *file = g_strconcat (name, ".no-paper", NULL);
  return g_build_filename (self->dir, file, NULL);
}

/**
 * forms_test_cups_add_printer:
 *
 * Starts an ippeveprinter called @name and adds a queue for it.
 */
void
forms_test_cups_add_printer (FormsTestCups *self, const char *name, gboolean is_default)
{
  TestPrinter *printer = g_new0 (TestPrinter, 1);
  g_autofree char *output = forms_test_cups_get_output_dir (self, name);
  g_autofree char *spool = g_build_filename (self->dir, name, NULL);
  g_autofree char *port = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *log = g_strconcat ("printer-", name, ".log", NULL);
  g_autofree char *no_paper = flag_path (self, name);

  printer->name = g_strdup (name);
  printer->port = free_port ();
  port = g_strdup_printf ("%u", printer->port);
  g_assert_cmpint (g_mkdir_with_parents (output, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (spool, 0755), ==, 0);

  {
    const char *argv[] = { "ippeveprinter",
                           "-r",
                           "off",
                           "-n",
                           "localhost",
                           "-p",
                           port,
                           "-c",
                           FORMS_TEST_HOOK,
                           "-d",
                           spool,
                           "-f",
                           "application/pdf,image/pwg-raster,image/urf",
                           "-M",
                           "Kiosk Test",
                           "-m",
                           "Virtual Printer",
                           name,
                           NULL };
    const char *env[] = { "FORMS_TEST_OUTPUT", output, "FORMS_TEST_NO_PAPER", no_paper, NULL };
    printer->process = spawn_logged (self, log, argv, env);
  }
  g_ptr_array_add (self->printers, printer);
  g_assert_true (forms_test_wait_for (can_connect_port, GUINT_TO_POINTER (printer->port), 10000));

  uri = g_strdup_printf ("ipp://localhost:%u/ipp/print", printer->port);
  {
    const char *argv[] = { "lpadmin", "-p", name, "-E", "-v", uri, "-m", "everywhere", NULL };
    run (argv);
  }
  if (is_default)
    {
      const char *argv[] = { "lpadmin", "-d", name, NULL };
      run (argv);
    }
}

/**
 * forms_test_cups_set_description:
 *
 * Gives a queue the description people see (printer-info), as an operator
 * does with `lpadmin -D`.
 */
void
forms_test_cups_set_description (FormsTestCups *self, const char *name, const char *description)
{
  const char *argv[] = { "lpadmin", "-p", name, "-D", description, NULL };

  g_return_if_fail (self != NULL);
  run (argv);
}

static void
waited_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

static void
end_process (GSubprocess *process)
{
  gboolean exited = FALSE;

  g_subprocess_wait_async (process, NULL, waited_cb, &exited);
  g_subprocess_send_signal (process, SIGTERM);
  if (!forms_test_wait_for (is_true, &exited, 15000))
    {
      g_subprocess_force_exit (process);
      while (!exited)
        g_main_context_iteration (NULL, TRUE);
    }
}

/**
 * forms_test_cups_stop_printer:
 *
 * Switches the virtual printer off; its queue stays, as when a real printer
 * loses power.
 */
void
forms_test_cups_stop_printer (FormsTestCups *self, const char *name)
{
  TestPrinter *printer = find_printer (self, name);

  if (printer->process != NULL)
    end_process (printer->process);
  g_clear_object (&printer->process);
}

void
forms_test_cups_set_out_of_paper (FormsTestCups *self, const char *name, gboolean no_paper)
{
  g_autofree char *path = flag_path (self, name);

  if (no_paper)
    g_assert_true (g_file_set_contents (path, "", 0, NULL));
  else
    g_unlink (path);
}

char *
forms_test_cups_get_output_dir (FormsTestCups *self, const char *name)
{
  g_autofree char *folder = g_strconcat ("printed-", name, NULL);
  return g_build_filename (self->dir, folder, NULL);
}

/**
 * forms_test_cups_list_output:
 *
 * Returns: (transfer full): the paths of the documents @name has printed
 */
GPtrArray *
forms_test_cups_list_output (FormsTestCups *self, const char *name)
{
  g_autofree char *dir_path = forms_test_cups_get_output_dir (self, name);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_build_filename (dir_path, entry, NULL));
  return files;
}

const char *
forms_test_cups_get_runtime_dir (FormsTestCups *self)
{
  return self->runtime_dir;
}

const char *
forms_test_cups_get_spool_dir (FormsTestCups *self)
{
  return self->spool_dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, entry, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/**
 * forms_test_cups_stop:
 *
 * Stops the printers, the scheduler and the bus, and removes the folder.
 */
void
forms_test_cups_stop (FormsTestCups *self)
{
  for (guint i = 0; i < self->printers->len; i++)
    {
      TestPrinter *printer = g_ptr_array_index (self->printers, i);
      if (printer->process != NULL)
        end_process (printer->process);
      g_clear_object (&printer->process);
      g_free (printer->name);
      g_free (printer);
    }
  g_ptr_array_unref (self->printers);
  end_process (self->cupsd);
  end_process (self->dbus);
  g_clear_object (&self->cupsd);
  g_clear_object (&self->dbus);
  if (g_getenv ("FORMS_TEST_KEEP") == NULL)
    remove_tree (self->dir);
  else
    g_printerr ("kept %s\n", self->dir);
  g_free (self->runtime_dir);
  g_free (self->spool_dir);
  g_free (self->dir);
  g_free (self);
}
