/* test-registry-dispatch.c: the router, the body decoders and the dispatcher, with routes of our own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fast tier beside the walk over a registry process: a table of routes
 * made for the test (raw bytes of a few media types, an HTML page, a route
 * that refuses with Retry-After, an operator's route) is matched directly,
 * and served by a RegistryServer in this process over loopback, so what the
 * API's own table does not use yet is proved to work: non-JSON answers and
 * bodies, a route's own size limit, refusals from the headers.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "core-error.h"
#include "registry-body.h"
#include "registry-request.h"
#include "registry-router.h"
#include "registry-server.h"

#define MiB (1024 * 1024)
#define TOKEN "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static const char *const pictures[] = { "image/png", "application/pdf", NULL };
static const char *const octets[] = { "application/octet-stream", NULL };
static const char *const purposes[] = { "register", "login", NULL };

static const RegistryMember member_list[] = {
  { "purpose", REGISTRY_MEMBER_CHOICE, 16, purposes },
  { "doc_type", REGISTRY_MEMBER_DOC_TYPE, 32, NULL },
  { "doc_number", REGISTRY_MEMBER_DOC_NUMBER, 64, NULL },
  { "phone", REGISTRY_MEMBER_PHONE, 16, NULL },
  { NULL },
};

static gboolean
answer_text (RegistryResponse *response, const char *text)
{
  g_autoptr (GBytes) body = g_bytes_new (text, strlen (text));

  registry_response_set_bytes (response, 200, "text/plain; charset=utf-8", body);
  return TRUE;
}

static gboolean
special_cb (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  return answer_text (response, "special");
}

static gboolean
thing_cb (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%s thing %s", request->route->method,
                                           registry_request_get_param (request, "id"));

  return answer_text (response, text);
}

/* Echoes what the dispatcher gave: the size and type of the bytes. */
static gboolean
raw_cb (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autofree char *text = g_strdup_printf (
      "%" G_GSIZE_FORMAT " bytes of %s",
      request->body != NULL ? g_bytes_get_size (request->body) : 0, request->content_type);

  return answer_text (response, text);
}

/* An HTML page, as the upload pages of a link will be. */
static gboolean
page_cb (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autofree char *escaped =
      g_markup_escape_text (registry_request_get_param (request, "name"), -1);
  g_autofree char *html = g_strdup_printf ("<!DOCTYPE html><p>%s</p>", escaped);
  g_autoptr (GBytes) body = g_bytes_new (html, strlen (html));

  registry_response_set_bytes (response, 200, "text/html; charset=utf-8", body);
  registry_response_add_header (response, "Content-Security-Policy", "default-src 'none'");
  return TRUE;
}

static gboolean
limited_cb (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  response->retry_after = 7;
  g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_RATE_LIMITED, "slow down");
  return FALSE;
}

static gboolean
members_cb (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autofree char *text =
      g_strdup_printf ("%s %s", registry_request_get_member (request, "purpose"),
                       registry_request_get_member (request, "doc_number"));

  return answer_text (response, text);
}

static const RegistryRoute test_routes[] = {
  { "GET", "/t/things/special", REGISTRY_AUTH_NONE, REGISTRY_NO_BODY, special_cb },
  { "GET", "/t/things/{id}", REGISTRY_AUTH_NONE, REGISTRY_NO_BODY, thing_cb },
  { "DELETE", "/t/things/{id}", REGISTRY_AUTH_NONE, REGISTRY_NO_BODY, thing_cb },
  { "POST", "/t/raw", REGISTRY_AUTH_NONE, REGISTRY_RAW_BODY (4096, pictures), raw_cb },
  { "POST", "/t/big", REGISTRY_AUTH_NONE, REGISTRY_RAW_BODY (3 * MiB, octets), raw_cb },
  { "GET", "/t/page/{name}", REGISTRY_AUTH_NONE, REGISTRY_NO_BODY, page_cb },
  { "POST", "/t/limited", REGISTRY_AUTH_NONE, REGISTRY_NO_BODY, limited_cb },
  { "GET", "/t/operators", REGISTRY_AUTH_ADMIN, REGISTRY_NO_BODY, page_cb },
  { "POST", "/t/members", REGISTRY_AUTH_NONE, REGISTRY_MEMBERS_BODY (member_list), members_cb },
};

/* ---- the router alone ---- */

