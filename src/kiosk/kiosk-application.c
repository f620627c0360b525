/* kiosk-application.c: the practitioner-kiosk program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads the configuration and opens the local store before any window exists,
 * so a kiosk whose store cannot be opened refuses to start with a message that
 * says why, and never touches the file.
 */

#include "config.h"

#include <locale.h>
#include <malloc.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "core-filing.h"
#include "idcard-emulated-transport.h"
#include "idcard-wlt-decoder.h"
#include "kiosk-accessibility.h"
#include "kiosk-application.h"
#include "kiosk-demo.h"
#include "kiosk-lockdown.h"
#include "kiosk-staff-auth.h"
#include "kiosk-systemd.h"
#include "forms-printer-list.h"
#include "sync-engine.h"
#include "sync-health-reporter.h"
#include "kiosk-window.h"

struct _KioskApplication
{
  GtkApplication parent_instance;

  /* built in kiosk_application_prepare() and given to every page */
  KioskServices *services;
  /* kept here for the short while before the services exist */
  KioskConfig *config;
  StoreDatabase *store;
  SyncEngine *sync_engine;
  SyncHealthReporter *health_reporter;
  char *sync_problem;
  KioskDemo *demo_environment;

  gboolean demo;
  gboolean windowed;
  gboolean inspector; /* --inspector: development only, never full screen */
  KioskLockdown *lockdown;
  KioskAccessibility *accessibility;

  char *language;
  KioskTextSize text_size;
};

G_DEFINE_FINAL_TYPE (KioskApplication, kiosk_application, GTK_TYPE_APPLICATION)

/* staff wait at the sign-in page: ask briefly, then fall back to the cache */
#define STAFF_CONNECT_TIMEOUT_MS 3000
#define STAFF_REQUEST_TIMEOUT_MS 10000

static const GOptionEntry option_entries[] = {
  { "windowed", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_ ("Run in a normal window that can be closed (for development)"), NULL },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_ ("Run the whole system on this machine with sample data and no hardware"), NULL },
  { "config", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_ ("Site configuration file"), N_ ("FILE") },
  { "data-folder", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_ ("Folder for the local store, overriding the configuration"), N_ ("FOLDER") },
  { "inspector", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_ ("Allow the GTK inspector (Ctrl+Shift+I, GTK_DEBUG=interactive); only with --windowed"),
    NULL },
  { "sync-only", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_ ("Send the queued filings to the registry without a window, then exit"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Show the version and exit"), NULL },
  { NULL }
};

/**
 * kiosk_application_setup_locale:
 *
 * The kiosk switches languages at run time through LANGUAGE, which the C
 * library ignores in the plain "C" locale; a kiosk started without a locale
 * gets C.UTF-8 instead. Call before GTK initialises.
 */
void
kiosk_application_setup_locale (void)
{
  const char *localedir = g_getenv ("PRACTITIONER_KIOSK_LOCALEDIR");
  const char *messages;

  gtk_disable_setlocale ();
  setlocale (LC_ALL, "");
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

/**
 * kiosk_application_setup_memory:
 *
 * glibc gives a thread that allocates while the others hold theirs an arena
 * of its own (up to eight per core) and keeps for good what the GTask
 * workers' peaks (a printed form, previews, captchas) freed in each of them:
 * a kiosk that ran for months held most of its memory that way. Two arenas,
 * the main loop's and one the workers share, keep it flat; the workers
 * rarely allocate at the same moment. In the program rather than as
 * MALLOC_ARENA_MAX in the unit, so that the kiosk is the same however it is
 * started (cage, the demo, the tests, the soak). Call first thing, before
 * any thread exists.
 */
void
kiosk_application_setup_memory (void)
{
  mallopt (M_ARENA_MAX, 2);
}

/* glibc caches translations per catalogue; this counter tells it the
 * catalogue changed, as the gettext manual describes for language switches */
extern int _nl_msg_cat_cntr;

static void
apply_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  ++_nl_msg_cat_cntr;
}

static gboolean
prepare_demo (KioskApplication *self, GError **error)
{
  self->demo_environment = kiosk_demo_start (self->config, error);
  return self->demo_environment != NULL;
}

static SyncClient *
create_registry_client (KioskConfig *config, GError **error)
{
  g_autofree char *token_file = kiosk_config_dup_device_token_file (config);
  g_autofree char *token = NULL;
  SyncClient *client;

  token = sync_client_read_token_file (token_file, error);
  if (token == NULL)
    return NULL;
  client = sync_client_new (kiosk_config_get_registry_url (config), token,
                            kiosk_config_get_registry_ca (config), error);
  memset (token, 0, strlen (token));
  return client;
}

/* On the health reporter's thread: CUPS may take its time. */
static char *
probe_default_printer (gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FormsPrinter) printer = forms_printer_list_query_default (&error);

  if (printer == NULL)
    return g_strdup (error != NULL ? "unknown" : "none");
  return g_strdup (forms_printer_get_is_usable (printer) ? "ready" : "not_ready");
}

