/* registry-server.c: the registry's HTTP server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup runs on the main context and only routes there (RegistryRouter).
 * Each routed request is paused and handed to a pool of worker threads; each
 * worker takes a database connection from a queue of them (one connection
 * per worker), answers, and the answer goes back to the main context, which
 * unpauses the message. So a slow statement holds one worker, never the
 * event loop, and PostgreSQL sees as many concurrent transactions as there
 * are workers. On the worker, the dispatcher authenticates the request,
 * decodes its body and calls its route's handler (registry-dispatcher.c).
 * The process keeps no state between requests: everything two requests
 * share is in the database.
 *
 * Nobody gets to make the server hold memory or connections without limit.
 * A request is judged from its headers first: an unknown route, a body over
 * the limit or of unknown length, or a missing device token is answered at
 * once, and when a body is on its way the connection is taken from libsoup
 * and closed after the answer, because libsoup (3.2) would otherwise read the
 * whole body into memory whatever the answer. Every connection has an idle
 * timeout (the socket's, for reads and writes alike) and every request a
 * deadline for its headers and body. A connection carries one request: see
 * send_response().
 */

#include "config.h"

#include <libsoup/soup.h>
#include <sodium.h>
#include <string.h>

#include "core-record-kind.h"
#include "registry-api.h"
#include "registry-dispatcher.h"
#include "registry-router.h"
#include "registry-server.h"
#include "registry-storage.h"

#define LISTEN_BACKLOG 1024
/* A refused client may read its answer for this long, while what it still
 * sends is read and dropped, up to LINGER_MAX_DISCARD bytes; then the
 * connection is closed. Closing at once would reset the connection and could
 * destroy the answer before the client read it. */
#define LINGER_MS 2000
#define LINGER_MAX_DISCARD (1024 * 1024)

#define ROUTE_KEY "registry-route"
#define DEADLINE_KEY "registry-deadline"
#define UPLOAD_KEY "registry-upload"
/* Raw bodies (scans, photos: up to 10 MiB each) read and answered at once;
 * more wait at their headers, unread, so twenty phones uploading together
 * cost the memory of two. */
#define MAX_UPLOADS 2

struct _RegistryServer
{
  GObject parent_instance;

  SoupServer *soup;
  GMainContext *context;
  GThreadPool *workers;
  GAsyncQueue *connections; /* RegistryStorage, one per worker */
  guint n_connections;
  guint16 port;
  RegistryApiContext api; /* read-only once serving */
  RegistryRouter *router;
  /* libsoup answers some broken requests itself, before any handler runs:
   * a request line or header it cannot parse, a path that is not a valid
   * URI. Each request starts with this body, so that even that answer is
   * our JSON. */
  GBytes *bad_request_body;
  gsize max_body;
  guint idle_timeout_s;
  guint request_timeout_s;
  guint n_uploads;        /* admitted: being read or answered */
  GQueue waiting_uploads; /* SoupServerMessage, paused at their headers */
};

G_DEFINE_FINAL_TYPE (RegistryServer, registry_server, G_TYPE_OBJECT)

typedef struct
{
  RegistryServer *server; /* owned */
  SoupServerMessage *msg; /* owned */
  RegistryRequest *request;
  RegistryResponse response;
  gint64 started;    /* monotonic µs */
  gboolean finished; /* the client went away; main context only */
  gulong finished_id;
} Job;

static void
job_free (Job *job)
{
  if (job->finished_id != 0)
    g_signal_handler_disconnect (job->msg, job->finished_id);
  g_object_unref (job->msg);
  g_object_unref (job->server);
  registry_request_free (job->request);
  registry_response_clear (&job->response);
  g_free (job);
}

/* A 401's challenge: the response's own (Basic, for the operators' pages a
 * browser opens) or the API's bearer one. */
static const char *
www_authenticate (const RegistryResponse *response)
{
  for (guint i = 0; response->headers != NULL && i + 1 < response->headers->len; i += 2)
    if (g_ascii_strcasecmp (g_ptr_array_index (response->headers, i), "WWW-Authenticate") == 0)
      return g_ptr_array_index (response->headers, i + 1);
  return "Bearer realm=\"registry\"";
}