static const RegistryRoute *
match (RegistryRouter *router,
       const char *method,
       const char *path,
       GHashTable **out_params,
       RegistryResponse *out_error)
{
  g_autoptr (GHashTable) params = NULL;
  const RegistryRoute *route;

  registry_response_clear (out_error);
  route = registry_router_match (router, method, path, &params, out_error);
  g_assert_true ((route != NULL) == (params != NULL));
  g_assert_true ((route == NULL) == (out_error->status != 0));
  if (out_params != NULL)
    *out_params = g_steal_pointer (&params);
  return route;
}

static void
test_router (void)
{
  g_autoptr (RegistryRouter) router = registry_router_new (test_routes, G_N_ELEMENTS (test_routes));
  g_autoptr (GHashTable) params = NULL;
  g_autofree char *long_path = NULL;
  RegistryResponse error = { 0 };

  /* a literal segment names its own resource, before any parameter */
  g_assert_true (match (router, "GET", "/t/things/special", NULL, &error) == &test_routes[0]);
  g_assert_true (match (router, "DELETE", "/t/things/special", NULL, &error) == NULL);
  g_assert_cmpuint (error.status, ==, 405);
  g_assert_cmpstr (error.allow, ==, "GET");
  g_assert_true (match (router, "GET", "/t/things/42", &params, &error) == &test_routes[1]);
  g_assert_cmpstr (g_hash_table_lookup (params, "id"), ==, "42");
  g_clear_pointer (&params, g_hash_table_unref);
  g_assert_true (match (router, "DELETE", "/t/things/42", NULL, &error) == &test_routes[2]);
  g_assert_true (match (router, "HEAD", "/t/things/42", NULL, &error) == &test_routes[1]);
  /* Allow lists the pattern's methods in the table's order */
  g_assert_true (match (router, "PUT", "/t/things/42", NULL, &error) == NULL);
  g_assert_cmpuint (error.status, ==, 405);
  g_assert_cmpstr (error.allow, ==, "GET, DELETE");
  g_assert_true (match (router, "HEAD", "/t/raw", NULL, &error) == NULL);
  g_assert_cmpstr (error.allow, ==, "POST");

  /* each segment is decoded on its own; an escaped "/" or NUL is no path */
  g_assert_true (match (router, "GET", "/t/page/%E4%B8%AD%20x", &params, &error) != NULL);
  g_assert_cmpstr (g_hash_table_lookup (params, "name"), ==, "中 x");
  g_assert_true (match (router, "GET", "/t/page/a%2Fb", NULL, &error) == NULL);
  g_assert_cmpuint (error.status, ==, 400);
  g_assert_true (match (router, "GET", "/t/page/a%00b", NULL, &error) == NULL);
  g_assert_cmpuint (error.status, ==, 400);
  g_assert_true (match (router, "GET", "/t/page/%zz", NULL, &error) == NULL);
  g_assert_cmpuint (error.status, ==, 400);

  /* no such resource */
  g_assert_true (match (router, "GET", "/t/things", NULL, &error) == NULL);
  g_assert_cmpuint (error.status, ==, 404);
  g_assert_true (match (router, "GET", "/t/things/42/more", NULL, &error) == NULL);
  g_assert_cmpuint (error.status, ==, 404);
  g_assert_true (match (router, "GET", "/t/things/42/", NULL, &error) == NULL);
  g_assert_cmpuint (error.status, ==, 404);
  g_assert_true (match (router, "GET", "", NULL, &error) == NULL);
  g_assert_cmpuint (error.status, ==, 404);
  long_path = g_strnfill (REGISTRY_ROUTER_MAX_PATH + 1, 'a');
  long_path[0] = '/';
  g_assert_true (match (router, "GET", long_path, NULL, &error) == NULL);
  g_assert_cmpuint (error.status, ==, 404);
  /* an empty segment in the middle is dropped */
  g_assert_true (match (router, "GET", "/t//things/42", NULL, &error) == &test_routes[1]);
  registry_response_clear (&error);
}

