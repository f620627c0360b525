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

#include <string.h>

#include "core-error.h"
#include "core-json.h"
#include "core-privacy.h"
#include "registry-api.h"
#include "registry-records.h"

void
registry_response_clear (RegistryResponse *response)
{
  g_clear_pointer (&response->body, g_free);
  response->status = 0;
  response->allow = NULL;
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

static void
set_storage_error (RegistryResponse *response, const GError *error)
{
  if (g_error_matches (error, REGISTRY_ERROR, REGISTRY_ERROR_CONFLICT))
    {
      registry_response_set_error (response, 409, "filing_id_conflict", error->message);
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
      case REGISTRY_ROUTE_NONE:
      default:
        return "(no route)";
    }
}

static char **
split_path (const char *path)
{
  g_auto (GStrv) raw = g_strsplit (path, "/", 16);
  GPtrArray *segments = g_ptr_array_new_with_free_func (g_free);
  char *segment;

  for (guint i = 0; raw[i] != NULL; i++)
    {
      if (raw[i][0] == '\0' && raw[i + 1] != NULL)
        continue; /* leading slash */
      segment = g_uri_unescape_string (raw[i], "/");
      if (segment == NULL)
        {
          /* a bad %-escape: no route has it */
          g_ptr_array_set_size (segments, 0);
          break;
        }
      g_ptr_array_add (segments, segment);
    }
  g_ptr_array_set_free_func (segments, NULL);
  g_ptr_array_add (segments, NULL);
  return (char **) g_ptr_array_free (segments, FALSE);
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
  if (!registry_filing_submit (storage, device_id, filing, &result, &error))
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
  if (!registry_filing_submit_batch (storage, device_id, (CoreFiling *const *) filings->pdata, n,
                                     results, storage_errors, &error))
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
          json_builder_set_member_name (builder, "status");
          json_builder_add_int_value (builder, 409);
          json_builder_set_member_name (builder, "filing_id");
          json_builder_add_string_value (builder, core_filing_get_filing_id (filing));
          json_builder_set_member_name (builder, "error");
          add_error_object (builder, "filing_id_conflict", storage_errors[i]->message, NULL, NULL);
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

static void
handle_person_state (RegistryStorage *storage, char **args, RegistryResponse *response)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *doc_number = NULL;
  IdcardDocumentType type;
  RegistryPersonState state;

  if (!idcard_document_type_from_string (args[0], &type))
    {
      g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
      core_error_set_field (&error, CORE_ERROR_INVALID_FIELD, "doc_type", "unknown document type");
      g_ptr_array_add (errors, g_steal_pointer (&error));
      set_core_errors (response, errors);
      return;
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
      return;
    }
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
 * registry_api_handle:
 * @authorization: (nullable): the Authorization header
 * @body: (array length=body_length) (nullable): the request body
 *
 * Answers one routed request. Runs on a worker thread; @storage is that
 * worker's connection.
 */
void
registry_api_handle (RegistryStorage *storage,
                     RegistryRoute route,
                     char **args,
                     const char *authorization,
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
        handle_filing (storage, device_id, body, body_length, response);
        break;
      case REGISTRY_ROUTE_FILINGS_BATCH:
        handle_batch (storage, device_id, body, body_length, response);
        break;
      case REGISTRY_ROUTE_PERSON_STATE:
        handle_person_state (storage, args, response);
        break;
      case REGISTRY_ROUTE_HEALTH:
      case REGISTRY_ROUTE_NONE:
      default:
        registry_response_set_error (response, 404, "not_found", "no such resource");
        break;
    }
}
