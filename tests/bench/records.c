/* records.c: practice-information records under load, on a real registry process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each backend (SQLite, then a throwaway PostgreSQL cluster): 50 kiosks,
 * each with its own practitioner's session, drive 50 concurrent keep-alive
 * connections (libcurl's multi interface) that list a section of 10
 * education records, read one record, and update one record (each session
 * its own, so every update is current). Each figure is also given as a
 * ratio to a bare libsoup server in this process answering a fixed JSON
 * body of the list's size over the same connections, in the same run: how
 * much of the machine's HTTP throughput the registry keeps. Prints
 * `figure: VALUE UNIT (target …)` lines; asserts nothing about speed.
 * REGISTRY_RECORDS_BACKENDS (default sqlite,postgresql) picks the backends.
 */

#include "config.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "bench-bare-server.h"
#include "registry-test-util.h"

#define SESSIONS 50
#define RECORDS_PER_PERSON 10
#define ANSWER "K7MP"

static const char record_body[] =
    "{\"school\":\"清华大学\",\"major\":\"土木工程\",\"level\":\"21\",\"study_form\":\"1\","
    "\"duration\":4,\"enrolled_on\":\"2011-09-01\",\"graduated_on\":\"2015-07-01\","
    "\"conclusion\":\"1\",\"certificate_number\":\"100031201505001234\"}";

typedef struct
{
  char *token;
  char *session;
  gint64 record_id;
  gint64 version;
} Kiosk;

typedef enum
{
  OP_LIST,
  OP_READ,
  OP_UPDATE,
} Op;

typedef struct
{
  guint n_requests;
  guint n_errors;
  double seconds;
  GArray *latencies; /* double, milliseconds */
} Run;

typedef struct
{
  Kiosk *kiosk;
  struct curl_slist *headers;
  char *url;
  char *body;
  GString *answer;
} Slot;

static size_t
keep_cb (char *ptr, size_t size, size_t nmemb, void *user_data)
{
  g_string_append_len (user_data, ptr, (gssize) (size * nmemb));
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

/* Points @slot's handle at the next request of its kiosk. */
static void
prepare (CURL *easy, Slot *slot, const char *base_url, Op op)
{
  Kiosk *kiosk = slot->kiosk;

  g_free (slot->url);
  g_clear_pointer (&slot->body, g_free);
  g_string_truncate (slot->answer, 0);
  if (op == OP_LIST)
    slot->url = g_strdup_printf ("%s/v1/me/education", base_url);
  else
    slot->url =
        g_strdup_printf ("%s/v1/me/education/%" G_GINT64_FORMAT, base_url, kiosk->record_id);
  curl_easy_setopt (easy, CURLOPT_URL, slot->url);
  if (op == OP_UPDATE)
    {
      slot->body =
          g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",%s", kiosk->version, record_body + 1);
      curl_easy_setopt (easy, CURLOPT_CUSTOMREQUEST, "PUT");
      curl_easy_setopt (easy, CURLOPT_POSTFIELDS, slot->body);
    }
  else
    curl_easy_setopt (easy, CURLOPT_HTTPGET, 1L);
}

/* @n_requests requests of @op over SESSIONS keep-alive connections, each
 * connection one kiosk's. */