static void
send_response (SoupServerMessage *msg, RegistryResponse *response)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  for (guint i = 0; response->headers != NULL && i + 1 < response->headers->len; i += 2)
    soup_message_headers_replace (headers, g_ptr_array_index (response->headers, i),
                                  g_ptr_array_index (response->headers, i + 1));
  if (response->allow != NULL)
    soup_message_headers_replace (headers, "Allow", response->allow);
  if (response->status == 401)
    soup_message_headers_replace (headers, "WWW-Authenticate", www_authenticate (response));
  if (response->retry_after > 0)
    {
      char seconds[24];
      g_snprintf (seconds, sizeof seconds, "%" G_GINT64_FORMAT, response->retry_after);
      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  /* one request per connection: libsoup 3.2 never frees a kept-alive
   * connection that goes idle and is then closed (by the client or by the
   * idle timeout), which would leak a descriptor each time */
  soup_message_headers_replace (headers, "Connection", "close");
  soup_server_message_set_status (msg, response->status, NULL);
  soup_message_headers_replace (headers, "Content-Type",
                                response->content_type != NULL ? response->content_type
                                                               : "application/json");
  soup_message_body_truncate (body);
  if (response->body != NULL)
    soup_message_body_append_bytes (body, response->body);
}

static gboolean
job_complete_cb (gpointer user_data)
{
  Job *job = user_data;

  /* The path may hold a document number, so the log names the route only. */
  g_debug ("%s %s: %u in %.1f ms%s", soup_server_message_get_method (job->msg),
           job->request->route->pattern, job->response.status,
           (g_get_monotonic_time () - job->started) / 1000.0,
           job->finished ? " (client gone)" : "");
  if (!job->finished)
    {
      send_response (job->msg, &job->response);
      soup_server_message_unpause (job->msg);
    }
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
worker_cb (gpointer data, gpointer user_data)
{
  Job *job = data;
  RegistryServer *self = job->server;
  RegistryStorage *storage = g_async_queue_pop (self->connections);

  registry_dispatch (job->request, storage, &job->response);
  g_async_queue_push (self->connections, storage);
  g_main_context_invoke (self->context, job_complete_cb, job);
}

static void
message_finished_cb (SoupServerMessage *msg, gpointer user_data)
{
  Job *job = user_data;

  job->finished = TRUE;
}

static void
respond_now (SoupServerMessage *msg, RegistryResponse *response)
{
  send_response (msg, response);
  registry_response_clear (response);
}

/* ---- refusing a request whose body is still on its way ---- */

typedef struct
{
  GIOStream *stream;
  GCancellable *cancellable;
  GSource *linger;
  char *answer;
  gsize discarded;
  guint8 buffer[16 * 1024];
} Refusal;

static void
refusal_closed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Refusal *refusal = user_data;

  g_io_stream_close_finish (refusal->stream, result, NULL);
  g_source_destroy (refusal->linger);
  g_source_unref (refusal->linger);
  g_object_unref (refusal->cancellable);
  g_object_unref (refusal->stream);
  g_free (refusal->answer);
  g_free (refusal);
}

static void
refusal_close (Refusal *refusal)
{
  g_io_stream_close_async (refusal->stream, G_PRIORITY_DEFAULT, NULL, refusal_closed_cb, refusal);
}

static void
refusal_discarded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Refusal *refusal = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0 || refusal->discarded + (gsize) n > LINGER_MAX_DISCARD)
    {
      refusal_close (refusal);
      return;
    }
  refusal->discarded += (gsize) n;
  g_input_stream_read_async (G_INPUT_STREAM (source), refusal->buffer, sizeof refusal->buffer,
                             G_PRIORITY_LOW, refusal->cancellable, refusal_discarded_cb, refusal);
}

static void
refusal_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Refusal *refusal = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      refusal_close (refusal);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (refusal->stream), refusal->buffer,
                             sizeof refusal->buffer, G_PRIORITY_LOW, refusal->cancellable,
                             refusal_discarded_cb, refusal);
}

static gboolean
refusal_linger_cb (gpointer user_data)
{
  Refusal *refusal = user_data;

  g_cancellable_cancel (refusal->cancellable);
  return G_SOURCE_REMOVE;
}

