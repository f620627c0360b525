/* kiosk-session.c: a practitioner's login at the kiosk, and the registry calls
 * made for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session token lives in this object's memory only: never in the store,
 * never in a log. Ending the session forgets it at once and tells the
 * registry in the background; the kiosk does not wait for that answer. The
 * calls run on worker threads through the blocking SyncClient, so the GTK
 * main loop never waits for the network.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-session.h"

struct _KioskSession
{
  GObject parent_instance;

  SyncClient *client; /* nullable: the kiosk is not enrolled */
  char *token;
  JsonObject *person;
};

G_DEFINE_FINAL_TYPE (KioskSession, kiosk_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  SyncClient *client;
  char *method;
  char *path;
  char *session_token;
  JsonNode *body;
  guint status;
} Call;

static void
call_free (Call *call)
{
  g_clear_object (&call->client);
  g_free (call->method);
  g_free (call->path);
  if (call->session_token != NULL)
    memset (call->session_token, 0, strlen (call->session_token));
  g_free (call->session_token);
  g_clear_pointer (&call->body, json_node_unref);
  g_free (call);
}

static void
forget_token (KioskSession *self)
{
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->person, json_object_unref);
}

static void
kiosk_session_finalize (GObject *object)
{
  KioskSession *self = KIOSK_SESSION (object);

  forget_token (self);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (kiosk_session_parent_class)->finalize (object);
}

static void
kiosk_session_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskSession *self = KIOSK_SESSION (object);

  switch (prop_id)
    {
      case PROP_ACTIVE:
        g_value_set_boolean (value, kiosk_session_get_active (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_session_class_init (KioskSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_session_finalize;
  object_class->get_property = kiosk_session_get_property;

  properties[PROP_ACTIVE] =
      g_param_spec_boolean ("active", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_session_init (KioskSession *self)
{
}

/**
 * kiosk_session_new:
 * @client: (nullable): the registry, %NULL when the kiosk is not enrolled
 */
KioskSession *
kiosk_session_new (SyncClient *client)
{
  KioskSession *self;

  g_return_val_if_fail (client == NULL || SYNC_IS_CLIENT (client), NULL);

  self = g_object_new (KIOSK_TYPE_SESSION, NULL);
  self->client = client != NULL ? g_object_ref (client) : NULL;
  return self;
}

SyncClient *
kiosk_session_get_client (KioskSession *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION (self), NULL);
  return self->client;
}

gboolean
kiosk_session_get_active (KioskSession *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION (self), FALSE);
  return self->token != NULL;
}

/**
 * kiosk_session_get_person:
 *
 * Returns: (transfer none) (nullable): the basic information the registry
 *   gave at login, %NULL when nobody is logged in
 */
JsonObject *
kiosk_session_get_person (KioskSession *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION (self), NULL);
  return self->person;
}

/**
 * kiosk_session_get_token:
 *
 * Returns: (nullable): the session token, for calls made for the person
 */
const char *
kiosk_session_get_token (KioskSession *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION (self), NULL);
  return self->token;
}

/**
 * kiosk_session_begin:
 * @token: the session token the registry gave
 * @person: the person's basic information
 *
 * Replaces any session there was (without logging that one out).
 */
void
kiosk_session_begin (KioskSession *self, const char *token, JsonObject *person)
{
  g_return_if_fail (KIOSK_IS_SESSION (self));
  g_return_if_fail (token != NULL && person != NULL);

  forget_token (self);
  self->token = g_strdup (token);
  self->person = json_object_ref (person);
  g_debug ("a practitioner logged in");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
call_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  JsonNode *answer;

  answer = sync_client_call (call->client, call->method, call->path, call->session_token,
                             call->body, &call->status, &error);
  if (answer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, answer, (GDestroyNotify) json_node_unref);
}

static void
start_call (KioskSession *self,
            Call *call,
            GCancellable *cancellable,
            GAsyncReadyCallback callback,
            gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, kiosk_session_call_async);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  /* a call cancelled on the page is not answered, even when the registry did */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, call_thread);
}

static void
logged_out_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (GError) error = NULL;
  guint status = 0;

  answer = kiosk_session_call_finish (KIOSK_SESSION (source), result, &status, &error);
  if (answer == NULL)
    g_message ("the registry was not told of a logout (the session expires by itself): %s",
               error->message);
  else if (status != 200)
    g_message ("the registry did not take a logout (HTTP %u); the session expires by itself",
               status);
}

