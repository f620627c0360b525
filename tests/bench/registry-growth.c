/* registry-growth.c: the registry as it grows towards a million people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each backend (SQLite, then a throwaway PostgreSQL cluster) the
 * registry is loaded through its batch API, as kiosks would load it, with
 * new people (each with a card filing and a phone) up to each size of a
 * ladder. At every size:
 *
 * - batched filings: the filings/s of the last tenth of the way to the size
 *   (batches of 100 over 50 connections);
 * - person-state lookups (GET /v1/persons/resident/N/state, nine in ten of
 *   people filed, one in ten never filed), 50 connections;
 * - practice-information reads (GET /v1/me/education, 10 records each) by
 *   20 practitioners who log in at that size, each at a kiosk of their own;
 * - the database's size and its size per person, the registry's RSS;
 * - a bare libsoup server answering the list's body, measured right then,
 *   so that every figure is also a ratio that holds across machines.
 *
 * Sizes: REGISTRY_GROWTH_SIZES (comma-separated, default 10000,100000);
 * backends: REGISTRY_GROWTH_BACKENDS (default sqlite,postgresql). The
 * figures go to stdout as `figure: VALUE UNIT (target …)` lines, to
 * registry-growth-BACKEND.tsv, and to registry-growth.png (gnuplot) in
 * REGISTRY_GROWTH_OUTPUT (default: the current folder). Asserts nothing
 * about speed.
 */

#include "config.h"

#include <curl/curl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "bench-bare-server.h"
#include "core-filing.h"
#include "registry-test-util.h"

#define CONNECTIONS 50
#define BATCH_SIZE 100
#define SESSIONS 20
#define RECORDS_PER_PERSON 10
#define PROBES 10000
/* a lookup's own time, not its wait behind 49 others on two cores */
#define QUIET_CONNECTIONS 4
#define BASE_YEAR 1950
#define UNFILED_BASE_YEAR 1900
#define ANSWER "K7MP"

#define TARGET_THROUGHPUT_RATIO 0.8
#define TARGET_LOOKUP_P99_MS 20.0

static const char record_body[] =
    "{\"school\":\"清华大学\",\"major\":\"土木工程\",\"level\":\"21\",\"study_form\":\"1\","
    "\"duration\":4,\"enrolled_on\":\"2011-09-01\",\"graduated_on\":\"2015-07-01\","
    "\"conclusion\":\"1\",\"certificate_number\":\"100031201505001234\"}";

/* ---- the load generator: libcurl's multi interface ---- */

typedef struct
{
  guint n_requests;
  guint n_errors;
  double seconds;
  GArray *latencies; /* double, milliseconds */
} Run;

/* What a connection sends next; the load generator frees url and body. */
typedef struct
{
  char *url;
  char *body; /* NULL: a GET */
  struct curl_slist *headers;
} Request;

typedef gboolean (*NextRequestFunc) (guint slot, Request *request, gpointer user_data);

typedef struct
{
  guint index;
  Request request;
} Slot;

static size_t
discard_cb (char *ptr, size_t size, size_t nmemb, void *user_data)
{
  return size * nmemb;
}

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

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->latencies, g_array_unref);
  *run = (Run){ 0 };
}

static gboolean
prepare (CURL *easy, Slot *slot, NextRequestFunc next, gpointer user_data)
{
  g_clear_pointer (&slot->request.url, g_free);
  g_clear_pointer (&slot->request.body, g_free);
  if (!next (slot->index, &slot->request, user_data))
    return FALSE;
  curl_easy_setopt (easy, CURLOPT_URL, slot->request.url);
  curl_easy_setopt (easy, CURLOPT_HTTPHEADER, slot->request.headers);
  if (slot->request.body != NULL)
    curl_easy_setopt (easy, CURLOPT_POSTFIELDS, slot->request.body);
  else
    curl_easy_setopt (easy, CURLOPT_HTTPGET, 1L);
  return TRUE;
}

/* Sends what @next gives over @connections (at most CONNECTIONS)
 * connections until it gives no more; a 2xx answer counts as a success. */
