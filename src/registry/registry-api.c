/* registry-api.c: the HTTP API's requests and answers, apart from the transport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Routing runs on the server's main context (it needs no database); the rest
 * runs on a worker thread with that worker's own database connection. Every
 * answer, including every error, is JSON; errors are
 * {"error": {"code": …, "message": …}} plus "field" (and "fields" listing all
 * faulty fields) for validation errors.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "core-error.h"
#include "core-json.h"
#include "core-privacy.h"
#include "registry-api.h"
#include "registry-captcha.h"
#include "registry-clock.h"
#include "registry-records.h"

void
registry_response_clear (RegistryResponse *response)
{
  g_clear_pointer (&response->body, g_free);
  response->status = 0;
  response->allow = NULL;
  response->retry_after = 0;
}

static void
set_json (RegistryResponse *response, guint status, JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  g_free (response->body);
  response->status = status;
  response->body = json_to_string (root, FALSE);
}

static void
add_error_object (JsonBuilder *builder,
                  const char *code,
                  const char *message,
                  const char *field,
                  GPtrArray *field_errors)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field);
    }
  if (field_errors != NULL && field_errors->len > 0)
    {
      json_builder_set_member_name (builder, "fields");
      json_builder_begin_array (builder);
      for (guint i = 0; i < field_errors->len; i++)
        {
          GError *e = g_ptr_array_index (field_errors, i);
          g_autofree char *name = core_error_get_field (e);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "field");
          json_builder_add_string_value (builder, name);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, core_error_code_to_string (e->code));
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, e->message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

void
registry_response_set_error (RegistryResponse *response,
                             guint status,
                             const char *code,
                             const char *message)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  add_error_object (builder, code, message, NULL, NULL);
  json_builder_end_object (builder);
  set_json (response, status, builder);
}

static guint
status_for_core_error (const GError *error)
{
  return error->code == CORE_ERROR_BAD_JSON ? 400 : 422;
}

/* One core error (or a list of them about one filing) as the answer. */
static void
set_core_errors (RegistryResponse *response, GPtrArray *errors)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  GError *first = g_ptr_array_index (errors, 0);
  g_autofree char *field = core_error_get_field (first);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  add_error_object (builder, core_error_code_to_string (first->code), first->message, field,
                    field != NULL ? errors : NULL);
  json_builder_end_object (builder);
  set_json (response, status_for_core_error (first), builder);
}

/* The status and code of an error that refuses one filing only. */
static gboolean
own_error_answer (const GError *error, guint *out_status, const char **out_code)
{
  if (g_error_matches (error, REGISTRY_ERROR, REGISTRY_ERROR_CONFLICT))
    *out_status = 409, *out_code = "filing_id_conflict";
  else if (g_error_matches (error, REGISTRY_ERROR, REGISTRY_ERROR_STAFF_SESSION_INVALID))
    *out_status = 401, *out_code = "staff_session_invalid";
  else if (g_error_matches (error, REGISTRY_ERROR, REGISTRY_ERROR_STAFF_DISABLED))
    *out_status = 403, *out_code = "staff_disabled";
  else
    return FALSE;
  return TRUE;
}

static void
set_storage_error (RegistryResponse *response, const GError *error)
{
  guint status;
  const char *code;

  if (own_error_answer (error, &status, &code))
    {
      registry_response_set_error (response, status, code, error->message);
      return;
    }
  g_warning ("database failure: %s", error->message);
  if (g_error_matches (error, REGISTRY_ERROR, REGISTRY_ERROR_UNAVAILABLE) ||
      g_error_matches (error, REGISTRY_ERROR, REGISTRY_ERROR_RETRY))
    registry_response_set_error (response, 503, "unavailable",
                                 "the database is not available; try again later");
  else
    registry_response_set_error (response, 500, "internal", "the registry failed; try again later");
}

/* ---- routing ---- */

/**
 * registry_api_route_to_string:
 *
 * Returns: the route's pattern, for logs (a request's path may hold personal data)
 */
const char *
registry_api_route_to_string (RegistryRoute route)
{
  switch (route)
    {
      case REGISTRY_ROUTE_HEALTH:
        return "/v1/health";
      case REGISTRY_ROUTE_FILINGS:
        return "/v1/filings";
      case REGISTRY_ROUTE_FILINGS_BATCH:
        return "/v1/filings:batch";
      case REGISTRY_ROUTE_PERSON_STATE:
        return "/v1/persons/{doc_type}/{doc_number}/state";
      case REGISTRY_ROUTE_CAPTCHA:
        return "/v1/captcha";
      case REGISTRY_ROUTE_SMS_SEND:
        return "/v1/sms/send";
      case REGISTRY_ROUTE_REGISTRATIONS:
        return "/v1/registrations";
      case REGISTRY_ROUTE_SESSIONS:
        return "/v1/sessions";
      case REGISTRY_ROUTE_SESSION_CURRENT:
      case REGISTRY_ROUTE_SESSION_LOGOUT:
        return "/v1/sessions/current";
      case REGISTRY_ROUTE_STAFF_SESSIONS:
        return "/v1/staff/sessions";
      case REGISTRY_ROUTE_STAFF_SESSION_LOGOUT:
        return "/v1/staff/sessions/current";
      case REGISTRY_ROUTE_STAFF_PERSON_PHONE:
        return "/v1/staff/persons/{doc_type}/{doc_number}/phone";
      case REGISTRY_ROUTE_NONE:
      default:
        return "(no route)";
    }
}

/* Splits the raw (still %-encoded) path into decoded segments. An escape
 * that is malformed or decodes to NUL or "/" makes the whole path bad:
 * %2F must never move a segment boundary. Returns %NULL for a bad path. */
static char **
split_path (const char *path)
{
  g_auto (GStrv) raw = g_strsplit (path, "/", 16);
  g_autoptr (GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  char *segment;

  for (guint i = 0; raw[i] != NULL; i++)
    {
      if (raw[i][0] == '\0' && raw[i + 1] != NULL)
        continue; /* leading slash */
      segment = g_uri_unescape_string (raw[i], "/");
      if (segment == NULL)
        return NULL;
      g_ptr_array_add (segments, segment);
    }
  g_ptr_array_add (segments, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&segments), FALSE);
}

