/* test-registry-fleet.c: kiosks' health reports and the operators' fleet list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real registry process on SQLite or PostgreSQL: kiosks report with their
 * device tokens, and an operator's admin token reads the fleet as JSON, as
 * a page, and through `admin fleet`, each kiosk with the right problems. A
 * device token never reads the fleet; the page escapes what kiosks say.
 */

#include "config.h"

#include <string.h>

#include "registry-test-util.h"

#define HOSTILE_NAME "<script>alert(\"kiosk\")</script>&'"
#define HOSTILE_ERROR "<img src=x onerror=alert(1)>"

typedef struct
{
  char *url;
  char *admin_token;
  RegistryStorage *storage;
  RegistryTestProcess *process;
  SoupSession *session;
} Fixture;

static RegistryTestCluster *cluster;

static char *
add_admin_token (const char *url, const char *name)
{
  g_autofree char *out = NULL;
  const char *args[] = { "admin", "add-admin-token", name, NULL };

  g_assert_cmpint (registry_test_run_cli (url, args, NULL, &out, NULL), ==, 0);
  g_strstrip (out);
  g_assert_cmpuint (strlen (out), ==, 64);
  return g_steal_pointer (&out);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->url = registry_test_cluster_new_database (cluster);
  fx->admin_token = add_admin_token (fx->url, "operators");
  fx->process = registry_test_process_start (cluster, fx->url, NULL);
  fx->storage = registry_storage_open (fx->url, &error);
  g_assert_no_error (error);
  fx->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  registry_test_process_stop (fx->process);
  g_clear_object (&fx->storage);
  g_clear_object (&fx->session);
  g_free (fx->admin_token);
  g_free (fx->url);
}

static char *
report_json (gint64 depth,
             gint64 oldest_s,
             const char *reader,
             const char *printer,
             const char *last_error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, "1.2.3");
  json_builder_set_member_name (builder, "outbox_depth");
  json_builder_add_int_value (builder, depth);
  json_builder_set_member_name (builder, "oldest_unsent_s");
  json_builder_add_int_value (builder, oldest_s);
  json_builder_set_member_name (builder, "reader");
  json_builder_add_string_value (builder, reader);
  json_builder_set_member_name (builder, "printer");
  json_builder_add_string_value (builder, printer);
  json_builder_set_member_name (builder, "last_error");
  if (last_error != NULL)
    json_builder_add_string_value (builder, last_error);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "interval_s");
  json_builder_add_int_value (builder, 300);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
report (Fixture *fx, const char *token, const char *body, guint expected_status)
{
  g_autoptr (RegistryTestReply) reply = registry_test_request (
      fx->session, fx->process, "PUT", "/v1/devices/current/health", token, body, -1);

  if (reply->status != expected_status)
    g_test_message ("answer: %u %s", reply->status, reply->body);
  g_assert_cmpuint (reply->status, ==, expected_status);
}

/* The fleet's entry for @name, from GET /v1/fleet. */
static JsonObject *
find_kiosk (JsonNode *fleet, const char *name)
{
  JsonArray *kiosks = json_object_get_array_member (json_node_get_object (fleet), "kiosks");

  for (guint i = 0; i < json_array_get_length (kiosks); i++)
    {
      JsonObject *kiosk = json_array_get_object_element (kiosks, i);
      if (g_strcmp0 (json_object_get_string_member (kiosk, "name"), name) == 0)
        return kiosk;
    }
  g_error ("no kiosk %s in the fleet", name);
}

/* Its problem codes joined by commas, in the list's order. */
static char *
problems_of (JsonObject *kiosk)
{
  JsonArray *problems = json_object_get_array_member (kiosk, "problems");
  g_autoptr (GPtrArray) codes = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (problems); i++)
    g_ptr_array_add (codes, (gpointer) json_array_get_string_element (problems, i));
  g_ptr_array_add (codes, NULL);
  return g_strjoinv (",", (char **) codes->pdata);
}

static RegistryTestReply *
get_fleet (Fixture *fx)
{
  RegistryTestReply *reply = registry_test_request (fx->session, fx->process, "GET", "/v1/fleet",
                                                    fx->admin_token, NULL, 0);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (reply->json);
  return reply;
}