static char *
format_answer (SoupServerMessage *msg, const RegistryResponse *response)
{
  g_autoptr (GString) text = g_string_new (NULL);
  gsize length = 0;
  const char *body = response->body != NULL ? g_bytes_get_data (response->body, &length) : NULL;

  g_string_append_printf (text, "HTTP/1.%c %u %s\r\n",
                          soup_server_message_get_http_version (msg) == SOUP_HTTP_1_0 ? '0' : '1',
                          response->status, soup_status_get_phrase (response->status));
  g_string_append (text, "Server: practitioner-registry/" PACKAGE_VERSION "\r\n"
                         "Content-Type: application/json\r\n"
                         "Cache-Control: no-store\r\n"
                         "Connection: close\r\n");
  if (response->allow != NULL)
    g_string_append_printf (text, "Allow: %s\r\n", response->allow);
  if (response->status == 401)
    g_string_append_printf (text, "WWW-Authenticate: %s\r\n", www_authenticate (response));
  g_string_append_printf (text, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", length);
  if (length > 0)
    g_string_append_len (text, body, (gssize) length);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Answers @msg from its headers alone and closes the connection without
 * letting libsoup read the body: taking the connection from libsoup is the
 * only way (libsoup 3.2) to keep it from reading the body into memory. */
static void
refuse_and_close (RegistryServer *self, SoupServerMessage *msg, RegistryResponse *response)
{
  g_autofree char *answer = format_answer (msg, response);
  Refusal *refusal;
  GIOStream *stream;

  g_debug ("%s: %u from the headers; closing the connection", soup_server_message_get_method (msg),
           response->status);
  registry_response_clear (response);
  g_object_set_data (G_OBJECT (msg), DEADLINE_KEY, NULL);
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;

  refusal = g_new0 (Refusal, 1);
  refusal->stream = stream;
  refusal->cancellable = g_cancellable_new ();
  refusal->answer = g_steal_pointer (&answer);
  refusal->linger = g_timeout_source_new (LINGER_MS);
  g_source_set_callback (refusal->linger, refusal_linger_cb, refusal, NULL);
  g_source_attach (refusal->linger, self->context);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), refusal->answer,
                                   strlen (refusal->answer), G_PRIORITY_DEFAULT,
                                   refusal->cancellable, refusal_written_cb, refusal);
}

/* ---- deadlines ---- */

typedef struct
{
  GSource *source;
  GSocket *socket;
  guint seconds;
} Deadline;

static void
deadline_free (gpointer data)
{
  Deadline *deadline = data;

  g_source_destroy (deadline->source);
  g_source_unref (deadline->source);
  g_object_unref (deadline->socket);
  g_free (deadline);
}

/* Shutting the socket down makes libsoup's pending read end, and libsoup
 * then drops the connection as it does for any client that goes away. */
static gboolean
deadline_cb (gpointer user_data)
{
  Deadline *deadline = user_data;

  g_debug ("a request was not read within %u s; closing its connection", deadline->seconds);
  g_socket_shutdown (deadline->socket, TRUE, TRUE, NULL);
  return G_SOURCE_REMOVE;
}

static void
request_read_cb (SoupServerMessage *msg, gpointer user_data)
{
  g_object_set_data (G_OBJECT (msg), DEADLINE_KEY, NULL);
}

/* libsoup 3.1.2 up to 3.4.0 (Debian 12 has 3.2.3) keep one reference to
 * every socket they accept and never drop it (fixed upstream by "soup-listener:
 * Plug a leak"): some 500 bytes for each connection, and the registry takes a
 * new connection for every request. */
static gboolean
libsoup_keeps_accepted_sockets (void)
{
  guint version = soup_get_major_version () * 10000 + soup_get_minor_version () * 100 +
                  soup_get_micro_version ();

  return version >= 30102 && version < 30400;
}

/* Drops that reference, once for each connection: libsoup's connection holds
 * a reference of its own until it is done with the socket. */