static gboolean
segment_is (char **segments, guint i, const char *text)
{
  return segments[i] != NULL && g_strcmp0 (segments[i], text) == 0;
}

/**
 * registry_api_route:
 * @out_args: (out) (transfer full): the path's parameters, e.g. doc_type and
 *   doc_number
 * @out_error: set to 404 or 405 when no route matches
 */
RegistryRoute
registry_api_route (const char *method,
                    const char *path,
                    char ***out_args,
                    RegistryResponse *out_error)
{
  g_auto (GStrv) segments = NULL;
  RegistryRoute route = REGISTRY_ROUTE_NONE;
  const char *allowed = NULL;

  *out_args = NULL;
  if (path == NULL || strlen (path) > 512)
    {
      registry_response_set_error (out_error, 404, "not_found", "no such resource");
      return REGISTRY_ROUTE_NONE;
    }
  segments = split_path (path);
  if (segments == NULL)
    {
      registry_response_set_error (out_error, 400, "bad_request",
                                   "the path has a malformed %-escape, or one for NUL or \"/\"");
      return REGISTRY_ROUTE_NONE;
    }

  if (g_strv_length (segments) >= 1 && segment_is (segments, 0, "v1"))
    {
      guint n = g_strv_length (segments);
      if (n == 2 && segment_is (segments, 1, "health"))
        route = REGISTRY_ROUTE_HEALTH, allowed = "GET";
      else if (n == 2 && segment_is (segments, 1, "filings"))
        route = REGISTRY_ROUTE_FILINGS, allowed = "POST";
      else if (n == 2 && segment_is (segments, 1, "filings:batch"))
        route = REGISTRY_ROUTE_FILINGS_BATCH, allowed = "POST";
      else if (n == 5 && segment_is (segments, 1, "persons") && segment_is (segments, 4, "state") &&
               segments[2] != NULL && segments[3] != NULL)
        {
          route = REGISTRY_ROUTE_PERSON_STATE, allowed = "GET";
          *out_args = g_new0 (char *, 3);
          (*out_args)[0] = g_strdup (segments[2]);
          (*out_args)[1] = g_strdup (segments[3]);
        }
      else if (n == 2 && segment_is (segments, 1, "captcha"))
        route = REGISTRY_ROUTE_CAPTCHA, allowed = "GET";
      else if (n == 3 && segment_is (segments, 1, "sms") && segment_is (segments, 2, "send"))
        route = REGISTRY_ROUTE_SMS_SEND, allowed = "POST";
      else if (n == 2 && segment_is (segments, 1, "registrations"))
        route = REGISTRY_ROUTE_REGISTRATIONS, allowed = "POST";
      else if (n == 2 && segment_is (segments, 1, "sessions"))
        route = REGISTRY_ROUTE_SESSIONS, allowed = "POST";
      else if (n == 3 && segment_is (segments, 1, "sessions") &&
               segment_is (segments, 2, "current"))
        {
          /* one resource, two methods */
          route = REGISTRY_ROUTE_SESSION_CURRENT, allowed = "GET, DELETE";
          if (g_strcmp0 (method, "DELETE") == 0)
            return REGISTRY_ROUTE_SESSION_LOGOUT;
          if (g_strcmp0 (method, "GET") == 0 || g_strcmp0 (method, "HEAD") == 0)
            return REGISTRY_ROUTE_SESSION_CURRENT;
        }
      else if (n == 3 && segment_is (segments, 1, "staff") && segment_is (segments, 2, "sessions"))
        route = REGISTRY_ROUTE_STAFF_SESSIONS, allowed = "POST";
      else if (n == 4 && segment_is (segments, 1, "staff") &&
               segment_is (segments, 2, "sessions") && segment_is (segments, 3, "current"))
        route = REGISTRY_ROUTE_STAFF_SESSION_LOGOUT, allowed = "DELETE";
      else if (n == 6 && segment_is (segments, 1, "staff") && segment_is (segments, 2, "persons") &&
               segment_is (segments, 5, "phone"))
        {
          route = REGISTRY_ROUTE_STAFF_PERSON_PHONE, allowed = "PUT";
          *out_args = g_new0 (char *, 3);
          (*out_args)[0] = g_strdup (segments[3]);
          (*out_args)[1] = g_strdup (segments[4]);
        }
    }

  if (route == REGISTRY_ROUTE_NONE)
    {
      registry_response_set_error (out_error, 404, "not_found", "no such resource");
      return REGISTRY_ROUTE_NONE;
    }
  if (g_strcmp0 (method, allowed) != 0 &&
      !(g_strcmp0 (method, "HEAD") == 0 && g_strcmp0 (allowed, "GET") == 0))
    {
      g_clear_pointer (out_args, g_strfreev);
      registry_response_set_error (out_error, 405, "method_not_allowed",
                                   "this resource does not take that method");
      out_error->allow = allowed;
      return REGISTRY_ROUTE_NONE;
    }
  return route;
}

/* ---- handlers ---- */

static void
handle_health (RegistryStorage *storage, RegistryResponse *response)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (GError) error = NULL;
  gboolean ok = registry_storage_ping (storage, &error);

  if (!ok)
    g_warning ("health check: %s", error->message);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, ok ? "ok" : "unavailable");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "database");
  json_builder_add_boolean_value (builder, ok);
  json_builder_end_object (builder);
  set_json (response, ok ? 200 : 503, builder);
}

static void
add_result_members (JsonBuilder *builder, CoreFiling *filing, const RegistryFilingResult *result)
{
  json_builder_set_member_name (builder, "filing_id");
  json_builder_add_string_value (builder, core_filing_get_filing_id (filing));
  json_builder_set_member_name (builder, "person_id");
  json_builder_add_string_value (builder, result->person_id);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, registry_person_state_to_string (result->state));
  json_builder_set_member_name (builder, "phone_usable");
  json_builder_add_boolean_value (builder, result->phone_usable);
}