static void
run_load (guint connections, NextRequestFunc next, gpointer user_data, Run *run)
{
  CURLM *multi = curl_multi_init ();
  CURL *handles[CONNECTIONS];
  Slot slots[CONNECTIONS] = { 0 };
  int running = 0;
  gint64 start;

  g_assert (connections <= CONNECTIONS);
  curl_multi_setopt (multi, CURLMOPT_MAXCONNECTS, (long) connections);
  curl_multi_setopt (multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long) connections);
  *run = (Run){ 0 };
  run->latencies = g_array_new (FALSE, FALSE, sizeof (double));
  start = g_get_monotonic_time ();
  for (guint i = 0; i < connections; i++)
    {
      slots[i].index = i;
      handles[i] = curl_easy_init ();
      curl_easy_setopt (handles[i], CURLOPT_WRITEFUNCTION, discard_cb);
      curl_easy_setopt (handles[i], CURLOPT_PRIVATE, &slots[i]);
      if (prepare (handles[i], &slots[i], next, user_data))
        curl_multi_add_handle (multi, handles[i]);
    }

  do
    {
      CURLMsg *msg;
      int queued;

      curl_multi_perform (multi, &running);
      while ((msg = curl_multi_info_read (multi, &queued)) != NULL)
        {
          CURL *easy = msg->easy_handle;
          Slot *slot = NULL;
          long status = 0;
          curl_off_t total = 0;
          double ms;

          if (msg->msg != CURLMSG_DONE)
            continue;
          curl_easy_getinfo (easy, CURLINFO_PRIVATE, (char **) &slot);
          curl_easy_getinfo (easy, CURLINFO_RESPONSE_CODE, &status);
          curl_easy_getinfo (easy, CURLINFO_TOTAL_TIME_T, &total);
          ms = total / 1000.0;
          g_array_append_val (run->latencies, ms);
          run->n_requests++;
          if (msg->data.result != CURLE_OK || status < 200 || status > 299)
            run->n_errors++;
          curl_multi_remove_handle (multi, easy);
          if (prepare (easy, slot, next, user_data))
            {
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
  for (guint i = 0; i < connections; i++)
    {
      curl_easy_cleanup (handles[i]);
      g_free (slots[i].request.url);
      g_free (slots[i].request.body);
    }
  curl_multi_cleanup (multi);
}

/* ---- what is sent ---- */

typedef struct
{
  char *token;
  char *session;
  struct curl_slist *headers;
} Kiosk;

typedef struct
{
  const char *backend;
  RegistryTestCluster *cluster;
  RegistryTestProcess *process;
  RegistryStorage *storage; /* for the size of a PostgreSQL database */
  char *db_url;
  char *spool;
  Kiosk loader; /* files everyone, asks for their state */
  Kiosk kiosks[SESSIONS];
  SoupSession *soup;
  GRand *rand;
  GHashTable *logged_in; /* seq + 1 of everyone logged in */
  guint filed;           /* people filed so far: 0 .. filed - 1 */
  guint target;          /* filing up to here */
  guint remaining;       /* requests left in a probe */
  char *bare_url;
} Bench;

static struct curl_slist *
kiosk_headers (const char *token, const char *session)
{
  g_autofree char *auth = g_strdup_printf ("Authorization: Bearer %s", token);
  struct curl_slist *headers = curl_slist_append (NULL, "Content-Type: application/json");

  headers = curl_slist_append (headers, auth);
  if (session != NULL)
    {
      g_autofree char *line = g_strdup_printf ("X-Session-Token: %s", session);
      headers = curl_slist_append (headers, line);
    }
  return headers;
}

static gboolean
next_batch_cb (guint slot, Request *request, gpointer user_data)
{
  Bench *bench = user_data;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) root = NULL;

  if (bench->filed >= bench->target)
    return FALSE;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < BATCH_SIZE && bench->filed < bench->target; i++)
    {
      guint seq = bench->filed++;
      g_autofree char *phone = registry_test_phone_number (seq);
      g_autoptr (CoreFiling) filing = registry_test_card_filing (BASE_YEAR, seq, phone);

      core_filing_set (filing, CORE_FILING_FIELD_NAME, "王小明");
      json_builder_add_value (builder, core_filing_to_json_node (filing));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  request->url = g_strdup_printf ("%s/v1/filings:batch", bench->process->base_url);
  request->body = json_to_string (root, FALSE);
  request->headers = bench->loader.headers;
  return TRUE;
}

static gboolean
next_lookup_cb (guint slot, Request *request, gpointer user_data)
{
  Bench *bench = user_data;
  g_autofree char *number = NULL;

  if (bench->remaining == 0)
    return FALSE;
  bench->remaining--;
  /* one in ten asks about someone never filed, as a first visit does */
  if (g_rand_int_range (bench->rand, 0, 10) == 0)
    number = registry_test_resident_number (UNFILED_BASE_YEAR,
                                            (guint) g_rand_int_range (bench->rand, 0, 100000));
  else
    number = registry_test_resident_number (
        BASE_YEAR, (guint) g_rand_int_range (bench->rand, 0, (gint32) bench->filed));
  request->url =
      g_strdup_printf ("%s/v1/persons/resident/%s/state", bench->process->base_url, number);
  request->headers = bench->loader.headers;
  return TRUE;
}

static gboolean
next_read_cb (guint slot, Request *request, gpointer user_data)
{
  Bench *bench = user_data;

  if (bench->remaining == 0)
    return FALSE;
  bench->remaining--;
  request->url = g_strdup_printf ("%s/v1/me/education", bench->process->base_url);
  request->headers = bench->kiosks[slot % SESSIONS].headers;
  return TRUE;
}

static gboolean
next_bare_cb (guint slot, Request *request, gpointer user_data)
{
  Bench *bench = user_data;

  if (bench->remaining == 0)
    return FALSE;
  bench->remaining--;
  request->url = g_strdup_printf ("%s/v1/me/education", bench->bare_url);
  request->headers = bench->kiosks[slot % SESSIONS].headers;
  return TRUE;
}

/* ---- one size of the ladder ---- */

/* A kind of request under load (CONNECTIONS at once: throughput, and the
 * latency when the registry is saturated) and nearly alone
 * (QUIET_CONNECTIONS: the latency a kiosk sees on an ordinary day). */
typedef struct
{
  Run loaded;
  Run quiet;
} Probe;

typedef struct
{
  guint persons;
  double db_bytes;
  double wal_bytes;
  double filings_per_s;
  double batch_p99;
  Probe lookups;
  Probe reads;
  Probe bare;
  double rss_mib;
  double peak_mib;
} Step;

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

static double
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (double) st.st_size : 0;
}