static void
release_accepted_socket (GSocket *socket)
{
  static GQuark released_quark;

  if (!libsoup_keeps_accepted_sockets ())
    return;
  if (released_quark == 0)
    released_quark = g_quark_from_static_string ("registry-socket-released");
  if (g_object_get_qdata (G_OBJECT (socket), released_quark) != NULL)
    return;
  /* the leaked reference and the connection's: with only one, a libsoup
   * with the upstream fix backported keeps none to spare */
  if (g_atomic_int_get (&G_OBJECT (socket)->ref_count) < 2)
    return;
  g_object_set_qdata (G_OBJECT (socket), released_quark, GINT_TO_POINTER (TRUE));
  g_object_unref (socket);
}

/* A connection's request starts when the connection is accepted. */
static void
request_started_cb (SoupServer *server, SoupServerMessage *msg, gpointer user_data)
{
  RegistryServer *self = user_data;
  GSocket *socket = soup_server_message_get_socket (msg);
  Deadline *deadline;

  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (self->bad_request_body, NULL),
                                    g_bytes_get_size (self->bad_request_body));
  if (socket == NULL)
    return;
  release_accepted_socket (socket);
  /* covers every wait for the client: request bytes and room to write the
   * answer */
  g_socket_set_timeout (socket, self->idle_timeout_s);

  deadline = g_new0 (Deadline, 1);
  deadline->socket = g_object_ref (socket);
  deadline->seconds = self->request_timeout_s;
  deadline->source = g_timeout_source_new_seconds (self->request_timeout_s);
  g_source_set_callback (deadline->source, deadline_cb, deadline, NULL);
  g_source_attach (deadline->source, self->context);
  g_object_set_data_full (G_OBJECT (msg), DEADLINE_KEY, deadline, deadline_free);
  g_signal_connect (msg, "got-body", G_CALLBACK (request_read_cb), NULL);
}

/* ---- handlers ---- */

typedef struct
{
  const RegistryRoute *route;
  GHashTable *params;
} Routed;

static void
routed_free (gpointer data)
{
  Routed *routed = data;

  g_clear_pointer (&routed->params, g_hash_table_unref);
  g_free (routed);
}

/* ---- uploads, a few at a time ---- */

typedef struct
{
  RegistryServer *server; /* not owned: the server outlives its messages */
  gboolean admitted;
} Upload;

static void
admit_waiting_uploads (RegistryServer *self)
{
  while (self->n_uploads < MAX_UPLOADS && !g_queue_is_empty (&self->waiting_uploads))
    {
      SoupServerMessage *msg = g_queue_pop_head (&self->waiting_uploads);
      Upload *upload = g_object_get_data (G_OBJECT (msg), UPLOAD_KEY);

      upload->admitted = TRUE;
      self->n_uploads++;
      soup_server_message_unpause (msg);
      g_object_unref (msg);
    }
}

static void
upload_finished_cb (SoupServerMessage *msg, gpointer user_data)
{
  Upload *upload = user_data;
  RegistryServer *self = upload->server;

  if (upload->admitted)
    {
      upload->admitted = FALSE;
      self->n_uploads--;
    }
  else if (g_queue_remove (&self->waiting_uploads, msg))
    g_object_unref (msg);
  admit_waiting_uploads (self);
}

/* Reads the body now, or later when an upload before it has been answered. */
static void
admit_upload (RegistryServer *self, SoupServerMessage *msg)
{
  Upload *upload = g_new0 (Upload, 1);

  upload->server = self;
  g_object_set_data_full (G_OBJECT (msg), UPLOAD_KEY, upload, g_free);
  g_signal_connect (msg, "finished", G_CALLBACK (upload_finished_cb), upload);
  if (self->n_uploads < MAX_UPLOADS)
    {
      upload->admitted = TRUE;
      self->n_uploads++;
      return;
    }
  soup_server_message_pause (msg);
  g_queue_push_tail (&self->waiting_uploads, g_object_ref (msg));
}

/* Judges a request by its headers, before libsoup reads any of its body:
 * its route, its size (the route's limit), and the credentials its route
 * needs. */