static JsonNode *
parse_body (const char *body, gsize length, RegistryResponse *response)
{
  g_autoptr (GError) error = NULL;
  JsonNode *root = core_json_parse (body, length, &error);

  if (root == NULL)
    registry_response_set_error (response, 400, "bad_json", error->message);
  return root;
}

static void
handle_filing (RegistryStorage *storage,
               gint64 device_id,
               gint64 now,
               const char *body,
               gsize length,
               RegistryResponse *response)
{
  g_autoptr (JsonNode) root = parse_body (body, length, response);
  g_autoptr (CoreFiling) filing = NULL;
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  RegistryFilingResult result;

  if (root == NULL)
    return;
  errors = core_filing_decode_json_node (root, &filing);
  if (errors->len > 0)
    {
      set_core_errors (response, errors);
      return;
    }
  if (!registry_filing_submit (storage, device_id, now, filing, &result, &error))
    {
      set_storage_error (response, error);
      return;
    }

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  add_result_members (builder, filing, &result);
  json_builder_end_object (builder);
  set_json (response, result.created ? 201 : 200, builder);
}

static void
free_filing (gpointer filing)
{
  if (filing != NULL)
    g_object_unref (filing);
}

/**
 * registry_api_decode_batch:
 * @root: the body: `{"filings": [ … ]}`
 * @out_item_errors: (out) (transfer full) (element-type GPtrArray): for each
 *   item, its problems (empty for a valid item)
 *
 * Returns: (transfer full) (element-type CoreFiling) (nullable): for each
 *   item its filing, or %NULL where the item is invalid; %NULL with @error
 *   when the envelope itself is wrong
 */
GPtrArray *
registry_api_decode_batch (JsonNode *root, GPtrArray **out_item_errors, GError **error)
{
  g_autoptr (GPtrArray) filings = NULL;
  g_autoptr (GPtrArray) item_errors = NULL;
  JsonObject *object;
  JsonNode *node;
  JsonArray *array;
  guint n;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_JSON,
                           "a batch is a JSON object {\"filings\": [...]}");
      return NULL;
    }
  object = json_node_get_object (root);
  if (json_object_get_size (object) != 1 ||
      (node = json_object_get_member (object, "filings")) == NULL)
    {
      core_error_set_field (error, CORE_ERROR_INVALID_FIELD, "filings",
                            "a batch has exactly one member, \"filings\"");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      core_error_set_field (error, CORE_ERROR_INVALID_FIELD, "filings", "must be an array");
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0 || n > REGISTRY_API_MAX_BATCH)
    {
      core_error_set_field (error, CORE_ERROR_INVALID_FIELD, "filings",
                            "a batch holds 1 to %d filings", REGISTRY_API_MAX_BATCH);
      return NULL;
    }

  filings = g_ptr_array_new_full (n, free_filing);
  item_errors = g_ptr_array_new_full (n, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < n; i++)
    {
      CoreFiling *filing = NULL;
      g_ptr_array_add (item_errors,
                       core_filing_decode_json_node (json_array_get_element (array, i), &filing));
      g_ptr_array_add (filings, filing);
    }
  *out_item_errors = g_steal_pointer (&item_errors);
  return g_steal_pointer (&filings);
}

static void
handle_batch (RegistryStorage *storage,
              gint64 device_id,
              gint64 now,
              const char *body,
              gsize length,
              RegistryResponse *response)
{
  g_autoptr (JsonNode) root = parse_body (body, length, response);
  g_autoptr (GPtrArray) filings = NULL;
  g_autoptr (GPtrArray) item_errors = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree RegistryFilingResult *results = NULL;
  g_autofree GError **storage_errors = NULL;
  guint n;

  if (root == NULL)
    return;
  filings = registry_api_decode_batch (root, &item_errors, &error);
  if (filings == NULL)
    {
      g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
      g_ptr_array_add (errors, g_steal_pointer (&error));
      set_core_errors (response, errors);
      return;
    }

  n = filings->len;
  results = g_new0 (RegistryFilingResult, n);
  storage_errors = g_new0 (GError *, n);
  if (!registry_filing_submit_batch (storage, device_id, now, (CoreFiling *const *) filings->pdata,
                                     n, results, storage_errors, &error))
    {
      set_storage_error (response, error);
      return;
    }

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      CoreFiling *filing = g_ptr_array_index (filings, i);
      GPtrArray *errors = g_ptr_array_index (item_errors, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, i);
      if (filing != NULL && storage_errors[i] == NULL)
        {
          json_builder_set_member_name (builder, "status");
          json_builder_add_int_value (builder, results[i].created ? 201 : 200);
          add_result_members (builder, filing, &results[i]);
        }
      else if (filing != NULL)
        {
          guint status = 409;
          const char *code = "filing_id_conflict";

          own_error_answer (storage_errors[i], &status, &code);
          json_builder_set_member_name (builder, "status");
          json_builder_add_int_value (builder, status);
          json_builder_set_member_name (builder, "filing_id");
          json_builder_add_string_value (builder, core_filing_get_filing_id (filing));
          json_builder_set_member_name (builder, "error");
          add_error_object (builder, code, storage_errors[i]->message, NULL, NULL);
          g_clear_error (&storage_errors[i]);
        }
      else
        {
          GError *first = g_ptr_array_index (errors, 0);
          g_autofree char *field = core_error_get_field (first);
          JsonNode *item = json_array_get_element (
              json_node_get_array (json_object_get_member (json_node_get_object (root), "filings")),
              i);
          JsonNode *id_node =
              JSON_NODE_HOLDS_OBJECT (item)
                  ? json_object_get_member (json_node_get_object (item), "filing_id")
                  : NULL;

          json_builder_set_member_name (builder, "status");
          json_builder_add_int_value (builder, status_for_core_error (first));
          /* Echo the filing_id when it is a well-formed one, so the client can
           * match the answer to its outbox entry. */
          if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) &&
              json_node_get_value_type (id_node) == G_TYPE_STRING &&
              g_uuid_string_is_valid (json_node_get_string (id_node)))
            {
              g_autofree char *lower = g_ascii_strdown (json_node_get_string (id_node), -1);
              json_builder_set_member_name (builder, "filing_id");
              json_builder_add_string_value (builder, lower);
            }
          json_builder_set_member_name (builder, "error");
          add_error_object (builder, core_error_code_to_string (first->code), first->message, field,
                            field != NULL ? errors : NULL);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  set_json (response, 200, builder);
}

