/* sync-records.c: practice information as the kiosk calls it, one call per route
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each route of the registry's practice-information API is one call here:
 * `…_async` runs it on a worker thread (never on the GTK main loop) and
 * `…_finish` gives its value, or a GError in the %CORE_API_ERROR domain
 * carrying the registry's code (`conflict`, `record_limit`, `not_found`,
 * `session_invalid`, …), or a %SYNC_ERROR when there was no usable answer.
 * A stale update also gives the record as it is now, for the form to
 * reload. Record bodies are the JSON objects of the kind table
 * (core-record-kind.c); the kiosk validates them with the same table before
 * it sends them.
 */

#include "config.h"

#include <string.h>

#include "sync-records.h"

struct _SyncRecords
{
  GObject parent_instance;

  SyncClient *client;
};

G_DEFINE_FINAL_TYPE (SyncRecords, sync_records, G_TYPE_OBJECT)

/* Turns the JSON of a 2xx answer into the call's value, or fails; runs on
 * the worker thread. */
typedef gpointer (*ReadAnswer) (JsonNode *answer, GError **error);

typedef struct
{
  const char *method;
  char *path;
  char *session_token;
  JsonNode *body;
  ReadAnswer read;
  GDestroyNotify free_value;
  JsonObject *current; /* a conflict's record as it is now */
} Request;

static void
request_free (Request *request)
{
  g_free (request->path);
  if (request->session_token != NULL)
    memset (request->session_token, 0, strlen (request->session_token));
  g_free (request->session_token);
  g_clear_pointer (&request->body, json_node_unref);
  g_clear_pointer (&request->current, json_object_unref);
  g_free (request);
}

static Request *
request_new (const char *method,
             char *path,
             const char *session_token,
             JsonNode *body,
             ReadAnswer read,
             GDestroyNotify free_value)
{
  Request *request = g_new0 (Request, 1);

  request->method = method;
  request->path = path;
  request->session_token = g_strdup (session_token);
  request->body = body;
  request->read = read;
  request->free_value = free_value;
  return request;
}

static char *
kind_path (const char *kind, gint64 id)
{
  g_autofree char *escaped = g_uri_escape_string (kind != NULL ? kind : "", NULL, FALSE);

  if (id <= 0)
    return g_strdup_printf ("/v1/me/%s", escaped);
  return g_strdup_printf ("/v1/me/%s/%" G_GINT64_FORMAT, escaped, id);
}

/* ---- answers ---- */

static gpointer
bad_answer (GError **error, const char *what)
{
  g_set_error (error, SYNC_ERROR, SYNC_ERROR_BAD_RESPONSE,
               "The registry's answer is not what the kiosk expects (%s).", what);
  return NULL;
}

static JsonObject *
answer_object (JsonNode *answer, GError **error)
{
  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer))
    return bad_answer (error, "not an object");
  return json_node_get_object (answer);
}

static gpointer
read_object (JsonNode *answer, GError **error)
{
  JsonObject *object = answer_object (answer, error);

  return object != NULL ? json_object_ref (object) : NULL;
}

static gpointer
read_node (JsonNode *answer, GError **error)
{
  JsonObject *object = answer_object (answer, error);
  JsonNode *version = object != NULL ? json_object_get_member (object, "version") : NULL;

  if (object == NULL)
    return NULL;
  if (version == NULL || json_node_get_value_type (version) != G_TYPE_STRING)
    return bad_answer (error, "no version");
  return json_node_copy (answer);
}

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

static gpointer
read_deleted (JsonNode *answer, GError **error)
{
  return answer_object (answer, error) != NULL ? GINT_TO_POINTER (TRUE) : NULL;
}

/* An answer that is not 2xx: the registry's code, and a conflict's record. */
static void
set_api_error (Request *request, guint status, JsonNode *answer, GError **error)
{
  JsonNode *member = answer != NULL && JSON_NODE_HOLDS_OBJECT (answer)
                         ? json_object_get_member (json_node_get_object (answer), "error")
                         : NULL;
  JsonObject *error_object =
      member != NULL && JSON_NODE_HOLDS_OBJECT (member) ? json_node_get_object (member) : NULL;
  const char *code = NULL;
  const char *message = NULL;
  JsonNode *current;

  if (error_object == NULL)
    {
      g_set_error (error, SYNC_ERROR, status >= 500 ? SYNC_ERROR_SERVER : SYNC_ERROR_REFUSED,
                   "The registry answered HTTP %u without an error.", status);
      return;
    }
  if (json_object_has_member (error_object, "code"))
    code = json_object_get_string_member_with_default (error_object, "code", NULL);
  message = json_object_get_string_member_with_default (error_object, "message", NULL);
  current = json_object_get_member (error_object, "current");
  if (current != NULL && JSON_NODE_HOLDS_OBJECT (current))
    request->current = json_object_ref (json_node_get_object (current));
  g_set_error (error, CORE_API_ERROR, core_api_error_from_string (code),
               "The registry refused the request (%s: %s).", code != NULL ? code : "?",
               message != NULL ? message : "");
}

