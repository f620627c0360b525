/* test-registry.c: the registry as a real process over loopback, on SQLite
 * or on a throwaway PostgreSQL cluster (REGISTRY_TEST_BACKEND)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core-filing.h"
#include "registry-storage-private.h"
#include "registry-test-util.h"

static RegistryTestCluster *cluster;

typedef struct
{
  char *url;
  RegistryTestProcess *process;
  RegistryStorage *storage;
  SoupSession *session;
  char *token;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->url = registry_test_cluster_new_database (cluster);
  fx->token = registry_test_enroll_device (fx->url, "kiosk-1");
  fx->process = registry_test_process_start (cluster, fx->url, NULL);
  fx->storage = registry_storage_open (fx->url, &error);
  g_assert_no_error (error);
  fx->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->session);
  g_clear_object (&fx->storage);
  if (fx->process != NULL)
    registry_test_process_stop (fx->process);
  g_free (fx->token);
  g_free (fx->url);
}

/* A valid resident ID number: 17 digits (with a real birth date) and the
 * GB 11643 check character computed by the shared rules. */
static char *
resident_number (guint seq)
{
  return registry_test_resident_number (1980, seq);
}

static CoreFiling *
card_filing (guint seq, const char *phone)
{
  CoreFiling *filing = registry_test_card_filing (1980, seq, phone);

  /* the raw photo bytes a card gives */
  core_filing_set (filing, CORE_FILING_FIELD_PHOTO_WLT, "V0xUAAECAwQ=");
  return filing;
}

static RegistryTestReply *
post_filing (Fixture *fx, CoreFiling *filing)
{
  return registry_test_post_filing (fx->session, fx->process, fx->token, filing);
}

static void
assert_error (RegistryTestReply *reply, guint status, const char *code)
{
  if (reply->status != status)
    g_test_message ("body: %s", reply->body);
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_nonnull (reply->json);
  g_assert_cmpstr (registry_test_json_string (reply->json, "error.code"), ==, code);
  g_assert_nonnull (registry_test_json_string (reply->json, "error.message"));
}

static gint64
count (Fixture *fx, const char *sql)
{
  return registry_test_count (fx->storage, sql);
}

/* ---- health and authentication ---- */

static void
test_health (Fixture *fx, gconstpointer data)
{
  g_autoptr (RegistryTestReply) reply =
      registry_test_request (fx->session, fx->process, "GET", "/v1/health", NULL, NULL, 0);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (reply->json, "status"), ==, "ok");
  g_assert_cmpstr (registry_test_json_string (reply->json, "version"), ==, PACKAGE_VERSION);
  g_assert_true (registry_test_json_bool (reply->json, "database"));
}

static void
test_auth (Fixture *fx, gconstpointer data)
{
  g_autoptr (CoreFiling) filing = card_filing (1, NULL);
  g_autofree char *json = core_filing_to_json (filing);
  g_autofree char *second = registry_test_enroll_device (fx->url, "kiosk-2");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *bad = g_strnfill (64, 'a');
  const char *const paths[] = { "/v1/filings", "/v1/filings:batch", NULL };
  RegistryTestReply *reply;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      /* missing, malformed, unknown */
      reply = registry_test_request (fx->session, fx->process, "POST", paths[i], NULL, json, -1);
      assert_error (reply, 401, "unauthorized");
      registry_test_reply_free (reply);
      reply = registry_test_request (fx->session, fx->process, "POST", paths[i], "short", json, -1);
      assert_error (reply, 401, "unauthorized");
      registry_test_reply_free (reply);
      reply = registry_test_request (fx->session, fx->process, "POST", paths[i], bad, json, -1);
      assert_error (reply, 401, "unauthorized");
      registry_test_reply_free (reply);
    }
  reply = registry_test_request (fx->session, fx->process, "GET",
                                 "/v1/persons/resident/110105198001010019/state", NULL, NULL, 0);
  assert_error (reply, 401, "unauthorized");
  registry_test_reply_free (reply);

  /* a second device works until it is revoked */
  reply = registry_test_request (fx->session, fx->process, "POST", "/v1/filings", second, json, -1);
  g_assert_cmpuint (reply->status, ==, 201);
  registry_test_reply_free (reply);
  g_assert_cmpint (
      registry_test_run_cli (fx->url, (const char *[]){ "admin", "revoke-device", "kiosk-2", NULL },
                             NULL, NULL, NULL),
      ==, 0);
  reply = registry_test_request (fx->session, fx->process, "POST", "/v1/filings", second, json, -1);
  assert_error (reply, 401, "unauthorized");
  registry_test_reply_free (reply);
  /* the first device is unaffected */
  reply =
      registry_test_request (fx->session, fx->process, "POST", "/v1/filings", fx->token, json, -1);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);

  /* revoking twice or an unknown device fails; the list shows both */
  g_assert_cmpint (
      registry_test_run_cli (fx->url, (const char *[]){ "admin", "revoke-device", "kiosk-2", NULL },
                             NULL, NULL, NULL),
      ==, 1);
  g_assert_cmpint (
      registry_test_run_cli (fx->url, (const char *[]){ "admin", "enroll-device", "kiosk-1", NULL },
                             NULL, NULL, NULL),
      ==, 1);
  g_assert_cmpint (registry_test_run_cli (fx->url,
                                          (const char *[]){ "admin", "list-devices", NULL }, NULL,
                                          &out, &err),
                   ==, 0);
  g_assert_nonnull (strstr (out, "kiosk-1\t"));
  g_assert_nonnull (strstr (out, "kiosk-2\t"));
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = 'device.revoke'"
                              " AND detail = 'kiosk-2'"),
                   ==, 1);
  /* only hashes are stored */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM devices WHERE token_hash = 'x'"), ==, 0);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM devices WHERE token_hash = '%s'"
                                            " OR token_hash = '%s'",
                                            fx->token, second);
    g_assert_cmpint (count (fx, sql), ==, 0);
  }
}

/* ---- filings ---- */

static void
test_filing_create (Fixture *fx, gconstpointer data)
{
  g_autoptr (CoreFiling) filing = card_filing (2, "13800138000");
  g_autoptr (RegistryTestReply) reply = post_filing (fx, filing);
  g_autoptr (RegistryRows) rows = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_cmpstr (registry_test_json_string (reply->json, "filing_id"), ==,
                   core_filing_get_filing_id (filing));
  g_assert_true (g_uuid_string_is_valid (registry_test_json_string (reply->json, "person_id")));
  g_assert_cmpstr (registry_test_json_string (reply->json, "state"), ==, "enabled");
  g_assert_true (registry_test_json_bool (reply->json, "phone_usable"));

  registry_storage_query (fx->storage,
                          "SELECT p.person_id, p.name, p.doc_number, f.source, f.phone,"
                          " f.photo_wlt, p.version FROM persons p JOIN filings f"
                          " ON f.person_id = p.person_id",
                          NULL, 0, &rows, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->n_rows, ==, 1);
  g_assert_cmpstr (registry_rows_get (rows, 0, 0), ==,
                   registry_test_json_string (reply->json, "person_id"));
  g_assert_cmpstr (registry_rows_get (rows, 0, 1), ==, "张三");
  g_assert_cmpstr (registry_rows_get (rows, 0, 2), ==, core_filing_get_doc_number (filing));
  g_assert_cmpstr (registry_rows_get (rows, 0, 3), ==, "card");
  g_assert_cmpstr (registry_rows_get (rows, 0, 4), ==, "13800138000");
  g_assert_cmpstr (registry_rows_get (rows, 0, 5), ==, "V0xUAAECAwQ=");
  g_assert_cmpint (registry_rows_get_int (rows, 0, 6), ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM login_phones WHERE phone = '13800138000'"), ==,
                   1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = 'filing.accept'"), ==,
                   1);
}

static CoreFiling *
manual_filing (const char *doc_number, const char *staff_session)
{
  CoreFiling *filing = core_filing_new ();
  g_autofree char *id = g_uuid_string_random ();

  core_filing_set (filing, CORE_FILING_FIELD_FILING_ID, id);
  core_filing_set (filing, CORE_FILING_FIELD_SOURCE, "manual");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_TYPE, "passport");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_NUMBER, doc_number);
  core_filing_set (filing, CORE_FILING_FIELD_NAME_EN, "JOHN SMITH");
  core_filing_set (filing, CORE_FILING_FIELD_NATIONALITY, "GBR");
  core_filing_set (filing, CORE_FILING_FIELD_SEX, "男");
  core_filing_set (filing, CORE_FILING_FIELD_BIRTH_DATE, "1970-01-01");
  core_filing_set (filing, CORE_FILING_FIELD_STAFF_SESSION, staff_session);
  core_filing_set_original_checked (filing, TRUE);
  return filing;
}

/* R-2.1b: the filing records the staff account its staff session stands
 * for, never a name the kiosk wrote. */