/* The document a path names, as {doc_type}/{doc_number}: the number
 * normalised and checked; %NULL with a 422 answer when it is not usable. */
static char *
path_document (char **args, RegistryResponse *response)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *doc_number = NULL;
  IdcardDocumentType type;

  if (!idcard_document_type_from_string (args[0], &type))
    {
      g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
      core_error_set_field (&error, CORE_ERROR_INVALID_FIELD, "doc_type", "unknown document type");
      g_ptr_array_add (errors, g_steal_pointer (&error));
      set_core_errors (response, errors);
      return NULL;
    }
  doc_number = idcard_document_number_normalize (args[1]);
  if (strlen (doc_number) > core_filing_field_get_max_length (CORE_FILING_FIELD_DOC_NUMBER) ||
      !idcard_document_number_check (type, doc_number, &error))
    {
      g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
      g_autoptr (GError) field_error = NULL;
      core_error_set_field (&field_error, CORE_ERROR_INVALID_FIELD, "doc_number", "%s",
                            error != NULL ? error->message : "too long");
      g_ptr_array_add (errors, g_steal_pointer (&field_error));
      set_core_errors (response, errors);
      return NULL;
    }
  return g_steal_pointer (&doc_number);
}

static void
handle_person_state (RegistryStorage *storage, char **args, RegistryResponse *response)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *doc_number = path_document (args, response);
  RegistryPersonState state;

  if (doc_number == NULL)
    return;
  if (!registry_person_get_state (storage, args[0], doc_number, &state, &error))
    {
      set_storage_error (response, error);
      return;
    }
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, registry_person_state_to_string (state));
  json_builder_end_object (builder);
  set_json (response, 200, builder);
}

/* ---- registration, login and staff login ---- */

typedef struct
{
  const char *name;
  gsize max_length;
} BodyMember;

static const BodyMember sms_send_members[] = {
  { "purpose", 16 }, { "doc_type", 32 },   { "doc_number", 64 },
  { "phone", 16 },   { "captcha_id", 64 }, { "captcha_answer", 64 },
};
static const BodyMember code_members[] = {
  { "doc_type", 32 },
  { "doc_number", 64 },
  { "phone", 16 },
  { "code", 16 },
};
static const BodyMember staff_members[] = {
  { "user", 256 },
  { "password", 1024 },
};
static const BodyMember phone_members[] = {
  { "phone", 16 },
};

static void
add_field_error (GPtrArray *errors, CoreError code, const char *field, const char *message)
{
  GError *error = NULL;

  core_error_set_field (&error, code, field, "%s", message);
  g_ptr_array_add (errors, error);
}

/* Reads every member of @members as a string: all are required, none other
 * is allowed. */
static char **
read_members (JsonNode *root, const BodyMember *members, guint n_members, GPtrArray *errors)
{
  char **values = g_new0 (char *, n_members + 1);
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      GError *error = NULL;
      g_set_error_literal (&error, CORE_ERROR, CORE_ERROR_BAD_JSON, "the body is a JSON object");
      g_ptr_array_add (errors, error);
      return values;
    }
  object = json_node_get_object (root);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      gboolean known = FALSE;
      for (guint i = 0; i < n_members && !known; i++)
        known = g_strcmp0 (name, members[i].name) == 0;
      if (!known)
        add_field_error (errors, CORE_ERROR_INVALID_FIELD, name, "unknown member");
    }
  for (guint i = 0; i < n_members; i++)
    {
      node = json_object_get_member (object, members[i].name);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        add_field_error (errors, CORE_ERROR_MISSING_FIELD, members[i].name, "required");
      else if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        add_field_error (errors, CORE_ERROR_INVALID_FIELD, members[i].name, "must be a string");
      else if (strlen (json_node_get_string (node)) > members[i].max_length)
        add_field_error (errors, CORE_ERROR_INVALID_FIELD, members[i].name, "too long");
      else
        values[i] = g_strdup (json_node_get_string (node));
    }
  return values;
}

static void
check_document (RegistryAccountRequest *request, GPtrArray *errors)
{
  IdcardDocumentType type;
  g_autoptr (GError) error = NULL;
  char *normalized;

  if (request->doc_type != NULL && !idcard_document_type_from_string (request->doc_type, &type))
    {
      add_field_error (errors, CORE_ERROR_INVALID_FIELD, "doc_type", "unknown document type");
      return;
    }
  if (request->doc_type == NULL || request->doc_number == NULL)
    return;
  normalized = idcard_document_number_normalize (request->doc_number);
  g_free (request->doc_number);
  request->doc_number = normalized;
  if (!idcard_document_number_check (type, request->doc_number, &error))
    add_field_error (errors, CORE_ERROR_INVALID_FIELD, "doc_number", error->message);
}

static gboolean
is_code (const char *text)
{
  if (strlen (text) != REGISTRY_CODE_LENGTH)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }
  return TRUE;
}

/**
 * registry_api_decode_account_request:
 * @root: a request body
 * @kind: which body it is
 * @out_request: (out caller-allocates): the decoded members; clear it with
 *   registry_account_request_clear() whatever the result
 *
 * Returns: (transfer full): every problem found, empty when the body is
 *   good; a bad value is an invalid_field error naming its member
 */