/* Blocks: the request, then its value or an error. */
static gpointer
perform (SyncRecords *self, Request *request, GCancellable *cancellable, GError **error)
{
  g_autoptr (JsonNode) answer = NULL;
  guint status = 0;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  answer = sync_client_call (self->client, request->method, request->path, request->session_token,
                             request->body, &status, error);
  if (answer == NULL)
    return NULL;
  if (status < 200 || status >= 300)
    {
      set_api_error (request, status, answer, error);
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
call_async (SyncRecords *self,
            Request *request,
            gpointer source_tag,
            GCancellable *cancellable,
            GAsyncReadyCallback callback,
            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SYNC_IS_RECORDS (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  /* a call cancelled by its page is not answered, even when the registry did */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, call_thread);
}

static gpointer
call_finish (SyncRecords *self, GAsyncResult *result, gpointer source_tag, GError **error)
{
  g_return_val_if_fail (SYNC_IS_RECORDS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the object ---- */

static void
sync_records_finalize (GObject *object)
{
  SyncRecords *self = SYNC_RECORDS (object);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (sync_records_parent_class)->finalize (object);
}

static void
sync_records_class_init (SyncRecordsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sync_records_finalize;
}

static void
sync_records_init (SyncRecords *self)
{
}

/**
 * sync_records_new:
 * @client: the connection to the registry (its address, CA and device token)
 */
SyncRecords *
sync_records_new (SyncClient *client)
{
  SyncRecords *self;

  g_return_val_if_fail (SYNC_IS_CLIENT (client), NULL);

  self = g_object_new (SYNC_TYPE_RECORDS, NULL);
  self->client = g_object_ref (client);
  return self;
}

/* ---- the routes ---- */

/**
 * sync_records_kinds_async:
 * @session_token: the person's session
 *
 * The kind table (`GET /v1/record-kinds`), to build forms and lists from.
 */
void
sync_records_kinds_async (SyncRecords *self,
                          const char *session_token,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  call_async (self,
              request_new ("GET", g_strdup ("/v1/record-kinds"), session_token, NULL, read_kinds,
                           (GDestroyNotify) json_array_unref),
              sync_records_kinds_async, cancellable, callback, user_data);
}

/**
 * sync_records_kinds_finish:
 *
 * Returns: (transfer full): the kinds, each an object as record-kinds.md
 *   shows
 */
JsonArray *
sync_records_kinds_finish (SyncRecords *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_records_kinds_async, error);
}

/**
 * sync_records_dictionaries_async:
 *
 * Every pick-list (`GET /v1/dictionaries`); keep it with
 * store_dictionaries_save(), which writes only a new version.
 */
void
sync_records_dictionaries_async (SyncRecords *self,
                                 const char *session_token,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  call_async (self,
              request_new ("GET", g_strdup ("/v1/dictionaries"), session_token, NULL, read_node,
                           (GDestroyNotify) json_node_unref),
              sync_records_dictionaries_async, cancellable, callback, user_data);
}

/**
 * sync_records_dictionaries_finish:
 * @out_version: (out) (optional) (transfer full): the set's version
 *
 * Returns: (transfer full): the set as served, for
 *   core_dictionary_set_new_from_json_node() or the store
 */
JsonNode *
sync_records_dictionaries_finish (SyncRecords *self,
                                  GAsyncResult *result,
                                  char **out_version,
                                  GError **error)
{
  JsonNode *node = call_finish (self, result, sync_records_dictionaries_async, error);

  if (out_version != NULL)
    *out_version =
        node != NULL
            ? g_strdup (json_object_get_string_member (json_node_get_object (node), "version"))
            : NULL;
  return node;
}

/**
 * sync_records_me_async:
 *
 * The person's basic information and record counts (`GET /v1/me`).
 */
void
sync_records_me_async (SyncRecords *self,
                       const char *session_token,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  call_async (self,
              request_new ("GET", g_strdup ("/v1/me"), session_token, NULL, read_object,
                           (GDestroyNotify) json_object_unref),
              sync_records_me_async, cancellable, callback, user_data);
}

/**
 * sync_records_me_finish:
 *
 * Returns: (transfer full): `{"person": {…}, "counts": {kind: n, …}}`
 */
JsonObject *
sync_records_me_finish (SyncRecords *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_records_me_async, error);
}

/**
 * sync_records_list_async:
 * @kind: a kind's name, e.g. "education"
 *
 * The person's records of @kind, newest first (`GET /v1/me/{kind}`).
 */
void
sync_records_list_async (SyncRecords *self,
                         const char *session_token,
                         const char *kind,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  call_async (self,
              request_new ("GET", kind_path (kind, 0), session_token, NULL, read_records,
                           (GDestroyNotify) json_array_unref),
              sync_records_list_async, cancellable, callback, user_data);
}

/**
 * sync_records_list_finish:
 *
 * Returns: (transfer full): the records, each with its "id" and "version"
 */
JsonArray *
sync_records_list_finish (SyncRecords *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_records_list_async, error);
}

/* GET /v1/me/{kind}/{id}: one record; another person's is `not_found`. */
void
sync_records_get_async (SyncRecords *self,
                        const char *session_token,
                        const char *kind,
                        gint64 id,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  call_async (self,
              request_new ("GET", kind_path (kind, id), session_token, NULL, read_object,
                           (GDestroyNotify) json_object_unref),
              sync_records_get_async, cancellable, callback, user_data);
}

JsonObject *
sync_records_get_finish (SyncRecords *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_records_get_async, error);
}

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
      /* the registry sets these; the path names the record */
      if (strcmp (name, "id") != 0 && strcmp (name, "version") != 0)
        json_object_set_member (copy, name, json_node_copy (member));
    }
  if (version > 0)
    json_object_set_int_member (copy, "version", version);
  return node;
}