/* Its own registry client, so a report never waits behind a batch. */
static void
prepare_health_reporter (KioskApplication *self)
{
  g_autoptr (SyncClient) client = create_registry_client (self->config, NULL);
  g_autoptr (SyncRegistry) registry = NULL;

  if (client == NULL)
    return;
  registry = sync_registry_new (client);
  self->health_reporter = sync_health_reporter_new (
      registry, self->sync_engine, kiosk_config_get_health_interval (self->config));
  sync_health_reporter_set_printer_probe (self->health_reporter, probe_default_printer, NULL, NULL);
}

/* The registry client, the sync engine and the outbox, and with them the
 * services every page gets. Filing works without the registry; only syncing
 * waits for the kiosk to be enrolled. */
static gboolean
prepare_services (KioskApplication *self, const char *store_path, GError **error)
{
  g_autoptr (StoreSealer) sealer = NULL;
  g_autoptr (StoreOutbox) outbox = NULL;
  g_autoptr (SyncClient) client = NULL;
  g_autoptr (SyncRegistry) registry = NULL;
  g_autoptr (KioskStaffAuth) staff_auth = NULL;
  g_autoptr (GError) sync_error = NULL;
  const char *folder = kiosk_config_get_data_folder (self->config);

  sealer = store_sealer_new_for_folder (folder, error);
  if (sealer == NULL)
    return FALSE;
  outbox = store_outbox_new (self->store, sealer);

  client = create_registry_client (self->config, &sync_error);
  if (client != NULL)
    {
      registry = sync_registry_new (client);
      self->sync_engine = sync_engine_new (store_path, folder, client, &sync_error);
    }
  if (self->sync_engine == NULL)
    {
      g_message ("filings stay queued on this kiosk: %s", sync_error->message);
      self->sync_problem = g_strdup (sync_error->message);
    }
  else
    {
      sync_engine_set_keep_days (self->sync_engine, kiosk_config_get_keep_days (self->config));
      sync_engine_start (self->sync_engine);
      prepare_health_reporter (self);
    }

  {
    /* its own client: a sign-in must not wait behind a batch the engine is
     * sending, nor for the engine's long timeouts before trying the cache */
    g_autoptr (SyncClient) staff_client = create_registry_client (self->config, NULL);

    if (staff_client != NULL)
      sync_client_set_timeouts (staff_client, STAFF_CONNECT_TIMEOUT_MS, STAFF_REQUEST_TIMEOUT_MS);
    staff_auth = kiosk_staff_auth_new (self->store, staff_client);
  }

  self->services = g_object_new (KIOSK_TYPE_SERVICES, "config", self->config, "store", self->store,
                                 "outbox", outbox, "staff-auth", staff_auth, "registry", registry,
                                 "sync-engine", self->sync_engine, "sync-problem",
                                 self->sync_problem, "demo", self->demo_environment, NULL);
  return TRUE;
}

static void
config_text_size_cb (KioskApplication *self)
{
  kiosk_application_set_text_size (self, kiosk_config_get_text_size (self->config));
}

/**
 * kiosk_application_prepare:
 * @config: (transfer none): the configuration to run with
 * @windowed: run in a normal, closable window
 * @demo: run the demo: a throw-away data folder
 *
 * Everything the kiosk needs before a window exists: the configuration and
 * the local store. Fails, without touching the store, when the store cannot be
 * opened or brought up to date.
 */
gboolean
kiosk_application_prepare (KioskApplication *self,
                           KioskConfig *config,
                           gboolean windowed,
                           gboolean demo,
                           GError **error)
{
  g_autofree char *store_path = NULL;

  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (KIOSK_IS_CONFIG (config), FALSE);
  g_return_val_if_fail (self->config == NULL, FALSE);

  /* before GTK starts (it reads GTK_DEBUG then) and before any thread of
   * ours does (changing the environment is not thread-safe) */
  if (!self->inspector)
    kiosk_lockdown_scrub_environment ();

  self->config = g_object_ref (config);
  self->windowed = windowed;
  self->demo = demo;
  if (demo && !prepare_demo (self, error))
    {
      g_prefix_error (error, "cannot prepare the demo: ");
      return FALSE;
    }

  store_path = g_build_filename (kiosk_config_get_data_folder (config), "kiosk.db", NULL);
  self->store = store_database_open (store_path, error);
  if (self->store == NULL)
    {
      g_prefix_error (error, "cannot open the local store: ");
      return FALSE;
    }
  /* what staff set on the settings page wins over GSettings and the keyfile */
  kiosk_config_load_store (config, self->store);

  if (!prepare_services (self, store_path, error))
    {
      g_prefix_error (error, "cannot prepare filing: ");
      return FALSE;
    }
  /* staff saving settings change the text size at once */
  g_signal_connect_object (config, "notify::text-size", G_CALLBACK (config_text_size_cb), self,
                           G_CONNECT_SWAPPED);

  self->language = g_strdup (kiosk_config_get_language (config));
  self->text_size = kiosk_config_get_text_size (config);
  apply_language (self->language);
  return TRUE;
}

