/* registry-main.c: practitioner-registry, the central registry server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "registry-admin.h"
#include "registry-api.h"
#include "registry-captcha-image.h"
#include "registry-server.h"
#include "registry-systemd.h"

#define DEFAULT_LISTEN "127.0.0.1:8480"
#define DEFAULT_DATABASE "sqlite:registry.db"
#define MIN_BODY_SIZE (1024 * 1024)
#define MAX_BODY_SIZE (256 * 1024 * 1024)
#define MAX_TIMEOUT_S 3600

static const char usage[] =
    "COMMAND\n\n"
    "Commands:\n"
    "  serve                         run the server\n"
    "  migrate                       bring the database schema up to date\n"
    "  admin enroll-device NAME      enrol a kiosk; prints its token once\n"
    "  admin revoke-device NAME      revoke a kiosk's token\n"
    "  admin list-devices\n"
    "  admin add-staff USER          add a staff account; password on stdin\n"
    "  admin disable-staff USER      the account cannot sign in; its sessions end\n"
    "  admin enable-staff USER\n"
    "  admin reset-password USER     a new password on stdin; its sessions end\n"
    "  admin list-staff\n"
    "  admin set-phone DOC_TYPE DOC_NUMBER PHONE\n"
    "                                change a person's login phone\n"
    "  admin import registrations FILE.json\n"
    "  admin import projects FILE.json\n"
    "  admin backup FILE             copy a SQLite database while it serves\n"
    "  admin add-admin-token NAME    an operator's token for the fleet pages; printed once\n"
    "  admin revoke-admin-token NAME\n"
    "  admin list-admin-tokens\n"
    "  admin fleet                   the kiosks, when each last reported, and problems\n"
    "                                (exit status 3 when any kiosk has one)\n\n"
    "Every command takes --database URL (sqlite:PATH or postgresql://...) and\n"
    "--config FILE; the command line wins over the file, which wins over the\n"
    "environment variable REGISTRY_DATABASE.";

typedef struct
{
  char *listen;
  char *database;
  char *tls_cert;
  char *tls_key;
  char *sms;
  char *public_url;
  char *config;
  char *port_file;
  char *test_captcha_answer;
  char *test_clock_file;
  int workers;
  gint64 max_body_size;
  int idle_timeout;
  int request_timeout;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->listen);
  g_free (options->database);
  g_free (options->tls_cert);
  g_free (options->tls_key);
  g_free (options->sms);
  g_free (options->public_url);
  g_free (options->config);
  g_free (options->port_file);
  g_free (options->test_captcha_answer);
  g_free (options->test_clock_file);
}

/* Values from --config fill in what the command line did not give. */
static gboolean
load_config (Options *options, GError **error)
{
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  static const char *const keys[] = { "listen",  "database", "tls-cert",
                                      "tls-key", "sms",      "public-url" };
  char **targets[] = { &options->listen,  &options->database, &options->tls_cert,
                       &options->tls_key, &options->sms,      &options->public_url };

  if (options->config == NULL)
    return TRUE;
  if (!g_key_file_load_from_file (keyfile, options->config, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", options->config);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (*targets[i] == NULL)
        *targets[i] = g_key_file_get_string (keyfile, "registry", keys[i], NULL);
    }
  if (options->workers == 0 && g_key_file_has_key (keyfile, "registry", "workers", NULL))
    options->workers = g_key_file_get_integer (keyfile, "registry", "workers", NULL);
  if (options->max_body_size == 0 &&
      g_key_file_has_key (keyfile, "registry", "max-body-size", NULL))
    options->max_body_size = g_key_file_get_int64 (keyfile, "registry", "max-body-size", NULL);
  if (options->idle_timeout == 0 && g_key_file_has_key (keyfile, "registry", "idle-timeout", NULL))
    options->idle_timeout = g_key_file_get_integer (keyfile, "registry", "idle-timeout", NULL);
  if (options->request_timeout == 0 &&
      g_key_file_has_key (keyfile, "registry", "request-timeout", NULL))
    options->request_timeout =
        g_key_file_get_integer (keyfile, "registry", "request-timeout", NULL);
  return TRUE;
}

/* Zero means "not given": the default. */
static gboolean
check_limits (Options *options, GError **error)
{
  if (options->max_body_size == 0)
    options->max_body_size = REGISTRY_API_MAX_BODY;
  if (options->idle_timeout == 0)
    options->idle_timeout = REGISTRY_SERVER_IDLE_TIMEOUT_S;
  if (options->request_timeout == 0)
    options->request_timeout = REGISTRY_SERVER_REQUEST_TIMEOUT_S;

  /* a kiosk sends batches of up to 768 KiB */
  if (options->max_body_size < MIN_BODY_SIZE || options->max_body_size > MAX_BODY_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--max-body-size takes %d to %d bytes", MIN_BODY_SIZE, MAX_BODY_SIZE);
      return FALSE;
    }
  if (options->idle_timeout < 1 || options->idle_timeout > MAX_TIMEOUT_S ||
      options->request_timeout < 1 || options->request_timeout > MAX_TIMEOUT_S)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--idle-timeout and --request-timeout take 1 to %d seconds", MAX_TIMEOUT_S);
      return FALSE;
    }
  return TRUE;
}