static void
run_load (const char *base_url, Kiosk *kiosks, Op op, guint n_requests, Run *run)
{
  CURLM *multi = curl_multi_init ();
  CURL *handles[SESSIONS];
  Slot slots[SESSIONS];
  guint started = 0;
  int running = 0;
  gint64 start;

  curl_multi_setopt (multi, CURLMOPT_MAXCONNECTS, (long) SESSIONS);
  curl_multi_setopt (multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long) SESSIONS);
  run->latencies = g_array_new (FALSE, FALSE, sizeof (double));
  start = g_get_monotonic_time ();
  for (guint i = 0; i < SESSIONS; i++)
    {
      g_autofree char *auth = g_strdup_printf ("Authorization: Bearer %s", kiosks[i].token);
      g_autofree char *session = g_strdup_printf ("X-Session-Token: %s", kiosks[i].session);

      slots[i] = (Slot){ &kiosks[i], NULL, NULL, NULL, g_string_new (NULL) };
      slots[i].headers = curl_slist_append (NULL, "Content-Type: application/json");
      slots[i].headers = curl_slist_append (slots[i].headers, auth);
      slots[i].headers = curl_slist_append (slots[i].headers, session);
      handles[i] = curl_easy_init ();
      curl_easy_setopt (handles[i], CURLOPT_HTTPHEADER, slots[i].headers);
      curl_easy_setopt (handles[i], CURLOPT_WRITEFUNCTION, keep_cb);
      curl_easy_setopt (handles[i], CURLOPT_WRITEDATA, slots[i].answer);
      curl_easy_setopt (handles[i], CURLOPT_PRIVATE, &slots[i]);
      if (started < n_requests)
        {
          prepare (handles[i], &slots[i], base_url, op);
          curl_multi_add_handle (multi, handles[i]);
          started++;
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
          if (msg->data.result != CURLE_OK || status != 200)
            run->n_errors++;
          else if (op == OP_UPDATE)
            slot->kiosk->version++;
          curl_multi_remove_handle (multi, easy);
          if (started < n_requests)
            {
              prepare (easy, slot, base_url, op);
              curl_multi_add_handle (multi, easy);
              started++;
              running++;
            }
        }
      if (running > 0)
        curl_multi_poll (multi, NULL, 0, 100, NULL);
    }
  while (running > 0);

  run->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_array_sort (run->latencies, compare_double);
  for (guint i = 0; i < SESSIONS; i++)
    {
      curl_easy_cleanup (handles[i]);
      curl_slist_free_all (slots[i].headers);
      g_free (slots[i].url);
      g_free (slots[i].body);
      g_string_free (slots[i].answer, TRUE);
    }
  curl_multi_cleanup (multi);
}

/* ---- the bare server: libsoup answering a fixed body ---- */

/* Throughput of a libsoup server on one thread answering @body to GETs
 * from the same load generator: the machine's ceiling for this shape. */
static double
bare_throughput (Kiosk *kiosks, GBytes *body, guint n_requests, double *out_p99)
{
  BenchBareServer *bare = bench_bare_server_start (body);
  g_autofree char *url = g_strdup (bench_bare_server_get_url (bare));
  Run run = { 0 };
  Run warm = { 0 };

  run_load (url, kiosks, OP_LIST, n_requests / 4, &warm);
  run_load (url, kiosks, OP_LIST, n_requests, &run);

  bench_bare_server_stop (bare);
  *out_p99 = percentile (run.latencies, 99);
  g_array_unref (warm.latencies);
  g_array_unref (run.latencies);
  return run.n_requests / run.seconds;
}

/* ---- the registry ---- */

static void
report (const char *backend, const char *what, Run *run, double bare)
{
  double rate = run->n_requests / run->seconds;

  printf ("%s-records-%s: %.0f requests/s (target >= 2000; %.2f of the bare server;"
          " %u requests, %u errors)\n",
          backend, what, rate, rate / bare, run->n_requests, run->n_errors);
  printf ("%s-records-%s-p50: %.2f ms\n", backend, what, percentile (run->latencies, 50));
  printf ("%s-records-%s-p99: %.2f ms (target < 50 ms)\n", backend, what,
          percentile (run->latencies, 99));
}