/* The database's bytes on disk: SQLite's file, PostgreSQL's
 * pg_database_size (tables, indexes, TOAST); and SQLite's WAL apart (0 for
 * PostgreSQL, whose WAL belongs to the cluster). */
static double
database_bytes (Bench *bench, double *out_wal_bytes)
{
  g_autofree char *wal = NULL;
  const char *path;

  *out_wal_bytes = 0;
  if (registry_test_cluster_is_postgres (bench->cluster))
    return (double) registry_test_count (bench->storage,
                                         "SELECT pg_database_size(current_database())");
  path = bench->db_url + strlen ("sqlite:");
  wal = g_strconcat (path, "-wal", NULL);
  *out_wal_bytes = file_size (wal);
  return file_size (path);
}

/* Logs a practitioner in at each kiosk, people not logged in before, and
 * gives each RECORDS_PER_PERSON education records. */
static void
open_sessions (Bench *bench)
{
  for (guint i = 0; i < SESSIONS; i++)
    {
      Kiosk *kiosk = &bench->kiosks[i];
      g_autofree char *number = NULL;
      g_autofree char *phone = NULL;
      guint seq;

      /* anyone filed so far, but never twice: a phone gets one code a minute */
      do
        seq = (guint) g_rand_int_range (bench->rand, 0, (gint32) bench->filed);
      while (!g_hash_table_add (bench->logged_in, GUINT_TO_POINTER (seq + 1)));
      number = registry_test_resident_number (BASE_YEAR, seq);
      phone = registry_test_phone_number (seq);
      g_free (kiosk->session);
      kiosk->session = registry_test_person_session (bench->soup, bench->process, kiosk->token,
                                                     bench->spool, ANSWER, number, phone);
      g_clear_pointer (&kiosk->headers, curl_slist_free_all);
      kiosk->headers = kiosk_headers (kiosk->token, kiosk->session);
      for (guint r = 0; r < RECORDS_PER_PERSON; r++)
        {
          g_autoptr (RegistryTestReply) reply = registry_test_request_session (
              bench->soup, bench->process, "POST", "/v1/me/education", kiosk->token, kiosk->session,
              record_body);
          if (reply->status != 201)
            g_error ("POST /v1/me/education: %u %s", reply->status, reply->body);
        }
    }
}

