/* kiosk-demo.c: the whole system on one machine, for a first look
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `practitioner-kiosk --demo` runs with no hardware and no network: a
 * throw-away data folder, the real registry as a child process on loopback
 * with SQLite in that folder (this kiosk enrolled, a demo staff account added,
 * SMS messages written to a folder the demo phone shows), and an emulated
 * card reader loaded with the demo cards. Everything else is the real kiosk.
 * Stopping the demo stops the registry and removes the folder.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "kiosk-demo.h"

#define REGISTRY_START_TIMEOUT_MS 10000

struct _KioskDemo
{
  GObject parent_instance;

  char *folder;
  char *sms_folder;
  GSubprocess *registry;
  IdcardEmulatedTransport *transport;
};

G_DEFINE_FINAL_TYPE (KioskDemo, kiosk_demo, G_TYPE_OBJECT)

static const char *
registry_binary (void)
{
  const char *path = g_getenv ("PRACTITIONER_REGISTRY");

  return path != NULL ? path : BINDIR "/practitioner-registry";
}

static const char *
demo_cards_folder (void)
{
  const char *path = g_getenv ("PRACTITIONER_KIOSK_DEMO_CARDS");

  return path != NULL ? path : PKGDATADIR "/demo-cards";
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Runs `practitioner-registry admin …` to completion and returns its output. */
static char *
run_admin (KioskDemo *self, const char *const *args, const char *input, GError **error)
{
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *database = g_strdup_printf ("sqlite:%s/registry.db", self->folder);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, (char *) registry_binary ());
  g_ptr_array_add (argv, "admin");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, database);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char *const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            error);
  if (proc == NULL || !g_subprocess_communicate_utf8 (proc, input, NULL, &out, &err, error))
    return NULL;
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "practitioner-registry admin %s failed: %s", args[0],
                   err != NULL ? g_strstrip (err) : "");
      return NULL;
    }
  return g_steal_pointer (&out);
}

static guint16
wait_for_port (KioskDemo *self, const char *port_file, GError **error)
{
  gint64 deadline = g_get_monotonic_time () + REGISTRY_START_TIMEOUT_MS * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *contents = NULL;

      if (g_file_get_contents (port_file, &contents, NULL, NULL) && strchr (contents, '\n') != NULL)
        return (guint16) g_ascii_strtoull (contents, NULL, 10);
      if (g_subprocess_get_identifier (self->registry) == NULL)
        break; /* it exited */
      g_usleep (20000);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "the demo registry did not start");
  return 0;
}

/* files of these names in the demo cards' records folder */
static const char *const imported_kinds[] = { "registrations", "projects" };

static gboolean
start_registry (KioskDemo *self, KioskConfig *config, GError **error)
{
  g_autofree char *token = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *port_file = g_build_filename (self->folder, "registry.port", NULL);
  g_autofree char *database = g_strdup_printf ("sqlite:%s/registry.db", self->folder);
  g_autofree char *sms = g_strdup_printf ("spool:%s", self->sms_folder);
  g_autofree char *url = NULL;
  g_autofree char *log_path = g_build_filename (self->folder, "registry.log", NULL);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  guint16 port;

  token =
      run_admin (self, (const char *const[]){ "enroll-device", "demo-kiosk", NULL }, NULL, error);
  if (token == NULL)
    return FALSE;
  g_strstrip (token);
  if (run_admin (self, (const char *const[]){ "add-staff", KIOSK_DEMO_STAFF_USER, NULL },
                 KIOSK_DEMO_STAFF_PASSWORD "\n", error) == NULL)
    return FALSE;
  /* the read-only sections come from other authorities: the demo people
   * have some, so those sections show something */
  for (guint i = 0; i < G_N_ELEMENTS (imported_kinds); i++)
    {
      g_autofree char *file_name = g_strconcat (imported_kinds[i], ".json", NULL);
      g_autofree char *path = g_build_filename (demo_cards_folder (), "records", file_name, NULL);
      g_autofree char *out = run_admin (
          self, (const char *const[]){ "import", imported_kinds[i], path, NULL }, NULL, error);

      if (out == NULL)
        return FALSE;
    }

  token_file = kiosk_config_dup_device_token_file (config);
  if (!g_file_set_contents_full (token_file, token, -1, G_FILE_SET_CONTENTS_NONE, 0600, error))
    return FALSE;
  memset (token, 0, strlen (token));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_stdout_file_path (launcher, log_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, log_path);
  self->registry = g_subprocess_launcher_spawn (
      launcher, error, registry_binary (), "serve", "--listen", "127.0.0.1:0", "--database",
      database, "--port-file", port_file, "--sms", sms, "--test-captcha-answer",
      KIOSK_DEMO_CAPTCHA_ANSWER, NULL);
  if (self->registry == NULL)
    return FALSE;
  port = wait_for_port (self, port_file, error);
  if (port == 0)
    return FALSE;

  url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  kiosk_config_set_registry_url (config, url);
  g_message ("demo registry on %s", url);
  return TRUE;
}