/* The test switches make a registry that anyone could log in to or whose
 * clock anyone could move: they are taken on a loopback-only listener only. */
static gboolean
check_test_options (Options *options, const char *listen, GError **error)
{
  g_autofree char *normalized = NULL;

  if (options->test_captcha_answer == NULL && options->test_clock_file == NULL)
    return TRUE;
  if (!registry_server_address_is_loopback (listen, error))
    {
      g_prefix_error (error, "--test-captcha-answer and --test-clock-file need a loopback-only"
                             " --listen: ");
      return FALSE;
    }
  if (options->test_captcha_answer != NULL)
    {
      normalized = registry_captcha_normalize (options->test_captcha_answer);
      if (normalized == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "--test-captcha-answer takes 1 to %d ASCII letters and digits",
                       REGISTRY_CAPTCHA_MAX_ANSWER);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static int
serve (Options *options, GError **error)
{
  g_autoptr (RegistryServer) server = NULL;
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (RegistrySmsGateway) sms = NULL;
  const char *listen = options->listen != NULL ? options->listen : DEFAULT_LISTEN;
  guint workers;

  if (options->sms != NULL && (sms = registry_sms_gateway_new (options->sms, error)) == NULL)
    return 2;
  if (!check_test_options (options, listen, error) || !check_limits (options, error))
    return 2;
  if (options->public_url != NULL && !g_str_has_prefix (options->public_url, "https://") &&
      !g_str_has_prefix (options->public_url, "http://"))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--public-url must start with https:// or http://");
      return 2;
    }
  if ((options->tls_cert == NULL) != (options->tls_key == NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "--tls-cert and --tls-key go together");
      return 2;
    }
  if (options->tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (options->tls_cert, options->tls_key, error);
      if (certificate == NULL)
        return 1;
    }

  /* Uploads are buffers of megabytes on many threads: mapped and unmapped
   * as they come and go, they leave nothing behind in a thread's heap (by
   * default glibc raises this bound after the first large free). */
  mallopt (M_MMAP_THRESHOLD, 1024 * 1024);
  workers = options->workers > 0 ? (guint) options->workers : MAX (4, 2 * g_get_num_processors ());
  server = registry_server_new (options->database, workers, error);
  if (server == NULL)
    return 1;
  registry_server_set_sms_gateway (server, sms);
  registry_server_set_test_captcha_answer (server, options->test_captcha_answer);
  registry_server_set_clock_file (server, options->test_clock_file);
  registry_server_set_public_url (server, options->public_url);
  registry_server_set_limits (server, (gsize) options->max_body_size, (guint) options->idle_timeout,
                              (guint) options->request_timeout);
  if (!registry_server_listen (server, listen, certificate, error))
    return 1;

  /* before the port file says the server is up: a supervisor may stop it
   * at once, and SIGTERM must then stop it cleanly too */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  if (options->port_file != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%u\n", registry_server_get_port (server));
      if (!g_file_set_contents (options->port_file, text, -1, error))
        return 1;
    }
  g_message ("listening on port %u (%s), %u workers, %s database, %s SMS gateway",
             registry_server_get_port (server), certificate != NULL ? "https" : "http", workers,
             g_str_has_prefix (options->database, "sqlite:") ? "sqlite" : "postgresql",
             sms != NULL ? registry_sms_gateway_get_kind (sms) : "no");
  if (options->test_captcha_answer != NULL)
    g_warning ("TEST MODE: every captcha has the same fixed answer; loopback only,"
               " never in production");
  if (options->test_clock_file != NULL)
    g_warning ("TEST MODE: the clock is shifted by the seconds in %s; loopback only,"
               " never in production",
               options->test_clock_file);

  registry_systemd_notify_ready (registry_server_get_port (server));
  g_main_loop_run (loop);

  registry_systemd_notify_stopping ();
  g_message ("shutting down");
  registry_server_shutdown (server);
  g_clear_object (&server);
  /* for a leak checker's clean exit (poppler, which keeps cairo's font
   * faces until the end, runs in the PDF renderer's processes only) */
  registry_captcha_release_caches ();
  return 0;
}

int
main (int argc, char **argv)
{
  Options options = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  const char *command;
  int status;
  const GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &options.listen,
      "Address and port to serve on (serve; default " DEFAULT_LISTEN ")", "ADDR:PORT" },
    { "database", 0, 0, G_OPTION_ARG_STRING, &options.database,
      "sqlite:PATH or postgresql://... (default " DEFAULT_DATABASE ")", "URL" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_cert,
      "Serve HTTPS with this PEM certificate (serve)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_key, "The certificate's PEM key (serve)",
      "FILE" },
    { "sms", 0, 0, G_OPTION_ARG_STRING, &options.sms, "SMS gateway: spool:DIR or http(s)://RELAY",
      "GATEWAY" },
    { "public-url", 0, 0, G_OPTION_ARG_STRING, &options.public_url,
      "Where phones reach the registry, for upload links (serve)", "URL" },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &options.config,
      "Key file with a [registry] group of the same settings", "FILE" },
    { "port-file", 0, 0, G_OPTION_ARG_FILENAME, &options.port_file,
      "Write the bound port here once listening (serve)", "FILE" },
    { "workers", 0, 0, G_OPTION_ARG_INT, &options.workers,
      "Worker threads, each with a database connection (serve)", "N" },
    { "max-body-size", 0, 0, G_OPTION_ARG_INT64, &options.max_body_size,
      "Largest request body in bytes; larger ones are refused unread (serve; default 1048576)",
      "BYTES" },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &options.idle_timeout,
      "Close a connection on which nothing moves for this long (serve; default 30)", "SECONDS" },
    { "request-timeout", 0, 0, G_OPTION_ARG_INT, &options.request_timeout,
      "Close a connection whose request has not fully arrived after this long (serve; default 60)",
      "SECONDS" },
    { "test-captcha-answer", 0, 0, G_OPTION_ARG_STRING, &options.test_captcha_answer,
      "Tests and demo only, loopback only: every captcha's answer is TEXT (serve)", "TEXT" },
    { "test-clock-file", 0, 0, G_OPTION_ARG_FILENAME, &options.test_clock_file,
      "Tests only, loopback only: add the seconds written in FILE to the clock (serve)", "FILE" },
    { NULL },
  };

  setlocale (LC_ALL, "");
  /* a PDF renderer or a client gone mid-write is an error to handle, not
   * the end of the registry */
  signal (SIGPIPE, SIG_IGN);
  context = g_option_context_new (usage);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_strict_posix (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("practitioner-registry: %s\n", error->message);
      return 2;
    }
  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return 2;
    }

  command = argv[1];
  /* the command line wins over --config, which wins over the environment:
   * `migrate` and `admin` find the database the service uses */
  if (options.config != NULL && !load_config (&options, &error))
    status = 2;
  else
    {
      if (options.database == NULL)
        options.database = g_strdup (g_getenv ("REGISTRY_DATABASE") ? g_getenv ("REGISTRY_DATABASE")
                                                                    : DEFAULT_DATABASE);
      if (g_strcmp0 (command, "serve") == 0)
        status = serve (&options, &error);
      else if (g_strcmp0 (command, "migrate") == 0 && argc == 2)
        status = registry_admin_migrate (options.database, &error);
      else if (g_strcmp0 (command, "admin") == 0)
        status = registry_admin_run (options.database, argc - 2, argv + 2, &error);
      else if (g_strcmp0 (command, "version") == 0)
        {
          g_print ("practitioner-registry %s\n", PACKAGE_VERSION);
          status = 0;
        }
      else
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown command %s",
                       command);
          status = 2;
        }
    }

  if (status != 0 && error != NULL)
    g_printerr ("practitioner-registry: %s\n", error->message);
  options_clear (&options);
  return status;
}
