/* sync-registry.c: the registry's API as the kiosk calls it, one call per route
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each route is a request (method, path, body, session) and a reader that
 * turns the JSON of a 2xx answer into a value; everything else is shared: the
 * call runs on a worker thread through the blocking SyncClient, a cancelled
 * call is never answered, and an answer that is not 2xx becomes a GError in
 * the CORE_API_ERROR domain whose code is the registry's `error.code`, with
 * its `retry_after`, `attempts_left` and `fields` (core_api_error_get_*()).
 * Failures to reach the registry at all stay in the SYNC_ERROR domain.
 *
 * A new route is a pair of functions here: build the request and pick a
 * reader (read_object() for a document) in _async, propagate in _finish.
 * Calls that run on a worker thread already (the sync engine, staff sign-in)
 * use the blocking form of the same request.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-json.h"
#include "sync-registry.h"

#define DEFAULT_RESEND_S 60
#define DEFAULT_VALID_S 90
#define MAX_WAIT_S 600

struct _SyncRegistry
{
  GObject parent_instance;

  SyncClient *client;
};

G_DEFINE_FINAL_TYPE (SyncRegistry, sync_registry, G_TYPE_OBJECT)

/* ---- the values ---- */

static SyncCaptcha *
sync_captcha_copy (SyncCaptcha *captcha)
{
  SyncCaptcha *copy = g_new0 (SyncCaptcha, 1);

  copy->id = g_strdup (captcha->id);
  copy->png = captcha->png != NULL ? g_bytes_ref (captcha->png) : NULL;
  return copy;
}

void
sync_captcha_free (SyncCaptcha *captcha)
{
  if (captcha == NULL)
    return;
  g_free (captcha->id);
  g_clear_pointer (&captcha->png, g_bytes_unref);
  g_free (captcha);
}

G_DEFINE_BOXED_TYPE (SyncCaptcha, sync_captcha, sync_captcha_copy, sync_captcha_free)

static SyncCodeSent *
sync_code_sent_copy (SyncCodeSent *sent)
{
  return g_memdup2 (sent, sizeof *sent);
}

void
sync_code_sent_free (SyncCodeSent *sent)
{
  g_free (sent);
}

G_DEFINE_BOXED_TYPE (SyncCodeSent, sync_code_sent, sync_code_sent_copy, sync_code_sent_free)

static void
wipe_string (char **text)
{
  if (*text != NULL)
    memset (*text, 0, strlen (*text));
  g_clear_pointer (text, g_free);
}

static SyncSession *
sync_session_copy (SyncSession *session)
{
  SyncSession *copy = g_new0 (SyncSession, 1);

  copy->token = g_strdup (session->token);
  copy->person = session->person != NULL ? json_object_ref (session->person) : NULL;
  return copy;
}

void
sync_session_free (SyncSession *session)
{
  if (session == NULL)
    return;
  wipe_string (&session->token);
  g_clear_pointer (&session->person, json_object_unref);
  g_free (session);
}

G_DEFINE_BOXED_TYPE (SyncSession, sync_session, sync_session_copy, sync_session_free)

static SyncStaffSession *
sync_staff_session_copy (SyncStaffSession *session)
{
  SyncStaffSession *copy = g_new0 (SyncStaffSession, 1);

  copy->staff = g_strdup (session->staff);
  copy->token = g_strdup (session->token);
  return copy;
}

void
sync_staff_session_free (SyncStaffSession *session)
{
  if (session == NULL)
    return;
  g_free (session->staff);
  wipe_string (&session->token);
  g_free (session);
}

G_DEFINE_BOXED_TYPE (SyncStaffSession,
                     sync_staff_session,
                     sync_staff_session_copy,
                     sync_staff_session_free)

static SyncFile *
sync_file_copy (SyncFile *file)
{
  SyncFile *copy = g_new0 (SyncFile, 1);

  copy->media_type = g_strdup (file->media_type);
  copy->bytes = file->bytes != NULL ? g_bytes_ref (file->bytes) : NULL;
  return copy;
}

void
sync_file_free (SyncFile *file)
{
  if (file == NULL)
    return;
  g_free (file->media_type);
  g_clear_pointer (&file->bytes, g_bytes_unref);
  g_free (file);
}

G_DEFINE_BOXED_TYPE (SyncFile, sync_file, sync_file_copy, sync_file_free)

/* ---- requests ---- */

/* Turns the JSON of a 2xx answer into the route's value, or fails. Runs on
 * the worker thread. */
typedef gpointer (*ReadAnswer) (JsonNode *answer, GError **error);

typedef struct
{
  const char *method;
  char *path;
  JsonNode *body;
  gboolean secret_body; /* built here, holding a password or a code: wiped */
  char *session_token;  /* X-Session-Token: a person's or staff's session */
  ReadAnswer read;
  GDestroyNotify free_value;
  /* routes of scans and photos: bytes out, or bytes back */
  GBytes *bytes;
  char *media_type;
  char *staff_token; /* X-Staff-Session */
  gboolean bytes_answer;
} Request;

/* Bodies hold passwords and codes: their strings are wiped, not just freed. */
static void
wipe_strings (JsonNode *node)
{
  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        wipe_strings (member);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      char *text = (char *) json_node_get_string (node);
      if (text != NULL)
        memset (text, 0, strlen (text));
    }
}

static void
request_free (Request *request)
{
  g_free (request->path);
  if (request->secret_body)
    wipe_strings (request->body);
  g_clear_pointer (&request->body, json_node_unref);
  wipe_string (&request->session_token);
  wipe_string (&request->staff_token);
  g_clear_pointer (&request->bytes, g_bytes_unref);
  g_free (request->media_type);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static Request *
request_new (const char *method, char *path, JsonNode *body, ReadAnswer read, GDestroyNotify free)
{
  Request *request = g_new0 (Request, 1);

  request->method = method;
  request->path = path;
  request->body = body;
  request->read = read;
  request->free_value = free;
  return request;
}

/* A body built from what the person typed: wiped after the call. */
static Request *
request_new_secret (const char *method,
                    char *path,
                    JsonNode *body,
                    ReadAnswer read,
                    GDestroyNotify free)
{
  Request *request = request_new (method, path, body, read, free);

  request->secret_body = TRUE;
  return request;
}

static Request *
request_with_session (Request *request, const char *session_token)
{
  request->session_token = g_strdup (session_token);
  return request;
}

/* A JSON object of string members, from NULL-terminated name, value pairs. */
static JsonNode *string_body (const char *first_name, ...) G_GNUC_NULL_TERMINATED;

static JsonNode *
string_body (const char *first_name, ...)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, va_arg (args, const char *));
    }
  va_end (args);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
