/* test-registry-routes.c: every route of the table, walked over a real registry process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The walk reads the route table the registry is built with, so a route
 * added tomorrow is walked too: a wrong method is 405 with the Allow header
 * the table says, each missing or foreign credential is 401 with the code of
 * the route's level (before any body is looked at), and a malformed body is
 * the documented error, with nothing written. The log names routes by their
 * pattern, never by their path.
 */

#include "config.h"

#include <string.h>

#include "registry-api.h"
#include "registry-router.h"
#include "registry-test-util.h"

#define ANSWER "K7MP"
#define USER "walker"
#define PASSWORD "a long staff password"
/* well-formed, but nobody's */
#define UNKNOWN_TOKEN "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static const char *const methods[] = { "GET", "POST", "PUT", "DELETE", "PATCH", NULL };

typedef struct
{
  char *url;
  char *spool;
  char *token;
  char *number;
  char *phone;
  char *person_session;
  char *staff_session;
  RegistryStorage *storage;
  RegistryTestProcess *process;
  SoupSession *session;
} Fixture;

static RegistryTestCluster *cluster;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autofree char *spool_arg = NULL;
  g_autoptr (GError) error = NULL;

  fx->url = registry_test_cluster_new_database (cluster);
  fx->token = registry_test_enroll_device (fx->url, "kiosk-1");
  registry_test_add_staff (fx->url, USER, PASSWORD);
  fx->spool = g_build_filename (registry_test_cluster_get_dir (cluster), "spool-routes", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fx->spool, 0700), ==, 0);
  spool_arg = g_strconcat ("spool:", fx->spool, NULL);
  {
    const char *args[] = { "--sms", spool_arg, "--test-captcha-answer", ANSWER, NULL };
    fx->process = registry_test_process_start (cluster, fx->url, args);
  }
  fx->session = soup_session_new ();
  fx->storage = registry_storage_open (fx->url, &error);
  g_assert_no_error (error);

  /* a credential of every level */
  fx->number = registry_test_resident_number (1995, 1);
  fx->phone = registry_test_phone_number (9501);
  registry_test_file_person (fx->session, fx->process, fx->token, 1995, 1, fx->phone);
  fx->person_session = registry_test_person_session (fx->session, fx->process, fx->token, fx->spool,
                                                     ANSWER, fx->number, fx->phone);
  fx->staff_session =
      registry_test_staff_session (fx->session, fx->process, fx->token, USER, PASSWORD);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->session);
  g_clear_object (&fx->storage);
  registry_test_process_stop (fx->process);
  g_free (fx->url);
  g_free (fx->spool);
  g_free (fx->token);
  g_free (fx->number);
  g_free (fx->phone);
  g_free (fx->person_session);
  g_free (fx->staff_session);
}

/* The pattern with every {parameter} filled in with a valid value. */
static char *
path_of (Fixture *fx, const RegistryRoute *route)
{
  g_auto (GStrv) parts = g_strsplit (route->pattern, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *value = NULL;

      if (g_strcmp0 (parts[i], "{doc_type}") == 0)
        value = "resident";
      else if (g_strcmp0 (parts[i], "{doc_number}") == 0)
        value = fx->number;
      else if (g_strcmp0 (parts[i], "{kind}") == 0)
        value = "education"; /* editable: every method of the table applies */
      else if (parts[i][0] == '{')
        value = "1";
      if (value != NULL)
        {
          g_free (parts[i]);
          parts[i] = g_strdup (value);
        }
    }
  return g_strjoinv ("/", parts);
}

/* The methods the table lists for the route's pattern, in its order. */
static char *
allow_of (const RegistryRoute *routes, guint n_routes, const RegistryRoute *route)
{
  g_autoptr (GPtrArray) allowed = g_ptr_array_new ();

  for (guint i = 0; i < n_routes; i++)
    {
      if (g_strcmp0 (routes[i].pattern, route->pattern) == 0 &&
          !g_ptr_array_find_with_equal_func (allowed, routes[i].method, g_str_equal, NULL))
        g_ptr_array_add (allowed, (gpointer) routes[i].method);
    }
  g_ptr_array_add (allowed, NULL);
  return g_strjoinv (", ", (char **) allowed->pdata);
}

/* The session header a route's level needs, from the fixture. */
static const char *
session_for (Fixture *fx, const RegistryRoute *route)
{
  if (route->auth == REGISTRY_AUTH_PERSON)
    return fx->person_session;
  if (route->auth == REGISTRY_AUTH_STAFF)
    return fx->staff_session;
  return NULL;
}

