/* sync-link.c: a kiosk's queue drained over a distant, narrow link, with TLS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A kiosk in a county office reaches the provincial registry over a link
 * far from loopback: here 50 ms each way and 20 Mbit/s each way
 * (bench-link.c), with HTTPS as in production. 10,000 queued filings are
 * drained by the sync engine (batches of up to 500), then a sample of
 * filings is sent one request per filing with the same client, for the
 * ratio; the sample's time per filing stands for all 10,000 (sending them
 * all would take most of an hour).
 *
 * Two ways to the registry, both over the link:
 * - direct: the registry serves HTTPS itself and answers every request
 *   with `Connection: close` (registry-server.c: a libsoup 3.2 descriptor
 *   leak), so every request pays TCP's and TLS's handshakes again;
 * - front: nginx terminates TLS and keeps the kiosk's connection alive (as
 *   packaging/registry/nginx does, keepalive_timeout 60s) while the
 *   registry behind it still closes its loopback connection per request.
 * The difference is what `Connection: close` costs a kiosk over the link.
 *
 * LINK_DELAY_MS, LINK_MBIT and SYNC_LINK_SINGLES override the link and
 * the sample. Prints `figure: VALUE UNIT (target …)` lines; asserts
 * nothing about speed.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-link.h"
#include "core-filing.h"
#include "registry-test-util.h"
#include "sync-engine.h"

#define N_FILINGS 10000
#define DRAIN_LIMIT_S 600

static guint next_seq = 0;

static JsonNode *
make_filing (char **out_id)
{
  g_autoptr (CoreFiling) filing = registry_test_card_filing (1960, next_seq++, NULL);

  *out_id = g_strdup (core_filing_get_filing_id (filing));
  core_filing_set (filing, CORE_FILING_FIELD_NAME, "基准测试");
  core_filing_set (filing, CORE_FILING_FIELD_VALID_UNTIL, "长期");
  return core_filing_to_json_node (filing);
}

static guint
env_uint (const char *name, guint fallback)
{
  const char *text = g_getenv (name);

  return text != NULL ? (guint) g_ascii_strtoull (text, NULL, 10) : fallback;
}

static gboolean
run_quiet (const char *const *argv)
{
  int status = 0;

  return g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                           G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

static guint16
free_port (void)
{
  g_autoptr (GSocket) socket =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  if (!g_socket_bind (socket, address, TRUE, NULL) ||
      (bound = g_socket_get_local_address (socket, NULL)) == NULL)
    g_error ("no free port");
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* nginx as the example front proxy runs it: TLS, kept-alive kiosk
 * connections, HTTP/1.1 to the registry. Returns 0 when it cannot run. */
static GPid
start_front (const char *dir,
             guint16 port,
             guint16 registry_port,
             const char *cert,
             const char *key)
{
  g_autofree char *conf = g_build_filename (dir, "nginx.conf", NULL);
  g_autofree char *error_log = g_build_filename (dir, "nginx-error.log", NULL);
  g_autofree char *text =
      g_strdup_printf ("daemon off;\n%sworker_processes 1;\npid %s/nginx.pid;\n"
                       "events { worker_connections 256; }\n"
                       "http {\n"
                       "  access_log off;\n"
                       "  client_body_temp_path %s/body;\n  proxy_temp_path %s/proxy;\n"
                       "  fastcgi_temp_path %s/fastcgi;\n  uwsgi_temp_path %s/uwsgi;\n"
                       "  scgi_temp_path %s/scgi;\n"
                       "  server {\n"
                       "    listen 127.0.0.1:%u ssl;\n"
                       "    ssl_certificate %s;\n    ssl_certificate_key %s;\n"
                       "    ssl_protocols TLSv1.2 TLSv1.3;\n"
                       "    keepalive_timeout 60s;\n"
                       "    client_max_body_size 2m;\n"
                       "    location / {\n"
                       "      proxy_pass http://127.0.0.1:%u;\n"
                       "      proxy_http_version 1.1;\n"
                       "    }\n"
                       "  }\n"
                       "}\n",
                       getuid () == 0 ? "user root;\n" : "", dir, dir, dir, dir, dir, dir, port,
                       cert, key, registry_port);
  const char *test_argv[] = { "nginx", "-t", "-q", "-p", dir, "-c", conf, "-e", error_log, NULL };
  const char *argv[] = { "nginx", "-p", dir, "-c", conf, "-e", error_log, NULL };
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GPid pid = 0;

  if (!g_file_set_contents (conf, text, -1, NULL) || !run_quiet (test_argv) ||
      !g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                      NULL, NULL, &pid, NULL))
    return 0;
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr (GSocketClient) client = g_socket_client_new ();
      g_autoptr (GSocketConnection) connection =
          g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

      if (connection != NULL)
        return pid;
      g_usleep (50000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  return 0;
}