escape_segment (const char *segment)
{
  return g_uri_escape_string (segment != NULL ? segment : "", NULL, FALSE);
}

/* ---- answers ---- */

static gpointer
bad_answer (GError **error, const char *what)
{
  g_set_error (error, SYNC_ERROR, SYNC_ERROR_BAD_RESPONSE,
               _ ("The registry's answer is not what the kiosk expects (%s)."), what);
  return NULL;
}

static JsonObject *
answer_object (JsonNode *answer, GError **error)
{
  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer))
    return bad_answer (error, "not an object");
  return json_node_get_object (answer);
}

static const char *
string_member (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
int_member (JsonObject *object, const char *name, gint64 otherwise)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return otherwise;
  return json_node_get_int (node);
}

/* For routes whose answer only says that it worked. */
static gpointer
read_nothing (JsonNode *answer, GError **error)
{
  return GINT_TO_POINTER (TRUE);
}

/* For routes whose answer is a document: the object as it came. */
static gpointer
read_object (JsonNode *answer, GError **error)
{
  JsonObject *object = answer_object (answer, error);

  return object != NULL ? json_object_ref (object) : NULL;
}

static gpointer
read_captcha (JsonNode *answer, GError **error)
{
  JsonObject *object = answer_object (answer, error);
  const char *id = object != NULL ? string_member (object, "captcha_id") : NULL;
  const char *image = object != NULL ? string_member (object, "image_png_base64") : NULL;
  g_autoptr (SyncCaptcha) captcha = NULL;
  guchar *data;
  gsize length = 0;

  if (object == NULL)
    return NULL;
  if (id == NULL || *id == '\0' || image == NULL || *image == '\0')
    return bad_answer (error, "captcha without id or image");
  data = g_base64_decode (image, &length);
  if (length == 0)
    {
      g_free (data);
      return bad_answer (error, "captcha image");
    }
  captcha = g_new0 (SyncCaptcha, 1);
  captcha->id = g_strdup (id);
  captcha->png = g_bytes_new_take (data, length);
  return g_steal_pointer (&captcha);
}

static gpointer
read_code_sent (JsonNode *answer, GError **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  SyncCodeSent *sent = g_new0 (SyncCodeSent, 1);

  /* an older registry may leave them out: the rules' own values */
  sent->resend_after =
      (guint) CLAMP (int_member (object, "resend_after", DEFAULT_RESEND_S), 1, MAX_WAIT_S);
  sent->expires_in =
      (guint) CLAMP (int_member (object, "expires_in", DEFAULT_VALID_S), 1, MAX_WAIT_S);
  return sent;
}

static gpointer
read_session (JsonNode *answer, GError **error)
{
  JsonObject *object = answer_object (answer, error);
  JsonNode *person = object != NULL ? json_object_get_member (object, "person") : NULL;
  const char *token = object != NULL ? string_member (object, "session_token") : NULL;
  SyncSession *session;

  if (object == NULL)
    return NULL;
  if (token == NULL || *token == '\0' || person == NULL || !JSON_NODE_HOLDS_OBJECT (person))
    return bad_answer (error, "a session without a token or person");
  session = g_new0 (SyncSession, 1);
  session->token = g_strdup (token);
  session->person = json_object_ref (json_node_get_object (person));
  return session;
}

static gpointer
read_staff_session (JsonNode *answer, GError **error)
{
  JsonObject *object = answer_object (answer, error);
  const char *staff = object != NULL ? string_member (object, "staff") : NULL;
  const char *token = object != NULL ? string_member (object, "staff_session") : NULL;
  SyncStaffSession *session;

  if (object == NULL)
    return NULL;
  if (staff == NULL || token == NULL)
    return bad_answer (error, "a staff session without an account or token");
  session = g_new0 (SyncStaffSession, 1);
  session->staff = g_strdup (staff);
  session->token = g_strdup (token);
  return session;
}

/* The results of a batch, one object per filing sent. */
static gpointer
read_batch_results (JsonNode *answer, GError **error)
{
  JsonObject *object = answer_object (answer, error);
  JsonNode *results = object != NULL ? json_object_get_member (object, "results") : NULL;

  if (object == NULL)
    return NULL;
  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results))
    return bad_answer (error, "no results");
  return json_array_ref (json_node_get_array (results));
}

/* ---- the one place where answers become values or errors ---- */

static CoreApiError
code_for_status (guint status)
{
  switch (status)
    {
      case 401:
        return CORE_API_ERROR_UNAUTHORIZED;
      case 404:
        return CORE_API_ERROR_NOT_FOUND;
      case 405:
        return CORE_API_ERROR_METHOD_NOT_ALLOWED;
      case 411:
        return CORE_API_ERROR_LENGTH_REQUIRED;
      case 413:
        return CORE_API_ERROR_PAYLOAD_TOO_LARGE;
      case 429:
        return CORE_API_ERROR_RATE_LIMITED;
      case 503:
        return CORE_API_ERROR_UNAVAILABLE;
      default:
        return status >= 500 ? CORE_API_ERROR_INTERNAL : CORE_API_ERROR_BAD_REQUEST;
    }
}