static void
early_handler_cb (SoupServer *server,
                  SoupServerMessage *msg,
                  const char *path,
                  GHashTable *query,
                  gpointer user_data)
{
  RegistryServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  RegistryResponse response = { 0 };
  RegistryResponse route_error = { 0 };
  g_autoptr (GHashTable) params = NULL;
  const RegistryRoute *route;
  gboolean has_body = FALSE;
  gsize limit;
  Routed *routed;

  route = registry_router_match (self->router, soup_server_message_get_method (msg), path, &params,
                                 &route_error);
  limit = registry_dispatch_body_limit (route, self->max_body);
  if (encoding == SOUP_ENCODING_CHUNKED)
    {
      has_body = TRUE;
      registry_response_set_error (&response, CORE_API_ERROR_LENGTH_REQUIRED,
                                   "send the body with a Content-Length");
    }
  else if (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
           soup_message_headers_get_content_length (headers) > 0)
    {
      has_body = TRUE;
      if ((guint64) soup_message_headers_get_content_length (headers) > limit)
        {
          g_autofree char *message =
              g_strdup_printf ("the body is larger than %" G_GSIZE_FORMAT " bytes", limit);
          registry_response_set_error (&response, CORE_API_ERROR_PAYLOAD_TOO_LARGE, message);
        }
    }

  if (response.status == 0 && route == NULL)
    {
      response = route_error;
      route_error = (RegistryResponse){ 0 };
    }
  else if (response.status == 0 &&
           registry_dispatch_check_headers (
               route, soup_message_headers_get_one (headers, "Authorization"),
               soup_message_headers_get_one (headers, "X-Session-Token"),
               soup_message_headers_get_content_type (headers, NULL), &response))
    {
      routed = g_new0 (Routed, 1);
      routed->route = route;
      routed->params = g_steal_pointer (&params);
      g_object_set_data_full (G_OBJECT (msg), ROUTE_KEY, routed, routed_free);
      if (route->body.kind == REGISTRY_BODY_RAW && has_body)
        admit_upload (self, msg);
      return;
    }
  registry_response_clear (&route_error);

  if (has_body)
    refuse_and_close (self, msg, &response);
  else
    respond_now (msg, &response);
}

static void
handler_cb (SoupServer *server,
            SoupServerMessage *msg,
            const char *path,
            GHashTable *query,
            gpointer user_data)
{
  RegistryServer *self = user_data;
  RegistryResponse response = { 0 };
  SoupMessageHeaders *headers;
  SoupMessageBody *request_body;
  Routed *routed;
  Job *job;

  if (soup_server_message_get_status (msg) != 0)
    return; /* answered by the early handler */
  routed = g_object_get_data (G_OBJECT (msg), ROUTE_KEY);
  g_return_if_fail (routed != NULL);

  if (self->workers == NULL)
    {
      registry_response_set_error (&response, CORE_API_ERROR_UNAVAILABLE,
                                   "the registry is shutting down");
      respond_now (msg, &response);
      return;
    }

  /* the early handler held the length to the limit; this is a second look */
  request_body = soup_server_message_get_request_body (msg);
  if ((guint64) request_body->length > registry_dispatch_body_limit (routed->route, self->max_body))
    {
      registry_response_set_error (&response, CORE_API_ERROR_PAYLOAD_TOO_LARGE,
                                   "the body is larger than the limit");
      respond_now (msg, &response);
      return;
    }

  job = g_new0 (Job, 1);
  job->server = g_object_ref (self);
  job->msg = g_object_ref (msg);
  job->request =
      registry_request_new (&self->api, routed->route, g_steal_pointer (&routed->params));
  job->started = g_get_monotonic_time ();
  headers = soup_server_message_get_request_headers (msg);
  job->request->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  job->request->session_token =
      g_strdup (soup_message_headers_get_one (headers, "X-Session-Token"));
  job->request->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  job->request->if_none_match = g_strdup (soup_message_headers_get_one (headers, "If-None-Match"));
  job->request->host = g_strdup (soup_message_headers_get_one (headers, "Host"));
  job->request->staff_token = g_strdup (soup_message_headers_get_one (headers, "X-Staff-Session"));
  if (request_body->length > 0)
    {
      job->request->body = soup_message_body_flatten (request_body);
      /* one copy of a 10 MiB scan is enough */
      soup_message_body_truncate (request_body);
    }
  job->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (message_finished_cb), job);
  soup_server_message_pause (msg);
  g_thread_pool_push (self->workers, job, NULL);
}