/* {"error": {"code": CODE, "message": "…", …}} and nothing else. */
static void
assert_error_shape (RegistryTestReply *reply, guint status, const char *code)
{
  JsonObject *top;

  if (reply->status != status ||
      g_strcmp0 (registry_test_json_string (reply->json, "error.code"), code) != 0)
    g_test_message ("answer: %u %s", reply->status, reply->body);
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  top = json_node_get_object (reply->json);
  g_assert_cmpuint (json_object_get_size (top), ==, 1);
  g_assert_cmpstr (registry_test_json_string (reply->json, "error.code"), ==, code);
  g_assert_nonnull (registry_test_json_string (reply->json, "error.message"));
  g_assert_cmpuint (strlen (registry_test_json_string (reply->json, "error.message")), >, 0);
}

static RegistryTestReply *
call (Fixture *fx,
      const char *method,
      const char *path,
      const char *token,
      const char *session_token,
      const char *body)
{
  return registry_test_request_session (fx->session, fx->process, method, path, token,
                                        session_token, body);
}

static RegistryTestReply *
call_typed (Fixture *fx,
            const char *method,
            const char *path,
            const char *content_type,
            const char *token,
            const char *session_token,
            const char *body)
{
  return registry_test_request_typed (fx->session, fx->process, method, path, token, session_token,
                                      content_type, body,
                                      body != NULL ? (gssize) strlen (body) : -1);
}

/* Everything a refused request could have written. */
static gint64
rows_written (Fixture *fx)
{
  return registry_test_count (fx->storage, "SELECT (SELECT count(*) FROM audit_log)"
                                           " + (SELECT count(*) FROM filings)"
                                           " + (SELECT count(*) FROM persons)"
                                           " + (SELECT count(*) FROM sms_codes)"
                                           " + (SELECT count(*) FROM login_phones)");
}

/* The table itself: rows the router takes, each (method, pattern) once. */
static void
test_table (Fixture *fx, gconstpointer data)
{
  guint n_routes;
  const RegistryRoute *routes = registry_api_get_routes (&n_routes);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (RegistryRouter) router = registry_router_new (routes, n_routes);

  g_assert_cmpuint (n_routes, >, 0);
  for (guint i = 0; i < n_routes; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s %s", routes[i].method, routes[i].pattern);
      g_autofree char *path = path_of (fx, &routes[i]);
      g_autoptr (GHashTable) params = NULL;
      RegistryResponse error = { 0 };

      /* the versioned API, an operators' page a browser opens, or the phone
       * upload page, whose address is a QR code */
      g_assert_true (g_str_has_prefix (routes[i].pattern, "/v1/") ||
                     routes[i].auth == REGISTRY_AUTH_ADMIN ||
                     g_str_has_prefix (routes[i].pattern, "/u/"));
      g_assert_nonnull (routes[i].handler);
      g_assert_false (g_hash_table_contains (seen, key));
      g_hash_table_add (seen, g_steal_pointer (&key));
      /* each row is reachable: its own method and path find it */
      g_assert_true (registry_router_match (router, routes[i].method, path, &params, &error) ==
                     &routes[i]);
      registry_response_clear (&error);
    }
}

static void
test_wrong_method (Fixture *fx, gconstpointer data)
{
  guint n_routes;
  const RegistryRoute *routes = registry_api_get_routes (&n_routes);

  for (guint i = 0; i < n_routes; i++)
    {
      g_autofree char *path = path_of (fx, &routes[i]);
      g_autofree char *allow = allow_of (routes, n_routes, &routes[i]);
      g_auto (GStrv) allowed = g_strsplit (allow, ", ", -1);

      for (guint m = 0; methods[m] != NULL; m++)
        {
          g_autoptr (RegistryTestReply) reply = NULL;

          if (g_strv_contains ((const char *const *) allowed, methods[m]))
            continue;
          g_test_message ("%s %s", methods[m], routes[i].pattern);
          reply = call (fx, methods[m], path, fx->token, session_for (fx, &routes[i]), NULL);
          assert_error_shape (reply, 405, "method_not_allowed");
          g_assert_cmpstr (reply->allow, ==, allow);
        }
    }
}