static gboolean
quit_loop_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
health_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (sync_health_reporter_send_finish (SYNC_HEALTH_REPORTER (source), result, &error))
    g_print ("health: reported\n");
  else
    g_print ("health: not reported: %s\n", error->message);
  g_main_loop_quit (user_data);
}

static void
sync_progress_cb (SyncEngine *engine, GParamSpec *pspec, GMainLoop *loop)
{
  if (sync_engine_get_state (engine) != SYNC_STATE_SYNCING && sync_engine_get_queued (engine) == 0)
    g_main_loop_quit (loop);
}

/* --sync-only: no window, no GTK; drains the outbox and exits. Filings the
 * registry refused stay parked for staff; an unreachable registry is retried
 * until it answers or the process is stopped. */
static int
run_sync_only (KioskApplication *self)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  if (self->sync_engine == NULL)
    {
      g_printerr ("practitioner-kiosk: cannot sync: %s\n", self->sync_problem);
      return 1;
    }
  g_signal_connect (self->sync_engine, "notify::queued", G_CALLBACK (sync_progress_cb), loop);
  g_unix_signal_add (SIGTERM, quit_loop_cb, loop);
  g_unix_signal_add (SIGINT, quit_loop_cb, loop);
  g_main_loop_run (loop);
  /* notifications still pending in the main context must not reach the loop */
  g_signal_handlers_disconnect_by_data (self->sync_engine, loop);

  g_print ("queued: %u\nrejected: %u\n", sync_engine_get_queued (self->sync_engine),
           sync_engine_get_rejected (self->sync_engine));
  sync_engine_stop (self->sync_engine);
  /* a kiosk synced by a timer reports its health then: no reader is
   * watched here, so the reader's state is unknown */
  if (self->health_reporter != NULL)
    {
      sync_health_reporter_send_async (self->health_reporter, NULL, health_sent_cb, loop);
      g_main_loop_run (loop);
    }
  return sync_engine_get_queued (self->sync_engine) == 0 ? 0 : 1;
}

static int
kiosk_application_handle_local_options (GApplication *application, GVariantDict *options)
{
  KioskApplication *self = KIOSK_APPLICATION (application);
  g_autoptr (GError) error = NULL;
  g_autoptr (KioskConfig) config = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *data_folder = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("practitioner-kiosk %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "inspector"))
    {
      /* the inspector can show any page and run any action: never on a
       * kiosk that a walk-up person stands at */
      if (!g_variant_dict_contains (options, "windowed"))
        {
          g_printerr ("practitioner-kiosk: --inspector works only with --windowed; the full-screen "
                      "kiosk never opens the GTK inspector\n");
          return 1;
        }
      self->inspector = TRUE;
    }

  g_variant_dict_lookup (options, "config", "^ay", &config_path);
  g_variant_dict_lookup (options, "data-folder", "^ay", &data_folder);

  config = kiosk_config_load (config_path);
  if (data_folder != NULL)
    {
      g_autoptr (GFile) folder = g_file_new_for_commandline_arg (data_folder);
      g_autofree char *absolute = g_file_get_path (folder);
      kiosk_config_set_data_folder (config, absolute);
    }

  if (!kiosk_application_prepare (self, config, g_variant_dict_contains (options, "windowed"),
                                  g_variant_dict_contains (options, "demo"), &error))
    {
      g_printerr ("practitioner-kiosk: %s\n", error->message);
      if (g_error_matches (error, STORE_ERROR, STORE_ERROR_CORRUPT) ||
          g_error_matches (error, STORE_ERROR, STORE_ERROR_NEWER_SCHEMA) ||
          g_error_matches (error, STORE_ERROR, STORE_ERROR_MIGRATION))
        g_printerr ("practitioner-kiosk: the kiosk does not start; the store was left as it is, "
                    "because it may hold filings that have not reached the registry yet\n");
      return 1;
    }
  if (g_variant_dict_contains (options, "sync-only"))
    return run_sync_only (self);
  return -1;
}

static const char *
text_size_nick (KioskTextSize size)
{
  return size == KIOSK_TEXT_SIZE_LARGE ? "large" : "normal";
}

/* The switches on the attract page show these states. */
static void
set_action_state (KioskApplication *self, const char *action_name, const char *state)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), action_name);

  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (state));
}