static void
test_filing_manual (Fixture *fx, gconstpointer data)
{
  g_autoptr (CoreFiling) filing = core_filing_new ();
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr (RegistryTestReply) reply = NULL;
  g_autofree char *staff_session = NULL;

  registry_test_add_staff (fx->url, "window-staff-1", "a long staff password");
  staff_session = registry_test_staff_session (fx->session, fx->process, fx->token,
                                               "window-staff-1", "a long staff password");
  core_filing_set (filing, CORE_FILING_FIELD_FILING_ID, id);
  core_filing_set (filing, CORE_FILING_FIELD_SOURCE, "manual");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_TYPE, "home_return");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_NUMBER, "H12345678");
  core_filing_set (filing, CORE_FILING_FIELD_NAME, "陈大文");
  core_filing_set (filing, CORE_FILING_FIELD_NAME_EN, "CHAN TAI MAN");
  core_filing_set (filing, CORE_FILING_FIELD_SEX, "男");
  core_filing_set (filing, CORE_FILING_FIELD_BIRTH_DATE, "1975-03-04");
  core_filing_set (filing, CORE_FILING_FIELD_VALID_UNTIL, "2030-03-04");
  core_filing_set (filing, CORE_FILING_FIELD_STAFF_SESSION, staff_session);
  core_filing_set_original_checked (filing, TRUE);

  reply = post_filing (fx, filing);
  if (reply->status != 201)
    g_test_message ("%s", reply->body);
  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_cmpstr (registry_test_json_string (reply->json, "state"), ==, "filed");
  g_assert_false (registry_test_json_bool (reply->json, "phone_usable"));
  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings f JOIN staff s ON s.id = f.staff_id"
                              " WHERE f.staff = 'window-staff-1' AND s.username = 'window-staff-1'"
                              " AND f.original_checked = 1 AND f.source = 'manual'"),
                   ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = 'filing.accept'"
                              " AND staff = 'window-staff-1'"),
                   ==, 1);
  /* the token itself is kept nowhere */
  {
    g_autofree char *sql =
        g_strdup_printf ("SELECT (SELECT count(*) FROM filings WHERE staff = '%s')"
                         " + (SELECT count(*) FROM audit_log WHERE staff = '%s' OR detail = '%s')",
                         staff_session, staff_session, staff_session);
    g_assert_cmpint (count (fx, sql), ==, 0);
  }
}

/* A manual filing whose staff session the registry did not give this
 * kiosk is refused on its own, in a batch with good filings; it writes
 * nothing. */
static void
test_filing_manual_refused (Fixture *fx, gconstpointer data)
{
  g_autofree char *other = registry_test_enroll_device (fx->url, "kiosk-2");
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;
  g_autoptr (CoreFiling) good = NULL;
  g_autoptr (CoreFiling) foreign = NULL;
  g_autoptr (CoreFiling) made_up = NULL;
  g_autoptr (CoreFiling) card = card_filing (40, NULL);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *body = NULL;
  g_autoptr (RegistryTestReply) reply = NULL;

  registry_test_add_staff (fx->url, "alice", "a long staff password");
  mine = registry_test_staff_session (fx->session, fx->process, fx->token, "alice",
                                      "a long staff password");
  theirs = registry_test_staff_session (fx->session, fx->process, other, "alice",
                                        "a long staff password");
  good = manual_filing ("E10000001", mine);
  foreign = manual_filing ("E10000002", theirs);
  made_up = manual_filing ("E10000003",
                           "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filings");
  json_builder_begin_array (builder);
  json_builder_add_value (builder, core_filing_to_json_node (card));
  json_builder_add_value (builder, core_filing_to_json_node (good));
  json_builder_add_value (builder, core_filing_to_json_node (foreign));
  json_builder_add_value (builder, core_filing_to_json_node (made_up));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);
  reply = registry_test_request (fx->session, fx->process, "POST", "/v1/filings:batch", fx->token,
                                 body, -1);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (registry_test_json_int (reply->json, "results.0.status"), ==, 201);
  g_assert_cmpint (registry_test_json_int (reply->json, "results.1.status"), ==, 201);
  for (guint i = 2; i <= 3; i++)
    {
      g_autofree char *status = g_strdup_printf ("results.%u.status", i);
      g_autofree char *code = g_strdup_printf ("results.%u.error.code", i);
      g_autofree char *id = g_strdup_printf ("results.%u.filing_id", i);
      g_assert_cmpint (registry_test_json_int (reply->json, status), ==, 401);
      g_assert_cmpstr (registry_test_json_string (reply->json, code), ==, "staff_session_invalid");
      g_assert_cmpstr (registry_test_json_string (reply->json, id), ==,
                       core_filing_get_filing_id (i == 2 ? foreign : made_up));
    }
  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings"), ==, 2);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM persons"), ==, 2);

  /* alone, the same answer */
  registry_test_reply_free (g_steal_pointer (&reply));
  reply = post_filing (fx, foreign);
  assert_error (reply, 401, "staff_session_invalid");
  /* with the other kiosk's own device token it goes through */
  {
    g_autofree char *json = core_filing_to_json (foreign);
    g_autoptr (RegistryTestReply) theirs_reply =
        registry_test_request (fx->session, fx->process, "POST", "/v1/filings", other, json, -1);
    g_assert_cmpuint (theirs_reply->status, ==, 201);
  }
}

static void
test_filing_retry (Fixture *fx, gconstpointer data)
{
  g_autoptr (CoreFiling) filing = card_filing (3, "13800138001");
  g_autoptr (CoreFiling) other = card_filing (4, NULL);
  g_autoptr (RegistryTestReply) first = post_filing (fx, filing);
  g_autoptr (RegistryTestReply) again = post_filing (fx, filing);
  g_autoptr (RegistryTestReply) conflict = NULL;
  g_autofree char *upper = g_ascii_strup (core_filing_get_filing_id (filing), -1);
  g_autoptr (RegistryTestReply) upper_reply = NULL;

  g_assert_cmpuint (first->status, ==, 201);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (first->json, "person_id"), ==,
                   registry_test_json_string (again->json, "person_id"));
  g_assert_cmpstr (registry_test_json_string (again->json, "state"), ==, "enabled");
  g_assert_true (registry_test_json_bool (again->json, "phone_usable"));

  /* the same id in capitals is the same filing */
  core_filing_set (filing, CORE_FILING_FIELD_FILING_ID, upper);
  upper_reply = post_filing (fx, filing);
  g_assert_cmpuint (upper_reply->status, ==, 200);

  /* the same id for another document is refused */
  core_filing_set (other, CORE_FILING_FIELD_FILING_ID, upper);
  conflict = post_filing (fx, other);
  assert_error (conflict, 409, "filing_id_conflict");

  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings"), ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM persons"), ==, 1);
}

typedef struct
{
  RegistryTestProcess *process;
  const char *token;
  char *json;
  GMutex *mutex;
  GCond *cond;
  guint *waiting;
  guint status;
  char *person_id;
} RaceThread;

static gpointer
race_thread (gpointer user_data)
{
  RaceThread *t = user_data;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (RegistryTestReply) warm = NULL;
  g_autoptr (RegistryTestReply) reply = NULL;

  /* open the connection first so the filings leave at the same moment */
  warm = registry_test_request (session, t->process, "GET", "/v1/health", NULL, NULL, 0);
  g_mutex_lock (t->mutex);
  (*t->waiting)--;
  g_cond_broadcast (t->cond);
  while (*t->waiting > 0)
    g_cond_wait (t->cond, t->mutex);
  g_mutex_unlock (t->mutex);

  reply = registry_test_request (session, t->process, "POST", "/v1/filings", t->token, t->json, -1);
  t->status = reply->status;
  t->person_id = g_strdup (registry_test_json_string (reply->json, "person_id"));
  return NULL;
}

/* Runs @n_threads POSTs of the given bodies at once, thread i on
 * processes[i % n_processes]; fills in each thread's answer. */
static void
race_on (RegistryTestProcess **processes,
         guint n_processes,
         const char *token,
         char **bodies,
         guint n_threads,
         RaceThread *threads)
{
  GMutex mutex;
  GCond cond;
  guint waiting = n_threads;
  GThread *handles[16];

  g_assert_cmpuint (n_threads, <=, G_N_ELEMENTS (handles));
  g_mutex_init (&mutex);
  g_cond_init (&cond);
  for (guint i = 0; i < n_threads; i++)
    {
      threads[i] = (RaceThread){
        processes[i % n_processes], token, bodies[i], &mutex, &cond, &waiting, 0, NULL
      };
      handles[i] = g_thread_new ("race", race_thread, &threads[i]);
    }
  for (guint i = 0; i < n_threads; i++)
    g_thread_join (handles[i]);
  g_mutex_clear (&mutex);
  g_cond_clear (&cond);
}

static void
race (Fixture *fx, char **bodies, guint n_threads, RaceThread *threads)
{
  race_on (&fx->process, 1, fx->token, bodies, n_threads, threads);
}

static void
test_filing_concurrent (Fixture *fx, gconstpointer data)
{
  const guint rounds = 10;
  const guint n = 6;

  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr (CoreFiling) filing = card_filing (100 + r, "13900000000");
      g_autofree char *json = NULL;
      char *bodies[6];
      RaceThread threads[6];
      guint created = 0;

      core_filing_set (filing, CORE_FILING_FIELD_PHONE, NULL);
      json = core_filing_to_json (filing);
      for (guint i = 0; i < n; i++)
        bodies[i] = json;
      race (fx, bodies, n, threads);
      for (guint i = 0; i < n; i++)
        {
          g_assert_true (threads[i].status == 200 || threads[i].status == 201);
          created += threads[i].status == 201;
          g_assert_cmpstr (threads[i].person_id, ==, threads[0].person_id);
        }
      for (guint i = 0; i < n; i++)
        g_free (threads[i].person_id);
      g_assert_cmpuint (created, ==, 1);
    }
  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings"), ==, rounds);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM persons"), ==, rounds);

  /* different filings of one new person at once: one person, all filings */
  {
    char *bodies[6];
    RaceThread threads[6];

    for (guint i = 0; i < n; i++)
      {
        g_autoptr (CoreFiling) filing = card_filing (200, NULL);
        bodies[i] = core_filing_to_json (filing);
      }
    race (fx, bodies, n, threads);
    for (guint i = 0; i < n; i++)
      {
        g_assert_cmpuint (threads[i].status, ==, 201);
        g_assert_cmpstr (threads[i].person_id, ==, threads[0].person_id);
      }
    for (guint i = 0; i < n; i++)
      {
        g_free (threads[i].person_id);
        g_free (bodies[i]);
      }
  }
  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings"), ==, rounds + n);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM persons"), ==, rounds + 1);
}