static void
test_credentials (Fixture *fx, gconstpointer data)
{
  guint n_routes;
  const RegistryRoute *routes = registry_api_get_routes (&n_routes);
  gint64 before = rows_written (fx);

  for (guint i = 0; i < n_routes; i++)
    {
      const RegistryRoute *route = &routes[i];
      g_autofree char *path = path_of (fx, route);
      /* a broken body too: credentials are checked before any body */
      const char *body = route->body.kind == REGISTRY_BODY_NONE ? NULL : "{";
      /* a raw route's body in a type it takes: credentials come first */
      const char *type = route->body.kind == REGISTRY_BODY_RAW ? route->body.media_types[0] : NULL;
      const char *session_code =
          route->auth == REGISTRY_AUTH_STAFF ? "staff_session_invalid" : "session_invalid";
      const char *foreign =
          route->auth == REGISTRY_AUTH_STAFF ? fx->person_session : fx->staff_session;
      const char *missing_code =
          route->auth == REGISTRY_AUTH_ADMIN ? "admin_unauthorized" : "unauthorized";
      RegistryTestReply *reply;

      g_test_message ("%s %s", route->method, route->pattern);
      if (route->auth == REGISTRY_AUTH_NONE)
        {
          reply = call_typed (fx, route->method, path, type, NULL, NULL, body);
          g_assert_cmpuint (reply->status, !=, 401);
          registry_test_reply_free (reply);
          continue;
        }

      /* no credential, a malformed one, an unknown one */
      reply = call_typed (fx, route->method, path, type, NULL, session_for (fx, route), body);
      assert_error_shape (reply, 401, missing_code);
      registry_test_reply_free (reply);
      reply = call_typed (fx, route->method, path, type, "short", session_for (fx, route), body);
      assert_error_shape (reply, 401, missing_code);
      registry_test_reply_free (reply);
      reply =
          call_typed (fx, route->method, path, type, UNKNOWN_TOKEN, session_for (fx, route), body);
      assert_error_shape (reply, 401, missing_code);
      registry_test_reply_free (reply);

      if (route->auth == REGISTRY_AUTH_ADMIN)
        {
          /* a kiosk's token is no operator's credential */
          reply = call_typed (fx, route->method, path, type, fx->token, NULL, body);
          assert_error_shape (reply, 401, "admin_unauthorized");
          registry_test_reply_free (reply);
        }
      if (route->auth != REGISTRY_AUTH_PERSON && route->auth != REGISTRY_AUTH_STAFF)
        continue;
      /* the device alone, an unknown session, the other kind of session */
      reply = call_typed (fx, route->method, path, type, fx->token, NULL, body);
      assert_error_shape (reply, 401, session_code);
      registry_test_reply_free (reply);
      reply = call_typed (fx, route->method, path, type, fx->token, UNKNOWN_TOKEN, body);
      assert_error_shape (reply, 401, session_code);
      registry_test_reply_free (reply);
      reply = call_typed (fx, route->method, path, type, fx->token, foreign, body);
      assert_error_shape (reply, 401, session_code);
      registry_test_reply_free (reply);
    }
  g_assert_cmpint (rows_written (fx), ==, before);
}

/* `field` names the first faulty field, `fields` lists each with its own
 * code and message. */
static void
assert_fields (RegistryTestReply *reply)
{
  JsonNode *fields = json_object_get_member (
      json_node_get_object (json_object_get_member (json_node_get_object (reply->json), "error")),
      "fields");

  g_assert_nonnull (registry_test_json_string (reply->json, "error.field"));
  g_assert_nonnull (fields);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (fields));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (fields)), >, 0);
  g_assert_cmpstr (registry_test_json_string (reply->json, "error.fields.0.field"), ==,
                   registry_test_json_string (reply->json, "error.field"));
  g_assert_nonnull (registry_test_json_string (reply->json, "error.fields.0.code"));
  g_assert_nonnull (registry_test_json_string (reply->json, "error.fields.0.message"));
}