static void
test_report_and_list (Fixture *fx, gconstpointer data)
{
  g_autofree char *healthy = registry_test_enroll_device (fx->url, "kiosk-a");
  g_autofree char *troubled = registry_test_enroll_device (fx->url, "kiosk-b");
  g_autofree char *silent = registry_test_enroll_device (fx->url, "kiosk-c");
  g_autofree char *good = report_json (0, 0, "ok", "ready", NULL);
  g_autofree char *bad = report_json (3, 4000, "missing", "not_ready", "registry unreachable");
  g_autofree char *out = NULL;
  RegistryTestReply *reply;
  JsonObject *kiosk;

  report (fx, healthy, good, 200);
  report (fx, troubled, bad, 200);
  /* a newer report replaces the older one */
  report (fx, troubled, bad, 200);
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM device_health"), ==, 2);

  reply = get_fleet (fx);
  kiosk = find_kiosk (reply->json, "kiosk-a");
  g_assert_cmpstr (problems_of (kiosk), ==, "");
  g_assert_cmpstr (json_object_get_string_member (kiosk, "version"), ==, "1.2.3");
  g_assert_nonnull (json_object_get_string_member (kiosk, "last_seen"));
  kiosk = find_kiosk (reply->json, "kiosk-b");
  g_assert_cmpstr (problems_of (kiosk), ==,
                   "outbox_stale,reader_missing,printer_not_ready,last_error");
  g_assert_cmpint (json_object_get_int_member (kiosk, "outbox_depth"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (kiosk, "last_error"), ==, "registry unreachable");
  kiosk = find_kiosk (reply->json, "kiosk-c");
  g_assert_cmpstr (problems_of (kiosk), ==, "not_seen");
  g_assert_true (json_object_get_null_member (kiosk, "last_seen"));
  registry_test_reply_free (reply);

  /* silent for more than three intervals of 300 s: missed */
  g_assert_true (registry_storage_exec (
      fx->storage, "UPDATE device_health SET reported_at = reported_at - 901000000", NULL));
  reply = get_fleet (fx);
  g_assert_cmpstr (problems_of (find_kiosk (reply->json, "kiosk-a")), ==, "not_seen");
  registry_test_reply_free (reply);

  /* the same for the operator's shell, and a status for scripts */
  g_assert_cmpint (
      registry_test_run_cli (fx->url, (const char *[]){ "admin", "fleet", NULL }, NULL, &out, NULL),
      ==, 3);
  g_assert_nonnull (strstr (out, "kiosk-a\t"));
  g_assert_nonnull (strstr (out, "not_seen"));
  g_assert_nonnull (strstr (
      out, "outbox_stale,reader_missing,printer_not_ready,last_error (registry unreachable)"));
  g_assert_nonnull (strstr (out, "kiosk-c\tnever"));
  g_assert_nonnull (strstr (out, "3 kiosks, 3 with problems"));
}

/* A revoked kiosk leaves the fleet; a healthy fleet exits 0. */
static void
test_healthy_fleet (Fixture *fx, gconstpointer data)
{
  g_autofree char *token = registry_test_enroll_device (fx->url, "kiosk-a");
  g_autofree char *gone = registry_test_enroll_device (fx->url, "kiosk-old");
  g_autofree char *good = report_json (2, 60, "ok", "ready", NULL);
  g_autofree char *out = NULL;

  report (fx, token, good, 200);
  g_assert_cmpint (registry_test_run_cli (
                       fx->url, (const char *[]){ "admin", "revoke-device", "kiosk-old", NULL },
                       NULL, NULL, NULL),
                   ==, 0);
  g_assert_cmpint (
      registry_test_run_cli (fx->url, (const char *[]){ "admin", "fleet", NULL }, NULL, &out, NULL),
      ==, 0);
  g_assert_null (strstr (out, "kiosk-old"));
  g_assert_nonnull (strstr (out, "1 kiosks, 0 with problems"));
}

static RegistryTestReply *
get_with_authorization (Fixture *fx, const char *path, const char *authorization)
{
  g_autofree char *url = g_strconcat (fx->process->base_url, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  RegistryTestReply *reply = g_new0 (RegistryTestReply, 1);
  SoupMessageHeaders *headers;

  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  authorization);
  bytes = soup_session_send_and_read (fx->session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  headers = soup_message_get_response_headers (msg);
  /* kept in allow: the challenge, or the media type of an answer */
  reply->allow =
      g_strdup (reply->status == 401 ? soup_message_headers_get_one (headers, "WWW-Authenticate")
                                     : soup_message_headers_get_content_type (headers, NULL));
  return reply;
}

static char *
basic (const char *user, const char *password)
{
  g_autofree char *pair = g_strconcat (user, ":", password, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  return g_strconcat ("Basic ", encoded, NULL);
}

static void
assert_refused (Fixture *fx, const char *path, const char *authorization)
{
  g_autoptr (RegistryTestReply) reply = get_with_authorization (fx, path, authorization);

  g_assert_cmpuint (reply->status, ==, 401);
  g_assert_nonnull (strstr (reply->body, "\"admin_unauthorized\""));
  g_assert_true (g_str_has_prefix (reply->allow, "Basic realm="));
  g_assert_null (strstr (reply->body, "kiosk-a"));
}

static void
test_device_token_refused (Fixture *fx, gconstpointer data)
{
  g_autofree char *token = registry_test_enroll_device (fx->url, "kiosk-a");
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *device_basic = basic ("operator", token);
  g_autofree char *admin_bearer = g_strconcat ("Bearer ", fx->admin_token, NULL);
  g_autofree char *admin_basic = basic ("anyone", fx->admin_token);
  g_autofree char *other = add_admin_token (fx->url, "laptop");
  g_autofree char *other_basic = basic ("anyone", other);
  g_autoptr (RegistryTestReply) reply = NULL;

  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? "/v1/fleet" : "/fleet";

      assert_refused (fx, path, NULL);
      assert_refused (fx, path, bearer);
      assert_refused (fx, path, device_basic);
      assert_refused (fx, path, "Basic bm90IGJhc2U2NA==");
      assert_refused (fx, path, "Basic %%%");
    }

  /* an admin token is no device token either */
  report (fx, fx->admin_token, "{}", 401);

  reply = get_with_authorization (fx, "/v1/fleet", admin_bearer);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, registry_test_reply_free);
  reply = get_with_authorization (fx, "/fleet", admin_basic);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, registry_test_reply_free);

  /* revoking one token leaves the other working */
  g_assert_cmpint (registry_test_run_cli (
                       fx->url, (const char *[]){ "admin", "revoke-admin-token", "laptop", NULL },
                       NULL, NULL, NULL),
                   ==, 0);
  assert_refused (fx, "/fleet", other_basic);
  reply = get_with_authorization (fx, "/fleet", admin_basic);
  g_assert_cmpuint (reply->status, ==, 200);
  /* stored hashed: the token itself is nowhere in the database */
  {
    g_autofree char *sql =
        g_strdup_printf ("SELECT count(*) FROM admin_tokens WHERE token_hash = '%s'", other);
    g_assert_cmpint (registry_test_count (fx->storage, sql), ==, 0);
  }
}