static GStrv
fields_of (JsonObject *error_object)
{
  JsonNode *fields = json_object_get_member (error_object, "fields");
  const char *field = string_member (error_object, "field");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (fields != NULL && JSON_NODE_HOLDS_ARRAY (fields))
    {
      JsonArray *array = json_node_get_array (fields);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          /* {"field": "phone", …} or plain names */
          if (JSON_NODE_HOLDS_OBJECT (element))
            {
              const char *name = string_member (json_node_get_object (element), "field");
              if (name != NULL)
                g_strv_builder_add (builder, name);
            }
          else if (json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  else if (field != NULL)
    g_strv_builder_add (builder, field);
  return g_strv_builder_end (builder);
}

/* An answer that is not 2xx: the registry's code and the details it gave. */
static void
set_api_error (GError **error, guint status, JsonNode *answer)
{
  JsonNode *member = answer != NULL && JSON_NODE_HOLDS_OBJECT (answer)
                         ? json_object_get_member (json_node_get_object (answer), "error")
                         : NULL;
  JsonObject *error_object =
      member != NULL && JSON_NODE_HOLDS_OBJECT (member) ? json_node_get_object (member) : NULL;
  const char *code_text = error_object != NULL ? string_member (error_object, "code") : NULL;
  CoreApiError code =
      code_text != NULL ? core_api_error_from_string (code_text) : code_for_status (status);
  g_auto (GStrv) fields = error_object != NULL ? fields_of (error_object) : NULL;
  GError *local = NULL;

  if (code == CORE_API_ERROR_UNAUTHORIZED)
    local =
        g_error_new (CORE_API_ERROR, code, _ ("The registry refused this kiosk's device token."));
  else if (status >= 500)
    local = g_error_new (CORE_API_ERROR, code, _ ("The registry failed (HTTP %u)."), status);
  else
    {
      /* the code only: the registry's own words may quote what was sent,
       * and this message reaches logs */
      g_autofree char *detail =
          code != CORE_API_ERROR_UNKNOWN
              ? g_strdup_printf ("%s, HTTP %u", core_api_error_to_string (code), status)
              : g_strdup_printf ("HTTP %u", status);
      local =
          g_error_new (CORE_API_ERROR, code, _ ("The registry refused the request (%s)."), detail);
    }
  if (error_object != NULL && json_object_has_member (error_object, "current") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (error_object, "current")))
    core_api_error_set_current (local, json_object_get_object_member (error_object, "current"));
  core_api_error_set_details (local, int_member (error_object, "retry_after", -1),
                              int_member (error_object, "attempts_left", -1),
                              (const char *const *) fields);
  g_propagate_error (error, local);
}

/* A route of bytes: a scan sent, or a file read back. An error answer is
 * still the registry's JSON. */
static gpointer
perform_bytes (SyncRegistry *self, Request *request, GError **error)
{
  g_autofree char *media_type = NULL;
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (GBytes) bytes = NULL;
  const char *data;
  gsize size;
  guint status = 0;

  bytes = sync_client_call_bytes (self->client, request->method, request->path,
                                  request->session_token, request->staff_token, request->media_type,
                                  request->bytes, &status, &media_type, error);
  if (bytes == NULL)
    return NULL;
  if (status >= 200 && status < 300 && request->bytes_answer)
    {
      SyncFile *file = g_new0 (SyncFile, 1);

      file->media_type = g_steal_pointer (&media_type);
      file->bytes = g_steal_pointer (&bytes);
      return file;
    }
  data = g_bytes_get_data (bytes, &size);
  if (size > 0)
    answer = core_json_parse (data, size, NULL);
  if (status < 200 || status >= 300)
    {
      set_api_error (error, status, answer);
      return NULL;
    }
  return request->read (answer, error);
}

/* Blocks: the request, then its value or an error. */
static gpointer
perform (SyncRegistry *self, Request *request, GCancellable *cancellable, GError **error)
{
  g_autoptr (JsonNode) answer = NULL;
  guint status = 0;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (request->bytes != NULL || request->bytes_answer)
    return perform_bytes (self, request, error);
  answer = sync_client_call (self->client, request->method, request->path, request->session_token,
                             request->body, &status, error);
  if (answer == NULL)
    return NULL;
  if (status < 200 || status >= 300)
    {
      set_api_error (error, status, answer);
      return NULL;
    }
  return request->read (answer, error);
}

static void
call_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;
  gpointer value = perform (source, request, cancellable, &error);

  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, request->free_value);
}

static void
call_async (SyncRegistry *self,
            Request *request,
            gpointer source_tag,
            GCancellable *cancellable,
            GAsyncReadyCallback callback,
            gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  /* a call cancelled by its page is not answered, even when the registry did */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, call_thread);
}

static gpointer
call_finish (SyncRegistry *self, GAsyncResult *result, gpointer source_tag, GError **error)
{
  g_return_val_if_fail (SYNC_IS_REGISTRY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
call_sync (SyncRegistry *self, Request *request, GCancellable *cancellable, GError **error)
{
  g_autoptr (Request) owned = request;

  return perform (self, owned, cancellable, error);
}

/* ---- the object ---- */

static void
sync_registry_finalize (GObject *object)
{
  SyncRegistry *self = SYNC_REGISTRY (object);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (sync_registry_parent_class)->finalize (object);
}

static void
sync_registry_class_init (SyncRegistryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sync_registry_finalize;
}

static void
sync_registry_init (SyncRegistry *self)
{
}

/**
 * sync_registry_new:
 * @client: the connection to the registry (its address, CA and device token)
 */
SyncRegistry *
sync_registry_new (SyncClient *client)
{
  SyncRegistry *self;

  g_return_val_if_fail (SYNC_IS_CLIENT (client), NULL);

  self = g_object_new (SYNC_TYPE_REGISTRY, NULL);
  self->client = g_object_ref (client);
  return self;
}

SyncClient *
sync_registry_get_client (SyncRegistry *self)
{
  g_return_val_if_fail (SYNC_IS_REGISTRY (self), NULL);
  return self->client;
}

/* ---- the routes ---- */

/**
 * sync_registry_put_device_health:
 * @report: the kiosk's health report (sync_health_reporter_build())
 *
 * Returns: (transfer full): the answer, `{"interval_s"}`
 */
JsonObject *
sync_registry_put_device_health (SyncRegistry *self,
                                 JsonNode *report,
                                 GCancellable *cancellable,
                                 GError **error)
{
  g_return_val_if_fail (SYNC_IS_REGISTRY (self), NULL);
  g_return_val_if_fail (report != NULL, NULL);

  return call_sync (self,
                    request_new ("PUT", g_strdup ("/v1/devices/current/health"),
                                 json_node_copy (report), read_object,
                                 (GDestroyNotify) json_object_unref),
                    cancellable, error);
}

static Request *
health_request (void)
{
  return request_new ("GET", g_strdup ("/v1/health"), NULL, read_object,
                      (GDestroyNotify) json_object_unref);
}

/**
 * sync_registry_get_health_async:
 *
 * Whether the registry is there and its version (`GET /v1/health`); needs no
 * device token.
 */
void
sync_registry_get_health_async (SyncRegistry *self,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  call_async (self, health_request (), sync_registry_get_health_async, cancellable, callback,
              user_data);
}

/**
 * sync_registry_get_health_finish:
 *
 * Returns: (transfer full): the answer, e.g. `{"status": "ok", "version": …}`
 */
JsonObject *
sync_registry_get_health_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_get_health_async, error);
}