static void
bench_backend (const char *backend, guint n_requests)
{
  g_autoptr (SoupSession) soup = soup_session_new ();
  RegistryTestCluster *cluster;
  RegistryTestProcess *process;
  Kiosk kiosks[SESSIONS];
  g_autofree char *url = NULL;
  g_autofree char *spool = NULL;
  g_autofree char *spool_arg = NULL;
  g_autofree char *list_body = NULL;
  g_autoptr (GBytes) bare_body = NULL;
  Run list = { 0 }, read = { 0 }, update = { 0 }, warm = { 0 };
  double bare, bare_p99;

  g_setenv ("REGISTRY_TEST_BACKEND", backend, TRUE);
  cluster = registry_test_cluster_start ();
  url = registry_test_cluster_new_database (cluster);
  spool = g_build_filename (registry_test_cluster_get_dir (cluster), "spool", NULL);
  g_mkdir_with_parents (spool, 0700);
  spool_arg = g_strconcat ("spool:", spool, NULL);
  {
    const char *args[] = { "--sms", spool_arg, "--test-captcha-answer", ANSWER, NULL };
    process = registry_test_process_start (cluster, url, args);
  }

  /* 50 kiosks, a person logged in at each, 10 records each */
  for (guint i = 0; i < SESSIONS; i++)
    {
      g_autofree char *name = g_strdup_printf ("kiosk-%u", i);
      g_autofree char *phone = registry_test_phone_number (7000 + i);
      g_autofree char *number = registry_test_resident_number (1970, i);

      kiosks[i].token = registry_test_enroll_device (url, name);
      registry_test_file_person (soup, process, kiosks[i].token, 1970, i, phone);
      kiosks[i].session = registry_test_person_session (soup, process, kiosks[i].token, spool,
                                                        ANSWER, number, phone);
      for (guint r = 0; r < RECORDS_PER_PERSON; r++)
        {
          g_autoptr (RegistryTestReply) reply =
              registry_test_request_session (soup, process, "POST", "/v1/me/education",
                                             kiosks[i].token, kiosks[i].session, record_body);
          if (reply->status != 201)
            g_error ("POST /v1/me/education: %u %s", reply->status, reply->body);
          kiosks[i].record_id = registry_test_json_int (reply->json, "id");
          kiosks[i].version = 1;
        }
      if (i == 0)
        {
          g_autoptr (RegistryTestReply) reply = registry_test_request_session (
              soup, process, "GET", "/v1/me/education", kiosks[i].token, kiosks[i].session, NULL);
          list_body = g_strdup (reply->body);
        }
    }

  bare_body = g_bytes_new (list_body, strlen (list_body));
  bare = bare_throughput (kiosks, bare_body, n_requests, &bare_p99);

  run_load (process->base_url, kiosks, OP_LIST, n_requests / 4, &warm);
  run_load (process->base_url, kiosks, OP_LIST, n_requests, &list);
  run_load (process->base_url, kiosks, OP_READ, n_requests, &read);
  run_load (process->base_url, kiosks, OP_UPDATE, n_requests / 2, &update);

  printf ("%s-bare-libsoup: %.0f requests/s (a fixed %" G_GSIZE_FORMAT "-byte body; p99 %.2f ms)\n",
          backend, bare, g_bytes_get_size (bare_body), bare_p99);
  report (backend, "list", &list, bare);
  report (backend, "read", &read, bare);
  report (backend, "update", &update, bare);
  fflush (stdout);

  g_array_unref (warm.latencies);
  g_array_unref (list.latencies);
  g_array_unref (read.latencies);
  g_array_unref (update.latencies);
  for (guint i = 0; i < SESSIONS; i++)
    {
      g_free (kiosks[i].token);
      g_free (kiosks[i].session);
    }
  registry_test_process_stop (process);
  registry_test_cluster_stop (cluster);
}

int
main (int argc, char **argv)
{
  guint n_requests = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 20000;

  const char *backends_text = g_getenv ("REGISTRY_RECORDS_BACKENDS");
  g_auto (GStrv) backends =
      g_strsplit (backends_text != NULL ? backends_text : "sqlite,postgresql", ",", -1);

  curl_global_init (CURL_GLOBAL_DEFAULT);
  for (guint i = 0; backends[i] != NULL; i++)
    bench_backend (backends[i], n_requests);
  curl_global_cleanup ();
  return 0;
}