/**
 * sync_records_create_async:
 * @record: the record's fields (an "id" or "version" in it is left out)
 *
 * A new record (`POST /v1/me/{kind}`); a full section is `record_limit`.
 */
void
sync_records_create_async (SyncRecords *self,
                           const char *session_token,
                           const char *kind,
                           JsonObject *record,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  call_async (self,
              request_new ("POST", kind_path (kind, 0), session_token, record_body (record, 0),
                           read_object, (GDestroyNotify) json_object_unref),
              sync_records_create_async, cancellable, callback, user_data);
}

/**
 * sync_records_create_finish:
 *
 * Returns: (transfer full): the record as stored, with its "id" and "version"
 */
JsonObject *
sync_records_create_finish (SyncRecords *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_records_create_async, error);
}

/**
 * sync_records_update_async:
 * @version: the version @record was read at
 *
 * Replaces a record (`PUT /v1/me/{kind}/{id}`).
 */
void
sync_records_update_async (SyncRecords *self,
                           const char *session_token,
                           const char *kind,
                           gint64 id,
                           gint64 version,
                           JsonObject *record,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  call_async (self,
              request_new ("PUT", kind_path (kind, id), session_token,
                           record_body (record, MAX (version, 1)), read_object,
                           (GDestroyNotify) json_object_unref),
              sync_records_update_async, cancellable, callback, user_data);
}

/**
 * sync_records_update_finish:
 * @out_current: (out) (optional) (transfer full) (nullable): when the
 *   error is %CORE_API_ERROR_CONFLICT (someone changed the record since it
 *   was read), the record as it is now
 *
 * Returns: (transfer full): the record as stored, its version one higher
 */
JsonObject *
sync_records_update_finish (SyncRecords *self,
                            GAsyncResult *result,
                            JsonObject **out_current,
                            GError **error)
{
  JsonObject *record = call_finish (self, result, sync_records_update_async, error);

  if (out_current != NULL)
    {
      Request *request = g_task_get_task_data (G_TASK (result));
      *out_current =
          record == NULL && request->current != NULL ? json_object_ref (request->current) : NULL;
    }
  return record;
}

/* DELETE /v1/me/{kind}/{id} */
void
sync_records_delete_async (SyncRecords *self,
                           const char *session_token,
                           const char *kind,
                           gint64 id,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  call_async (self,
              request_new ("DELETE", kind_path (kind, id), session_token, NULL, read_deleted, NULL),
              sync_records_delete_async, cancellable, callback, user_data);
}

gboolean
sync_records_delete_finish (SyncRecords *self, GAsyncResult *result, GError **error)
{
  return call_finish (self, result, sync_records_delete_async, error) != NULL;
}