/* The same, blocking, for worker threads. */
JsonObject *
sync_registry_get_health (SyncRegistry *self, GCancellable *cancellable, GError **error)
{
  return call_sync (self, health_request (), cancellable, error);
}

static Request *
person_state_request (const char *doc_type, const char *doc_number)
{
  g_autofree char *type = escape_segment (doc_type);
  g_autofree char *number = escape_segment (doc_number);

  return request_new ("GET", g_strdup_printf ("/v1/persons/%s/%s/state", type, number), NULL,
                      read_object, (GDestroyNotify) json_object_unref);
}

/**
 * sync_registry_get_person_state_async:
 * @doc_type: e.g. "resident"
 * @doc_number: the document's number
 *
 * Whether the registry knows the person (`GET /v1/persons/…/state`).
 */
void
sync_registry_get_person_state_async (SyncRegistry *self,
                                      const char *doc_type,
                                      const char *doc_number,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  call_async (self, person_state_request (doc_type, doc_number),
              sync_registry_get_person_state_async, cancellable, callback, user_data);
}

/**
 * sync_registry_get_person_state_finish:
 *
 * Returns: (transfer full): the answer, e.g. `{"state": "filed"}`
 */
JsonObject *
sync_registry_get_person_state_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_get_person_state_async, error);
}

/* The same, blocking, for worker threads. */
JsonObject *
sync_registry_get_person_state (SyncRegistry *self,
                                const char *doc_type,
                                const char *doc_number,
                                GCancellable *cancellable,
                                GError **error)
{
  return call_sync (self, person_state_request (doc_type, doc_number), cancellable, error);
}

/**
 * sync_registry_check_phone_async:
 * @phone: the 11-digit mobile number a filing carries
 *
 * What filing @phone would mean for the person's login
 * (`POST /v1/persons/…/phone-check`).
 */
void
sync_registry_check_phone_async (SyncRegistry *self,
                                 const char *doc_type,
                                 const char *doc_number,
                                 const char *phone,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autofree char *type = escape_segment (doc_type);
  g_autofree char *number = escape_segment (doc_number);

  call_async (self,
              request_new ("POST", g_strdup_printf ("/v1/persons/%s/%s/phone-check", type, number),
                           string_body ("phone", phone, NULL), read_object,
                           (GDestroyNotify) json_object_unref),
              sync_registry_check_phone_async, cancellable, callback, user_data);
}

/**
 * sync_registry_check_phone_finish:
 *
 * Returns: (transfer full): the answer: `phone` ("usable", "taken" or
 *   "not_login_phone")
 */
JsonObject *
sync_registry_check_phone_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_check_phone_async, error);
}

/**
 * sync_registry_file_async:
 * @filing: a filing's JSON (core_filing_to_json())
 *
 * Files one person (`POST /v1/filings`); the filing id makes it idempotent.
 */
void
sync_registry_file_async (SyncRegistry *self,
                          JsonNode *filing,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_return_if_fail (filing != NULL);

  call_async (self,
              request_new ("POST", g_strdup ("/v1/filings"), json_node_ref (filing), read_object,
                           (GDestroyNotify) json_object_unref),
              sync_registry_file_async, cancellable, callback, user_data);
}

/**
 * sync_registry_file_finish:
 *
 * Returns: (transfer full): the answer: `filing_id`, `person_id`, `state`,
 *   `phone_usable`
 */
JsonObject *
sync_registry_file_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_file_async, error);
}

static Request *
batch_request (JsonNode *batch)
{
  return request_new ("POST", g_strdup ("/v1/filings:batch"), json_node_ref (batch),
                      read_batch_results, (GDestroyNotify) json_array_unref);
}

/**
 * sync_registry_file_batch_async:
 * @batch: `{"filings": [...]}`
 *
 * Files many people in one request (`POST /v1/filings:batch`).
 */
void
sync_registry_file_batch_async (SyncRegistry *self,
                                JsonNode *batch,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_return_if_fail (batch != NULL);

  call_async (self, batch_request (batch), sync_registry_file_batch_async, cancellable, callback,
              user_data);
}

/**
 * sync_registry_file_batch_finish:
 *
 * Returns: (transfer full): the results, one object per filing sent
 */
JsonArray *
sync_registry_file_batch_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_file_batch_async, error);
}

/* The same, blocking, for worker threads. */
JsonArray *
sync_registry_file_batch (SyncRegistry *self,
                          JsonNode *batch,
                          GCancellable *cancellable,
                          GError **error)
{
  g_return_val_if_fail (batch != NULL, NULL);

  return call_sync (self, batch_request (batch), cancellable, error);
}

/**
 * sync_registry_get_captcha_async:
 *
 * A new captcha image (`GET /v1/captcha`).
 */
void
sync_registry_get_captcha_async (SyncRegistry *self,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  call_async (self,
              request_new ("GET", g_strdup ("/v1/captcha"), NULL, read_captcha,
                           (GDestroyNotify) sync_captcha_free),
              sync_registry_get_captcha_async, cancellable, callback, user_data);
}

SyncCaptcha *
sync_registry_get_captcha_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_get_captcha_async, error);
}