static void
test_filing_update_history (Fixture *fx, gconstpointer data)
{
  g_autoptr (CoreFiling) filing = card_filing (5, NULL);
  g_autoptr (CoreFiling) renewed = card_filing (5, NULL);
  g_autoptr (RegistryTestReply) first = post_filing (fx, filing);
  g_autoptr (RegistryTestReply) second = NULL;
  g_autoptr (RegistryTestReply) third = NULL;
  g_autoptr (RegistryRows) rows = NULL;
  g_autoptr (GError) error = NULL;

  core_filing_set (renewed, CORE_FILING_FIELD_ADDRESS, "上海市黄浦区人民大道200号");
  core_filing_set (renewed, CORE_FILING_FIELD_VALID_FROM, "2035-06-01");
  core_filing_set (renewed, CORE_FILING_FIELD_VALID_UNTIL, "长期");
  second = post_filing (fx, renewed);
  g_assert_cmpuint (first->status, ==, 201);
  g_assert_cmpuint (second->status, ==, 201);
  g_assert_cmpstr (registry_test_json_string (first->json, "person_id"), ==,
                   registry_test_json_string (second->json, "person_id"));

  registry_storage_query (fx->storage, "SELECT address, valid_until, version FROM persons", NULL, 0,
                          &rows, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (registry_rows_get (rows, 0, 0), ==, "上海市黄浦区人民大道200号");
  g_assert_cmpstr (registry_rows_get (rows, 0, 1), ==, "长期");
  g_assert_cmpint (registry_rows_get_int (rows, 0, 2), ==, 2);
  g_clear_pointer (&rows, registry_rows_free);

  registry_storage_query (fx->storage,
                          "SELECT address, valid_until, version, replaced_by_filing"
                          " FROM person_history",
                          NULL, 0, &rows, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->n_rows, ==, 1);
  g_assert_cmpstr (registry_rows_get (rows, 0, 0), ==, "北京市东城区景山前街4号");
  g_assert_cmpstr (registry_rows_get (rows, 0, 1), ==, "2035-06-01");
  g_assert_cmpint (registry_rows_get_int (rows, 0, 2), ==, 1);
  g_assert_cmpstr (registry_rows_get (rows, 0, 3), ==, core_filing_get_filing_id (renewed));

  /* the same data again under a new id: a filing, but no new version */
  core_filing_set (renewed, CORE_FILING_FIELD_FILING_ID, "9b2f0e1c-1111-4222-8333-444455556666");
  third = post_filing (fx, renewed);
  g_assert_cmpuint (third->status, ==, 201);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM person_history"), ==, 1);
  g_assert_cmpint (count (fx, "SELECT version FROM persons"), ==, 2);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings"), ==, 3);
}

static void
test_filing_phone_taken (Fixture *fx, gconstpointer data)
{
  g_autoptr (CoreFiling) a = card_filing (6, "13700000001");
  g_autoptr (CoreFiling) b = card_filing (7, "13700000001");
  g_autoptr (RegistryTestReply) ra = post_filing (fx, a);
  g_autoptr (RegistryTestReply) rb = post_filing (fx, b);
  g_autoptr (RegistryTestReply) state = NULL;
  g_autofree char *path = NULL;

  g_assert_cmpuint (ra->status, ==, 201);
  g_assert_true (registry_test_json_bool (ra->json, "phone_usable"));
  g_assert_cmpuint (rb->status, ==, 201);
  g_assert_false (registry_test_json_bool (rb->json, "phone_usable"));
  g_assert_cmpstr (registry_test_json_string (rb->json, "state"), ==, "filed");

  path = g_strdup_printf ("/v1/persons/resident/%s/state", core_filing_get_doc_number (a));
  state = registry_test_request (fx->session, fx->process, "GET", path, fx->token, NULL, 0);
  g_assert_cmpstr (registry_test_json_string (state->json, "state"), ==, "enabled");
  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings WHERE phone = '13700000001'"), ==, 2);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM login_phones"), ==, 1);
}

static void
test_person_state (Fixture *fx, gconstpointer data)
{
  g_autoptr (CoreFiling) no_phone = card_filing (8, NULL);
  g_autoptr (CoreFiling) with_phone = card_filing (9, "13600000009");
  g_autofree char *unfiled = resident_number (10);
  struct
  {
    const char *doc_number;
    const char *state;
  } cases[] = {
    { unfiled, "not_filed" },
    { core_filing_get_doc_number (no_phone), "filed" },
    { core_filing_get_doc_number (with_phone), "enabled" },
  };
  RegistryTestReply *reply;

  registry_test_reply_free (post_filing (fx, no_phone));
  registry_test_reply_free (post_filing (fx, with_phone));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path =
          g_strdup_printf ("/v1/persons/resident/%s/state", cases[i].doc_number);
      reply = registry_test_request (fx->session, fx->process, "GET", path, fx->token, NULL, 0);
      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpstr (registry_test_json_string (reply->json, "state"), ==, cases[i].state);
      registry_test_reply_free (reply);
    }

  /* a lower-case x is the same number */
  {
    g_autofree char *lower = g_ascii_strdown (core_filing_get_doc_number (with_phone), -1);
    g_autofree char *path = g_strdup_printf ("/v1/persons/resident/%s/state", lower);
    reply = registry_test_request (fx->session, fx->process, "GET", path, fx->token, NULL, 0);
    g_assert_cmpstr (registry_test_json_string (reply->json, "state"), ==, "enabled");
    registry_test_reply_free (reply);
  }

  reply = registry_test_request (fx->session, fx->process, "GET",
                                 "/v1/persons/driving_licence/123/state", fx->token, NULL, 0);
  assert_error (reply, 422, "invalid_field");
  g_assert_cmpstr (registry_test_json_string (reply->json, "error.field"), ==, "doc_type");
  registry_test_reply_free (reply);
  reply = registry_test_request (fx->session, fx->process, "GET", "/v1/persons/resident/123/state",
                                 fx->token, NULL, 0);
  assert_error (reply, 422, "invalid_field");
  g_assert_cmpstr (registry_test_json_string (reply->json, "error.field"), ==, "doc_number");
  registry_test_reply_free (reply);
}

/* A filing is only as trustworthy as the device token that sent it: once a
 * person has a login phone, a later filing never replaces it (a changed phone
 * is a matter for staff), and a phone held by one person is not usable by
 * another. */
static void
test_filing_phone_change (Fixture *fx, gconstpointer data)
{
  g_autoptr (CoreFiling) filing = card_filing (13, "13600000001");
  g_autoptr (CoreFiling) later = card_filing (13, "13600000002");
  g_autoptr (CoreFiling) again = card_filing (13, "13600000001");
  g_autoptr (CoreFiling) other = card_filing (14, "13600000001");
  g_autoptr (RegistryTestReply) r1 = post_filing (fx, filing);
  g_autoptr (RegistryTestReply) r2 = post_filing (fx, later);
  g_autoptr (RegistryTestReply) r3 = post_filing (fx, again);
  g_autoptr (RegistryTestReply) r4 = post_filing (fx, other);

  g_assert_cmpuint (r1->status, ==, 201);
  g_assert_true (registry_test_json_bool (r1->json, "phone_usable"));
  g_assert_cmpuint (r2->status, ==, 201);
  g_assert_false (registry_test_json_bool (r2->json, "phone_usable"));
  g_assert_cmpint (count (fx, "SELECT count(*) FROM login_phones WHERE phone = '13600000002'"), ==,
                   0);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM persons WHERE phone = '13600000002'"), ==, 0);
  /* the phone on record, filed again, is still the person's */
  g_assert_true (registry_test_json_bool (r3->json, "phone_usable"));
  g_assert_cmpuint (r4->status, ==, 201);
  g_assert_false (registry_test_json_bool (r4->json, "phone_usable"));
  g_assert_cmpint (count (fx, "SELECT count(*) FROM login_phones"), ==, 1);
  /* the later filing keeps the phone it carried */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings WHERE phone = '13600000002'"), ==, 1);
}

static RegistryTestReply *
check_phone (Fixture *fx, guint person, const char *phone)
{
  g_autofree char *number = resident_number (person);
  g_autofree char *path = g_strdup_printf ("/v1/persons/resident/%s/phone-check", number);
  g_autofree char *body = g_strdup_printf ("{\"phone\": \"%s\"}", phone);

  return registry_test_request (fx->session, fx->process, "POST", path, fx->token, body,
                                strlen (body));
}

/* What the kiosk's confirmation says about a filed phone, asked before the
 * filing arrives and after: usable, another person's, or not the person's
 * login phone (shown masked, for "already registered" too). */
static void
test_phone_check (Fixture *fx, gconstpointer data)
{
  g_autoptr (CoreFiling) filing = card_filing (15, "13500000015");
  g_autoptr (RegistryTestReply) filed = NULL;
  g_autoptr (RegistryTestReply) free_phone = check_phone (fx, 16, "13500000016");
  g_autoptr (RegistryTestReply) own = NULL;
  g_autoptr (RegistryTestReply) changed = NULL;
  g_autoptr (RegistryTestReply) taken = NULL;
  g_autoptr (RegistryTestReply) bad = NULL;

  /* a person not filed yet, a phone nobody has: it will be theirs */
  g_assert_cmpuint (free_phone->status, ==, 200);
  g_assert_cmpstr (registry_test_json_string (free_phone->json, "phone"), ==, "usable");
  g_assert_null (registry_test_json_string (free_phone->json, "login_phone"));

  filed = post_filing (fx, filing);
  g_assert_cmpuint (filed->status, ==, 201);
  own = check_phone (fx, 15, "13500000015");
  g_assert_cmpstr (registry_test_json_string (own->json, "phone"), ==, "usable");
  /* the number on record is never in the answer, not even masked */
  g_assert_null (registry_test_json_string (own->json, "login_phone"));
  /* a new phone does not replace the one on record */
  changed = check_phone (fx, 15, "13900000015");
  g_assert_cmpstr (registry_test_json_string (changed->json, "phone"), ==, "not_login_phone");
  g_assert_null (registry_test_json_string (changed->json, "login_phone"));
  g_assert_null (strstr (changed->body, "0015"));
  /* another person's phone, and nothing of theirs in the answer */
  taken = check_phone (fx, 17, "13500000015");
  g_assert_cmpstr (registry_test_json_string (taken->json, "phone"), ==, "taken");
  g_assert_null (registry_test_json_string (taken->json, "login_phone"));
  g_assert_null (strstr (taken->body, "0015"));
  /* asking changes nothing */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM login_phones"), ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM persons"), ==, 1);

  bad = check_phone (fx, 17, "2350000001");
  g_assert_cmpuint (bad->status, ==, 422);
}

