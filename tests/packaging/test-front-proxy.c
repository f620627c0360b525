/* test-front-proxy.c: the example nginx front proxy, run as shipped, in front
 * of two registry processes on one throw-away PostgreSQL database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * packaging/registry/nginx/practitioner-registry.conf is used as it is, with
 * only its "# SITE" lines pointed at loopback, a test certificate and the two
 * registries. A kiosk's sync engine drains its outbox through nginx over
 * HTTPS; one registry is killed (SIGKILL) while it drains. Every filing must
 * arrive exactly once, the access log must name no document number, and a
 * body far over the limit must be stopped by nginx.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core-filing.h"
#include "registry-storage.h"
#include "registry-test-util.h"
#include "sync-engine.h"

#define N_FILINGS 2000

static char *
resident_number (guint seq)
{
  return registry_test_resident_number (1975, seq);
}

static GBytes *
make_filing (guint seq, char **out_id)
{
  g_autoptr (CoreFiling) filing = registry_test_card_filing (1975, seq, NULL);
  g_autoptr (GError) error = NULL;
  char *json;

  core_filing_set (filing, CORE_FILING_FIELD_NAME, "代理测试");
  core_filing_set (filing, CORE_FILING_FIELD_SEX, seq % 2 ? "男" : "女");
  core_filing_validate (filing, &error);
  g_assert_no_error (error);
  json = core_filing_to_json (filing);
  *out_id = g_strdup (core_filing_get_filing_id (filing));
  return g_bytes_new_take (json, strlen (json));
}

typedef struct
{
  StoreOutbox *outbox;
} Queue;

static gboolean
queue_cb (StoreDatabase *db, gpointer user_data, GError **error)
{
  Queue *queue = user_data;

  for (guint i = 0; i < N_FILINGS; i++)
    {
      g_autofree char *id = NULL;
      g_autoptr (GBytes) payload = make_filing (i, &id);

      if (!store_outbox_add (queue->outbox, id, "card", NULL, payload, error))
        return FALSE;
    }
  return TRUE;
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

static guint16
free_port (void)
{
  g_autoptr (GSocket) socket =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
run_or_fail (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], out);
}

/* The shipped example with its "# SITE" lines pointed at this test. */
static char *
site_config (guint16 nginx_port,
             guint16 first,
             guint16 second,
             const char *cert,
             const char *key,
             const char *access_log)
{
  g_autofree char *example = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  const char *path = g_test_get_filename (G_TEST_DIST, "..", "packaging", "registry", "nginx",
                                          "practitioner-registry.conf", NULL);
  guint servers = 0;
  guint replaced = 0;

  g_assert_true (g_file_get_contents (path, &example, NULL, NULL));
  lines = g_strsplit (example, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (lines[i]));

      if (!g_str_has_suffix (stripped, "# SITE"))
        {
          g_string_append_printf (out, "%s\n", lines[i]);
          continue;
        }
      replaced++;
      if (g_str_has_prefix (stripped, "server "))
        g_string_append_printf (out, "    server 127.0.0.1:%u max_fails=1 fail_timeout=10s;\n",
                                servers++ == 0 ? first : second);
      else if (g_str_has_prefix (stripped, "listen "))
        g_string_append_printf (out, "    listen 127.0.0.1:%u ssl http2;\n", nginx_port);
      else if (g_str_has_prefix (stripped, "server_name "))
        g_string_append (out, "    server_name 127.0.0.1;\n");
      else if (g_str_has_prefix (stripped, "ssl_certificate "))
        g_string_append_printf (out, "    ssl_certificate %s;\n", cert);
      else if (g_str_has_prefix (stripped, "ssl_certificate_key "))
        g_string_append_printf (out, "    ssl_certificate_key %s;\n", key);
      else if (g_str_has_prefix (stripped, "allow "))
        g_string_append (out, "        allow 127.0.0.1;\n");
      else if (g_str_has_prefix (stripped, "access_log "))
        g_string_append_printf (out, "    access_log %s practitioner_registry;\n", access_log);
      else
        g_error ("unknown site line in the example: %s", stripped);
    }
  g_assert_cmpuint (servers, ==, 2);
  g_assert_cmpuint (replaced, ==, 8);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GPid
start_nginx (const char *dir, guint16 port)
{
  g_autofree char *conf = g_build_filename (dir, "nginx.conf", NULL);
  g_autofree char *error_log = g_build_filename (dir, "error.log", NULL);
  const char *argv[] = { "nginx", "-p", dir, "-c", conf, "-e", error_log, NULL };
  const char *test_argv[] = { "nginx", "-t", "-q", "-p", dir, "-c", conf, "-e", error_log, NULL };
  g_autoptr (GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GPid pid = 0;

  run_or_fail (test_argv);
  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                 NULL, &pid, &error);
  g_assert_no_error (error);
  for (;;)
    {
      g_autoptr (GSocketClient) client = g_socket_client_new ();
      g_autoptr (GSocketConnection) connection =
          g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

      if (connection != NULL)
        return pid;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50000);
    }
}