static void
language_change_state_cb (GSimpleAction *action, GVariant *state, gpointer user_data)
{
  kiosk_application_set_language (user_data, g_variant_get_string (state, NULL));
}

static void
text_size_change_state_cb (GSimpleAction *action, GVariant *state, gpointer user_data)
{
  const char *size = g_variant_get_string (state, NULL);

  kiosk_application_set_text_size (user_data, g_str_equal (size, "large") ? KIOSK_TEXT_SIZE_LARGE
                                                                          : KIOSK_TEXT_SIZE_NORMAL);
}

static const GActionEntry app_actions[] = {
  { "language", NULL, "s", "'zh_CN'", language_change_state_cb },
  { "text-size", NULL, "s", "'normal'", text_size_change_state_cb },
};

static gboolean
quit_on_signal_cb (gpointer user_data)
{
  g_message ("asked to stop; closing the kiosk");
  g_application_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* The health report says whether a card reader is connected; the reader
 * service updates its list before it announces a change. */
static void
reader_changed_cb (IdcardReader *reader, IdcardTransport *transport, KioskApplication *self)
{
  g_autoptr (GPtrArray) present = idcard_reader_get_transports (reader);

  sync_health_reporter_set_reader_state (self->health_reporter,
                                         present->len > 0 ? "ok" : "missing");
  sync_health_reporter_kick (self->health_reporter);
}

/* The window's kiosk tells the registry how it is, every few minutes and
 * when its reader comes or goes. */
static void
start_health_reports (KioskApplication *self)
{
  IdcardReader *reader;
  g_autoptr (GPtrArray) present = NULL;

  if (self->health_reporter == NULL || self->services == NULL)
    return;
  reader = kiosk_services_get_reader (self->services);
  g_signal_connect_object (reader, "reader-added", G_CALLBACK (reader_changed_cb), self, 0);
  g_signal_connect_object (reader, "reader-removed", G_CALLBACK (reader_changed_cb), self, 0);
  present = idcard_reader_get_transports (reader);
  sync_health_reporter_set_reader_state (self->health_reporter,
                                         present->len > 0 ? "ok" : "missing");
  sync_health_reporter_start (self->health_reporter);
}

static void
kiosk_application_startup (GApplication *application)
{
  KioskApplication *self = KIOSK_APPLICATION (application);
  g_autoptr (GtkCssProvider) css = NULL;

  G_APPLICATION_CLASS (kiosk_application_parent_class)->startup (application);
  self->lockdown = kiosk_lockdown_new (self->inspector);
  self->accessibility = kiosk_accessibility_new ();

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/practitioner/Kiosk/ui/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  /* systemd and Ctrl+C stop the kiosk cleanly: the store closes, a demo is removed */
  g_unix_signal_add (SIGTERM, quit_on_signal_cb, self);
  g_unix_signal_add (SIGINT, quit_on_signal_cb, self);
  /* under systemd, a main loop that stops answering gets the kiosk restarted */
  kiosk_systemd_start_watchdog ();
  start_health_reports (self);
  set_action_state (self, "language", self->language);
  set_action_state (self, "text-size", text_size_nick (self->text_size));
}

/* Once the window is up: the audit write waits for the disk (synchronous=FULL),
 * which the first frame need not do. */
static gboolean
record_start_cb (gpointer user_data)
{
  KioskApplication *self = user_data;
  g_autoptr (GError) error = NULL;

  if (self->store != NULL && !store_database_audit (self->store, "kiosk", "started", NULL, &error))
    g_warning ("cannot write the audit log: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
kiosk_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      KioskApplication *self = KIOSK_APPLICATION (application);

      window =
          GTK_WINDOW (kiosk_window_new (GTK_APPLICATION (self), self->services, self->windowed));
      kiosk_window_set_text_size (KIOSK_WINDOW (window), self->text_size);
      kiosk_window_set_language (KIOSK_WINDOW (window), self->language);
      g_signal_connect_object (window, "visit-ended",
                               G_CALLBACK (kiosk_application_restore_defaults), self,
                               G_CONNECT_SWAPPED);
      g_idle_add_full (G_PRIORITY_LOW, record_start_cb, g_object_ref (application), g_object_unref);
    }
  gtk_window_present (window);
}

static void
kiosk_application_shutdown (GApplication *application)
{
  KioskApplication *self = KIOSK_APPLICATION (application);

  G_APPLICATION_CLASS (kiosk_application_parent_class)->shutdown (application);

  if (self->health_reporter != NULL)
    sync_health_reporter_stop (self->health_reporter);
  if (self->sync_engine != NULL)
    sync_engine_stop (self->sync_engine);
  /* the pages are gone: the store, the reader and the rest close now */
  g_clear_object (&self->services);
  g_clear_object (&self->sync_engine);
  g_clear_object (&self->store);
  g_clear_object (&self->lockdown);
  g_clear_object (&self->accessibility);
  /* a demo leaves nothing behind */
  if (self->demo_environment != NULL)
    kiosk_demo_stop (self->demo_environment);
}

static void
kiosk_application_finalize (GObject *object)
{
  KioskApplication *self = KIOSK_APPLICATION (object);

  g_clear_object (&self->services);
  g_clear_object (&self->health_reporter);
  g_clear_object (&self->sync_engine);
  g_clear_object (&self->store);
  g_clear_object (&self->config);
  g_clear_object (&self->lockdown);
  g_clear_object (&self->accessibility);
  g_free (self->sync_problem);
  g_clear_object (&self->demo_environment);
  g_free (self->language);

  G_OBJECT_CLASS (kiosk_application_parent_class)->finalize (object);
}

static void
kiosk_application_class_init (KioskApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = kiosk_application_finalize;
  app_class->handle_local_options = kiosk_application_handle_local_options;
  app_class->startup = kiosk_application_startup;
  app_class->activate = kiosk_application_activate;
  app_class->shutdown = kiosk_application_shutdown;
}

static void
kiosk_application_init (KioskApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (
      G_APPLICATION (self), _ ("Self-service kiosk for construction-industry practitioners."));
}

KioskApplication *
kiosk_application_new (void)
{
  return g_object_new (KIOSK_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_DEFAULT_FLAGS, NULL);
}

/**
 * kiosk_application_get_services:
 *
 * Returns: (transfer none) (nullable): what the kiosk's pages work with;
 *   %NULL before kiosk_application_prepare()
 */
KioskServices *
kiosk_application_get_services (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);
  return self->services;
}