static void
test_router_malformed_rows (void)
{
  static const RegistryRoute rows[] = {
    { "GET", "t/no-slash", REGISTRY_AUTH_NONE, REGISTRY_NO_BODY, special_cb },
    { "GET", "/t/{open", REGISTRY_AUTH_NONE, REGISTRY_NO_BODY, special_cb },
    { "GET", "/t//double", REGISTRY_AUTH_NONE, REGISTRY_NO_BODY, special_cb },
    { "GET", "/t/no-handler", REGISTRY_AUTH_NONE, REGISTRY_NO_BODY, NULL },
    { "GET", "/t/fine", REGISTRY_AUTH_NONE, REGISTRY_NO_BODY, special_cb },
  };
  g_autoptr (RegistryRouter) router = NULL;
  RegistryResponse error = { 0 };

  for (guint i = 0; i < 4; i++)
    g_test_expect_message ("Registry", G_LOG_LEVEL_CRITICAL, "*is malformed*");
  router = registry_router_new (rows, G_N_ELEMENTS (rows));
  g_test_assert_expected_messages ();
  g_assert_true (match (router, "GET", "/t/fine", NULL, &error) == &rows[4]);
  g_assert_true (match (router, "GET", "/t/no-handler", NULL, &error) == NULL);
  g_assert_cmpuint (error.status, ==, 404);
  registry_response_clear (&error);
}

/* ---- the body decoders alone ---- */