GPtrArray *
registry_api_decode_account_request (JsonNode *root,
                                     RegistryBodyKind kind,
                                     RegistryAccountRequest *out_request)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  RegistryAccountRequest *r = out_request;
  g_auto (GStrv) values = NULL;

  memset (r, 0, sizeof *r);
  switch (kind)
    {
      case REGISTRY_BODY_SMS_SEND:
        values = read_members (root, sms_send_members, G_N_ELEMENTS (sms_send_members), errors);
        if (values[0] != NULL && g_strcmp0 (values[0], "register") != 0 &&
            g_strcmp0 (values[0], "login") != 0)
          add_field_error (errors, CORE_ERROR_INVALID_FIELD, "purpose",
                           "must be \"register\" or \"login\"");
        r->purpose = g_strcmp0 (values[0], "login") == 0 ? REGISTRY_PURPOSE_LOGIN
                                                         : REGISTRY_PURPOSE_REGISTER;
        r->doc_type = g_steal_pointer (&values[1]);
        r->doc_number = g_steal_pointer (&values[2]);
        r->phone = g_steal_pointer (&values[3]);
        r->captcha_id = g_steal_pointer (&values[4]);
        r->captcha_answer = g_steal_pointer (&values[5]);
        if (r->captcha_id != NULL && !g_uuid_string_is_valid (r->captcha_id))
          add_field_error (errors, CORE_ERROR_INVALID_FIELD, "captcha_id",
                           "not a captcha id from GET /v1/captcha");
        break;
      case REGISTRY_BODY_CODE:
        values = read_members (root, code_members, G_N_ELEMENTS (code_members), errors);
        r->doc_type = g_steal_pointer (&values[0]);
        r->doc_number = g_steal_pointer (&values[1]);
        r->phone = g_steal_pointer (&values[2]);
        r->code = g_steal_pointer (&values[3]);
        if (r->code != NULL && !is_code (r->code))
          add_field_error (errors, CORE_ERROR_INVALID_FIELD, "code", "the code is 6 digits");
        break;
      case REGISTRY_BODY_PHONE:
        values = read_members (root, phone_members, G_N_ELEMENTS (phone_members), errors);
        r->phone = g_steal_pointer (&values[0]);
        break;
      case REGISTRY_BODY_STAFF_LOGIN:
      default:
        values = read_members (root, staff_members, G_N_ELEMENTS (staff_members), errors);
        r->user = g_steal_pointer (&values[0]);
        r->password = g_steal_pointer (&values[1]);
        return errors;
    }

  check_document (r, errors);
  if (r->phone != NULL && !core_phone_is_mobile (r->phone))
    add_field_error (errors, CORE_ERROR_INVALID_FIELD, "phone",
                     "an 11-digit mainland mobile number");
  return errors;
}

typedef struct
{
  guint status;
  const char *code;
  const char *message;
} OutcomeAnswer;

static const OutcomeAnswer outcome_answers[] = {
  [REGISTRY_OUTCOME_OK] = { 200, "ok", "ok" },
  [REGISTRY_OUTCOME_CAPTCHA_WRONG] = { 422, "captcha_wrong",
                                       "Please enter the correct captcha; the captcha is not"
                                       " case-sensitive. A captcha is used once: get a new one." },
  [REGISTRY_OUTCOME_NOT_FILED] = { 404, "not_filed",
                                   "This ID card has not completed card-reading filing; have the"
                                   " card read at a window first." },
  [REGISTRY_OUTCOME_ID_ALREADY_REGISTERED] = { 409, "id_already_registered",
                                               "This ID number has already registered an SMS user"
                                               " and cannot register again; log in instead." },
  [REGISTRY_OUTCOME_ALREADY_ENABLED] = { 409, "already_enabled",
                                         "This person is filed with a phone number or already has"
                                         " practice-information access; log in directly." },
  [REGISTRY_OUTCOME_PHONE_TAKEN] = { 409, "phone_taken",
                                     "This phone number is already registered to a personal SMS"
                                     " user and cannot be registered again; use another phone." },
  [REGISTRY_OUTCOME_NOT_REGISTERED] = { 404, "not_registered",
                                        "This ID number and phone number are not registered as an"
                                        " SMS user; please register first." },
  [REGISTRY_OUTCOME_TOO_FREQUENT] = { 429, "too_frequent",
                                      "A code was sent to this phone less than a minute ago; wait"
                                      " retry_after seconds." },
  [REGISTRY_OUTCOME_RATE_LIMITED] = { 429, "rate_limited",
                                      "Too many codes were requested for this phone or at this"
                                      " kiosk; try again later." },
  [REGISTRY_OUTCOME_CODE_WRONG] = { 422, "code_wrong", "The dynamic password is wrong." },
  [REGISTRY_OUTCOME_CODE_EXPIRED] = { 422, "code_expired",
                                      "The dynamic password has expired or was used up; request a"
                                      " new one." },
  [REGISTRY_OUTCOME_SESSION_INVALID] = { 401, "session_invalid",
                                         "The session has ended or is not valid here; log in"
                                         " again." },
  [REGISTRY_OUTCOME_STAFF_LOGIN_FAILED] = { 401, "staff_login_failed",
                                            "Wrong user name or password." },
  [REGISTRY_OUTCOME_STAFF_LOCKED] = { 403, "staff_locked",
                                      "Staff login is locked after repeated failures; try again"
                                      " after retry_after seconds." },
  [REGISTRY_OUTCOME_STAFF_SESSION_INVALID] = { 401, "staff_session_invalid",
                                               "The staff session is unknown, of another kiosk,"
                                               " or over; staff must sign in again." },
  [REGISTRY_OUTCOME_STAFF_DISABLED] = { 403, "staff_disabled", "This staff account is disabled." },
};

static void
set_verdict_error (RegistryResponse *response, const RegistryVerdict *verdict)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  const OutcomeAnswer *answer = &outcome_answers[verdict->outcome];

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, answer->code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, answer->message);
  if (verdict->retry_after > 0)
    {
      json_builder_set_member_name (builder, "retry_after");
      json_builder_add_int_value (builder, verdict->retry_after);
    }
  if (verdict->outcome == REGISTRY_OUTCOME_CODE_WRONG)
    {
      json_builder_set_member_name (builder, "attempts_left");
      json_builder_add_int_value (builder, verdict->attempts_left);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  set_json (response, answer->status, builder);
  response->retry_after = verdict->retry_after;
}