static void
registry_server_dispose (GObject *object)
{
  RegistryServer *self = REGISTRY_SERVER (object);

  registry_server_shutdown (self);
  G_OBJECT_CLASS (registry_server_parent_class)->dispose (object);
}

static void
registry_server_finalize (GObject *object)
{
  RegistryServer *self = REGISTRY_SERVER (object);
  RegistryStorage *storage;

  if (self->connections != NULL)
    {
      while ((storage = g_async_queue_try_pop (self->connections)) != NULL)
        g_object_unref (storage);
      g_async_queue_unref (self->connections);
    }
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->router);
  g_clear_pointer (&self->bad_request_body, g_bytes_unref);
  sodium_memzero (self->api.key, sizeof self->api.key);
  g_clear_object (&self->api.sms);
  g_clear_pointer (&self->api.test_captcha_answer, g_free);
  g_clear_pointer (&self->api.clock_file, g_free);
  g_clear_object (&self->api.dictionaries);
  g_clear_pointer (&self->api.dictionaries_json, g_bytes_unref);
  g_clear_pointer (&self->api.dictionaries_etag, g_free);
  g_clear_pointer (&self->api.kinds_json, g_bytes_unref);
  g_clear_pointer (&self->api.public_url, g_free);

  G_OBJECT_CLASS (registry_server_parent_class)->finalize (object);
}

static void
registry_server_class_init (RegistryServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = registry_server_dispose;
  object_class->finalize = registry_server_finalize;
}

static void
registry_server_init (RegistryServer *self)
{
  RegistryResponse bad_request = { 0 };
  const RegistryRoute *routes;
  guint n_routes;

  self->context = g_main_context_ref_thread_default ();
  routes = registry_api_get_routes (&n_routes);
  self->router = registry_router_new (routes, n_routes);
  registry_response_set_error (&bad_request, CORE_API_ERROR_BAD_REQUEST,
                               "the request is not valid HTTP, or its path is not a valid URI");
  self->bad_request_body = g_steal_pointer (&bad_request.body);
  registry_response_clear (&bad_request);
  self->connections = g_async_queue_new ();
  self->max_body = REGISTRY_API_MAX_BODY;
  self->idle_timeout_s = REGISTRY_SERVER_IDLE_TIMEOUT_S;
  self->request_timeout_s = REGISTRY_SERVER_REQUEST_TIMEOUT_S;
}