/**
 * sync_registry_send_code_async:
 * @purpose: what the code will be used for
 * @captcha_answer: what the person typed (the registry ignores case)
 *
 * Asks the registry to send a dynamic password to @phone (`POST /v1/sms/send`).
 * The captcha is spent whatever the answer.
 */
void
sync_registry_send_code_async (SyncRegistry *self,
                               SyncSmsPurpose purpose,
                               const char *doc_type,
                               const char *doc_number,
                               const char *phone,
                               const char *captcha_id,
                               const char *captcha_answer,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  JsonNode *body =
      string_body ("purpose", purpose == SYNC_SMS_PURPOSE_REGISTER ? "register" : "login",
                   "doc_type", doc_type, "doc_number", doc_number, "phone", phone, "captcha_id",
                   captcha_id, "captcha_answer", captcha_answer, NULL);

  call_async (self,
              request_new_secret ("POST", g_strdup ("/v1/sms/send"), body, read_code_sent,
                                  (GDestroyNotify) sync_code_sent_free),
              sync_registry_send_code_async, cancellable, callback, user_data);
}

SyncCodeSent *
sync_registry_send_code_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_send_code_async, error);
}

static Request *
redeem_request (const char *path,
                const char *doc_type,
                const char *doc_number,
                const char *phone,
                const char *code)
{
  return request_new_secret ("POST", g_strdup (path),
                             string_body ("doc_type", doc_type, "doc_number", doc_number, "phone",
                                          phone, "code", code, NULL),
                             read_session, (GDestroyNotify) sync_session_free);
}

/**
 * sync_registry_register_async:
 * @code: the dynamic password the person received
 *
 * Registers an SMS user and opens their session (`POST /v1/registrations`).
 */
void
sync_registry_register_async (SyncRegistry *self,
                              const char *doc_type,
                              const char *doc_number,
                              const char *phone,
                              const char *code,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  call_async (self, redeem_request ("/v1/registrations", doc_type, doc_number, phone, code),
              sync_registry_register_async, cancellable, callback, user_data);
}

SyncSession *
sync_registry_register_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_register_async, error);
}

/**
 * sync_registry_log_in_async:
 * @code: the dynamic password the person received
 *
 * Opens a person's session (`POST /v1/sessions`).
 */
void
sync_registry_log_in_async (SyncRegistry *self,
                            const char *doc_type,
                            const char *doc_number,
                            const char *phone,
                            const char *code,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  call_async (self, redeem_request ("/v1/sessions", doc_type, doc_number, phone, code),
              sync_registry_log_in_async, cancellable, callback, user_data);
}

SyncSession *
sync_registry_log_in_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_log_in_async, error);
}

/**
 * sync_registry_get_session_async:
 * @session_token: the person's session
 *
 * Whether the session is still open, and whose it is
 * (`GET /v1/sessions/current`); the registry counts it as activity.
 */
void
sync_registry_get_session_async (SyncRegistry *self,
                                 const char *session_token,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_return_if_fail (session_token != NULL);

  call_async (self,
              request_with_session (request_new ("GET", g_strdup ("/v1/sessions/current"), NULL,
                                                 read_object, (GDestroyNotify) json_object_unref),
                                    session_token),
              sync_registry_get_session_async, cancellable, callback, user_data);
}

/**
 * sync_registry_get_session_finish:
 *
 * Returns: (transfer full): the answer: `expires_in` and `person`
 */
JsonObject *
sync_registry_get_session_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_get_session_async, error);
}

/**
 * sync_registry_log_out_async:
 * @session_token: the person's session
 *
 * Ends the session at the registry (`DELETE /v1/sessions/current`).
 */
void
sync_registry_log_out_async (SyncRegistry *self,
                             const char *session_token,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_return_if_fail (session_token != NULL);

  call_async (self,
              request_with_session (request_new ("DELETE", g_strdup ("/v1/sessions/current"), NULL,
                                                 read_nothing, NULL),
                                    session_token),
              sync_registry_log_out_async, cancellable, callback, user_data);
}

gboolean
sync_registry_log_out_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_log_out_async, error) != NULL;
}

static Request *
staff_sign_in_request (const char *user, const char *password)
{
  return request_new_secret ("POST", g_strdup ("/v1/staff/sessions"),
                             string_body ("user", user, "password", password, NULL),
                             read_staff_session, (GDestroyNotify) sync_staff_session_free);
}

/**
 * sync_registry_staff_sign_in_async:
 *
 * Opens a staff session (`POST /v1/staff/sessions`).
 */
void
sync_registry_staff_sign_in_async (SyncRegistry *self,
                                   const char *user,
                                   const char *password,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  call_async (self, staff_sign_in_request (user, password), sync_registry_staff_sign_in_async,
              cancellable, callback, user_data);
}

SyncStaffSession *
sync_registry_staff_sign_in_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_staff_sign_in_async, error);
}

/* The same, blocking, for worker threads. */
SyncStaffSession *
sync_registry_staff_sign_in (SyncRegistry *self,
                             const char *user,
                             const char *password,
                             GCancellable *cancellable,
                             GError **error)
{
  return call_sync (self, staff_sign_in_request (user, password), cancellable, error);
}

/**
 * sync_registry_staff_sign_out_async:
 * @staff_token: the staff session
 *
 * Ends a staff session at the registry (`DELETE /v1/staff/sessions/current`).
 */
void
sync_registry_staff_sign_out_async (SyncRegistry *self,
                                    const char *staff_token,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_return_if_fail (staff_token != NULL);

  call_async (self,
              request_with_session (request_new ("DELETE", g_strdup ("/v1/staff/sessions/current"),
                                                 NULL, read_nothing, NULL),
                                    staff_token),
              sync_registry_staff_sign_out_async, cancellable, callback, user_data);
}

gboolean
sync_registry_staff_sign_out_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_staff_sign_out_async, error) != NULL;
}

/* ---- practice information: every kind of core-record-kind.c ---- */

static gpointer
read_array_member (JsonNode *answer, const char *name, GError **error)
{
  JsonObject *object = answer_object (answer, error);
  JsonNode *member = object != NULL ? json_object_get_member (object, name) : NULL;

  if (object == NULL)
    return NULL;
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return bad_answer (error, name);
  return json_array_ref (json_node_get_array (member));
}