static void
test_malformed_body (Fixture *fx, gconstpointer data)
{
  guint n_routes;
  const RegistryRoute *routes = registry_api_get_routes (&n_routes);
  gint64 before = rows_written (fx);
  const char *const not_json[] = { "{", "{\"a\": 1,}", "\xff\xfe", "", NULL };

  for (guint i = 0; i < n_routes; i++)
    {
      const RegistryRoute *route = &routes[i];
      g_autofree char *path = path_of (fx, route);
      const char *session = session_for (fx, route);
      RegistryTestReply *reply;

      if (route->body.kind != REGISTRY_BODY_JSON && route->body.kind != REGISTRY_BODY_MEMBERS)
        continue;
      g_test_message ("%s %s", route->method, route->pattern);
      for (guint b = 0; not_json[b] != NULL; b++)
        {
          reply = call (fx, route->method, path, fx->token, session, not_json[b]);
          assert_error_shape (reply, 400, "bad_json");
          g_assert_null (registry_test_json_string (reply->json, "error.field"));
          registry_test_reply_free (reply);
        }
      /* JSON, but not an object */
      reply = call (fx, route->method, path, fx->token, session, "[1, 2]");
      g_assert_cmpuint (reply->status, ==, 400);
      g_assert_nonnull (registry_test_json_string (reply->json, "error.message"));
      registry_test_reply_free (reply);

      /* an object without what the route needs: every field named */
      reply = call (fx, route->method, path, fx->token, session, "{}");
      g_assert_cmpuint (reply->status, ==, 422);
      g_assert_true (
          g_strcmp0 (registry_test_json_string (reply->json, "error.code"), "missing_field") == 0 ||
          g_strcmp0 (registry_test_json_string (reply->json, "error.code"), "invalid_field") == 0);
      assert_fields (reply);
      if (route->body.kind == REGISTRY_BODY_MEMBERS)
        {
          guint n = 0;
          while (route->body.members[n].name != NULL)
            n++;
          assert_error_shape (reply, 422, "missing_field");
          g_assert_cmpstr (registry_test_json_string (reply->json, "error.field"), ==,
                           route->body.members[0].name);
          g_assert_cmpuint (json_array_get_length (json_node_get_array (json_object_get_member (
                                json_node_get_object (json_object_get_member (
                                    json_node_get_object (reply->json), "error")),
                                "fields"))),
                            ==, n);
        }
      registry_test_reply_free (reply);

      /* a member nobody knows */
      reply = call (fx, route->method, path, fx->token, session, "{\"x_unknown\": \"1\"}");
      g_assert_cmpuint (reply->status, ==, 422);
      assert_fields (reply);
      registry_test_reply_free (reply);
    }
  g_assert_cmpint (rows_written (fx), ==, before);
}

/* Logs name the route, never the path: a path may hold a document number. */
static void
test_log_names_patterns (Fixture *fx, gconstpointer data)
{
  guint n_routes;
  const RegistryRoute *routes = registry_api_get_routes (&n_routes);
  g_autofree char *log = NULL;

  for (guint i = 0; i < n_routes; i++)
    {
      g_autofree char *path = path_of (fx, &routes[i]);
      gboolean raw = routes[i].body.kind == REGISTRY_BODY_RAW;
      g_autoptr (RegistryTestReply) reply =
          call_typed (fx, routes[i].method, path, raw ? routes[i].body.media_types[0] : NULL,
                      UNKNOWN_TOKEN, UNKNOWN_TOKEN, raw ? "{" : NULL);

      /* answered by the worker: the device is checked with the database;
       * the upload page answers its own 404 page for a link never made */
      if (routes[i].auth != REGISTRY_AUTH_NONE)
        g_assert_cmpuint (reply->status, ==, 401);
      else if (g_str_has_prefix (routes[i].pattern, "/u/"))
        g_assert_cmpuint (reply->status, ==, 404);
      else
        g_assert_cmpuint (reply->status, ==, 200);
    }
  g_assert_true (g_file_get_contents (fx->process->log_path, &log, NULL, NULL));
  for (guint i = 0; i < n_routes; i++)
    {
      g_autofree char *line = g_strdup_printf ("%s %s: ", routes[i].method, routes[i].pattern);
      if (strstr (log, line) == NULL)
        g_error ("the log does not name %s", line);
    }
  g_assert_null (strstr (log, fx->number));
  g_assert_null (strstr (log, fx->phone));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster = registry_test_cluster_start ();

#define ADD(path, func)                                                                            \
  g_test_add ("/registry/routes/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("table", test_table);
  ADD ("wrong-method", test_wrong_method);
  ADD ("credentials", test_credentials);
  ADD ("malformed-body", test_malformed_body);
  ADD ("log-names-patterns", test_log_names_patterns);
#undef ADD

  status = g_test_run ();
  registry_test_cluster_stop (cluster);
  return status;
}