/* A registry killed (or, with @data, asked to stop) in the middle of a batch
 * leaves all of it or none of it; asked to stop, it exits cleanly. */
static void
test_batch_interrupted (Fixture *fx, gconstpointer data)
{
  const guint batch = 300;
  gboolean terminate = GPOINTER_TO_INT (data);

  for (guint round = 0; round < 4; round++)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *body = NULL;
      g_autofree char *request = NULL;
      g_autoptr (GSocketClient) client = g_socket_client_new ();
      g_autoptr (GSocketConnection) conn = NULL;
      g_autoptr (GError) error = NULL;
      gint64 filings, persons;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "filings");
      json_builder_begin_array (builder);
      for (guint i = 0; i < batch; i++)
        {
          g_autoptr (CoreFiling) filing = card_filing (round * batch + i, NULL);
          json_builder_add_value (builder, core_filing_to_json_node (filing));
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      body = json_to_string (root, FALSE);
      request = g_strdup_printf ("POST /v1/filings:batch HTTP/1.1\r\nHost: x\r\n"
                                 "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                 "Content-Length: %zu\r\n\r\n%s",
                                 fx->token, strlen (body), body);

      conn = g_socket_client_connect_to_host (client, "127.0.0.1", fx->process->port, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), request,
                                 strlen (request), NULL, NULL, &error);
      g_assert_no_error (error);
      g_usleep (g_random_int_range (0, 30000));
      if (terminate)
        registry_test_process_stop (fx->process); /* asserts exit status 0 */
      else
        registry_test_process_kill (fx->process);
      fx->process = registry_test_process_start (cluster, fx->url, NULL);

      filings = count (fx, "SELECT count(*) FROM filings");
      persons = count (fx, "SELECT count(*) FROM persons");
      g_test_message ("round %u: %" G_GINT64_FORMAT " filings", round, filings);
      g_assert_cmpint (filings % batch, ==, 0);
      g_assert_cmpint (persons, ==, filings);
    }
}

/* ---- validation: one case per rule ---- */

typedef struct
{
  const char *member;
  const char *json_value; /* NULL: remove the member */
  const char *field;      /* expected error.field */
  const char *code;
} BadField;

static const BadField bad_fields[] = {
  { "filing_id", "\"not-a-uuid\"", "filing_id", "invalid_field" },
  { "filing_id", "42", "filing_id", "invalid_field" },
  { "filing_id", NULL, "filing_id", "missing_field" },
  { "source", "\"fax\"", "source", "invalid_field" },
  { "source", "true", "source", "invalid_field" },
  { "doc_type", "\"driving_licence\"", "doc_type", "invalid_field" },
  { "doc_type", "[\"resident\"]", "doc_type", "invalid_field" },
  { "doc_number", "\"110105198001010010\"", "doc_number", "invalid_field" },
  { "doc_number", "\"12345\"", "doc_number", "invalid_field" },
  { "doc_number", "110105198001010010", "doc_number", "invalid_field" },
  { "doc_number", NULL, "doc_number", "missing_field" },
  { "name", NULL, "name", "missing_field" },
  { "name", "{\"a\":1}", "name", "invalid_field" },
  { "name", "\"\"", "name", "invalid_field" },
  { "name", "\"a\\u0001b\"", "name", "invalid_field" },
  { "name", "\"a\\u0085b\"", "name", "invalid_field" },
  /* bidirectional controls make a name show as something else */
  { "name", "\"张\\u202e三\"", "name", "invalid_field" },
  { "name", "\"张\\u202A三\"", "name", "invalid_field" },
  { "name", "\"张\\u2066三\"", "name", "invalid_field" },
  { "name", "\"张\\u2069三\"", "name", "invalid_field" },
  { "address", "\"北京\\u200f市\"", "address", "invalid_field" },
  { "address", "\"北京\\u200E市\"", "address", "invalid_field" },
  { "issuer", "\"北京\\u061c市\"", "issuer", "invalid_field" },
  { "nation", "\"汉\\u202d\"", "nation", "invalid_field" },
  { "sex", "\"M\"", "sex", "invalid_field" },
  { "nation", NULL, "nation", "missing_field" },
  { "birth_date", "\"1980-02-30\"", "birth_date", "invalid_field" },
  { "birth_date", "\"19800101\"", "birth_date", "invalid_field" },
  { "birth_date", "\"2999-01-01\"", "birth_date", "invalid_field" },
  { "valid_from", "\"2015-13-01\"", "valid_from", "invalid_field" },
  { "valid_until", "\"forever\"", "valid_until", "invalid_field" },
  { "valid_until", "\"2010-01-01\"", "valid_until", "invalid_field" },
  { "card_type", "\"foreign_1999\"", "card_type", "invalid_field" },
  { "card_type", "\"hmt_residence\"", "card_type", "invalid_field" },
  { "card_type", NULL, "card_type", "missing_field" },
  { "photo_wlt", "\"not base64!\"", "photo_wlt", "invalid_field" },
  { "phone", "\"12345\"", "phone", "invalid_field" },
  { "phone", "13800138000", "phone", "invalid_field" },
  { "staff", "\"someone\"", "staff", "invalid_field" },
  { "staff_session", "\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"",
    "staff_session", "invalid_field" },
  { "original_checked", "\"yes\"", "original_checked", "invalid_field" },
  { "original_checked", "true", "original_checked", "invalid_field" },
  { "favourite_colour", "\"blue\"", "favourite_colour", "invalid_field" },
};

static char *
filing_with (CoreFiling *filing, const char *member, const char *json_value)
{
  g_autoptr (JsonNode) node = core_filing_to_json_node (filing);
  JsonObject *object = json_node_get_object (node);

  json_object_remove_member (object, member);
  if (json_value != NULL)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      json_parser_load_from_data (parser, json_value, -1, &error);
      g_assert_no_error (error);
      json_object_set_member (object, member, json_node_copy (json_parser_get_root (parser)));
    }
  return json_to_string (node, FALSE);
}

static void
test_validation (Fixture *fx, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_fields); i++)
    {
      g_autoptr (CoreFiling) filing = card_filing (11, "13800138011");
      g_autofree char *json = filing_with (filing, bad_fields[i].member, bad_fields[i].json_value);
      g_autoptr (RegistryTestReply) reply = registry_test_request (
          fx->session, fx->process, "POST", "/v1/filings", fx->token, json, -1);

      g_test_message ("case %u: %s = %s", i, bad_fields[i].member,
                      bad_fields[i].json_value ? bad_fields[i].json_value : "(absent)");
      assert_error (reply, 422, bad_fields[i].code);
      g_assert_cmpstr (registry_test_json_string (reply->json, "error.field"), ==,
                       bad_fields[i].field);
      g_assert_cmpstr (registry_test_json_string (reply->json, "error.fields.0.field"), ==,
                       bad_fields[i].field);
    }

  /* oversize values, field by field */
  for (guint f = 0; f < CORE_FILING_FIELD_ORIGINAL_CHECKED; f++)
    {
      g_autoptr (CoreFiling) filing = card_filing (11, NULL);
      gsize max = core_filing_field_get_max_length (f);
      g_autofree char *big = g_strnfill (max + 1, '1');
      g_autofree char *value = g_strdup_printf ("\"%s\"", big);
      g_autofree char *json = filing_with (filing, core_filing_field_to_string (f), value);
      g_autoptr (RegistryTestReply) reply = registry_test_request (
          fx->session, fx->process, "POST", "/v1/filings", fx->token, json, -1);
      assert_error (reply, 422, "invalid_field");
      g_assert_cmpstr (registry_test_json_string (reply->json, "error.field"), ==,
                       core_filing_field_to_string (f));
    }

  /* several faults are all reported */
  {
    g_autoptr (RegistryTestReply) reply = registry_test_request (
        fx->session, fx->process, "POST", "/v1/filings", fx->token,
        "{\"filing_id\":\"x\",\"source\":\"card\",\"doc_type\":\"resident\",\"sex\":1}", -1);
    JsonNode *fields;
    assert_error (reply, 422, "invalid_field");
    fields = json_object_get_member (
        json_object_get_object_member (json_node_get_object (reply->json), "error"), "fields");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (fields)), >=, 5);
  }

  /* null is the same as absent for optional fields */
  {
    g_autoptr (CoreFiling) filing = card_filing (12, NULL);
    g_autofree char *json = filing_with (filing, "phone", "null");
    g_autoptr (RegistryTestReply) reply = registry_test_request (
        fx->session, fx->process, "POST", "/v1/filings", fx->token, json, -1);
    g_assert_cmpuint (reply->status, ==, 201);
  }

  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings"), ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM persons"), ==, 1);
}

/* ---- malformed requests ---- */