static JsonNode *
parse (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static char *
fields_of (GPtrArray *errors)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < errors->len; i++)
    {
      g_autofree char *field = core_error_get_field (g_ptr_array_index (errors, i));
      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", field);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_members (void)
{
  struct
  {
    const char *body;
    const char *fields; /* every faulty field, in order */
  } cases[] = {
    { "{\"purpose\": \"login\", \"doc_type\": \"resident\", \"doc_number\": "
      "\" 11010519491231002x \", \"phone\": \"13800000001\"}",
      "" },
    { "{}", "purpose doc_type doc_number phone" },
    { "{\"purpose\": \"delete\", \"doc_type\": \"resident\", \"doc_number\": "
      "\"110105194912310021\","
      " \"phone\": \"123\", \"extra\": 1}",
      "extra purpose doc_number phone" },
    /* no rule for a number of an unknown document type: it is not judged */
    { "{\"purpose\": \"login\", \"doc_type\": \"library_card\", \"doc_number\": \"x\","
      " \"phone\": \"13800000001\"}",
      "doc_type" },
    { "{\"purpose\": 1, \"doc_type\": null, \"doc_number\": [], \"phone\":"
      " \"13800000001000000000\"}",
      "purpose doc_type doc_number phone" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) root = parse (cases[i].body);
      char **values = NULL;
      g_autoptr (GPtrArray) errors = registry_body_decode_members (root, member_list, &values);
      g_autofree char *fields = fields_of (errors);

      g_test_message ("%s", cases[i].body);
      g_assert_cmpstr (fields, ==, cases[i].fields);
      if (errors->len == 0)
        {
          g_assert_cmpstr (values[0], ==, "login");
          /* kept normalised */
          g_assert_cmpstr (values[2], ==, "11010519491231002X");
        }
      registry_body_members_free (values, member_list);
    }

  /* not an object at all */
  {
    g_autoptr (JsonNode) root = parse ("[\"purpose\"]");
    char **values = NULL;
    g_autoptr (GPtrArray) errors = registry_body_decode_members (root, member_list, &values);

    g_assert_cmpuint (errors->len, ==, 1);
    g_assert_error ((GError *) g_ptr_array_index (errors, 0), CORE_ERROR, CORE_ERROR_BAD_JSON);
    registry_body_members_free (values, member_list);
  }
}

static void
test_media_types (void)
{
  const RegistryBody *body = &test_routes[3].body;

  g_assert_true (registry_body_media_type_accepted (body, "image/png"));
  g_assert_true (registry_body_media_type_accepted (body, "IMAGE/PNG"));
  g_assert_true (registry_body_media_type_accepted (body, "application/pdf; name=x.pdf"));
  g_assert_false (registry_body_media_type_accepted (body, "image/jpeg"));
  g_assert_false (registry_body_media_type_accepted (body, "image/png2"));
  g_assert_false (registry_body_media_type_accepted (body, ""));
  g_assert_false (registry_body_media_type_accepted (body, NULL));
  g_assert_true (registry_body_media_type_accepted (&test_routes[0].body, NULL));
}

/* ---- served over loopback ---- */

typedef struct
{
  char *dir;
  char *url;
  GThread *thread;
  GMutex lock;
  GCond cond;
  GMainContext *context;
  GMainLoop *loop;
  guint16 port;
  SoupSession *session;
} Served;

static gpointer
server_thread (gpointer data)
{
  Served *served = data;
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr (RegistryServer) server = NULL;
  g_autoptr (GError) error = NULL;

  g_main_context_push_thread_default (context);
  server = registry_server_new (served->url, 2, &error);
  g_assert_no_error (error);
  registry_server_set_routes (server, test_routes, G_N_ELEMENTS (test_routes));
  registry_server_listen (server, "127.0.0.1:0", NULL, &error);
  g_assert_no_error (error);

  g_mutex_lock (&served->lock);
  served->context = context;
  served->loop = loop;
  served->port = registry_server_get_port (server);
  g_cond_signal (&served->cond);
  g_mutex_unlock (&served->lock);

  g_main_loop_run (loop);
  registry_server_shutdown (server);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
served_set_up (Served *served, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  served->dir = g_dir_make_tmp ("registry-dispatch-XXXXXX", &error);
  g_assert_no_error (error);
  served->url = g_strdup_printf ("sqlite:%s/registry.db", served->dir);
  g_mutex_init (&served->lock);
  g_cond_init (&served->cond);
  served->thread = g_thread_new ("server", server_thread, served);
  g_mutex_lock (&served->lock);
  while (served->port == 0)
    g_cond_wait (&served->cond, &served->lock);
  g_mutex_unlock (&served->lock);
  served->session = soup_session_new ();
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
served_tear_down (Served *served, gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_clear_object (&served->session);
  g_main_context_invoke (served->context, quit_cb, served->loop);
  g_thread_join (served->thread);
  g_mutex_clear (&served->lock);
  g_cond_clear (&served->cond);
  dir = g_dir_open (served->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (served->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (served->dir);
  g_free (served->dir);
  g_free (served->url);
}

typedef struct
{
  guint status;
  char *content_type;
  char *body;
  gsize length;
  SoupMessageHeaders *headers;
  JsonNode *json;
} Reply;

static void
reply_free (Reply *reply)
{
  g_free (reply->content_type);
  g_free (reply->body);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_free (reply);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static Reply *
request (Served *served,
         const char *method,
         const char *path,
         const char *content_type,
         GBytes *body,
         const char *authorization)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", served->port, path);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (GError) error = NULL;
  Reply *reply = g_new0 (Reply, 1);

  g_assert_nonnull (msg);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  authorization);
  answer = soup_session_send_and_read (served->session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  reply->content_type = g_strdup (soup_message_headers_get_one (reply->headers, "Content-Type"));
  reply->body = g_strndup (g_bytes_get_data (answer, &reply->length), g_bytes_get_size (answer));
  if (g_strcmp0 (reply->content_type, "application/json") == 0 && reply->length > 0)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      if (json_parser_load_from_data (parser, reply->body, -1, NULL))
        reply->json = json_node_ref (json_parser_get_root (parser));
    }
  return reply;
}

static const char *
error_code (Reply *reply)
{
  JsonObject *error;

  if (reply->json == NULL || !JSON_NODE_HOLDS_OBJECT (reply->json) ||
      !json_object_has_member (json_node_get_object (reply->json), "error"))
    return NULL;
  error = json_object_get_object_member (json_node_get_object (reply->json), "error");
  return json_object_get_string_member_with_default (error, "code", NULL);
}

static GBytes *
bytes_of_size (gsize size)
{
  guint8 *data = g_malloc (size);

  memset (data, 0x5a, size);
  return g_bytes_new_take (data, size);
}

static void
test_served_raw (Served *served, gconstpointer data)
{
  g_autoptr (GBytes) small = bytes_of_size (100);
  g_autoptr (GBytes) over = bytes_of_size (5000);
  g_autoptr (GBytes) two_mib = bytes_of_size (2 * MiB);
  Reply *reply;

  reply = request (served, "POST", "/t/raw", "image/png", small, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (reply->body, ==, "100 bytes of image/png");
  reply_free (reply);

  /* a type the route does not take, or none: refused from the headers */
  reply = request (served, "POST", "/t/raw", "text/plain", small, NULL);
  g_assert_cmpuint (reply->status, ==, 415);
  g_assert_cmpstr (error_code (reply), ==, "unsupported_media_type");
  reply_free (reply);
  reply = request (served, "POST", "/t/raw", NULL, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 415);
  reply_free (reply);

  /* the route's own limit, not the server's */
  reply = request (served, "POST", "/t/raw", "image/png", over, NULL);
  g_assert_cmpuint (reply->status, ==, 413);
  g_assert_cmpstr (error_code (reply), ==, "payload_too_large");
  reply_free (reply);
  reply = request (served, "POST", "/t/big", "application/octet-stream", two_mib, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (reply->body, ==, "2097152 bytes of application/octet-stream");
  reply_free (reply);
}

static void
test_served_page (Served *served, gconstpointer data)
{
  g_autoptr (Reply) reply = request (served, "GET", "/t/page/%E4%B8%AD%3Cb%3E", NULL, NULL, NULL);
  g_autoptr (Reply) head = request (served, "HEAD", "/t/page/x", NULL, NULL, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (reply->content_type, ==, "text/html; charset=utf-8");
  g_assert_cmpstr (reply->body, ==, "<!DOCTYPE html><p>中&lt;b&gt;</p>");
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Content-Security-Policy"), ==,
                   "default-src 'none'");
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Cache-Control"), ==, "no-store");
  g_assert_cmpuint (head->status, ==, 200);
  g_assert_cmpstr (head->content_type, ==, "text/html; charset=utf-8");
  g_assert_cmpuint (head->length, ==, 0);
}

static void
test_served_errors (Served *served, gconstpointer data)
{
  g_autoptr (GBytes) body =
      g_bytes_new_static ("{\"purpose\": \"login\"}", strlen ("{\"purpose\": \"login\"}"));
  Reply *reply;

  /* a refusal with its Retry-After, in the one error format */
  reply = request (served, "POST", "/t/limited", NULL, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 429);
  g_assert_cmpstr (error_code (reply), ==, "rate_limited");
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Retry-After"), ==, "7");
  g_assert_cmpint (json_object_get_int_member (
                       json_object_get_object_member (json_node_get_object (reply->json), "error"),
                       "retry_after"),
                   ==, 7);
  reply_free (reply);

  /* a token that is no admin token: refused, and a browser is asked for one */
  reply = request (served, "GET", "/t/operators", NULL, NULL, "Bearer " TOKEN);
  g_assert_cmpuint (reply->status, ==, 401);
  g_assert_cmpstr (error_code (reply), ==, "admin_unauthorized");
  g_assert_true (g_str_has_prefix (
      soup_message_headers_get_one (reply->headers, "WWW-Authenticate"), "Basic "));
  reply_free (reply);
  reply = request (served, "GET", "/t/operators", NULL, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 401);
  reply_free (reply);

  /* a member list: the decoded values reach the handler */
  reply = request (served, "POST", "/t/members", "application/json", body, NULL);
  g_assert_cmpuint (reply->status, ==, 422);
  g_assert_cmpstr (error_code (reply), ==, "missing_field");
  reply_free (reply);
  g_bytes_unref (body);
  body = g_bytes_new_static ("{\"purpose\": \"login\", \"doc_type\": \"resident\", \"doc_number\":"
                             " \"11010519491231002x\", \"phone\": \"13800000001\"}",
                             strlen ("{\"purpose\": \"login\", \"doc_type\": \"resident\","
                                     " \"doc_number\": \"11010519491231002x\", \"phone\":"
                                     " \"13800000001\"}"));
  reply = request (served, "POST", "/t/members", "application/json", body, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (reply->body, ==, "login 11010519491231002X");
  reply_free (reply);

  reply = request (served, "PUT", "/t/things/9", NULL, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 405);
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Allow"), ==, "GET, DELETE");
  g_assert_cmpstr (error_code (reply), ==, "method_not_allowed");
  reply_free (reply);
  reply = request (served, "DELETE", "/t/things/9", NULL, NULL, NULL);
  g_assert_cmpstr (reply->body, ==, "DELETE thing 9");
  reply_free (reply);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/registry/dispatch/router", test_router);
  g_test_add_func ("/registry/dispatch/router-malformed-rows", test_router_malformed_rows);
  g_test_add_func ("/registry/dispatch/members", test_members);
  g_test_add_func ("/registry/dispatch/media-types", test_media_types);
  g_test_add ("/registry/dispatch/served/raw", Served, NULL, served_set_up, test_served_raw,
              served_tear_down);
  g_test_add ("/registry/dispatch/served/page", Served, NULL, served_set_up, test_served_page,
              served_tear_down);
  g_test_add ("/registry/dispatch/served/errors", Served, NULL, served_set_up, test_served_errors,
              served_tear_down);
  return g_test_run ();
}