static void
set_sms_failed (RegistryResponse *response, const char *message)
{
  registry_response_set_error (response, 502, "sms_failed", message);
}

/* Decodes a body, answering 400/422 when it is not usable. */
static gboolean
decode_request (const char *body,
                gsize length,
                RegistryBodyKind kind,
                RegistryAccountRequest *request,
                RegistryResponse *response)
{
  g_autoptr (JsonNode) root = parse_body (body, length, response);
  g_autoptr (GPtrArray) errors = NULL;

  memset (request, 0, sizeof *request);
  if (root == NULL)
    return FALSE;
  errors = registry_api_decode_account_request (root, kind, request);
  if (errors->len > 0)
    {
      set_core_errors (response, errors);
      return FALSE;
    }
  return TRUE;
}

static gint64
context_now (const RegistryApiContext *context)
{
  return registry_clock_now (context->clock_file);
}

static void
handle_captcha (const RegistryApiContext *context,
                RegistryStorage *storage,
                gint64 device_id,
                RegistryResponse *response)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *captcha_id = NULL;
  g_autofree char *base64 = NULL;
  RegistryVerdict verdict = { 0 };
  char *answer = context->test_captcha_answer != NULL ? g_strdup (context->test_captcha_answer)
                                                      : registry_captcha_new_answer ();
  gboolean ok;

  /* the limit first: drawing the image is what it saves */
  ok = registry_captcha_issue (storage, context->key, device_id, context_now (context), answer,
                               &captcha_id, &verdict, &error);
  if (ok && verdict.outcome == REGISTRY_OUTCOME_OK)
    ok = (png = registry_captcha_render (answer, &error)) != NULL;
  sodium_memzero (answer, strlen (answer));
  g_free (answer);
  if (!ok)
    {
      set_storage_error (response, error);
      return;
    }
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  if (verdict.outcome != REGISTRY_OUTCOME_OK)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, "rate_limited");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, "Too many captchas were asked for at this kiosk;"
                                              " try again after retry_after seconds.");
      json_builder_set_member_name (builder, "retry_after");
      json_builder_add_int_value (builder, verdict.retry_after);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      set_json (response, 429, builder);
      response->retry_after = verdict.retry_after;
      return;
    }
  base64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  json_builder_set_member_name (builder, "captcha_id");
  json_builder_add_string_value (builder, captcha_id);
  json_builder_set_member_name (builder, "image_png_base64");
  json_builder_add_string_value (builder, base64);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, REGISTRY_CAPTCHA_LIFETIME_S);
  json_builder_end_object (builder);
  set_json (response, 200, builder);
}

static void
handle_sms_send (const RegistryApiContext *context,
                 RegistryStorage *storage,
                 gint64 device_id,
                 const char *body,
                 gsize length,
                 RegistryResponse *response)
{
  RegistryAccountRequest request;
  RegistryVerdict verdict = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree char *masked_id = NULL;
  g_autofree char *masked_phone = NULL;
  char *code = NULL;
  char *text = NULL;
  gint64 code_id = 0;
  gint64 now = context_now (context);
  gboolean sent;

  if (!decode_request (body, length, REGISTRY_BODY_SMS_SEND, &request, response))
    {
      registry_account_request_clear (&request);
      return;
    }
  if (context->sms == NULL)
    {
      registry_account_request_clear (&request);
      set_sms_failed (response, "this registry has no SMS gateway configured");
      return;
    }
  if (!registry_sms_code_issue (storage, context->key, device_id, now, &request, &code, &code_id,
                                &verdict, &error))
    {
      registry_account_request_clear (&request);
      set_storage_error (response, error);
      return;
    }
  masked_id = core_mask_id_number (request.doc_number);
  masked_phone = core_mask_phone (request.phone);
  if (verdict.outcome != REGISTRY_OUTCOME_OK)
    {
      g_debug ("no %s code for %s at %s: %s", registry_purpose_to_string (request.purpose),
               masked_id, masked_phone, outcome_answers[verdict.outcome].code);
      registry_account_request_clear (&request);
      set_verdict_error (response, &verdict);
      return;
    }

  text = g_strdup_printf ("【从业人员服务】您的验证码为%s，%d秒内有效，请勿泄露。", code,
                          REGISTRY_CODE_LIFETIME_S);
  sent = registry_sms_gateway_send (context->sms, request.phone, text, now, &error);
  sodium_memzero (text, strlen (text));
  sodium_memzero (code, strlen (code));
  g_free (text);
  g_free (code);
  registry_account_request_clear (&request);
  if (!sent)
    {
      g_autoptr (GError) withdraw_error = NULL;
      g_warning ("sending a code to %s failed: %s", masked_phone, error->message);
      if (!registry_sms_code_withdraw (storage, code_id, &withdraw_error))
        g_warning ("withdrawing an unsent code: %s", withdraw_error->message);
      set_sms_failed (response, "the SMS gateway did not take the message; try again later");
      return;
    }
  g_debug ("code sent for %s to %s", masked_id, masked_phone);

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, REGISTRY_CODE_LIFETIME_S);
  json_builder_set_member_name (builder, "resend_after");
  json_builder_add_int_value (builder, REGISTRY_SMS_COOLDOWN_S);
  json_builder_end_object (builder);
  set_json (response, 200, builder);
}