static void
probe (Bench *bench, NextRequestFunc next, Probe *probe)
{
  bench->remaining = PROBES;
  run_load (CONNECTIONS, next, bench, &probe->loaded);
  bench->remaining = PROBES / 4;
  run_load (QUIET_CONNECTIONS, next, bench, &probe->quiet);
}

static void
probe_clear (Probe *probe)
{
  run_clear (&probe->loaded);
  run_clear (&probe->quiet);
}

static void
measure_step (Bench *bench, guint size, Step *step)
{
  Run filings = { 0 };
  guint window = MAX (size / 10, MIN (size, 5000));

  /* fill up to the window untimed, then time the last tenth */
  if (bench->filed + window < size)
    {
      bench->target = size - window;
      run_load (CONNECTIONS, next_batch_cb, bench, &filings);
      run_clear (&filings);
    }
  bench->target = size;
  {
    guint from = bench->filed;

    run_load (CONNECTIONS, next_batch_cb, bench, &filings);
    step->filings_per_s = (bench->filed - from) / filings.seconds;
    step->batch_p99 = percentile (filings.latencies, 99);
    if (filings.n_errors > 0)
      g_printerr ("%s: %u batches refused\n", bench->backend, filings.n_errors);
    run_clear (&filings);
  }
  step->persons = bench->filed;

  open_sessions (bench);
  /* the yardstick first, closest in time to the filings it measures */
  probe (bench, next_bare_cb, &step->bare);
  probe (bench, next_lookup_cb, &step->lookups);
  probe (bench, next_read_cb, &step->reads);

  step->db_bytes = database_bytes (bench, &step->wal_bytes);
  step->rss_mib = read_status_kb (bench->process->pid, "VmRSS:") / 1024.0;
  step->peak_mib = read_status_kb (bench->process->pid, "VmHWM:") / 1024.0;
}

static double
rate (Run *run)
{
  return run->n_requests / run->seconds;
}

static double
p99 (Run *run)
{
  return percentile (run->latencies, 99);
}

static void
print_probe (const char *backend, guint persons, const char *what, Probe *probe, Probe *bare)
{
  double rate_loaded = rate (&probe->loaded);

  printf ("%s-%u-%s: %.0f requests/s (%.2f of the bare server; %u errors)\n", backend, persons,
          what, rate_loaded, rate_loaded / rate (&bare->loaded),
          probe->loaded.n_errors + probe->quiet.n_errors);
  printf ("%s-%u-%s-p99: %.2f ms at %d connections (%.2f x the bare server; p50 %.2f ms)%s\n",
          backend, persons, what, p99 (&probe->quiet), QUIET_CONNECTIONS,
          p99 (&probe->quiet) / p99 (&bare->quiet), percentile (probe->quiet.latencies, 50),
          g_str_equal (what, "lookups") ? " (target < 20 ms)" : "");
  printf ("%s-%u-%s-p99-loaded: %.2f ms at %d connections (%.2f x the bare server)\n", backend,
          persons, what, p99 (&probe->loaded), CONNECTIONS,
          p99 (&probe->loaded) / p99 (&bare->loaded));
}