static void
stop_nginx (GPid pid)
{
  int status = 0;

  kill (pid, SIGQUIT);
  waitpid (pid, &status, 0);
}

typedef struct
{
  SyncEngine *engine;
  RegistryTestProcess *victim;
  gboolean killed;
  GMainLoop *loop;
} Drain;

static void
queued_changed_cb (SyncEngine *engine, GParamSpec *pspec, Drain *drain)
{
  guint queued = sync_engine_get_queued (engine);

  /* the first batch is confirmed: the rest is still to go */
  if (!drain->killed && queued < N_FILINGS && queued > 0)
    {
      g_test_message ("killing one registry with %u filings still queued", queued);
      registry_test_process_kill (drain->victim);
      drain->killed = TRUE;
    }
  if (queued == 0)
    g_main_loop_quit (drain->loop);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("the outbox did not drain through the front proxy");
  return G_SOURCE_REMOVE;
}

static void
test_front_proxy (void)
{
  RegistryTestCluster *cluster = registry_test_cluster_start ();
  g_autofree char *url = registry_test_cluster_new_database (cluster);
  g_autofree char *token = registry_test_enroll_device (url, "kiosk-behind-nginx");
  g_autofree char *dir = g_dir_make_tmp ("front-proxy-XXXXXX", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *access_log = g_build_filename (dir, "access.log", NULL);
  g_autofree char *site_path = g_build_filename (dir, "site.conf", NULL);
  g_autofree char *main_path = g_build_filename (dir, "nginx.conf", NULL);
  g_autofree char *kiosk_dir = g_build_filename (dir, "kiosk", NULL);
  g_autofree char *store_path = g_build_filename (kiosk_dir, "kiosk.db", NULL);
  g_autofree char *site = NULL;
  g_autofree char *main_conf = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *log_text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (StoreDatabase) db = NULL;
  g_autoptr (StoreSealer) sealer = NULL;
  g_autoptr (StoreOutbox) outbox = NULL;
  g_autoptr (SyncClient) client = NULL;
  g_autoptr (SyncEngine) engine = NULL;
  g_autoptr (RegistryStorage) storage = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  RegistryTestProcess *first;
  RegistryTestProcess *second;
  guint16 nginx_port = free_port ();
  Drain drain = { 0 };
  Queue queue;
  GPid nginx;
  guint timeout;

  g_assert_true (registry_test_cluster_is_postgres (cluster));
  first = registry_test_process_start (cluster, url, NULL);
  second = registry_test_process_start (cluster, url, NULL);

  run_or_fail ((const char *const[]){ "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                      "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
                                      "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                                      "-addext", "subjectAltName=IP:127.0.0.1", NULL });
  site = site_config (nginx_port, first->port, second->port, cert, key, access_log);
  g_assert_true (g_file_set_contents (site_path, site, -1, NULL));
  main_conf = g_strdup_printf ("daemon off;\n%s"
                               "worker_processes 1;\npid %s/nginx.pid;\n"
                               "events { worker_connections 256; }\n"
                               "http {\n"
                               "  client_body_temp_path %s/body;\n  proxy_temp_path %s/proxy;\n"
                               "  fastcgi_temp_path %s/fastcgi;\n  uwsgi_temp_path %s/uwsgi;\n"
                               "  scgi_temp_path %s/scgi;\n  include %s;\n}\n",
                               getuid () == 0 ? "user root;\n" : "", dir, dir, dir, dir, dir, dir,
                               site_path);
  g_assert_true (g_file_set_contents (main_path, main_conf, -1, NULL));
  nginx = start_nginx (dir, nginx_port);

  /* a kiosk with a full outbox */
  db = store_database_open (store_path, &error);
  g_assert_no_error (error);
  sealer = store_sealer_new_for_folder (kiosk_dir, &error);
  g_assert_no_error (error);
  outbox = store_outbox_new (db, sealer);
  queue.outbox = outbox;
  g_assert_true (store_database_transaction (db, queue_cb, &queue, &error));
  g_assert_no_error (error);

  base_url = g_strdup_printf ("https://127.0.0.1:%u/", nginx_port);
  client = sync_client_new (base_url, token, cert, &error);
  g_assert_no_error (error);
  engine = sync_engine_new (store_path, kiosk_dir, client, &error);
  g_assert_no_error (error);

  drain.engine = engine;
  drain.victim = first;
  drain.loop = loop;
  g_signal_connect (engine, "notify::queued", G_CALLBACK (queued_changed_cb), &drain);
  timeout = g_timeout_add_seconds (240, timeout_cb, NULL);
  sync_engine_start (engine);
  g_main_loop_run (loop);
  g_source_remove (timeout);
  g_signal_handlers_disconnect_by_data (engine, &drain);
  sync_engine_stop (engine);

  /* nothing lost, nothing filed twice */
  g_assert_true (drain.killed);
  g_assert_cmpuint (sync_engine_get_queued (engine), ==, 0);
  g_assert_cmpuint (sync_engine_get_rejected (engine), ==, 0);
  storage = registry_storage_open (url, &error);
  g_assert_no_error (error);
  g_assert_cmpint (registry_test_count (storage, "SELECT count(*) FROM filings"), ==, N_FILINGS);
  g_assert_cmpint (registry_test_count (storage, "SELECT count(DISTINCT filing_id) FROM filings"),
                   ==, N_FILINGS);
  g_assert_cmpint (registry_test_count (storage, "SELECT count(*) FROM persons"), ==, N_FILINGS);
  g_assert_cmpint (registry_test_count (storage, "SELECT count(*) FROM audit_log"
                                                 " WHERE action = 'filing.accept'"),
                   ==, N_FILINGS);

  /* a person's state through the proxy; the log keeps the route, not the number */
  {
    g_autofree char *number = resident_number (7);
    g_autofree char *path = g_strdup_printf ("/v1/persons/resident/%s/state", number);
    g_autofree char *second_port = g_strdup_printf ("127.0.0.1:%u", second->port);
    guint status = 0;
    g_autoptr (JsonNode) answer = sync_client_request (client, "GET", path, NULL, &status, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (registry_test_json_string (answer, "state"), ==, "filed");
    /* nginx writes the log line after the answer */
    for (guint i = 0; i < 100; i++)
      {
        g_clear_pointer (&log_text, g_free);
        g_assert_true (g_file_get_contents (access_log, &log_text, NULL, NULL));
        if (strstr (log_text, "\"GET /v1/persons/...\" 200") != NULL)
          break;
        g_usleep (20000);
      }
    g_assert_nonnull (strstr (log_text, "\"GET /v1/persons/...\" 200"));
    g_assert_null (strstr (log_text, number));
    g_assert_nonnull (strstr (log_text, "\"POST /v1/filings:batch\" 200"));
    g_assert_nonnull (strstr (log_text, second_port));
  }

  /* a body far over the limit never reaches a registry */
  {
    g_autofree char *big = g_strnfill (3 * 1024 * 1024, 'a');
    g_autoptr (JsonNode) body = json_node_new (JSON_NODE_VALUE);
    g_autoptr (JsonNode) answer = NULL;
    g_autoptr (GError) big_error = NULL;
    guint status = 0;

    json_node_set_string (body, big);
    answer = sync_client_request (client, "POST", "/v1/filings", body, &status, &big_error);
    g_assert_null (answer);
    g_assert_cmpuint (status, ==, 413);
    /* answered by nginx itself: no registry process named in the log line */
    for (guint i = 0; i < 100; i++)
      {
        g_clear_pointer (&log_text, g_free);
        g_assert_true (g_file_get_contents (access_log, &log_text, NULL, NULL));
        if (g_regex_match_simple ("\"POST /v1/filings\" 413 .* -$", log_text, G_REGEX_MULTILINE, 0))
          break;
        g_usleep (20000);
      }
    g_assert_true (
        g_regex_match_simple ("\"POST /v1/filings\" 413 .* -$", log_text, G_REGEX_MULTILINE, 0));
  }

  /* the operators' fleet list through the proxy: an admin token, never a
   * device token */
  {
    g_autofree char *admin = NULL;
    g_autoptr (SyncClient) ops = NULL;
    g_autoptr (JsonNode) fleet = NULL;
    g_autoptr (JsonNode) refused = NULL;
    g_autoptr (GError) refused_error = NULL;
    guint status = 0;
    const char *args[] = { "admin", "add-admin-token", "operators", NULL };

    g_assert_cmpint (registry_test_run_cli (url, args, NULL, &admin, NULL), ==, 0);
    g_strstrip (admin);
    ops = sync_client_new (base_url, admin, cert, &error);
    g_assert_no_error (error);
    fleet = sync_client_request (ops, "GET", "/v1/fleet", NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (registry_test_json_string (fleet, "kiosks.0.name"), ==, "kiosk-behind-nginx");
    refused = sync_client_request (client, "GET", "/v1/fleet", NULL, &status, &refused_error);
    g_assert_null (refused);
    g_assert_cmpuint (status, ==, 401);
  }

  stop_nginx (nginx);
  registry_test_process_stop (second);
  registry_test_cluster_stop (cluster);
  g_clear_object (&outbox);
  g_clear_object (&db);
  remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/packaging/front-proxy/two-registries", test_front_proxy);
  return g_test_run ();
}