static GBytes *
json_bytes (JsonNode *node)
{
  char *text = json_to_string (node, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

/* The dictionaries and the kind table are read once, at start, and served
 * as they were read: a broken or missing pick-list stops the server from
 * starting rather than refusing records later. */
static gboolean
load_practice_tables (RegistryApiContext *api, GError **error)
{
  g_autoptr (JsonNode) dictionaries = NULL;
  g_autoptr (JsonNode) kinds = NULL;

  api->dictionaries =
      core_dictionary_set_new_from_directory (core_dictionary_set_get_default_directory (), error);
  if (api->dictionaries == NULL || !core_record_kinds_check_dictionaries (api->dictionaries, error))
    return FALSE;
  dictionaries = core_dictionary_set_to_json_node (api->dictionaries);
  api->dictionaries_json = json_bytes (dictionaries);
  api->dictionaries_etag =
      g_strdup_printf ("\"%s\"", core_dictionary_set_get_version (api->dictionaries));
  kinds = core_record_kinds_to_json ();
  api->kinds_json = json_bytes (kinds);
  return TRUE;
}

/**
 * registry_server_new:
 * @database_url: `sqlite:PATH` or `postgresql://…`
 * @n_workers: worker threads, each with its own database connection
 *
 * Connects the workers and brings the schema up to date (several processes
 * may start at once on one PostgreSQL: the schema update is serialised).
 */
RegistryServer *
registry_server_new (const char *database_url, guint n_workers, GError **error)
{
  g_autoptr (RegistryServer) self = g_object_new (REGISTRY_TYPE_SERVER, NULL);

  g_return_val_if_fail (database_url != NULL, NULL);
  n_workers = CLAMP (n_workers, 1, 64);
  if (!load_practice_tables (&self->api, error))
    return NULL;

  for (guint i = 0; i < n_workers; i++)
    {
      RegistryStorage *storage = registry_storage_open (database_url, error);
      if (storage == NULL)
        return NULL;
      if (i == 0 && (!registry_storage_migrate (storage, error) ||
                     !registry_secret_load (storage, self->api.key, error)))
        {
          g_object_unref (storage);
          return NULL;
        }
      g_async_queue_push (self->connections, storage);
      self->n_connections++;
    }

  self->workers = g_thread_pool_new (worker_cb, NULL, (int) n_workers, FALSE, error);
  if (self->workers == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * registry_server_set_routes:
 * @routes: (array length=n_routes): a route table to serve instead of the
 *   API's; it must outlive the server
 *
 * For tests of the transport and the dispatcher with routes of their own.
 * Call before registry_server_listen().
 */
void
registry_server_set_routes (RegistryServer *self, const RegistryRoute *routes, guint n_routes)
{
  g_return_if_fail (REGISTRY_IS_SERVER (self));
  g_return_if_fail (self->soup == NULL);
  g_clear_object (&self->router);
  self->router = registry_router_new (routes, n_routes);
}

/**
 * registry_server_set_sms_gateway:
 * @gateway: (nullable): where codes are sent
 *
 * Call before registry_server_listen().
 */
void
registry_server_set_sms_gateway (RegistryServer *self, RegistrySmsGateway *gateway)
{
  g_return_if_fail (REGISTRY_IS_SERVER (self));
  g_return_if_fail (self->soup == NULL);
  g_set_object (&self->api.sms, gateway);
}

/**
 * registry_server_set_test_captcha_answer:
 * @answer: (nullable): the answer of every captcha, for automated tests
 *   and the demo; the caller makes sure the server listens on loopback only
 *
 * Call before registry_server_listen().
 */
void
registry_server_set_test_captcha_answer (RegistryServer *self, const char *answer)
{
  g_return_if_fail (REGISTRY_IS_SERVER (self));
  g_return_if_fail (self->soup == NULL);
  g_free (self->api.test_captcha_answer);
  self->api.test_captcha_answer = g_strdup (answer);
}

/**
 * registry_server_set_public_url:
 * @url: (nullable): the registry's address as phones reach it, such as
 *   `https://registry.example.org` behind the front proxy
 *
 * The base of the upload links the registry makes. Call before serving.
 */
void
registry_server_set_public_url (RegistryServer *self, const char *url)
{
  g_autofree char *trimmed = url != NULL ? g_strdup (url) : NULL;

  g_return_if_fail (REGISTRY_IS_SERVER (self));
  /* links are made as URL + "/u/" + token */
  while (trimmed != NULL && g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  g_free (self->api.public_url);
  self->api.public_url = g_steal_pointer (&trimmed);
}

/**
 * registry_server_set_clock_file:
 * @path: (nullable): a test's clock offset file, see registry_clock_now();
 *   the caller makes sure the server listens on loopback only
 *
 * Call before registry_server_listen().
 */
void
registry_server_set_clock_file (RegistryServer *self, const char *path)
{
  g_return_if_fail (REGISTRY_IS_SERVER (self));
  g_return_if_fail (self->soup == NULL);
  g_free (self->api.clock_file);
  self->api.clock_file = g_strdup (path);
}

/**
 * registry_server_set_limits:
 * @max_body: the largest request body, in bytes
 * @idle_timeout_s: a connection is closed when nothing can be read from or
 *   written to it for this long, also between requests
 * @request_timeout_s: the headers and body of one request must arrive
 *   within this long, counted from its first byte (from the connection for
 *   the first request)
 *
 * Call before registry_server_listen().
 */
void
registry_server_set_limits (RegistryServer *self,
                            gsize max_body,
                            guint idle_timeout_s,
                            guint request_timeout_s)
{
  g_return_if_fail (REGISTRY_IS_SERVER (self));
  g_return_if_fail (self->soup == NULL);
  g_return_if_fail (max_body > 0 && idle_timeout_s > 0 && request_timeout_s > 0);
  self->max_body = max_body;
  self->idle_timeout_s = idle_timeout_s;
  self->request_timeout_s = request_timeout_s;
}

static GSocketAddress *
parse_listen_address (const char *address, GError **error)
{
  g_autoptr (GSocketConnectable) connectable = NULL;
  g_autoptr (GInetAddress) inet = NULL;
  const char *host;
  guint16 port;

  connectable = g_network_address_parse (address, 0, error);
  if (connectable == NULL)
    {
      g_prefix_error (error, "--listen %s: ", address);
      return NULL;
    }
  host = g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable));
  port = g_network_address_get_port (G_NETWORK_ADDRESS (connectable));
  if (g_strcmp0 (host, "localhost") == 0)
    inet = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else
    inet = g_inet_address_new_from_string (host);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--listen %s: give a numeric address and port, e.g. 127.0.0.1:8080", address);
      return NULL;
    }
  return g_inet_socket_address_new (inet, port);
}

/**
 * registry_server_listen:
 * @address: ADDR:PORT; port 0 picks a free port (see registry_server_get_port())
 * @certificate: (nullable): serve HTTPS with this certificate and key
 *
 * The listening socket is made here, not by libsoup, for a listen backlog
 * that takes a burst of hundreds of kiosks reconnecting at once.
 */
gboolean
registry_server_listen (RegistryServer *self,
                        const char *address,
                        GTlsCertificate *certificate,
                        GError **error)
{
  g_autoptr (GSocketAddress) socket_address = NULL;
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GSocket) socket = NULL;
  SoupServerListenOptions options = 0;

  g_return_val_if_fail (REGISTRY_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  socket_address = parse_listen_address (address, error);
  if (socket_address == NULL)
    return FALSE;

  socket = g_socket_new (g_socket_address_get_family (socket_address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, socket_address, TRUE, error) || !g_socket_listen (socket, error))
    {
      g_prefix_error (error, "listening on %s: ", address);
      return FALSE;
    }
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return FALSE;
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  /* raw paths: the router decodes each segment itself, so that %2F cannot
   * move a segment boundary */
  self->soup =
      g_object_new (SOUP_TYPE_SERVER, "server-header", "practitioner-registry/" PACKAGE_VERSION,
                    "tls-certificate", certificate, "raw-paths", TRUE, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started_cb), self);
  soup_server_add_early_handler (self->soup, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler_cb, self, NULL);
  if (certificate != NULL)
    options |= SOUP_SERVER_LISTEN_HTTPS;
  if (!soup_server_listen_socket (self->soup, socket, options, error))
    return FALSE;
  return TRUE;
}

/**
 * registry_server_address_is_loopback:
 * @address: ADDR:PORT as --listen takes it
 *
 * Returns: %TRUE when @address is a loopback address (127.0.0.0/8, ::1 or
 *   localhost); %FALSE with @error when it is not or does not parse
 */
gboolean
registry_server_address_is_loopback (const char *address, GError **error)
{
  g_autoptr (GSocketAddress) socket_address = parse_listen_address (address, error);

  if (socket_address == NULL)
    return FALSE;
  if (!g_inet_address_get_is_loopback (
          g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (socket_address))))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s is not a loopback address",
                   address);
      return FALSE;
    }
  return TRUE;
}

guint16
registry_server_get_port (RegistryServer *self)
{
  g_return_val_if_fail (REGISTRY_IS_SERVER (self), 0);
  return self->port;
}

/**
 * registry_server_shutdown:
 *
 * Lets the requests in flight finish and answers them, then closes every
 * connection. Requests that arrive meanwhile are answered 503.
 */
void
registry_server_shutdown (RegistryServer *self)
{
  g_return_if_fail (REGISTRY_IS_SERVER (self));

  if (self->workers != NULL)
    {
      GThreadPool *workers = g_steal_pointer (&self->workers);
      g_thread_pool_free (workers, FALSE, TRUE);
    }
  /* the workers' answers are queued on this context: send them */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_queue_clear_full (&self->waiting_uploads, g_object_unref);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
}