static void
print_step (const char *backend, Step *step)
{
  double bare = rate (&step->bare.loaded);

  printf ("%s-%u-bare-libsoup: %.0f requests/s (p99 %.2f ms at %d connections, %.2f ms at %d)\n",
          backend, step->persons, bare, p99 (&step->bare.loaded), CONNECTIONS,
          p99 (&step->bare.quiet), QUIET_CONNECTIONS);
  printf ("%s-%u-batched-filings: %.0f filings/s (%.2f filings per bare request; batch p99 "
          "%.1f ms)\n",
          backend, step->persons, step->filings_per_s, step->filings_per_s / bare, step->batch_p99);
  print_probe (backend, step->persons, "lookups", &step->lookups, &step->bare);
  print_probe (backend, step->persons, "practice-reads", &step->reads, &step->bare);
  printf ("%s-%u-database: %.1f MiB (%.0f bytes per person; WAL %.1f MiB besides)\n", backend,
          step->persons, step->db_bytes / 1048576.0, step->db_bytes / step->persons,
          step->wal_bytes / 1048576.0);
  printf ("%s-%u-server-rss: %.1f MiB (peak %.1f MiB)\n", backend, step->persons, step->rss_mib,
          step->peak_mib);
  fflush (stdout);
}

static void
write_table (const char *path, Step *steps, guint n_steps)
{
  g_autoptr (GString) out = g_string_new (
      "# persons\tdb_mib\tfilings_per_s\tlookups_per_s\tlookup_p99_ms\tlookup_p99_loaded_ms"
      "\treads_per_s\tread_p99_ms\tread_p99_loaded_ms\tbare_per_s\tbare_p99_ms"
      "\tbare_p99_loaded_ms\trss_mib\twal_mib\n");
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < n_steps; i++)
    g_string_append_printf (
        out, "%u\t%.2f\t%.1f\t%.1f\t%.3f\t%.3f\t%.1f\t%.3f\t%.3f\t%.1f\t%.3f\t%.3f\t%.1f\t%.1f\n",
        steps[i].persons, steps[i].db_bytes / 1048576.0, steps[i].filings_per_s,
        rate (&steps[i].lookups.loaded), p99 (&steps[i].lookups.quiet),
        p99 (&steps[i].lookups.loaded), rate (&steps[i].reads.loaded), p99 (&steps[i].reads.quiet),
        p99 (&steps[i].reads.loaded), rate (&steps[i].bare.loaded), p99 (&steps[i].bare.quiet),
        p99 (&steps[i].bare.loaded), steps[i].rss_mib, steps[i].wal_bytes / 1048576.0);
  if (!g_file_set_contents (path, out->str, (gssize) out->len, &error))
    g_printerr ("%s\n", error->message);
}