static void
test_malformed (Fixture *fx, gconstpointer data)
{
  const char *const bad_json[] = {
    "",   "{",    "{\"filing_id\":", "[]",         "\"text\"",
    "42", "null", "{\"a\":1}}",      "\xff\xfe{}", "{\"name\":\"\xc3\x28\"}",
  };
  g_autofree char *deep = NULL;
  g_autofree char *huge = NULL;
  RegistryTestReply *reply;

  for (guint i = 0; i < G_N_ELEMENTS (bad_json); i++)
    {
      const char *paths[] = { "/v1/filings", "/v1/filings:batch" };
      for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
        {
          reply = registry_test_request (fx->session, fx->process, "POST", paths[p], fx->token,
                                         bad_json[i], -1);
          g_test_message ("bad json %u on %s: %u %s", i, paths[p], reply->status, reply->body);
          g_assert_true (reply->status == 400 || reply->status == 422);
          g_assert_nonnull (registry_test_json_string (reply->json, "error.code"));
          if (i < 3 || i >= 8)
            assert_error (reply, 400, "bad_json");
          registry_test_reply_free (reply);
        }
    }

  deep = g_strnfill (50000, '[');
  reply =
      registry_test_request (fx->session, fx->process, "POST", "/v1/filings", fx->token, deep, -1);
  assert_error (reply, 400, "bad_json");
  registry_test_reply_free (reply);

  huge = g_strnfill (1024 * 1024 + 1, ' ');
  reply =
      registry_test_request (fx->session, fx->process, "POST", "/v1/filings", fx->token, huge, -1);
  assert_error (reply, 413, "payload_too_large");
  registry_test_reply_free (reply);

  reply =
      registry_test_request (fx->session, fx->process, "GET", "/v1/nothing", fx->token, NULL, 0);
  assert_error (reply, 404, "not_found");
  registry_test_reply_free (reply);
  reply = registry_test_request (fx->session, fx->process, "GET", "/", NULL, NULL, 0);
  assert_error (reply, 404, "not_found");
  registry_test_reply_free (reply);
  reply =
      registry_test_request (fx->session, fx->process, "GET", "/v1/filings/", fx->token, NULL, 0);
  assert_error (reply, 404, "not_found");
  registry_test_reply_free (reply);

  {
    /* bad %-escapes, which libsoup's client would not even send */
    const char bad_escape[] = "GET /v1/persons/resid%nt/110105%00/state HTTP/1.1\r\nHost: x\r\n"
                              "Connection: close\r\n\r\n";
    reply = registry_test_raw (fx->process, bad_escape, sizeof bad_escape - 1);
  }
  /* libsoup itself refuses what it cannot parse as a URI, with our JSON */
  assert_error (reply, 400, "bad_request");
  registry_test_reply_free (reply);

  reply =
      registry_test_request (fx->session, fx->process, "GET", "/v1/filings", fx->token, NULL, 0);
  assert_error (reply, 405, "method_not_allowed");
  g_assert_cmpstr (reply->allow, ==, "POST");
  registry_test_reply_free (reply);
  reply = registry_test_request (fx->session, fx->process, "DELETE", "/v1/health", NULL, NULL, 0);
  assert_error (reply, 405, "method_not_allowed");
  g_assert_cmpstr (reply->allow, ==, "GET");
  registry_test_reply_free (reply);

  /* a body without a length, and a length that lies */
  {
    const char chunked[] = "POST /v1/filings HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                           "Authorization: Bearer x\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
    g_autofree char *short_body =
        g_strdup_printf ("POST /v1/filings HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
                         "Authorization: Bearer %s\r\nConnection: close\r\n\r\n{\"a\":",
                         fx->token);
    const char no_token[] = "POST /v1/filings HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
                            "Connection: close\r\n\r\n{\"a\":";
    const char garbage[] = "\x16\x03\x01 not http at all\r\n\r\n";
    reply = registry_test_raw (fx->process, chunked, sizeof chunked - 1);
    assert_error (reply, 411, "length_required");
    registry_test_reply_free (reply);
    reply = registry_test_raw (fx->process, short_body, strlen (short_body));
    g_assert_cmpuint (reply->status, ==, 0);
    registry_test_reply_free (reply);
    /* without a device token the body is not waited for */
    reply = registry_test_raw (fx->process, no_token, sizeof no_token - 1);
    assert_error (reply, 401, "unauthorized");
    registry_test_reply_free (reply);
    /* libsoup drops a connection that does not speak HTTP */
    reply = registry_test_raw (fx->process, garbage, sizeof garbage - 1);
    g_assert_true (reply->status == 0 || reply->status == 400);
    registry_test_reply_free (reply);
  }

  /* still healthy, nothing written */
  reply = registry_test_request (fx->session, fx->process, "GET", "/v1/health", NULL, NULL, 0);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings"), ==, 0);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM persons"), ==, 0);
}

/* ---- what JSON and paths may hold ---- */

/* \u0000 would end a string where it stands ("ab\u0000cd" read as "ab"): it
 * is refused wherever a body is decoded, in values and member names. */
static void
test_json_nul (Fixture *fx, gconstpointer data)
{
  g_autoptr (CoreFiling) filing = card_filing (70, NULL);
  g_autofree char *plain = core_filing_to_json (filing);
  g_autoptr (GString) with_nul = g_string_new (plain);
  g_autoptr (GString) escaped_backslash = g_string_new (plain);
  /* the same member twice: once plain, once with a NUL in its name */
  g_autofree char *nul_member = g_strdup_printf ("{\"name\\u0000x\":\"y\",%s", plain + 1);
  const char *staff_nul = "{\"user\": \"alice\\u0000x\", \"password\": \"correct horse battery\"}";
  const char *staff_ok = "{\"user\": \"alice\", \"password\": \"correct horse battery\"}";
  RegistryTestReply *reply;

  g_assert_cmpuint (g_string_replace (with_nul, "\"name\":\"张三\"", "\"name\":\"ab\\u0000cd\"", 1),
                    ==, 1);
  g_assert_cmpuint (
      g_string_replace (escaped_backslash, "\"name\":\"张三\"", "\"name\":\"ab\\\\u0000cd\"", 1),
      ==, 1);

  reply = registry_test_request (fx->session, fx->process, "POST", "/v1/filings", fx->token,
                                 with_nul->str, -1);
  assert_error (reply, 400, "bad_json");
  g_assert_nonnull (strstr (registry_test_json_string (reply->json, "error.message"), "line 1"));
  registry_test_reply_free (reply);
  reply = registry_test_request (fx->session, fx->process, "POST", "/v1/filings", fx->token,
                                 nul_member, -1);
  assert_error (reply, 400, "bad_json");
  registry_test_reply_free (reply);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings"), ==, 0);

  /* a backslash before it is just text */
  reply = registry_test_request (fx->session, fx->process, "POST", "/v1/filings", fx->token,
                                 escaped_backslash->str, -1);
  g_assert_cmpuint (reply->status, ==, 201);
  registry_test_reply_free (reply);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM persons WHERE name = 'ab\\u0000cd'"), ==, 1);

  /* a staff account name with a NUL signs no one in */
  g_assert_cmpint (registry_test_run_cli (fx->url,
                                          (const char *[]){ "admin", "add-staff", "alice", NULL },
                                          "correct horse battery\n", NULL, NULL),
                   ==, 0);
  reply = registry_test_request (fx->session, fx->process, "POST", "/v1/staff/sessions", fx->token,
                                 staff_nul, -1);
  assert_error (reply, 400, "bad_json");
  registry_test_reply_free (reply);
  reply = registry_test_request (fx->session, fx->process, "POST", "/v1/staff/sessions", fx->token,
                                 staff_ok, -1);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
}

/* bad_json says where, never what: the body may hold personal data, and a
 * piece of it could end in the middle of a character. */
static void
test_bad_json_message (Fixture *fx, gconstpointer data)
{
  g_autoptr (CoreFiling) filing = card_filing (71, "13912345678");
  g_autofree char *good = core_filing_to_json (filing);
  g_autofree char *broken = g_strdup_printf ("%.*s, 张三不是JSON}", (int) strlen (good) - 1, good);
  g_autofree char *lines =
      g_strdup_printf ("{\n\"name\": \"张三\",\n\"doc_number\": \"%s\" 张三\n}",
                       core_filing_get_doc_number (filing));
  const char *bodies[] = { broken, lines, "{\"name\":\"张三\" \"13912345678\"}" };
  const char *expected[] = { "line 1, column", "line 3, column", "line 1, column" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (RegistryTestReply) reply = registry_test_request (
          fx->session, fx->process, "POST", "/v1/filings", fx->token, bodies[i], -1);
      const char *message;

      /* the answer is JSON, so valid UTF-8 */
      assert_error (reply, 400, "bad_json");
      message = registry_test_json_string (reply->json, "error.message");
      g_test_message ("%s", message);
      g_assert_nonnull (strstr (message, expected[i]));
      g_assert_null (strstr (message, "张"));
      g_assert_null (strstr (message, "JSON}"));
      g_assert_null (strstr (message, core_filing_get_doc_number (filing)));
      g_assert_null (strstr (message, "13912345678"));
      g_assert_null (strstr (message, "110105"));
    }
}

/* A path is split at "/" before its escapes are decoded: %2F cannot move a
 * boundary, and %00 or a broken escape gets our JSON error. */
static void
test_path_escapes (Fixture *fx, gconstpointer data)
{
  g_autofree char *number = resident_number (72);
  g_autofree char *split = g_strdup_printf ("%.6s%%2F%s", number, number + 6);
  const char *const bad[] = { split, "1101051949%00", "11010%zz5", "%2F..%2F..%2Fetc" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *request =
          g_strdup_printf ("GET /v1/persons/resident/%s/state HTTP/1.1\r\nHost: x\r\n"
                           "Authorization: Bearer %s\r\nConnection: close\r\n\r\n",
                           bad[i], fx->token);
      g_autoptr (RegistryTestReply) reply =
          registry_test_raw (fx->process, request, strlen (request));

      g_test_message ("%s: %u %s", bad[i], reply->status, reply->body);
      assert_error (reply, 400, "bad_request");
    }

  /* a good escape is decoded */
  {
    g_autofree char *path = g_strdup_printf ("/v1/persons/resid%%65nt/%s/state", number);
    g_autoptr (RegistryTestReply) reply =
        registry_test_request (fx->session, fx->process, "GET", path, fx->token, NULL, 0);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (registry_test_json_string (reply->json, "state"), ==, "not_filed");
  }
  /* what libsoup refuses by itself is answered with our JSON too */
  {
    const char garbled[] = "GET /v1/health HTTP/1.1\r\nHost: x/y\r\nConnection: close\r\n\r\n";
    g_autoptr (RegistryTestReply) reply =
        registry_test_raw (fx->process, garbled, sizeof garbled - 1);
    assert_error (reply, 400, "bad_request");
  }
}