/**
 * kiosk_demo_start:
 * @config: the kiosk's configuration; the demo points it at its own data
 *   folder and registry
 *
 * Returns: (transfer full): the running demo, or %NULL with @error set
 */
KioskDemo *
kiosk_demo_start (KioskConfig *config, GError **error)
{
  g_autoptr (KioskDemo) self = g_object_new (KIOSK_TYPE_DEMO, NULL);

  self->folder = g_dir_make_tmp ("practitioner-kiosk-demo-XXXXXX", error);
  if (self->folder == NULL)
    return NULL;
  self->sms_folder = g_build_filename (self->folder, "sms", NULL);
  g_mkdir (self->sms_folder, 0700);
  kiosk_config_set_data_folder (config, self->folder);

  if (!start_registry (self, config, error))
    {
      kiosk_demo_stop (self);
      return NULL;
    }
  self->transport = idcard_emulated_transport_new ();
  return g_steal_pointer (&self);
}

/**
 * kiosk_demo_stop:
 *
 * Stops the registry and removes everything the demo wrote.
 */
void
kiosk_demo_stop (KioskDemo *self)
{
  g_return_if_fail (KIOSK_IS_DEMO (self));

  if (self->registry != NULL)
    {
      g_subprocess_send_signal (self->registry, SIGTERM);
      g_subprocess_wait (self->registry, NULL, NULL);
      g_clear_object (&self->registry);
    }
  if (self->folder != NULL)
    remove_tree (self->folder);
  g_clear_pointer (&self->folder, g_free);
}

static void
kiosk_demo_dispose (GObject *object)
{
  KioskDemo *self = KIOSK_DEMO (object);

  if (self->registry != NULL || self->folder != NULL)
    kiosk_demo_stop (self);
  g_clear_object (&self->transport);

  G_OBJECT_CLASS (kiosk_demo_parent_class)->dispose (object);
}

static void
kiosk_demo_finalize (GObject *object)
{
  KioskDemo *self = KIOSK_DEMO (object);

  g_free (self->folder);
  g_free (self->sms_folder);

  G_OBJECT_CLASS (kiosk_demo_parent_class)->finalize (object);
}

static void
kiosk_demo_class_init (KioskDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_demo_dispose;
  object_class->finalize = kiosk_demo_finalize;
}

static void
kiosk_demo_init (KioskDemo *self)
{
}

IdcardEmulatedTransport *
kiosk_demo_get_transport (KioskDemo *self)
{
  g_return_val_if_fail (KIOSK_IS_DEMO (self), NULL);
  return self->transport;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/**
 * kiosk_demo_list_cards:
 *
 * Returns: (transfer full) (element-type IdcardCard): the demo cards, sorted
 *   by file name
 */
GPtrArray *
kiosk_demo_list_cards (KioskDemo *self)
{
  g_autoptr (GDir) dir = g_dir_open (demo_cards_folder (), 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *cards = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  g_return_val_if_fail (KIOSK_IS_DEMO (self), NULL);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (demo_cards_folder (), names->pdata[i], NULL);
      g_autoptr (GError) error = NULL;
      IdcardCard *card = idcard_card_new_from_file (path, &error);

      if (card == NULL)
        g_warning ("demo card %s cannot be read: %s", (char *) names->pdata[i], error->message);
      else
        g_ptr_array_add (cards, card);
    }
  return cards;
}

const char *
kiosk_demo_get_sms_folder (KioskDemo *self)
{
  g_return_val_if_fail (KIOSK_IS_DEMO (self), NULL);
  return self->sms_folder;
}

const char *
kiosk_demo_get_folder (KioskDemo *self)
{
  g_return_val_if_fail (KIOSK_IS_DEMO (self), NULL);
  return self->folder;
}