static gpointer
read_kinds (JsonNode *answer, GError **error)
{
  return read_array_member (answer, "kinds", error);
}

static gpointer
read_records (JsonNode *answer, GError **error)
{
  return read_array_member (answer, "records", error);
}

/* The dictionaries as served, for the store: they must carry their version. */
static gpointer
read_dictionaries (JsonNode *answer, GError **error)
{
  JsonObject *object = answer_object (answer, error);

  if (object == NULL)
    return NULL;
  if (string_member (object, "version") == NULL)
    return bad_answer (error, "no version");
  return json_node_copy (answer);
}

static char *
kind_path (const CoreRecordKind *kind, gint64 id)
{
  g_autofree char *escaped = escape_segment (kind->name);

  if (id <= 0)
    return g_strdup_printf ("/v1/me/%s", escaped);
  return g_strdup_printf ("/v1/me/%s/%" G_GINT64_FORMAT, escaped, id);
}

/* The record's fields, without the "id" and "version" the registry sets (the
 * path names the record), and with the version it was read at. */
static JsonNode *
record_body (JsonObject *record, gint64 version)
{
  JsonObject *copy = json_object_new ();
  JsonNode *node = json_node_init_object (json_node_alloc (), copy);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_unref (copy);
  json_object_iter_init (&iter, record);
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (strcmp (name, "id") != 0 && strcmp (name, "version") != 0)
        json_object_set_member (copy, name, json_node_copy (member));
    }
  if (version > 0)
    json_object_set_int_member (copy, "version", version);
  return node;
}

static Request *
person_request (const char *method,
                char *path,
                const char *session_token,
                JsonNode *body,
                ReadAnswer read,
                GDestroyNotify free)
{
  return request_with_session (request_new (method, path, body, read, free), session_token);
}

/**
 * sync_registry_record_kinds_async:
 * @session_token: the person's session
 *
 * The kind table (`GET /v1/record-kinds`), to build forms and lists from.
 */
void
sync_registry_record_kinds_async (SyncRegistry *self,
                                  const char *session_token,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  call_async (self,
              person_request ("GET", g_strdup ("/v1/record-kinds"), session_token, NULL, read_kinds,
                              (GDestroyNotify) json_array_unref),
              sync_registry_record_kinds_async, cancellable, callback, user_data);
}

/**
 * sync_registry_record_kinds_finish:
 *
 * Returns: (transfer full): the kinds, each an object as record-kinds.md shows
 */
JsonArray *
sync_registry_record_kinds_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_record_kinds_async, error);
}

/**
 * sync_registry_dictionaries_async:
 *
 * Every pick-list (`GET /v1/dictionaries`); keep it with
 * store_dictionaries_save(), which writes only a version it does not have.
 */
void
sync_registry_dictionaries_async (SyncRegistry *self,
                                  const char *session_token,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  call_async (self,
              person_request ("GET", g_strdup ("/v1/dictionaries"), session_token, NULL,
                              read_dictionaries, (GDestroyNotify) json_node_unref),
              sync_registry_dictionaries_async, cancellable, callback, user_data);
}

/**
 * sync_registry_dictionaries_finish:
 * @out_version: (out) (optional) (transfer full): the set's version
 *
 * Returns: (transfer full): the set as served, for the store or
 *   core_dictionary_set_new_from_json_node()
 */
JsonNode *
sync_registry_dictionaries_finish (SyncRegistry *self,
                                   GAsyncResult *result,
                                   char **out_version,
                                   GError **error)
{
  JsonNode *node = call_finish (self, result, sync_registry_dictionaries_async, error);

  if (out_version != NULL)
    *out_version =
        node != NULL ? g_strdup (string_member (json_node_get_object (node), "version")) : NULL;
  return node;
}

/**
 * sync_registry_me_async:
 *
 * The person's basic information and record counts (`GET /v1/me`).
 */
void
sync_registry_me_async (SyncRegistry *self,
                        const char *session_token,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  call_async (self,
              person_request ("GET", g_strdup ("/v1/me"), session_token, NULL, read_object,
                              (GDestroyNotify) json_object_unref),
              sync_registry_me_async, cancellable, callback, user_data);
}

/**
 * sync_registry_me_finish:
 *
 * Returns: (transfer full): `{"person": {…}, "counts": {kind: n, …}}`
 */
JsonObject *
sync_registry_me_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_me_async, error);
}

/**
 * sync_registry_records_list_async:
 * @kind: a kind of the table, e.g. core_record_kind_lookup ("education")
 *
 * The person's records of @kind, newest first (`GET /v1/me/{kind}`).
 */
void
sync_registry_records_list_async (SyncRegistry *self,
                                  const char *session_token,
                                  const CoreRecordKind *kind,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  call_async (self,
              person_request ("GET", kind_path (kind, 0), session_token, NULL, read_records,
                              (GDestroyNotify) json_array_unref),
              sync_registry_records_list_async, cancellable, callback, user_data);
}

/**
 * sync_registry_records_list_finish:
 *
 * Returns: (transfer full): the records, each with its "id" and "version"
 */
JsonArray *
sync_registry_records_list_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_records_list_async, error);
}

/**
 * sync_registry_record_get_async:
 *
 * One record (`GET /v1/me/{kind}/{id}`); another person's is `not_found`.
 */
void
sync_registry_record_get_async (SyncRegistry *self,
                                const char *session_token,
                                const CoreRecordKind *kind,
                                gint64 id,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  call_async (self,
              person_request ("GET", kind_path (kind, id), session_token, NULL, read_object,
                              (GDestroyNotify) json_object_unref),
              sync_registry_record_get_async, cancellable, callback, user_data);
}

JsonObject *
sync_registry_record_get_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_record_get_async, error);
}

/**
 * sync_registry_record_create_async:
 * @record: the record's fields (an "id" or "version" in it is left out)
 *
 * A new record (`POST /v1/me/{kind}`); a full section is `record_limit`,
 * faulty fields `invalid_field`/`missing_field` with every field named
 * (core_api_error_get_fields()).
 */