/* ---- batches ---- */

static void
test_batch (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *body = NULL;
  g_autoptr (RegistryTestReply) reply = NULL;
  g_autoptr (CoreFiling) dup = card_filing (20, "13500000020");
  const guint expected[] = { 201, 422, 201, 422, 201, 200, 400 };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (CoreFiling) filing = i == 0 ? g_object_ref (dup) : card_filing (20 + i, NULL);
      if (i == 1)
        core_filing_set (filing, CORE_FILING_FIELD_BIRTH_DATE, "1980-02-30");
      if (i == 3)
        core_filing_set (filing, CORE_FILING_FIELD_DOC_TYPE, "library_card");
      json_builder_add_value (builder, core_filing_to_json_node (filing));
    }
  json_builder_add_value (builder, core_filing_to_json_node (dup)); /* duplicate in one batch */
  json_builder_add_string_value (builder, "not a filing");
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);

  reply = registry_test_request (fx->session, fx->process, "POST", "/v1/filings:batch", fx->token,
                                 body, -1);
  g_assert_cmpuint (reply->status, ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *status = g_strdup_printf ("results.%u.status", i);
      g_autofree char *index = g_strdup_printf ("results.%u.index", i);
      g_assert_cmpint (registry_test_json_int (reply->json, index), ==, i);
      g_assert_cmpint (registry_test_json_int (reply->json, status), ==, expected[i]);
    }
  g_assert_cmpstr (registry_test_json_string (reply->json, "results.1.error.field"), ==,
                   "birth_date");
  g_assert_nonnull (registry_test_json_string (reply->json, "results.1.filing_id"));
  g_assert_cmpstr (registry_test_json_string (reply->json, "results.3.error.field"), ==,
                   "doc_type");
  g_assert_cmpstr (registry_test_json_string (reply->json, "results.6.error.code"), ==, "bad_json");
  g_assert_cmpstr (registry_test_json_string (reply->json, "results.0.state"), ==, "enabled");
  g_assert_cmpstr (registry_test_json_string (reply->json, "results.5.person_id"), ==,
                   registry_test_json_string (reply->json, "results.0.person_id"));
  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings"), ==, 3);

  /* the same batch again: every good item is already there */
  registry_test_reply_free (g_steal_pointer (&reply));
  reply = registry_test_request (fx->session, fx->process, "POST", "/v1/filings:batch", fx->token,
                                 body, -1);
  g_assert_cmpint (registry_test_json_int (reply->json, "results.0.status"), ==, 200);
  g_assert_cmpint (registry_test_json_int (reply->json, "results.2.status"), ==, 200);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings"), ==, 3);
}

static void
test_batch_envelope (Fixture *fx, gconstpointer data)
{
  g_autoptr (GString) too_many = g_string_new ("{\"filings\":[");
  g_autoptr (CoreFiling) filing = card_filing (30, NULL);
  g_autofree char *one = core_filing_to_json (filing);
  struct
  {
    const char *body;
    guint status;
    const char *code;
  } cases[] = {
    { "[]", 400, "bad_json" },
    { "{}", 422, "invalid_field" },
    { "{\"filings\":{}}", 422, "invalid_field" },
    { "{\"filings\":[]}", 422, "invalid_field" },
    { "{\"filings\":[],\"more\":1}", 422, "invalid_field" },
    { NULL, 422, "invalid_field" },
  };

  for (guint i = 0; i <= 500; i++)
    g_string_append_printf (too_many, "%s%s", i > 0 ? "," : "", one);
  g_string_append (too_many, "]}");
  cases[G_N_ELEMENTS (cases) - 1].body = too_many->str;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RegistryTestReply) reply = registry_test_request (
          fx->session, fx->process, "POST", "/v1/filings:batch", fx->token, cases[i].body, -1);
      assert_error (reply, cases[i].status, cases[i].code);
    }
  g_assert_cmpint (count (fx, "SELECT count(*) FROM filings"), ==, 0);
}

/* ---- logs ---- */

static void
test_logs_masked (Fixture *fx, gconstpointer data)
{
  g_autoptr (CoreFiling) filing = card_filing (40, "13312345678");
  g_autofree char *log_path = g_strdup (fx->process->log_path);
  g_autofree char *masked =
      g_strdup_printf ("110105********%s", core_filing_get_doc_number (filing) + 14);
  g_autofree char *log = NULL;
  g_autoptr (RegistryTestReply) reply = post_filing (fx, filing);
  g_autoptr (RegistryTestReply) reply2 = NULL;

  g_assert_cmpuint (reply->status, ==, 201);
  core_filing_set (filing, CORE_FILING_FIELD_BIRTH_DATE, "1980-02-30");
  reply2 = post_filing (fx, filing);
  g_assert_cmpuint (reply2->status, ==, 422);

  /* the server logs at every level here (G_MESSAGES_DEBUG=all) */
  registry_test_process_stop (fx->process);
  fx->process = NULL;
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "listening on port"));
  g_assert_nonnull (strstr (log, "POST /v1/filings: 201"));
  g_assert_nonnull (strstr (log, masked));
  g_assert_null (strstr (log, core_filing_get_doc_number (filing)));
  g_assert_null (strstr (log, "13312345678"));
  g_assert_null (strstr (log, "张三"));
  g_assert_null (strstr (log, fx->token));
}

/* ---- admin ---- */

static void
test_admin_staff (Fixture *fx, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (RegistryRows) rows = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (registry_test_run_cli (fx->url,
                                          (const char *[]){ "admin", "add-staff", "alice", NULL },
                                          "correct horse battery\n", NULL, &err),
                   ==, 0);
  g_assert_cmpint (registry_test_run_cli (fx->url,
                                          (const char *[]){ "admin", "add-staff", "alice", NULL },
                                          "another password\n", NULL, NULL),
                   ==, 1);
  g_assert_cmpint (registry_test_run_cli (fx->url,
                                          (const char *[]){ "admin", "add-staff", "bob", NULL },
                                          "short\n", NULL, NULL),
                   ==, 1);
  g_assert_cmpint (registry_test_run_cli (fx->url, (const char *[]){ "admin", "list-staff", NULL },
                                          NULL, &out, NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "alice\t"));
  g_assert_null (strstr (out, "bob"));

  registry_storage_query (fx->storage, "SELECT password_hash FROM staff", NULL, 0, &rows, NULL,
                          &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (registry_rows_get (rows, 0, 0), "$argon2id$"));
  g_assert_null (strstr (registry_rows_get (rows, 0, 0), "horse"));

  g_assert_cmpint (registry_test_run_cli (fx->url, (const char *[]){ "admin", "frobnicate", NULL },
                                          NULL, NULL, NULL),
                   ==, 2);
}

/* Imports feed the read-only kinds in the kind table's field names: labels
 * become dictionary codes, numbers stay numbers, and anything the API would
 * refuse refuses the whole file. */
