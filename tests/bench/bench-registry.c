/* bench-registry.c: load on a real registry process over loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each backend (SQLite, then a throwaway PostgreSQL cluster): 50
 * concurrent keep-alive connections driven by libcurl's multi interface post
 * single filings, then batches of 100; every filing is a new person. Prints
 * `figure: VALUE UNIT (target …)` lines; asserts nothing about speed.
 */

#include "config.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "core-filing.h"
#include "registry-test-util.h"

#define CONNECTIONS 50
#define BATCH_SIZE 100

static guint next_person = 0;

static JsonNode *
new_filing (void)
{
  guint seq = next_person++;
  g_autofree char *phone = registry_test_phone_number (seq);
  g_autoptr (CoreFiling) filing = registry_test_card_filing (1950, seq, phone);

  core_filing_set (filing, CORE_FILING_FIELD_NAME, "王小明");
  return core_filing_to_json_node (filing);
}

static char *
single_body (void)
{
  g_autoptr (JsonNode) node = new_filing ();

  return json_to_string (node, FALSE);
}

static char *
batch_body (void)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < BATCH_SIZE; i++)
    json_builder_add_value (builder, new_filing ());
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static size_t
discard_cb (char *ptr, size_t size, size_t nmemb, void *user_data)
{
  return size * nmemb;
}

typedef struct
{
  guint n_requests;
  guint n_errors;
  double seconds;
  GArray *latencies; /* double, milliseconds */
} Run;

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values, double p)
{
  guint index;

  if (values->len == 0)
    return 0;
  index = (guint) (p / 100.0 * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (index, values->len - 1));
}

/* Sends every body once over CONNECTIONS keep-alive connections. */
static void
run_load (const char *url, const char *token, GPtrArray *bodies, Run *run)
{
  CURLM *multi = curl_multi_init ();
  CURL *handles[CONNECTIONS];
  struct curl_slist *headers = NULL;
  g_autofree char *auth = g_strdup_printf ("Authorization: Bearer %s", token);
  guint next = 0;
  int running = 0;
  gint64 start;

  headers = curl_slist_append (headers, "Content-Type: application/json");
  headers = curl_slist_append (headers, auth);
  curl_multi_setopt (multi, CURLMOPT_MAXCONNECTS, (long) CONNECTIONS);
  curl_multi_setopt (multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long) CONNECTIONS);

  run->latencies = g_array_new (FALSE, FALSE, sizeof (double));
  start = g_get_monotonic_time ();
  for (guint i = 0; i < CONNECTIONS; i++)
    {
      handles[i] = curl_easy_init ();
      curl_easy_setopt (handles[i], CURLOPT_URL, url);
      curl_easy_setopt (handles[i], CURLOPT_HTTPHEADER, headers);
      curl_easy_setopt (handles[i], CURLOPT_WRITEFUNCTION, discard_cb);
      curl_easy_setopt (handles[i], CURLOPT_TCP_KEEPALIVE, 1L);
      if (next < bodies->len)
        {
          curl_easy_setopt (handles[i], CURLOPT_POSTFIELDS, g_ptr_array_index (bodies, next++));
          curl_multi_add_handle (multi, handles[i]);
        }
    }

  do
    {
      CURLMsg *msg;
      int queued;

      curl_multi_perform (multi, &running);
      while ((msg = curl_multi_info_read (multi, &queued)) != NULL)
        {
          CURL *easy = msg->easy_handle;
          long status = 0;
          curl_off_t total = 0;
          double ms;

          if (msg->msg != CURLMSG_DONE)
            continue;
          curl_easy_getinfo (easy, CURLINFO_RESPONSE_CODE, &status);
          curl_easy_getinfo (easy, CURLINFO_TOTAL_TIME_T, &total);
          ms = total / 1000.0;
          g_array_append_val (run->latencies, ms);
          run->n_requests++;
          if (msg->data.result != CURLE_OK || (status != 200 && status != 201))
            run->n_errors++;
          curl_multi_remove_handle (multi, easy);
          if (next < bodies->len)
            {
              curl_easy_setopt (easy, CURLOPT_POSTFIELDS, g_ptr_array_index (bodies, next++));
              curl_multi_add_handle (multi, easy);
              running++;
            }
        }
      if (running > 0)
        curl_multi_poll (multi, NULL, 0, 100, NULL);
    }
  while (running > 0);

  run->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_array_sort (run->latencies, compare_double);
  for (guint i = 0; i < CONNECTIONS; i++)
    curl_easy_cleanup (handles[i]);
  curl_slist_free_all (headers);
  curl_multi_cleanup (multi);
}