void
sync_registry_record_create_async (SyncRegistry *self,
                                   const char *session_token,
                                   const CoreRecordKind *kind,
                                   JsonObject *record,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  call_async (self,
              person_request ("POST", kind_path (kind, 0), session_token, record_body (record, 0),
                              read_object, (GDestroyNotify) json_object_unref),
              sync_registry_record_create_async, cancellable, callback, user_data);
}

/**
 * sync_registry_record_create_finish:
 *
 * Returns: (transfer full): the record as stored, with its "id" and "version"
 */
JsonObject *
sync_registry_record_create_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_record_create_async, error);
}

/**
 * sync_registry_record_update_async:
 * @version: the version @record was read at
 *
 * Replaces a record (`PUT /v1/me/{kind}/{id}`). When someone changed it
 * since it was read, the error is %CORE_API_ERROR_CONFLICT and
 * core_api_error_get_current() gives the record as it is now.
 */
void
sync_registry_record_update_async (SyncRegistry *self,
                                   const char *session_token,
                                   const CoreRecordKind *kind,
                                   gint64 id,
                                   gint64 version,
                                   JsonObject *record,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  call_async (self,
              person_request ("PUT", kind_path (kind, id), session_token,
                              record_body (record, MAX (version, 1)), read_object,
                              (GDestroyNotify) json_object_unref),
              sync_registry_record_update_async, cancellable, callback, user_data);
}

/**
 * sync_registry_record_update_finish:
 *
 * Returns: (transfer full): the record as stored, its version one higher
 */
JsonObject *
sync_registry_record_update_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_record_update_async, error);
}

/* DELETE /v1/me/{kind}/{id} */
void
sync_registry_record_delete_async (SyncRegistry *self,
                                   const char *session_token,
                                   const CoreRecordKind *kind,
                                   gint64 id,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  call_async (
      self,
      person_request ("DELETE", kind_path (kind, id), session_token, NULL, read_nothing, NULL),
      sync_registry_record_delete_async, cancellable, callback, user_data);
}

gboolean
sync_registry_record_delete_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_record_delete_async, error) != NULL;
}

/* ---- attachments, the signature form, phone upload links ---- */

static Request *
object_request (const char *method, char *path, JsonNode *body, const char *session_token)
{
  return request_with_session (
      request_new (method, path, body, read_object, (GDestroyNotify) json_object_unref),
      session_token);
}

static JsonObject *
object_finish (SyncRegistry *self, GAsyncResult *result, gpointer tag, GError **error)
{
  return call_finish (self, result, tag, error);
}

/**
 * sync_registry_signature_form_get_async:
 *
 * The person's signature form (`GET /v1/me/signature-form`): `status`
 * (`to_print`, `printed`, `uploaded`), `label` (待打印 / 已打印 / 已上传),
 * `printed_at`, `uploaded_at`, `staff_confirmed` and `scan`.
 */
void
sync_registry_signature_form_get_async (SyncRegistry *self,
                                        const char *session_token,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  call_async (self, object_request ("GET", g_strdup ("/v1/me/signature-form"), NULL, session_token),
              sync_registry_signature_form_get_async, cancellable, callback, user_data);
}

JsonObject *
sync_registry_signature_form_get_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return object_finish (self, result, sync_registry_signature_form_get_async, error);
}

/**
 * sync_registry_signature_form_printed_async:
 *
 * Tells the registry the form was printed
 * (`POST /v1/me/signature-form/printed`); the answer is the form.
 */
void
sync_registry_signature_form_printed_async (SyncRegistry *self,
                                            const char *session_token,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data)
{
  call_async (
      self,
      object_request ("POST", g_strdup ("/v1/me/signature-form/printed"), NULL, session_token),
      sync_registry_signature_form_printed_async, cancellable, callback, user_data);
}

JsonObject *
sync_registry_signature_form_printed_finish (SyncRegistry *self,
                                             GAsyncResult *result,
                                             GError **error)
{
  return object_finish (self, result, sync_registry_signature_form_printed_async, error);
}

static Request *
upload_request (char *path,
                const char *session_token,
                const char *staff_token,
                const char *media_type,
                GBytes *bytes)
{
  Request *request = object_request ("POST", path, NULL, session_token);

  request->bytes = g_bytes_ref (bytes);
  request->media_type = g_strdup (media_type);
  request->staff_token = g_strdup (staff_token);
  return request;
}

/**
 * sync_registry_signature_form_scan_async:
 * @staff_token: (nullable): a staff session of this kiosk confirming a scan
 *   whose QR code cannot be read
 * @media_type: "image/jpeg", "image/png" or "application/pdf"
 * @scan: the signed form
 *
 * Uploads the signed form (`POST /v1/me/signature-form/scan`); the answer is
 * the stored attachment. Refusals: `form_of_another_person`,
 * `form_not_recognised`, `form_qr_unreadable`, and those of every upload.
 */
void
sync_registry_signature_form_scan_async (SyncRegistry *self,
                                         const char *session_token,
                                         const char *staff_token,
                                         const char *media_type,
                                         GBytes *scan,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  call_async (self,
              upload_request (g_strdup ("/v1/me/signature-form/scan"), session_token, staff_token,
                              media_type, scan),
              sync_registry_signature_form_scan_async, cancellable, callback, user_data);
}

JsonObject *
sync_registry_signature_form_scan_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return object_finish (self, result, sync_registry_signature_form_scan_async, error);
}

static char *
record_attachments_path (const char *kind, gint64 record_id)
{
  g_autofree char *kind_segment = escape_segment (kind);

  return g_strdup_printf ("/v1/me/%s/%" G_GINT64_FORMAT "/attachments", kind_segment, record_id);
}

/**
 * sync_registry_attachments_list_async:
 *
 * A record's attachments (`GET /v1/me/{kind}/{id}/attachments`):
 * `{"attachments": [{"id", "media_type", "size", "pages", "created_at",
 * "url", "thumbnail_url"}, …]}`.
 */