gboolean
kiosk_application_get_demo (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), FALSE);
  return self->demo;
}

gboolean
kiosk_application_get_windowed (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), FALSE);
  return self->windowed;
}

const char *
kiosk_application_get_language (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);
  return self->language;
}

/**
 * kiosk_application_set_language:
 * @language: "zh_CN" or "en"
 *
 * Switches every window to @language at once: the pages are built anew.
 */
void
kiosk_application_set_language (KioskApplication *self, const char *language)
{
  GList *windows;

  g_return_if_fail (KIOSK_IS_APPLICATION (self));
  g_return_if_fail (language != NULL);

  if (!g_str_equal (language, "zh_CN") && !g_str_equal (language, "en"))
    {
      g_warning ("unknown language %s", language);
      return;
    }
  set_action_state (self, "language", language);
  if (g_strcmp0 (self->language, language) == 0)
    return;

  g_free (self->language);
  self->language = g_strdup (language);
  apply_language (language);

  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  for (GList *l = windows; l != NULL; l = l->next)
    if (KIOSK_IS_WINDOW (l->data))
      {
        kiosk_window_set_language (l->data, language);
        kiosk_window_rebuild_pages (l->data);
      }
}

KioskTextSize
kiosk_application_get_text_size (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), KIOSK_TEXT_SIZE_NORMAL);
  return self->text_size;
}

void
kiosk_application_set_text_size (KioskApplication *self, KioskTextSize size)
{
  GList *windows;

  g_return_if_fail (KIOSK_IS_APPLICATION (self));

  self->text_size = size;
  set_action_state (self, "text-size", text_size_nick (size));

  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  for (GList *l = windows; l != NULL; l = l->next)
    if (KIOSK_IS_WINDOW (l->data))
      kiosk_window_set_text_size (l->data, size);
}

/**
 * kiosk_application_restore_defaults:
 *
 * After a reset the next person sees the configured language and text size,
 * not what the last person chose.
 */
void
kiosk_application_restore_defaults (KioskApplication *self)
{
  g_return_if_fail (KIOSK_IS_APPLICATION (self));

  kiosk_application_set_text_size (self, kiosk_config_get_text_size (self->config));
  kiosk_application_set_language (self, kiosk_config_get_language (self->config));
}