static void
bench_backend (const char *backend, GArray *sizes, const char *output_dir)
{
  Bench bench = { .backend = backend };
  g_autofree char *spool_arg = NULL;
  g_autofree char *list_body = NULL;
  g_autofree char *table = NULL;
  g_autoptr (GBytes) bare_body = NULL;
  g_autoptr (GError) error = NULL;
  BenchBareServer *bare;
  Step *steps = g_new0 (Step, sizes->len);
  Step *first, *last;

  g_setenv ("REGISTRY_TEST_BACKEND", backend, TRUE);
  bench.cluster = registry_test_cluster_start ();
  bench.db_url = registry_test_cluster_new_database (bench.cluster);
  bench.spool = g_build_filename (registry_test_cluster_get_dir (bench.cluster), "spool", NULL);
  g_mkdir_with_parents (bench.spool, 0700);
  spool_arg = g_strconcat ("spool:", bench.spool, NULL);
  bench.loader.token = registry_test_enroll_device (bench.db_url, "loader");
  bench.loader.headers = kiosk_headers (bench.loader.token, NULL);
  for (guint i = 0; i < SESSIONS; i++)
    {
      g_autofree char *name = g_strdup_printf ("kiosk-%u", i);
      bench.kiosks[i].token = registry_test_enroll_device (bench.db_url, name);
    }
  bench.process = registry_test_process_start (
      bench.cluster, bench.db_url,
      (const char *const[]){ "--sms", spool_arg, "--test-captcha-answer", ANSWER, NULL });
  if (registry_test_cluster_is_postgres (bench.cluster))
    {
      bench.storage = registry_storage_open (bench.db_url, &error);
      g_assert_no_error (error);
    }
  bench.soup = soup_session_new ();
  bench.rand = g_rand_new_with_seed (18);
  bench.logged_in = g_hash_table_new (NULL, NULL);

  /* the bare server answers what a practitioner's list answers */
  bench.target = MIN (100, g_array_index (sizes, guint, 0));
  {
    Run warm = { 0 };
    g_autoptr (RegistryTestReply) reply = NULL;

    run_load (CONNECTIONS, next_batch_cb, &bench, &warm);
    run_clear (&warm);
    open_sessions (&bench);
    reply = registry_test_request_session (bench.soup, bench.process, "GET", "/v1/me/education",
                                           bench.kiosks[0].token, bench.kiosks[0].session, NULL);
    list_body = g_strdup (reply->body);
  }
  bare_body = g_bytes_new (list_body, strlen (list_body));
  bare = bench_bare_server_start (bare_body);
  bench.bare_url = g_strdup (bench_bare_server_get_url (bare));

  for (guint i = 0; i < sizes->len; i++)
    {
      measure_step (&bench, g_array_index (sizes, guint, i), &steps[i]);
      print_step (backend, &steps[i]);
    }

  first = &steps[0];
  last = &steps[sizes->len - 1];
  /* compared as ratios to the bare server of the same moment, so that
   * another program's load on the machine does not pass for growth */
  printf ("%s-throughput-kept: %.2f (filings/s at %u over at %u, each per bare request: %.2f "
          "as measured; target >= %.2f)\n",
          backend,
          (last->filings_per_s / rate (&last->bare.loaded)) /
              (first->filings_per_s / rate (&first->bare.loaded)),
          last->persons, first->persons, last->filings_per_s / first->filings_per_s,
          TARGET_THROUGHPUT_RATIO);
  printf ("%s-lookup-p99-at-largest: %.2f ms at %u persons (target < %.0f ms)\n", backend,
          p99 (&last->lookups.quiet), last->persons, TARGET_LOOKUP_P99_MS);
  printf ("%s-rss-growth: %+.1f MiB from %u to %u persons (target: flat)\n", backend,
          last->rss_mib - first->rss_mib, first->persons, last->persons);
  fflush (stdout);

  table = g_strdup_printf ("%s/registry-growth-%s.tsv", output_dir, backend);
  write_table (table, steps, sizes->len);

  for (guint i = 0; i < sizes->len; i++)
    {
      probe_clear (&steps[i].lookups);
      probe_clear (&steps[i].reads);
      probe_clear (&steps[i].bare);
    }
  g_free (steps);
  bench_bare_server_stop (bare);
  for (guint i = 0; i < SESSIONS; i++)
    {
      g_free (bench.kiosks[i].token);
      g_free (bench.kiosks[i].session);
      curl_slist_free_all (bench.kiosks[i].headers);
    }
  g_free (bench.loader.token);
  curl_slist_free_all (bench.loader.headers);
  g_clear_object (&bench.storage);
  g_clear_object (&bench.soup);
  g_rand_free (bench.rand);
  g_hash_table_unref (bench.logged_in);
  registry_test_process_stop (bench.process);
  registry_test_cluster_stop (bench.cluster);
  g_free (bench.db_url);
  g_free (bench.spool);
  g_free (bench.bare_url);
}