static void
test_page_escapes (Fixture *fx, gconstpointer data)
{
  g_autofree char *token = registry_test_enroll_device (fx->url, HOSTILE_NAME);
  g_autofree char *body = report_json (0, 0, "ok", "none", HOSTILE_ERROR);
  g_autofree char *admin_basic = basic ("ops", fx->admin_token);
  g_autoptr (RegistryTestReply) reply = NULL;

  report (fx, token, body, 200);
  reply = get_with_authorization (fx, "/fleet", admin_basic);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (reply->allow, ==, "text/html");
  g_assert_nonnull (strstr (reply->body, "<meta http-equiv=\"refresh\""));
  g_assert_null (strstr (reply->body, "<script"));
  g_assert_null (strstr (reply->body, "<img"));
  g_assert_nonnull (strstr (reply->body, "&lt;script&gt;alert(&quot;kiosk&quot;)&lt;/script&gt;"
                                         "&amp;&apos;"));
  g_assert_nonnull (strstr (reply->body, "&lt;img src=x onerror=alert(1)&gt;"));
  g_assert_nonnull (strstr (reply->body, "the default printer is not ready"));
}

/* Reports the registry cannot take are refused, each naming what is
 * wrong, and change nothing. */
static void
test_bad_reports (Fixture *fx, gconstpointer data)
{
  g_autofree char *token = registry_test_enroll_device (fx->url, "kiosk-a");
  g_autofree char *good = report_json (1, 10, "ok", "ready", NULL);
  g_autofree char *long_error = g_strnfill (513, 'x');
  g_autofree char *too_long = report_json (1, 10, "ok", "ready", long_error);
  g_autofree char *control = report_json (1, 10, "ok", "ready", "line\nbreak");
  /* U+202E turns the rest of the operators' page around */
  g_autofree char *bidi = report_json (1, 10, "ok", "ready", "reader \u202efailed");
  const char *const bad[] = {
    "[]",
    "{\"version\": \"1\"}",
    "{\"version\": 1, \"outbox_depth\": 0, \"oldest_unsent_s\": 0, \"reader\": \"ok\","
    " \"printer\": \"ready\", \"interval_s\": 300}",
    "{\"version\": \"1\", \"outbox_depth\": -1, \"oldest_unsent_s\": 0, \"reader\": \"ok\","
    " \"printer\": \"ready\", \"interval_s\": 300}",
    "{\"version\": \"1\", \"outbox_depth\": 0, \"oldest_unsent_s\": 0, \"reader\": \"lost\","
    " \"printer\": \"ready\", \"interval_s\": 300}",
    "{\"version\": \"1\", \"outbox_depth\": 0, \"oldest_unsent_s\": 0, \"reader\": \"ok\","
    " \"printer\": \"ready\", \"interval_s\": 1}",
    "{\"version\": \"1\", \"outbox_depth\": 0.5, \"oldest_unsent_s\": 0, \"reader\": \"ok\","
    " \"printer\": \"ready\", \"interval_s\": 300}",
    "{\"version\": \"1\\u0000\", \"outbox_depth\": 0, \"oldest_unsent_s\": 0, \"reader\": \"ok\","
    " \"printer\": \"ready\", \"interval_s\": 300}",
    too_long,
    control,
    bidi,
    NULL,
  };

  report (fx, token, good, 200);
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (RegistryTestReply) reply = registry_test_request (
          fx->session, fx->process, "PUT", "/v1/devices/current/health", token, bad[i], -1);

      g_test_message ("%s", bad[i]);
      g_assert_true (reply->status == 400 || reply->status == 422);
    }
  {
    g_autoptr (RegistryTestReply) reply = get_fleet (fx);
    JsonObject *kiosk = find_kiosk (reply->json, "kiosk-a");
    g_assert_cmpint (json_object_get_int_member (kiosk, "outbox_depth"), ==, 1);
    g_assert_true (json_object_get_null_member (kiosk, "last_error"));
  }
}