static void
test_admin_import (Fixture *fx, gconstpointer data)
{
  g_autofree char *number = resident_number (50);
  g_autofree char *dir = g_strdup (registry_test_cluster_get_dir (cluster));
  g_autofree char *reg_path = g_build_filename (dir, "registrations.json", NULL);
  g_autofree char *proj_path = g_build_filename (dir, "projects.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *registrations = g_strdup_printf (
      "{\"registrations\":[{\"doc_type\":\"resident\",\"doc_number\":\"%s\","
      "\"category\":\"一级注册建造师\",\"certificate_number\":\"京111060800001\","
      "\"seal_number\":\"京111060800001-01\",\"issued_on\":\"2020-01-01\","
      "\"issuer\":\"住房和城乡建设部\",\"valid_until\":\"2026-01-01\",\"company\":\"某建设集团\","
      "\"company_code\":\"91110000100000000R\",\"status\":\"有效\","
      "\"specialties\":[{\"specialty\":\"建筑工程\",\"valid_from\":\"2020-01-01\","
      "\"valid_until\":\"2026-01-01\"},{\"specialty\":\"市政公用工程\"}]}]}",
      number);
  g_autofree char *projects = g_strdup_printf (
      "{\"projects\":[{\"doc_type\":\"resident\",\"doc_number\":\"%s\",\"name\":\"某大厦\","
      "\"code\":\"1101012019\",\"role\":\"项目负责人\",\"category\":\"01\","
      "\"investment_wan\":12000,\"area_m2\":35000.5},{\"doc_type\":\"resident\","
      "\"doc_number\":\"%s\",\"name\":\"某桥\"}]}",
      number, number);
  /* each refused for one item; the first item of each is good */
  const char *const bad_items[][2] = {
    { "{\"doc_type\":\"resident\",\"doc_number\":\"123\",\"name\":\"坏\"}", "item 1" },
    { "{\"doc_type\":\"resident\",\"doc_number\":\"%s\",\"name\":\"坏\",\"role\":\"经理\"}",
      "item 1: role" },
    { "{\"doc_type\":\"resident\",\"doc_number\":\"%s\",\"name\":\"坏\",\"area_m2\":\"35000\"}",
      "item 1: area_m2" },
    { "{\"doc_type\":\"resident\",\"doc_number\":\"%s\",\"name\":\"坏\",\"colour\":\"red\"}",
      "item 1: colour" },
    { "{\"doc_type\":\"resident\",\"doc_number\":\"%s\"}", "item 1: name" },
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (reg_path, registrations, -1, NULL));
  g_assert_true (g_file_set_contents (proj_path, projects, -1, NULL));

  g_assert_cmpint (
      registry_test_run_cli (fx->url,
                             (const char *[]){ "admin", "import", "registrations", reg_path, NULL },
                             NULL, &out, &err),
      ==, 0);
  g_assert_cmpstr (out, ==, "imported 1 registrations\n");
  /* the label is stored as its code */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM imported_records WHERE kind = 'registrations'"
                              " AND document LIKE '%\"category\":\"01\"%'"
                              " AND document LIKE '%市政公用工程%'"),
                   ==, 1);
  /* importing again replaces, never doubles */
  g_assert_cmpint (
      registry_test_run_cli (fx->url,
                             (const char *[]){ "admin", "import", "registrations", reg_path, NULL },
                             NULL, NULL, NULL),
      ==, 0);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM imported_records"), ==, 1);

  g_assert_cmpint (registry_test_run_cli (
                       fx->url, (const char *[]){ "admin", "import", "projects", proj_path, NULL },
                       NULL, NULL, NULL),
                   ==, 0);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM imported_records WHERE kind = 'projects'"
                              " AND document LIKE '%\"role\":\"01\"%'"
                              " AND document LIKE '%\"investment_wan\":12000%'"
                              " AND document LIKE '%\"area_m2\":35000.5%'"),
                   ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM imported_records WHERE kind = 'projects'"), ==,
                   2);

  for (guint b = 0; b < G_N_ELEMENTS (bad_items); b++)
    {
      g_autoptr (GString) item = g_string_new (bad_items[b][0]);
      g_autofree char *bad = NULL;

      g_string_replace (item, "%s", number, 0);
      bad = g_strdup_printf (
          "{\"projects\":[{\"doc_type\":\"resident\",\"doc_number\":\"%s\",\"name\":\"好\"},%s]}",
          number, item->str);
      g_test_message ("%s", bad_items[b][0]);
      g_assert_true (g_file_set_contents (bad_path, bad, -1, NULL));
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (
          registry_test_run_cli (fx->url,
                                 (const char *[]){ "admin", "import", "projects", bad_path, NULL },
                                 NULL, NULL, &err),
          ==, 1);
      if (strstr (err, bad_items[b][1]) == NULL)
        g_error ("not named: %s in %s", bad_items[b][1], err);
      g_assert_null (strstr (err, number));
      g_assert_cmpint (count (fx, "SELECT count(*) FROM imported_records WHERE kind = 'projects'"),
                       ==, 2);
    }

  /* only the read-only kinds are imported */
  g_assert_cmpint (registry_test_run_cli (
                       fx->url, (const char *[]){ "admin", "import", "education", proj_path, NULL },
                       NULL, NULL, NULL),
                   ==, 2);
}

/* The demo imports these for its people: they must stay records of their
 * kinds as the kind table changes. */
static void
test_admin_import_demo (Fixture *fx, gconstpointer data)
{
  const char *const kinds[] = { "registrations", "projects" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *file_name = g_strconcat (kinds[i], ".json", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo-cards",
                                                     "records", file_name, NULL);
      g_autofree char *out = NULL;
      g_autofree char *sql =
          g_strdup_printf ("SELECT count(*) FROM imported_records WHERE kind = '%s'", kinds[i]);

      g_assert_cmpint (registry_test_run_cli (
                           fx->url, (const char *[]){ "admin", "import", kinds[i], path, NULL },
                           NULL, &out, NULL),
                       ==, 0);
      g_assert_cmpint (count (fx, sql), >, 0);
    }
}

/* A file over the import limit is refused from its size, without being read:
 * a sparse file of 300 MiB must not make the command use 300 MiB. */
static void
test_admin_import_oversize (Fixture *fx, gconstpointer data)
{
  g_autofree char *path =
      g_build_filename (registry_test_cluster_get_dir (cluster), "huge.json", NULL);
  g_autoptr (GError) error = NULL;
  const char *argv[] = {
    g_getenv ("REGISTRY_BIN"), "admin", "import", "projects", path, "--database", fx->url, NULL
  };
  struct rusage usage;
  int status = 0;
  GPid pid;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 300 * 1024 * 1024), ==, 0);
  close (fd);

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_spawn_close_pid (pid);
  g_unlink (path);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  /* ru_maxrss is in KiB */
  g_assert_cmpint (usage.ru_maxrss, <, 64 * 1024);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM imported_records"), ==, 0);
}

/* ---- schema ---- */