void
sync_registry_attachments_list_async (SyncRegistry *self,
                                      const char *session_token,
                                      const char *kind,
                                      gint64 record_id,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  call_async (
      self, object_request ("GET", record_attachments_path (kind, record_id), NULL, session_token),
      sync_registry_attachments_list_async, cancellable, callback, user_data);
}

JsonObject *
sync_registry_attachments_list_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return object_finish (self, result, sync_registry_attachments_list_async, error);
}

/**
 * sync_registry_attachment_add_async:
 * @media_type: "image/jpeg", "image/png" or "application/pdf"
 * @file: the scan or photo (from a USB stick)
 *
 * Attaches @file to a record (`POST /v1/me/{kind}/{id}/attachments`); the
 * answer is the stored attachment.
 */
void
sync_registry_attachment_add_async (SyncRegistry *self,
                                    const char *session_token,
                                    const char *kind,
                                    gint64 record_id,
                                    const char *media_type,
                                    GBytes *file,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  call_async (self,
              upload_request (record_attachments_path (kind, record_id), session_token, NULL,
                              media_type, file),
              sync_registry_attachment_add_async, cancellable, callback, user_data);
}

JsonObject *
sync_registry_attachment_add_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return object_finish (self, result, sync_registry_attachment_add_async, error);
}

/**
 * sync_registry_attachment_read_async:
 * @thumbnail: the thumbnail (a JPEG) instead of the file
 *
 * An attachment's bytes and media type (`GET /v1/me/attachments/{id}`, or
 * its `/thumbnail`), for the viewer; nothing is written to disk.
 */
void
sync_registry_attachment_read_async (SyncRegistry *self,
                                     const char *session_token,
                                     gint64 attachment_id,
                                     gboolean thumbnail,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  Request *request = request_with_session (
      request_new ("GET",
                   g_strdup_printf ("/v1/me/attachments/%" G_GINT64_FORMAT "%s", attachment_id,
                                    thumbnail ? "/thumbnail" : ""),
                   NULL, read_object, (GDestroyNotify) sync_file_free),
      session_token);

  request->bytes_answer = TRUE;
  call_async (self, request, sync_registry_attachment_read_async, cancellable, callback, user_data);
}

/**
 * sync_registry_attachment_read_finish:
 *
 * Returns: (transfer full): the file, or %NULL with @error
 */
SyncFile *
sync_registry_attachment_read_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_registry_attachment_read_async, error);
}

/**
 * sync_registry_attachment_delete_async:
 *
 * Deletes an attachment (`DELETE /v1/me/attachments/{id}`).
 */
void
sync_registry_attachment_delete_async (SyncRegistry *self,
                                       const char *session_token,
                                       gint64 attachment_id,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  call_async (self,
              object_request (
                  "DELETE", g_strdup_printf ("/v1/me/attachments/%" G_GINT64_FORMAT, attachment_id),
                  NULL, session_token),
              sync_registry_attachment_delete_async, cancellable, callback, user_data);
}

JsonObject *
sync_registry_attachment_delete_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return object_finish (self, result, sync_registry_attachment_delete_async, error);
}

/**
 * sync_registry_upload_link_create_async:
 * @kind: (nullable): a record's kind; %NULL for the signature form
 * @record_id: the record; ignored for the signature form
 *
 * A one-time link for a phone (`POST /v1/me/upload-links`): `{"id", "url",
 * "status", "expires_at", "expires_in", "target"}`; show `url` as a QR code.
 */
void
sync_registry_upload_link_create_async (SyncRegistry *self,
                                        const char *session_token,
                                        const char *kind,
                                        gint64 record_id,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind != NULL ? kind : "signature-form");
  if (kind != NULL)
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, record_id);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  call_async (self,
              object_request ("POST", g_strdup ("/v1/me/upload-links"),
                              json_builder_get_root (builder), session_token),
              sync_registry_upload_link_create_async, cancellable, callback, user_data);
}

JsonObject *
sync_registry_upload_link_create_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return object_finish (self, result, sync_registry_upload_link_create_async, error);
}

/**
 * sync_registry_upload_link_get_async:
 *
 * Where a link stands (`GET /v1/me/upload-links/{id}`): `status` is
 * `waiting`, `needs_staff` (a signed form whose QR code cannot be read
 * waits for staff: sync_registry_upload_link_pending_scan_async()),
 * `uploaded` (with `attachment`) or `expired`. Ask about once a second
 * while the QR code shows.
 */
void
sync_registry_upload_link_get_async (SyncRegistry *self,
                                     const char *session_token,
                                     gint64 link_id,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  call_async (self,
              object_request ("GET",
                              g_strdup_printf ("/v1/me/upload-links/%" G_GINT64_FORMAT, link_id),
                              NULL, session_token),
              sync_registry_upload_link_get_async, cancellable, callback, user_data);
}

JsonObject *
sync_registry_upload_link_get_finish (SyncRegistry *self, GAsyncResult *result, GError **error)
{
  return object_finish (self, result, sync_registry_upload_link_get_async, error);
}

/**
 * sync_registry_upload_link_pending_scan_async:
 *
 * The signed form a phone sent through a link that says `needs_staff`
 * (`GET /v1/me/upload-links/{id}/pending-scan`), for staff to confirm
 * with sync_registry_signature_form_scan_async(); in memory only.
 */
void
sync_registry_upload_link_pending_scan_async (SyncRegistry *self,
                                              const char *session_token,
                                              gint64 link_id,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data)
{
  Request *request = request_with_session (
      request_new (
          "GET", g_strdup_printf ("/v1/me/upload-links/%" G_GINT64_FORMAT "/pending-scan", link_id),
          NULL, read_object, (GDestroyNotify) sync_file_free),
      session_token);

  request->bytes_answer = TRUE;
  call_async (self, request, sync_registry_upload_link_pending_scan_async, cancellable, callback,
              user_data);
}

/**
 * sync_registry_upload_link_pending_scan_finish:
 *
 * Returns: (transfer full): the scan, or %NULL with @error
 */
SyncFile *
sync_registry_upload_link_pending_scan_finish (SyncRegistry *self,
                                               GAsyncResult *result,
                                               GError **error)
{
  return call_finish (self, result, sync_registry_upload_link_pending_scan_async, error);
}