typedef struct
{
  RegistryTestProcess *process;
  const char *token;
  guint depth;
  guint status;
} Reporter;

static gpointer
report_thread (gpointer user_data)
{
  Reporter *reporter = user_data;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *body = report_json (reporter->depth, 5, "ok", "ready", NULL);
  g_autoptr (RegistryTestReply) reply = registry_test_request (
      session, reporter->process, "PUT", "/v1/devices/current/health", reporter->token, body, -1);

  reporter->status = reply->status;
  return NULL;
}

/* Twenty reports of one kiosk at once: all taken, one row kept, one of them. */
static void
test_parallel_reports (Fixture *fx, gconstpointer data)
{
  g_autofree char *token = registry_test_enroll_device (fx->url, "kiosk-a");
  Reporter reporters[20];
  GThread *threads[20];
  g_autoptr (RegistryTestReply) reply = NULL;
  gint64 depth;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      reporters[i] = (Reporter){ fx->process, token, i + 1, 0 };
      threads[i] = g_thread_new ("report", report_thread, &reporters[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (reporters[i].status, ==, 200);
    }
  g_assert_cmpint (registry_test_count (fx->storage, "SELECT count(*) FROM device_health"), ==, 1);
  reply = get_fleet (fx);
  depth = json_object_get_int_member (find_kiosk (reply->json, "kiosk-a"), "outbox_depth");
  g_assert_cmpint (depth, >=, 1);
  g_assert_cmpint (depth, <=, 20);
  g_clear_pointer (&reply, registry_test_reply_free);

  /* and the next report replaces whichever won */
  {
    g_autofree char *later = report_json (77, 5, "ok", "ready", NULL);
    report (fx, token, later, 200);
  }
  reply = get_fleet (fx);
  g_assert_cmpint (json_object_get_int_member (find_kiosk (reply->json, "kiosk-a"), "outbox_depth"),
                   ==, 77);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster = registry_test_cluster_start ();

#define ADD(path, func)                                                                            \
  g_test_add ("/registry/fleet/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("report-and-list", test_report_and_list);
  ADD ("healthy-fleet", test_healthy_fleet);
  ADD ("device-token-refused", test_device_token_refused);
  ADD ("page-escapes", test_page_escapes);
  ADD ("bad-reports", test_bad_reports);
  ADD ("parallel-reports", test_parallel_reports);
#undef ADD

  status = g_test_run ();
  registry_test_cluster_stop (cluster);
  return status;
}