static long
read_status_kb (GPid pid, const char *key)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL) || (line = strstr (contents, key)) == NULL)
    return -1;
  return strtol (line + strlen (key), NULL, 10);
}

static void
bench_backend (const char *backend, guint n_single, guint n_batches)
{
  RegistryTestCluster *cluster;
  RegistryTestProcess *process;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *single_url = NULL;
  g_autofree char *batch_url = NULL;
  g_autoptr (GPtrArray) singles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) batches = g_ptr_array_new_with_free_func (g_free);
  Run single = { 0 }, batch = { 0 }, warm = { 0 };
  g_autoptr (GPtrArray) warm_bodies = g_ptr_array_new_with_free_func (g_free);

  g_setenv ("REGISTRY_TEST_BACKEND", backend, TRUE);
  cluster = registry_test_cluster_start ();
  url = registry_test_cluster_new_database (cluster);
  token = registry_test_enroll_device (url, "bench");
  process = registry_test_process_start (cluster, url, NULL);
  single_url = g_strdup_printf ("%s/v1/filings", process->base_url);
  batch_url = g_strdup_printf ("%s/v1/filings:batch", process->base_url);

  for (guint i = 0; i < 500; i++)
    g_ptr_array_add (warm_bodies, single_body ());
  for (guint i = 0; i < n_single; i++)
    g_ptr_array_add (singles, single_body ());
  for (guint i = 0; i < n_batches; i++)
    g_ptr_array_add (batches, batch_body ());

  run_load (single_url, token, warm_bodies, &warm);
  run_load (single_url, token, singles, &single);
  run_load (batch_url, token, batches, &batch);

  printf ("%s-single-filings: %.0f filings/s (%u requests, %u errors)\n", backend,
          single.n_requests / single.seconds, single.n_requests, single.n_errors);
  printf ("%s-single-p50: %.2f ms\n", backend, percentile (single.latencies, 50));
  printf ("%s-single-p99: %.2f ms (target < 50 ms)\n", backend, percentile (single.latencies, 99));
  printf ("%s-batched-filings: %.0f filings/s (target >= 5000; %u batches of %d, %u errors)\n",
          backend, batch.n_requests * BATCH_SIZE / batch.seconds, batch.n_requests, BATCH_SIZE,
          batch.n_errors);
  printf ("%s-batch-p50: %.2f ms\n", backend, percentile (batch.latencies, 50));
  printf ("%s-batch-p99: %.2f ms\n", backend, percentile (batch.latencies, 99));
  printf ("%s-server-rss: %.1f MB (peak %.1f MB; target < 50 MB)\n", backend,
          read_status_kb (process->pid, "VmRSS:") / 1024.0,
          read_status_kb (process->pid, "VmHWM:") / 1024.0);
  fflush (stdout);

  g_array_unref (warm.latencies);
  g_array_unref (single.latencies);
  g_array_unref (batch.latencies);
  registry_test_process_stop (process);
  registry_test_cluster_stop (cluster);
}

int
main (int argc, char **argv)
{
  guint n_single = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 20000;
  guint n_batches = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 400;

  curl_global_init (CURL_GLOBAL_DEFAULT);
  bench_backend ("sqlite", n_single, n_batches);
  bench_backend ("postgresql", n_single, n_batches);
  curl_global_cleanup ();
  return 0;
}