/* The person's basic information as a member "person". */
static gboolean
add_person (RegistryStorage *storage,
            JsonBuilder *builder,
            const char *person_id,
            const char *login_phone,
            GError **error)
{
  g_autoptr (RegistryRows) rows = registry_person_get_basic (storage, person_id, error);

  if (rows == NULL)
    return FALSE;
  if (rows->n_rows != 1)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED,
                           "a session names a person that is not there");
      return FALSE;
    }
  json_builder_set_member_name (builder, "person");
  json_builder_begin_object (builder);
  for (guint i = 0; registry_person_basic_columns[i] != NULL; i++)
    {
      const char *value = registry_rows_get (rows, 0, i);
      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, registry_person_basic_columns[i]);
      json_builder_add_string_value (builder, value);
    }
  if (login_phone != NULL)
    {
      json_builder_set_member_name (builder, "login_phone");
      json_builder_add_string_value (builder, login_phone);
    }
  json_builder_end_object (builder);
  return TRUE;
}

static void
handle_redeem (const RegistryApiContext *context,
               RegistryStorage *storage,
               gint64 device_id,
               RegistryPurpose purpose,
               const char *body,
               gsize length,
               RegistryResponse *response)
{
  RegistryAccountRequest request;
  RegistryVerdict verdict = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree char *token = NULL;
  g_autofree char *person_id = NULL;
  g_autofree char *phone = NULL;

  if (!decode_request (body, length, REGISTRY_BODY_CODE, &request, response))
    {
      registry_account_request_clear (&request);
      return;
    }
  request.purpose = purpose;
  if (!registry_sms_code_redeem (storage, context->key, device_id, context_now (context), &request,
                                 &token, &person_id, &verdict, &error))
    {
      registry_account_request_clear (&request);
      set_storage_error (response, error);
      return;
    }
  phone = g_strdup (request.phone);
  registry_account_request_clear (&request);
  if (verdict.outcome != REGISTRY_OUTCOME_OK)
    {
      set_verdict_error (response, &verdict);
      return;
    }
  g_debug ("%s: session opened for person %s",
           purpose == REGISTRY_PURPOSE_REGISTER ? "registered" : "logged in", person_id);

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "session_token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, REGISTRY_SESSION_LIFETIME_S);
  if (!add_person (storage, builder, person_id, phone, &error))
    {
      set_storage_error (response, error);
      return;
    }
  json_builder_end_object (builder);
  set_json (response, purpose == REGISTRY_PURPOSE_REGISTER ? 201 : 200, builder);
}

static void
handle_session_current (const RegistryApiContext *context,
                        RegistryStorage *storage,
                        gint64 device_id,
                        const char *session_token,
                        RegistryResponse *response)
{
  RegistryVerdict verdict = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree char *person_id = NULL;
  g_autofree char *phone = NULL;

  if (!registry_session_touch (storage, device_id, context_now (context), session_token, &person_id,
                               &phone, &verdict, &error))
    {
      set_storage_error (response, error);
      return;
    }
  if (verdict.outcome != REGISTRY_OUTCOME_OK)
    {
      set_verdict_error (response, &verdict);
      return;
    }
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, REGISTRY_SESSION_LIFETIME_S);
  if (!add_person (storage, builder, person_id, phone, &error))
    {
      set_storage_error (response, error);
      return;
    }
  json_builder_end_object (builder);
  set_json (response, 200, builder);
}

static void
handle_logout (const RegistryApiContext *context,
               RegistryStorage *storage,
               gint64 device_id,
               const char *session_token,
               RegistryResponse *response)
{
  RegistryVerdict verdict = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;

  if (!registry_session_end (storage, device_id, context_now (context), session_token, &verdict,
                             &error))
    {
      set_storage_error (response, error);
      return;
    }
  if (verdict.outcome != REGISTRY_OUTCOME_OK)
    {
      set_verdict_error (response, &verdict);
      return;
    }
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "logged_out");
  json_builder_end_object (builder);
  set_json (response, 200, builder);
}

static void
handle_staff_login (const RegistryApiContext *context,
                    RegistryStorage *storage,
                    gint64 device_id,
                    const char *body,
                    gsize length,
                    RegistryResponse *response)
{
  RegistryAccountRequest request;
  RegistryVerdict verdict = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  char *token = NULL;

  if (!decode_request (body, length, REGISTRY_BODY_STAFF_LOGIN, &request, response))
    {
      registry_account_request_clear (&request);
      return;
    }
  if (!registry_staff_login (storage, device_id, context_now (context), request.user,
                             request.password, &token, &verdict, &error))
    {
      registry_account_request_clear (&request);
      set_storage_error (response, error);
      return;
    }
  if (verdict.outcome != REGISTRY_OUTCOME_OK)
    {
      registry_account_request_clear (&request);
      set_verdict_error (response, &verdict);
      return;
    }
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "staff");
  json_builder_add_string_value (builder, request.user);
  json_builder_set_member_name (builder, "staff_session");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, REGISTRY_STAFF_SESSION_LIFETIME_S);
  json_builder_end_object (builder);
  set_json (response, 200, builder);
  sodium_memzero (token, strlen (token));
  g_free (token);
  registry_account_request_clear (&request);
}

static void
handle_staff_logout (const RegistryApiContext *context,
                     RegistryStorage *storage,
                     gint64 device_id,
                     const char *staff_session,
                     RegistryResponse *response)
{
  RegistryVerdict verdict = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;

  if (!registry_staff_session_end (storage, device_id, context_now (context), staff_session,
                                   &verdict, &error))
    {
      set_storage_error (response, error);
      return;
    }
  if (verdict.outcome != REGISTRY_OUTCOME_OK)
    {
      set_verdict_error (response, &verdict);
      return;
    }
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "signed_out");
  json_builder_end_object (builder);
  set_json (response, 200, builder);
}

/* PUT /v1/staff/persons/{doc_type}/{doc_number}/phone: staff at the window
 * change a person's login phone, under a live staff session. */