/* Throughput and p99 of both backends against the database's size. */
static void
plot (const char *output_dir, char **backends)
{
  g_autoptr (GString) script = g_string_new (NULL);
  g_autofree char *script_path = g_build_filename (output_dir, "registry-growth.gp", NULL);
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_string_append_printf (
      script,
      "set terminal pngcairo size 1100,480 font 'DejaVu Sans,10'\n"
      "set output '%s/registry-growth.png'\n"
      "set datafile separator '\\t'\n"
      "set multiplot layout 1,2\n"
      "set logscale x\nset grid\nset key below\n"
      "set xlabel 'database size (MiB, log scale)'\n"
      "set ylabel 'batched filings/s'\nset yrange [0:*]\n"
      "set y2label 'filings per bare request (dashed)'\nset y2range [0:*]\nset y2tics\n"
      "set title 'batched filings (batches of 100, 50 connections)'\n"
      "plot ",
      output_dir);
  for (guint i = 0; backends[i] != NULL; i++)
    g_string_append_printf (script,
                            "%s'%s/registry-growth-%s.tsv' using 2:3 with linespoints lw 2 lc %u"
                            " title '%s', '' using 2:($3/$10) axes x1y2 with linespoints lw 1"
                            " dt 2 lc %u notitle",
                            i > 0 ? ", " : "", output_dir, backends[i], i + 1, backends[i], i + 1);
  g_string_append (script, "\nunset y2label\nunset y2tics\nset logscale y\nset yrange [*:*]\n"
                           "set ylabel 'p99 (ms, log scale)'\n"
                           "set title 'p99 at 4 connections (dotted: lookups at 50)'\n"
                           "set arrow from graph 0, first 20 to graph 1, first 20 nohead dt 2\n"
                           "plot ");
  for (guint i = 0; backends[i] != NULL; i++)
    g_string_append_printf (
        script,
        "%s'%s/registry-growth-%s.tsv' using 2:5 with linespoints lw 2 lc %u pt 7"
        " title '%s lookup', '' using 2:8 with linespoints lw 2 lc %u pt 5"
        " title '%s practice read', '' using 2:6 with linespoints lw 1 dt 3 lc %u pt 7"
        " notitle",
        i > 0 ? ", " : "", output_dir, backends[i], i + 1, backends[i], i + 1, backends[i], i + 1);
  g_string_append (script, "\nunset multiplot\n");
  if (!g_file_set_contents (script_path, script->str, (gssize) script->len, &error) ||
      !g_spawn_sync (NULL, (char *[]){ "gnuplot", script_path, NULL }, NULL, G_SPAWN_SEARCH_PATH,
                     NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      printf ("plot: not drawn (%s)\n", error->message);
      return;
    }
  printf ("plot: %s/registry-growth.png\n", output_dir);
}

int
main (int argc, char **argv)
{
  const char *sizes_text = g_getenv ("REGISTRY_GROWTH_SIZES");
  const char *backends_text = g_getenv ("REGISTRY_GROWTH_BACKENDS");
  const char *output_dir = g_getenv ("REGISTRY_GROWTH_OUTPUT");
  g_auto (GStrv) size_words = g_strsplit (sizes_text != NULL ? sizes_text : "10000,100000", ",", 0);
  g_auto (GStrv) backends =
      g_strsplit (backends_text != NULL ? backends_text : "sqlite,postgresql", ",", 0);
  g_autoptr (GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *cwd = g_get_current_dir ();

  for (guint i = 0; size_words[i] != NULL; i++)
    {
      guint64 size = 0;

      if (!g_ascii_string_to_unsigned (size_words[i], 10, 1000, 10000000, &size, NULL) ||
          (sizes->len > 0 && size <= g_array_index (sizes, guint, sizes->len - 1)))
        g_error ("REGISTRY_GROWTH_SIZES: rising sizes from 1000 to 10000000, comma-separated");
      g_array_append_val (sizes, (guint){ (guint) size });
    }
  if (output_dir == NULL)
    output_dir = cwd;

  /* the registry as in production: no debug line for every request */
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
  curl_global_init (CURL_GLOBAL_DEFAULT);
  for (guint i = 0; backends[i] != NULL; i++)
    bench_backend (backends[i], sizes, output_dir);
  curl_global_cleanup ();
  plot (output_dir, backends);
  return 0;
}