/**
 * kiosk_session_end:
 *
 * Forgets the token and the person at once and tells the registry in the
 * background. Nothing happens when nobody is logged in.
 */
void
kiosk_session_end (KioskSession *self)
{
  g_autofree char *token = NULL;
  Call *call;

  g_return_if_fail (KIOSK_IS_SESSION (self));

  if (self->token == NULL)
    return;
  token = g_strdup (self->token);
  forget_token (self);
  g_debug ("a practitioner logged out");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);

  if (self->client == NULL)
    return;
  /* not through kiosk_session_call_async(): the token is already gone here */
  call = g_new0 (Call, 1);
  call->client = g_object_ref (self->client);
  call->method = g_strdup ("DELETE");
  call->path = g_strdup ("/v1/sessions/current");
  call->session_token = g_steal_pointer (&token);
  start_call (self, call, NULL, logged_out_cb, NULL);
}

/**
 * kiosk_session_call_async:
 * @method: "GET", "POST", …
 * @path: e.g. "/v1/captcha"
 * @body: (nullable): the JSON to send
 * @with_session: whether to send the session token (nobody logged in: no call)
 *
 * Calls the registry on a worker thread. Fails at once with %SYNC_ERROR_CONFIG
 * when the kiosk is not enrolled.
 */
void
kiosk_session_call_async (KioskSession *self,
                          const char *method,
                          const char *path,
                          JsonNode *body,
                          gboolean with_session,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  Call *call;

  g_return_if_fail (KIOSK_IS_SESSION (self));
  g_return_if_fail (method != NULL && path != NULL);

  if (self->client == NULL || (with_session && self->token == NULL))
    {
      g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, kiosk_session_call_async);
      if (self->client == NULL)
        g_task_return_new_error (task, SYNC_ERROR, SYNC_ERROR_CONFIG,
                                 _ ("This kiosk is not connected to a registry."));
      else
        g_task_return_new_error (task, SYNC_ERROR, SYNC_ERROR_REFUSED, _ ("Nobody is logged in."));
      return;
    }

  call = g_new0 (Call, 1);
  call->client = g_object_ref (self->client);
  call->method = g_strdup (method);
  call->path = g_strdup (path);
  call->session_token = with_session ? g_strdup (self->token) : NULL;
  call->body = body != NULL ? json_node_ref (body) : NULL;
  start_call (self, call, cancellable, callback, user_data);
}

/**
 * kiosk_session_call_finish:
 * @out_status: (out) (optional): the HTTP status of the answer
 *
 * Returns: (transfer full): the JSON the registry answered, error answers
 *   included, or %NULL with @error set when there was no answer
 */
JsonNode *
kiosk_session_call_finish (KioskSession *self,
                           GAsyncResult *result,
                           guint *out_status,
                           GError **error)
{
  Call *call;
  JsonNode *answer;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  answer = g_task_propagate_pointer (G_TASK (result), error);
  call = g_task_get_task_data (G_TASK (result));
  if (out_status != NULL)
    *out_status = answer != NULL && call != NULL ? call->status : 0;
  return answer;
}

static JsonObject *
error_object (JsonNode *answer)
{
  JsonObject *object;
  JsonNode *member;

  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer))
    return NULL;
  object = json_node_get_object (answer);
  member = json_object_get_member (object, "error");
  return member != NULL && JSON_NODE_HOLDS_OBJECT (member) ? json_node_get_object (member) : NULL;
}

/**
 * kiosk_session_answer_error_code:
 *
 * Returns: (nullable): the registry's error code in @answer, e.g. "phone_taken"
 */
const char *
kiosk_session_answer_error_code (JsonNode *answer)
{
  JsonObject *error = error_object (answer);
  JsonNode *code = error != NULL ? json_object_get_member (error, "code") : NULL;

  if (code == NULL || json_node_get_value_type (code) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (code);
}

/**
 * kiosk_session_answer_error_int:
 * @member: e.g. "retry_after" or "attempts_left"
 *
 * Returns: the whole number in the error object of @answer, or -1
 */
gint64
kiosk_session_answer_error_int (JsonNode *answer, const char *member)
{
  JsonObject *error = error_object (answer);
  JsonNode *value = error != NULL ? json_object_get_member (error, member) : NULL;

  if (value == NULL || json_node_get_value_type (value) != G_TYPE_INT64)
    return -1;
  return json_node_get_int (value);
}