static void
handle_staff_phone (const RegistryApiContext *context,
                    RegistryStorage *storage,
                    gint64 device_id,
                    char **args,
                    const char *staff_session,
                    const char *body,
                    gsize length,
                    RegistryResponse *response)
{
  RegistryAccountRequest request;
  RegistryVerdict verdict = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree char *doc_number = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *person_id = NULL;
  g_autofree char *masked = NULL;
  gint64 now = context_now (context);
  gint64 staff_id = 0;

  /* who asks first: nothing is said about a document to a caller without
   * a staff session */
  if (!registry_staff_session_resolve (storage, device_id, now, staff_session, 0, &staff_id, &staff,
                                       &verdict, &error))
    {
      set_storage_error (response, error);
      return;
    }
  if (verdict.outcome != REGISTRY_OUTCOME_OK)
    {
      set_verdict_error (response, &verdict);
      return;
    }
  doc_number = path_document (args, response);
  if (doc_number == NULL)
    return;
  if (!decode_request (body, length, REGISTRY_BODY_PHONE, &request, response))
    {
      registry_account_request_clear (&request);
      return;
    }
  if (!registry_login_phone_set (storage, args[0], doc_number, request.phone, staff, device_id, now,
                                 &person_id, &verdict, &error))
    {
      registry_account_request_clear (&request);
      set_storage_error (response, error);
      return;
    }
  if (verdict.outcome != REGISTRY_OUTCOME_OK)
    {
      registry_account_request_clear (&request);
      set_verdict_error (response, &verdict);
      return;
    }
  masked = core_mask_phone (request.phone);
  g_message ("staff %s changed the login phone of person %s to %s", staff, person_id, masked);
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "person_id");
  json_builder_add_string_value (builder, person_id);
  json_builder_set_member_name (builder, "login_phone");
  json_builder_add_string_value (builder, request.phone);
  json_builder_end_object (builder);
  set_json (response, 200, builder);
  registry_account_request_clear (&request);
}

static const char *
bearer_token (const char *authorization)
{
  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return NULL;
  authorization += 7;
  while (*authorization == ' ')
    authorization++;
  return authorization;
}

/**
 * registry_api_has_device_token:
 * @authorization: (nullable): the Authorization header
 *
 * A check of the form only, cheap enough for the server's main thread: a
 * request without it is refused before its body is read. Whether the token
 * belongs to an enrolled device is decided later, with the database.
 *
 * Returns: %TRUE when @authorization is "Bearer" and 64 hex digits
 */
gboolean
registry_api_has_device_token (const char *authorization)
{
  const char *token = bearer_token (authorization);
  gsize n = 0;

  if (token == NULL)
    return FALSE;
  while (g_ascii_isxdigit (token[n]))
    n++;
  return n == REGISTRY_TOKEN_LENGTH && token[n] == '\0';
}

/**
 * registry_api_route_needs_device:
 *
 * Returns: whether calls to @route need a device token (all but the health check)
 */
gboolean
registry_api_route_needs_device (RegistryRoute route)
{
  return route != REGISTRY_ROUTE_HEALTH;
}

/**
 * registry_api_handle:
 * @authorization: (nullable): the Authorization header
 * @session_token: (nullable): the X-Session-Token header
 * @body: (array length=body_length) (nullable): the request body
 *
 * Answers one routed request. Runs on a worker thread; @storage is that
 * worker's connection.
 */
void
registry_api_handle (const RegistryApiContext *context,
                     RegistryStorage *storage,
                     RegistryRoute route,
                     char **args,
                     const char *authorization,
                     const char *session_token,
                     const char *body,
                     gsize body_length,
                     RegistryResponse *response)
{
  g_autoptr (GError) error = NULL;
  gint64 device_id = 0;

  if (route == REGISTRY_ROUTE_HEALTH)
    {
      handle_health (storage, response);
      return;
    }

  if (!registry_device_authenticate (storage, bearer_token (authorization), &device_id, &error))
    {
      if (g_error_matches (error, REGISTRY_ERROR, REGISTRY_ERROR_NOT_FOUND))
        registry_response_set_error (response, 401, "unauthorized",
                                     "a valid device token is needed (Authorization: Bearer …)");
      else
        set_storage_error (response, error);
      return;
    }

  switch (route)
    {
      case REGISTRY_ROUTE_FILINGS:
        handle_filing (storage, device_id, registry_clock_now (context->clock_file), body,
                       body_length, response);
        break;
      case REGISTRY_ROUTE_FILINGS_BATCH:
        handle_batch (storage, device_id, registry_clock_now (context->clock_file), body,
                      body_length, response);
        break;
      case REGISTRY_ROUTE_PERSON_STATE:
        handle_person_state (storage, args, response);
        break;
      case REGISTRY_ROUTE_CAPTCHA:
        handle_captcha (context, storage, device_id, response);
        break;
      case REGISTRY_ROUTE_SMS_SEND:
        handle_sms_send (context, storage, device_id, body, body_length, response);
        break;
      case REGISTRY_ROUTE_REGISTRATIONS:
        handle_redeem (context, storage, device_id, REGISTRY_PURPOSE_REGISTER, body, body_length,
                       response);
        break;
      case REGISTRY_ROUTE_SESSIONS:
        handle_redeem (context, storage, device_id, REGISTRY_PURPOSE_LOGIN, body, body_length,
                       response);
        break;
      case REGISTRY_ROUTE_SESSION_CURRENT:
        handle_session_current (context, storage, device_id, session_token, response);
        break;
      case REGISTRY_ROUTE_SESSION_LOGOUT:
        handle_logout (context, storage, device_id, session_token, response);
        break;
      case REGISTRY_ROUTE_STAFF_SESSIONS:
        handle_staff_login (context, storage, device_id, body, body_length, response);
        break;
      case REGISTRY_ROUTE_STAFF_SESSION_LOGOUT:
        /* staff calls carry the staff session in the same header */
        handle_staff_logout (context, storage, device_id, session_token, response);
        break;
      case REGISTRY_ROUTE_STAFF_PERSON_PHONE:
        handle_staff_phone (context, storage, device_id, args, session_token, body, body_length,
                            response);
        break;
      case REGISTRY_ROUTE_HEALTH:
      case REGISTRY_ROUTE_NONE:
      default:
        registry_response_set_error (response, 404, "not_found", "no such resource");
        break;
    }
}
