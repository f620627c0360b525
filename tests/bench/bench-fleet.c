/* bench-fleet.c: a fleet of kiosks reporting to a real registry process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each backend (SQLite, then a throwaway PostgreSQL cluster): 1000
 * enrolled kiosks each put a health report (eight threads, one connection
 * per request as the registry answers), then an operator reads the fleet as
 * JSON and as the page. Prints `NAME: VALUE UNIT` lines; asserts nothing
 * about speed.
 */

#include "config.h"

#include <stdio.h>

#include "registry-test-util.h"

#define N_KIOSKS 1000
#define N_THREADS 8
#define N_READS 20

typedef struct
{
  RegistryTestProcess *process;
  GPtrArray *tokens;
  guint first;
  guint errors;
} Reporter;

static const char report[] =
    "{\"version\": \"1.0.0\", \"outbox_depth\": 2, \"oldest_unsent_s\": 30,"
    " \"reader\": \"ok\", \"printer\": \"ready\", \"last_error\": null,"
    " \"interval_s\": 300}";

static gpointer
report_thread (gpointer user_data)
{
  Reporter *reporter = user_data;
  g_autoptr (SoupSession) session = soup_session_new ();

  for (guint i = reporter->first; i < reporter->tokens->len; i += N_THREADS)
    {
      g_autoptr (RegistryTestReply) reply =
          registry_test_request (session, reporter->process, "PUT", "/v1/devices/current/health",
                                 g_ptr_array_index (reporter->tokens, i), report, -1);
      reporter->errors += reply->status != 200;
    }
  return NULL;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The median of N_READS reads of @path, in ms. */
static double
read_fleet (RegistryTestProcess *process, const char *admin, const char *path, gsize *out_size)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  double ms[N_READS];

  for (guint i = 0; i < N_READS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr (RegistryTestReply) reply =
          registry_test_request (session, process, "GET", path, admin, NULL, 0);

      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_cmpuint (reply->status, ==, 200);
      *out_size = strlen (reply->body);
    }
  qsort (ms, N_READS, sizeof ms[0], compare_double);
  return ms[N_READS / 2];
}

static void
bench_backend (const char *backend)
{
  RegistryTestCluster *cluster;
  RegistryTestProcess *process;
  g_autofree char *url = NULL;
  g_autofree char *admin = NULL;
  g_autoptr (RegistryStorage) storage = NULL;
  g_autoptr (GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  Reporter reporters[N_THREADS];
  GThread *threads[N_THREADS];
  guint errors = 0;
  gsize json_size = 0, page_size = 0;
  double json_ms, page_ms;
  gint64 start;
  double seconds;

  g_setenv ("REGISTRY_TEST_BACKEND", backend, TRUE);
  cluster = registry_test_cluster_start ();
  url = registry_test_cluster_new_database (cluster);
  {
    const char *args[] = { "admin", "add-admin-token", "bench", NULL };
    g_assert_cmpint (registry_test_run_cli (url, args, NULL, &admin, NULL), ==, 0);
    g_strstrip (admin);
  }
  /* enrolled as `admin enroll-device` would, without a process each */
  storage = registry_storage_open (url, &error);
  g_assert_no_error (error);
  g_string_append (sql, "INSERT INTO devices (name, token_hash, created_at) VALUES ");
  for (guint i = 0; i < N_KIOSKS; i++)
    {
      char *token = g_strdup_printf ("%064x", i + 1);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);

      g_ptr_array_add (tokens, token);
      g_string_append_printf (sql, "%s('kiosk-%04u', '%s', 1)", i > 0 ? ", " : "", i, hash);
    }
  g_assert_true (registry_storage_exec (storage, sql->str, &error));
  g_assert_no_error (error);
  process = registry_test_process_start (cluster, url, NULL);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_THREADS; i++)
    {
      reporters[i] = (Reporter){ process, tokens, i, 0 };
      threads[i] = g_thread_new ("report", report_thread, &reporters[i]);
    }
  for (guint i = 0; i < N_THREADS; i++)
    {
      g_thread_join (threads[i]);
      errors += reporters[i].errors;
    }
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  json_ms = read_fleet (process, admin, "/v1/fleet", &json_size);
  page_ms = read_fleet (process, admin, "/fleet", &page_size);

  printf ("%s-health-reports: %.0f reports/s (%u kiosks, %u threads, %u errors)\n", backend,
          N_KIOSKS / seconds, N_KIOSKS, N_THREADS, errors);
  printf ("%s-fleet-json: %.1f ms median for %u kiosks (%zu bytes)\n", backend, json_ms, N_KIOSKS,
          json_size);
  printf ("%s-fleet-page: %.1f ms median for %u kiosks (%zu bytes)\n", backend, page_ms, N_KIOSKS,
          page_size);
  fflush (stdout);

  registry_test_process_stop (process);
  g_clear_object (&storage);
  registry_test_cluster_stop (cluster);
}

int
main (int argc, char **argv)
{
  bench_backend ("sqlite");
  bench_backend ("postgresql");
  return 0;
}