static void
stop_front (GPid pid)
{
  kill (pid, SIGQUIT);
  waitpid (pid, NULL, 0);
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

static gboolean
drained (SyncEngine *engine)
{
  return sync_engine_get_state (engine) == SYNC_STATE_ONLINE &&
         sync_engine_get_queued (engine) == 0;
}

static gboolean
limit_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static guint
link_connections (BenchLink *link)
{
  return link != NULL ? bench_link_get_connections (link) : 0;
}

/* Drains N_FILINGS from a new kiosk through @link (NULL: loopback alone)
 * to @base_url, then sends @n_singles one by one; prints the figures of
 * route @name. */
static void
bench_route (const char *name,
             const char *base_url,
             const char *token,
             const char *cert,
             BenchLink *link,
             guint n_singles)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-sync-link-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr (StoreDatabase) db = NULL;
  g_autoptr (StoreSealer) sealer = NULL;
  g_autoptr (StoreOutbox) outbox = NULL;
  g_autoptr (SyncClient) client = NULL;
  g_autoptr (SyncClient) single_client = NULL;
  g_autoptr (SyncEngine) engine = NULL;
  gboolean over = FALSE;
  guint limit_id;
  guint connections_before, batched_connections;
  g_autofree char *batched_over = NULL;
  g_autofree char *single_over = NULL;
  guint64 up_before = 0, down_before = 0, up = 0, down = 0;
  gint64 start;
  double batched_s, single_ms;

  db = store_database_open (store_path, &error);
  g_assert_no_error (error);
  sealer = store_sealer_new_for_folder (dir, &error);
  g_assert_no_error (error);
  outbox = store_outbox_new (db, sealer);
  for (guint i = 0; i < N_FILINGS; i++)
    {
      g_autofree char *id = NULL;
      g_autoptr (JsonNode) node = make_filing (&id);
      char *json = json_to_string (node, FALSE);
      g_autoptr (GBytes) payload = g_bytes_new_take (json, strlen (json));

      store_outbox_add (outbox, id, "card", NULL, payload, &error);
      g_assert_no_error (error);
    }

  client = sync_client_new (base_url, token, cert, &error);
  g_assert_no_error (error);
  engine = sync_engine_new (store_path, dir, client, &error);
  g_assert_no_error (error);

  connections_before = link_connections (link);
  if (link != NULL)
    bench_link_get_bytes (link, &up_before, &down_before);
  limit_id = g_timeout_add_seconds (DRAIN_LIMIT_S, limit_cb, &over);
  start = g_get_monotonic_time ();
  sync_engine_start (engine);
  while (!drained (engine) && !over)
    g_main_context_iteration (NULL, TRUE);
  batched_s = (g_get_monotonic_time () - start) / 1e6;
  sync_engine_stop (engine);
  if (!over)
    g_source_remove (limit_id);
  batched_connections = link_connections (link) - connections_before;
  if (link != NULL)
    {
      bench_link_get_bytes (link, &up, &down);
      g_print ("sync-link-%s-batched-bytes: %.1f MB up, %.1f MB down\n", name,
               (up - up_before) / 1e6, (down - down_before) / 1e6);
    }

  /* one request per filing, a new client as a kiosk without batches */
  single_client = sync_client_new (base_url, token, cert, &error);
  g_assert_no_error (error);
  connections_before = link_connections (link);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_singles; i++)
    {
      g_autofree char *id = NULL;
      g_autoptr (JsonNode) node = make_filing (&id);
      g_autoptr (JsonNode) answer =
          sync_client_request (single_client, "POST", "/v1/filings", node, NULL, &error);
      g_assert_no_error (error);
    }
  single_ms = (g_get_monotonic_time () - start) / 1e3 / n_singles;

  batched_over =
      link != NULL ? g_strdup_printf (" over %u connections", batched_connections) : g_strdup ("");
  single_over = link != NULL ? g_strdup_printf (" over %u connections",
                                                link_connections (link) - connections_before)
                             : g_strdup ("");
  if (over)
    g_print ("sync-link-%s-batched-total: not drained in %d s (%u left)\n", name, DRAIN_LIMIT_S,
             sync_engine_get_queued (engine));
  else
    g_print ("sync-link-%s-batched-total: %.2f s for %d filings (%s%" G_GUINT64_FORMAT
             " requests%s)\n",
             name, batched_s, N_FILINGS, link != NULL ? "target <= 15 s; " : "",
             sync_engine_get_requests (engine), batched_over);
  g_print ("sync-link-%s-batched-rate: %.0f filings/s\n", name, N_FILINGS / batched_s);
  g_print ("sync-link-%s-single: %.1f ms per filing (%u sent%s; %d would take %.0f s)\n", name,
           single_ms, n_singles, single_over, N_FILINGS, single_ms * N_FILINGS / 1e3);
  g_print ("sync-link-%s-speedup: %.0f x (batched over one request per filing)\n", name,
           single_ms * N_FILINGS / 1e3 / batched_s);
  fflush (stdout);
  g_clear_object (&engine);
  g_clear_object (&outbox);
  g_clear_object (&db);
  remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  guint delay_ms = env_uint ("LINK_DELAY_MS", 50);
  guint mbit = env_uint ("LINK_MBIT", 20);
  guint n_singles = MAX (env_uint ("SYNC_LINK_SINGLES", 200), 1);
  g_autoptr (GError) error = NULL;
  RegistryTestCluster *cluster;
  RegistryTestProcess *tls_registry;
  RegistryTestProcess *plain_registry;
  g_autofree char *db_url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-sync-link-tls-XXXXXX", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *direct_url = NULL;
  BenchLink *link;
  guint16 front_port = free_port ();
  GPid front;
  const char *openssl[] = { "openssl",
                            "req",
                            "-x509",
                            "-newkey",
                            "ec",
                            "-pkeyopt",
                            "ec_paramgen_curve:prime256v1",
                            "-nodes",
                            "-keyout",
                            key,
                            "-out",
                            cert,
                            "-days",
                            "2",
                            "-subj",
                            "/CN=127.0.0.1",
                            "-addext",
                            "subjectAltName=IP:127.0.0.1",
                            NULL };

  if (!run_quiet (openssl))
    g_error ("openssl could not make a certificate");
  g_setenv ("REGISTRY_TEST_BACKEND", "sqlite", TRUE);
  /* the registry as in production: no debug line for every request */
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
  cluster = registry_test_cluster_start ();
  db_url = registry_test_cluster_new_database (cluster);
  token = registry_test_enroll_device (db_url, "bench-kiosk");
  tls_registry = registry_test_process_start (
      cluster, db_url, (const char *const[]){ "--tls-cert", cert, "--tls-key", key, NULL });
  plain_registry = registry_test_process_start (cluster, db_url, NULL);

  g_print ("sync-link: %u ms each way, %u Mbit/s each way, HTTPS (SQLite registry)\n", delay_ms,
           mbit);

  /* what the kiosk and the registry take by themselves */
  bench_route ("loopback", plain_registry->base_url, token, NULL, NULL, n_singles);

  link = bench_link_start (tls_registry->port, delay_ms, (guint64) mbit * 1000000);
  direct_url = g_strdup_printf ("https://127.0.0.1:%u", bench_link_get_port (link));
  bench_route ("direct", direct_url, token, cert, link, n_singles);
  bench_link_stop (link);

  front = start_front (dir, front_port, plain_registry->port, cert, key);
  if (front == 0)
    g_print ("sync-link-front: not measured (nginx did not start)\n");
  else
    {
      g_autofree char *front_url = NULL;

      link = bench_link_start (front_port, delay_ms, (guint64) mbit * 1000000);
      front_url = g_strdup_printf ("https://127.0.0.1:%u", bench_link_get_port (link));
      bench_route ("front", front_url, token, cert, link, n_singles);
      bench_link_stop (link);
      stop_front (front);
    }

  registry_test_process_stop (plain_registry);
  registry_test_process_stop (tls_registry);
  registry_test_cluster_stop (cluster);
  remove_tree (dir);
  return 0;
}