static void
test_migrate_empty (void)
{
  g_autofree char *url = registry_test_cluster_new_database (cluster);
  g_autofree char *out = NULL;
  g_autoptr (RegistryStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("schema version %d (was 0)\n",
                                               registry_storage_get_latest_schema_version ());

  g_assert_cmpint (
      registry_test_run_cli (url, (const char *[]){ "migrate", NULL }, NULL, &out, NULL), ==, 0);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (
      registry_test_run_cli (url, (const char *[]){ "migrate", NULL }, NULL, &out, NULL), ==, 0);
  storage = registry_storage_open (url, &error);
  g_assert_no_error (error);
  g_assert_cmpint (registry_storage_get_schema_version (storage, &error), ==,
                   registry_storage_get_latest_schema_version ());
  if (g_str_has_prefix (url, "sqlite:"))
    {
      GStatBuf st;
      g_assert_cmpint (g_stat (url + strlen ("sqlite:"), &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  g_assert_cmpint (registry_test_count (storage, "SELECT count(*) FROM schema_migrations"), ==,
                   registry_storage_get_latest_schema_version ());
}

/* A database of schema version 1 with data in it, brought up to date: the
 * data stays, and phones filed before are bound for login. */
static void
test_migrate_from_1 (void)
{
  g_autofree char *url = registry_test_cluster_new_database (cluster);
  g_autoptr (RegistryStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *a = resident_number (60);
  g_autofree char *b = resident_number (61);
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;
  RegistryTestProcess *process;
  RegistryTestReply *reply;
  int previous = 1;

  storage = registry_storage_open (url, &error);
  g_assert_no_error (error);
  registry_storage_migrate_to (storage, previous, &error);
  g_assert_no_error (error);
  g_assert_cmpint (registry_storage_get_schema_version (storage, NULL), ==, previous);
  {
    g_autofree char *sql = g_strdup_printf (
        "INSERT INTO devices (name, token_hash, created_at) VALUES ('old', 'h', 1);"
        "INSERT INTO persons (person_id, doc_type, doc_number, name, phone, version, created_at,"
        " updated_at) VALUES ('p1', 'resident', '%s', '甲', '13800000001', 1, 10, 10),"
        " ('p2', 'resident', '%s', '乙', '13800000001', 1, 20, 20);"
        "INSERT INTO filings (filing_id, person_id, device_id, source, doc_type, doc_number,"
        " phone, original_checked, phone_usable, received_at) VALUES"
        " ('00000000-0000-4000-8000-000000000001', 'p1', 1, 'card', 'resident', '%s',"
        " '13800000001', 0, 1, 10),"
        " ('00000000-0000-4000-8000-000000000002', 'p2', 1, 'card', 'resident', '%s',"
        " '13800000001', 0, 0, 20);",
        a, b, a, b);
    registry_storage_exec (storage, sql, &error);
    g_assert_no_error (error);
  }

  g_assert_cmpint (
      registry_test_run_cli (url, (const char *[]){ "migrate", NULL }, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (registry_storage_get_schema_version (storage, NULL), ==,
                   registry_storage_get_latest_schema_version ());
  g_assert_cmpint (registry_test_count (storage, "SELECT count(*) FROM filings"), ==, 2);
  g_assert_cmpint (
      registry_test_count (storage, "SELECT count(*) FROM login_phones WHERE person_id = 'p1'"), ==,
      1);
  g_assert_cmpint (registry_test_count (storage, "SELECT count(*) FROM login_phones"), ==, 1);

  token = registry_test_enroll_device (url, "kiosk-new");
  process = registry_test_process_start (cluster, url, NULL);
  path = g_strdup_printf ("/v1/persons/resident/%s/state", a);
  reply = registry_test_request (session, process, "GET", path, token, NULL, 0);
  g_assert_cmpstr (registry_test_json_string (reply->json, "state"), ==, "enabled");
  registry_test_reply_free (reply);
  g_free (path);
  path = g_strdup_printf ("/v1/persons/resident/%s/state", b);
  reply = registry_test_request (session, process, "GET", path, token, NULL, 0);
  g_assert_cmpstr (registry_test_json_string (reply->json, "state"), ==, "filed");
  registry_test_reply_free (reply);
  registry_test_process_stop (process);
}

static void
test_migrate_newer (void)
{
  g_autofree char *url = registry_test_cluster_new_database (cluster);
  g_autoptr (RegistryStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;

  storage = registry_storage_open (url, &error);
  g_assert_no_error (error);
  registry_storage_migrate (storage, &error);
  g_assert_no_error (error);
  registry_storage_exec (storage,
                         "INSERT INTO schema_migrations (version, description, applied_at)"
                         " VALUES (999, 'future', 1)",
                         &error);
  g_assert_no_error (error);
  g_assert_cmpint (
      registry_test_run_cli (url, (const char *[]){ "migrate", NULL }, NULL, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "newer"));
}

/* ---- listen backlog ---- */

/* Hundreds of kiosks reconnecting at once: with the server frozen, every
 * connection must still be queued by the kernel (GLib's default backlog of
 * 10 would drop most), and each is answered once the server runs again. */
static void
test_listen_backlog (Fixture *fx, gconstpointer data)
{
  const guint n = 300;
  g_autoptr (GPtrArray) conns = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  const char request[] = "GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

  g_socket_client_set_timeout (client, 2);
  kill (fx->process->pid, SIGSTOP);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      GSocketConnection *conn =
          g_socket_client_connect_to_host (client, "127.0.0.1", fx->process->port, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), request,
                                 sizeof request - 1, NULL, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (conns, conn);
    }
  kill (fx->process->pid, SIGCONT);

  for (guint i = 0; i < n; i++)
    {
      GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (g_ptr_array_index (conns, i)));
      char buf[64] = { 0 };
      gsize got = 0;
      g_autoptr (GError) error = NULL;

      g_input_stream_read_all (in, buf, 12, &got, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (buf, ==, "HTTP/1.1 200");
    }
}

/* ---- the database going away and coming back ---- */

static void
test_database_restart (void)
{
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  RegistryTestProcess *process;
  RegistryTestReply *reply;

  if (!registry_test_cluster_is_postgres (cluster))
    {
      g_test_skip ("needs REGISTRY_TEST_BACKEND=postgresql");
      return;
    }
  url = registry_test_cluster_new_database (cluster);
  token = registry_test_enroll_device (url, "kiosk-1");
  process = registry_test_process_start (cluster, url, (const char *[]){ "--workers", "2", NULL });
  reply = registry_test_request (session, process, "GET", "/v1/health", NULL, NULL, 0);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);

  registry_test_cluster_pause (cluster);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr (CoreFiling) filing = card_filing (700 + i, NULL);
      g_autofree char *json = core_filing_to_json (filing);

      reply = registry_test_request (session, process, "GET", "/v1/health", NULL, NULL, 0);
      g_assert_cmpuint (reply->status, ==, 503);
      g_assert_false (registry_test_json_bool (reply->json, "database"));
      registry_test_reply_free (reply);
      reply = registry_test_request (session, process, "POST", "/v1/filings", token, json, -1);
      assert_error (reply, 503, "unavailable");
      registry_test_reply_free (reply);
    }

  /* every worker reconnects on its next request, none fails */
  registry_test_cluster_resume (cluster);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr (CoreFiling) filing = card_filing (710 + i, NULL);
      g_autofree char *json = core_filing_to_json (filing);

      reply = registry_test_request (session, process, "POST", "/v1/filings", token, json, -1);
      g_assert_cmpuint (reply->status, ==, 201);
      registry_test_reply_free (reply);
    }
  reply = registry_test_request (session, process, "GET", "/v1/health", NULL, NULL, 0);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  registry_test_process_stop (process);
}

/* ---- HTTPS ---- */

static gboolean
accept_certificate_cb (SoupMessage *msg,
                       GTlsCertificate *certificate,
                       GTlsCertificateFlags errors,
                       gpointer user_data)
{
  return TRUE; /* self-signed for the test */
}

static void
test_tls (void)
{
  const char *dir = registry_test_cluster_get_dir (cluster);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *url = registry_test_cluster_new_database (cluster);
  g_autofree char *https = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  RegistryTestProcess *process;
  int status = -1;
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
                            "1",
                            "-subj",
                            "/CN=127.0.0.1",
                            NULL };

  g_spawn_sync (NULL, (char **) openssl, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  process = registry_test_process_start (
      cluster, url, (const char *[]){ "--tls-cert", cert, "--tls-key", key, NULL });
  https = g_strdup_printf ("https://127.0.0.1:%u/v1/health", process->port);
  msg = soup_message_new ("GET", https);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), NULL);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (
      g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "\"status\":\"ok\""));
  registry_test_process_stop (process);
}

/* ---- configuration ---- */

static void
test_config_file (void)
{
  const char *dir = registry_test_cluster_get_dir (cluster);
  g_autofree char *url = registry_test_cluster_new_database (cluster);
  g_autofree char *config = g_build_filename (dir, "registry.conf", NULL);
  g_autofree char *contents = g_strdup_printf ("[registry]\nworkers=2\nsms=spool:%s\n", dir);
  g_autofree char *bad = g_build_filename (dir, "bad.conf", NULL);
  g_autofree char *err = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  RegistryTestProcess *process;
  RegistryTestReply *reply;

  g_assert_true (g_file_set_contents (config, contents, -1, NULL));
  process =
      registry_test_process_start (cluster, url, (const char *[]){ "--config", config, NULL });
  reply = registry_test_request (session, process, "GET", "/v1/health", NULL, NULL, 0);
  g_assert_cmpuint (reply->status, ==, 200);
  registry_test_reply_free (reply);
  registry_test_process_stop (process);

  /* a bad gateway and a missing config file stop the server at start */
  g_assert_true (g_file_set_contents (bad, "[registry]\nsms=carrier-pigeon\n", -1, NULL));
  g_assert_cmpint (registry_test_run_cli (url,
                                          (const char *[]){ "serve", "--listen", "127.0.0.1:0",
                                                            "--config", bad, NULL },
                                          NULL, NULL, &err),
                   ==, 2);
  g_assert_nonnull (strstr (err, "--sms"));
  g_assert_cmpint (registry_test_run_cli (url,
                                          (const char *[]){ "serve", "--listen", "127.0.0.1:0",
                                                            "--config", "/nonexistent.conf", NULL },
                                          NULL, NULL, NULL),
                   ==, 2);
}

/* ---- several processes on one PostgreSQL ---- */

static void
test_scale_out (void)
{
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (RegistryStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  RegistryTestProcess *processes[2];
  const guint n = 200;

  if (!registry_test_cluster_is_postgres (cluster))
    {
      g_test_skip ("needs REGISTRY_TEST_BACKEND=postgresql");
      return;
    }
  url = registry_test_cluster_new_database (cluster);
  token = registry_test_enroll_device (url, "kiosk-1");
  processes[0] = registry_test_process_start (cluster, url, NULL);
  processes[1] = registry_test_process_start (cluster, url, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CoreFiling) filing = card_filing (i, NULL);
      g_autofree char *json = core_filing_to_json (filing);
      RegistryTestReply *reply;

      reply =
          registry_test_request (session, processes[i % 2], "POST", "/v1/filings", token, json, -1);
      g_assert_cmpuint (reply->status, ==, 201);
      registry_test_reply_free (reply);
      /* the retry lands on the other process and is recognised there */
      reply = registry_test_request (session, processes[(i + 1) % 2], "POST", "/v1/filings", token,
                                     json, -1);
      g_assert_cmpuint (reply->status, ==, 200);
      registry_test_reply_free (reply);
    }

  /* the same filing sent to both processes at the same moment */
  for (guint r = 0; r < 20; r++)
    {
      g_autoptr (CoreFiling) filing = card_filing (500 + r, "13100000000");
      g_autofree char *json = core_filing_to_json (filing);
      char *bodies[4] = { json, json, json, json };
      RaceThread threads[4];
      guint created = 0;

      race_on (processes, 2, token, bodies, 4, threads);
      for (guint i = 0; i < 4; i++)
        {
          g_assert_true (threads[i].status == 200 || threads[i].status == 201);
          created += threads[i].status == 201;
          g_assert_cmpstr (threads[i].person_id, ==, threads[0].person_id);
        }
      for (guint i = 0; i < 4; i++)
        g_free (threads[i].person_id);
      g_assert_cmpuint (created, ==, 1);
    }

  storage = registry_storage_open (url, &error);
  g_assert_no_error (error);
  g_assert_cmpint (registry_test_count (storage, "SELECT count(*) FROM filings"), ==, n + 20);
  g_assert_cmpint (registry_test_count (storage, "SELECT count(DISTINCT filing_id) FROM filings"),
                   ==, n + 20);
  g_assert_cmpint (registry_test_count (storage, "SELECT count(*) FROM persons"), ==, n + 20);
  /* one phone, twenty people: bound to the first only */
  g_assert_cmpint (registry_test_count (storage, "SELECT count(*) FROM login_phones"
                                                 " WHERE phone = '13100000000'"),
                   ==, 1);
  registry_test_process_stop (processes[0]);
  registry_test_process_stop (processes[1]);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  cluster = registry_test_cluster_start ();

#define ADD(path, func)                                                                            \
  g_test_add ("/registry/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("health", test_health);
  ADD ("auth", test_auth);
  ADD ("filing/create", test_filing_create);
  ADD ("filing/manual", test_filing_manual);
  ADD ("filing/manual-refused", test_filing_manual_refused);
  ADD ("filing/retry", test_filing_retry);
  ADD ("filing/concurrent", test_filing_concurrent);
  ADD ("filing/update-history", test_filing_update_history);
  ADD ("filing/phone-taken", test_filing_phone_taken);
  ADD ("filing/phone-change", test_filing_phone_change);
  ADD ("filing/phone-check", test_phone_check);
  g_test_add ("/registry/batch/killed", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_batch_interrupted, fixture_tear_down);
  g_test_add ("/registry/batch/terminated", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_batch_interrupted, fixture_tear_down);
  ADD ("person/state", test_person_state);
  ADD ("validation", test_validation);
  ADD ("malformed", test_malformed);
  ADD ("json/nul", test_json_nul);
  ADD ("json/bad-json-message", test_bad_json_message);
  ADD ("path-escapes", test_path_escapes);
  ADD ("batch/items", test_batch);
  ADD ("batch/envelope", test_batch_envelope);
  ADD ("logs-masked", test_logs_masked);
  ADD ("admin/staff", test_admin_staff);
  ADD ("listen-backlog", test_listen_backlog);
  ADD ("admin/import", test_admin_import);
  ADD ("admin/import-oversize", test_admin_import_oversize);
  ADD ("admin/import-demo", test_admin_import_demo);
#undef ADD
  g_test_add_func ("/registry/migrate/empty", test_migrate_empty);
  g_test_add_func ("/registry/migrate/from-1", test_migrate_from_1);
  g_test_add_func ("/registry/migrate/newer", test_migrate_newer);
  g_test_add_func ("/registry/scale-out", test_scale_out);
  g_test_add_func ("/registry/tls", test_tls);
  g_test_add_func ("/registry/database-restart", test_database_restart);
  g_test_add_func ("/registry/config-file", test_config_file);

  status = g_test_run ();
  registry_test_cluster_stop (cluster);
  return status;
}
