/* registry-response.c: one answer of the registry, whatever it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every error answer is {"error": {"code", "message", …}}, its code and HTTP
 * status taken from the one table of API error codes in core
 * (core-api-error.c); validation errors add "field" (the first faulty
 * field) and "fields" (every faulty field, with its own code and message).
 * A handler reports a refusal as a GError and the dispatcher turns it into
 * this answer with registry_response_set_from_error().
 */

#include "config.h"

#include <string.h>

#include "core-error.h"
#include "registry-error.h"
#include "registry-response.h"

void
registry_response_clear (RegistryResponse *response)
{
  response->status = 0;
  g_clear_pointer (&response->content_type, g_free);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->allow, g_free);
  response->retry_after = 0;
  g_clear_pointer (&response->headers, g_ptr_array_unref);
  g_clear_pointer (&response->field_errors, g_ptr_array_unref);
  g_clear_pointer (&response->error_members, json_object_unref);
}

/**
 * registry_response_set_json:
 * @builder: a builder that holds one complete value
 */
void
registry_response_set_json (RegistryResponse *response, guint status, JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  char *text = json_to_string (root, FALSE);
  gsize length = strlen (text);

  g_clear_pointer (&response->content_type, g_free);
  g_clear_pointer (&response->body, g_bytes_unref);
  response->status = status;
  response->body = g_bytes_new_take (text, length);
}

/**
 * registry_response_set_bytes:
 * @content_type: the body's media type, e.g. "text/html; charset=utf-8"
 *
 * For answers that are not JSON: pages, images, documents.
 */
void
registry_response_set_bytes (RegistryResponse *response,
                             guint status,
                             const char *content_type,
                             GBytes *body)
{
  g_return_if_fail (content_type != NULL && body != NULL);

  g_free (response->content_type);
  response->content_type = g_strdup (content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  response->body = g_bytes_ref (body);
  response->status = status;
}

/**
 * registry_response_add_header:
 *
 * Adds a header to the answer, e.g. Content-Disposition for a download.
 */
void
registry_response_add_header (RegistryResponse *response, const char *name, const char *value)
{
  if (response->headers == NULL)
    response->headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (response->headers, g_strdup (name));
  g_ptr_array_add (response->headers, g_strdup (value));
}

/* An error of one field as the API spells it. */
static CoreApiError
field_error_code (const GError *error)
{
  if (error->code == CORE_ERROR_BAD_JSON)
    return CORE_API_ERROR_BAD_JSON;
  if (error->code == CORE_ERROR_MISSING_FIELD)
    return CORE_API_ERROR_MISSING_FIELD;
  return CORE_API_ERROR_INVALID_FIELD;
}

/* The API error code of @error and the message to send; the database's own
 * failures are logged and answered without their details. */
static CoreApiError
api_error_of (const GError *error, const char **out_message)
{
  *out_message = error->message;
  if (error->domain == CORE_API_ERROR)
    return (CoreApiError) error->code;
  if (error->domain == CORE_ERROR &&
      (error->code == CORE_ERROR_BAD_JSON || error->code == CORE_ERROR_INVALID_FIELD ||
       error->code == CORE_ERROR_MISSING_FIELD))
    return field_error_code (error);

  g_warning ("database failure: %s", error->message);
  *out_message = NULL;
  if (g_error_matches (error, REGISTRY_ERROR, REGISTRY_ERROR_UNAVAILABLE) ||
      g_error_matches (error, REGISTRY_ERROR, REGISTRY_ERROR_RETRY))
    return CORE_API_ERROR_UNAVAILABLE;
  return CORE_API_ERROR_INTERNAL;
}

static void
add_field_list (JsonBuilder *builder, GPtrArray *field_errors)
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
      json_builder_add_string_value (builder, core_api_error_to_string (field_error_code (e)));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, e->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * registry_error_build_json:
 * @builder: where to add the error object (as a value: set the member name
 *   first)
 * @field_errors: (nullable) (element-type GError): every faulty field, when
 *   @error is about one
 * @members: (nullable): more members for the object
 *
 * Returns: the HTTP status of @error
 */
guint
registry_error_build_json (JsonBuilder *builder,
                           const GError *error,
                           GPtrArray *field_errors,
                           JsonObject *members)
{
  const char *message;
  CoreApiError code = api_error_of (error, &message);
  g_autofree char *field = core_error_get_field (error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, core_api_error_to_string (code));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder,
                                 message != NULL ? message : core_api_error_get_message (code));
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field);
      if (field_errors != NULL && field_errors->len > 0)
        add_field_list (builder, field_errors);
    }
  if (members != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, members);
      while (json_object_iter_next (&iter, &name, &node))
        {
          json_builder_set_member_name (builder, name);
          json_builder_add_value (builder, json_node_copy (node));
        }
    }
  json_builder_end_object (builder);
  return core_api_error_get_http_status (code);
}

/**
 * registry_response_set_from_error:
 *
 * Sets the error answer for @error: a %CORE_API_ERROR with its code's
 * status, a %CORE_ERROR about a body or a field as 400 or 422, anything else
 * (the database failed) as 503 `unavailable` or 500 `internal`. The
 * answer's `retry_after`, `fields` and other members come from what the
 * handler put in @response.
 */
void
registry_response_set_from_error (RegistryResponse *response, const GError *error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (JsonObject) members = NULL;
  guint status;

  if (response->retry_after > 0)
    {
      if (response->error_members == NULL)
        response->error_members = json_object_new ();
      json_object_set_int_member (response->error_members, "retry_after", response->retry_after);
    }
  members = g_steal_pointer (&response->error_members);
  /* so an operator's browser asks for the admin token */
  if (g_error_matches (error, CORE_API_ERROR, CORE_API_ERROR_ADMIN_UNAUTHORIZED))
    registry_response_add_header (response, "WWW-Authenticate",
                                  "Basic realm=\"practitioner-registry\", charset=\"UTF-8\"");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  status = registry_error_build_json (builder, error, response->field_errors, members);
  json_builder_end_object (builder);
  registry_response_set_json (response, status, builder);
}

/**
 * registry_response_set_error:
 * @message: (nullable): what went wrong; %NULL for the code's own message
 *
 * Sets an error answer with @code's HTTP status.
 */
void
registry_response_set_error (RegistryResponse *response, CoreApiError code, const char *message)
{
  g_autoptr (GError) error = g_error_new_literal (
      CORE_API_ERROR, code, message != NULL ? message : core_api_error_get_message (code));

  registry_response_set_from_error (response, error);
}

/**
 * registry_response_fail_fields:
 * @errors: (element-type GError): at least one %CORE_ERROR, each about
 *   one field (or a %CORE_ERROR_BAD_JSON about the whole body)
 * @error: set to the first of @errors
 *
 * For a handler that checked a body itself: keeps every problem for the
 * answer's `fields`.
 *
 * Returns: %FALSE, always, for `return registry_response_fail_fields (…);`
 */
gboolean
registry_response_fail_fields (RegistryResponse *response, GPtrArray *errors, GError **error)
{
  g_return_val_if_fail (errors != NULL && errors->len > 0, FALSE);

  g_clear_pointer (&response->field_errors, g_ptr_array_unref);
  response->field_errors = g_ptr_array_ref (errors);
  g_propagate_error (error, g_error_copy (g_ptr_array_index (errors, 0)));
  return FALSE;
}

/**
 * registry_response_set_error_member_int:
 *
 * Adds a member to the error object of the answer, e.g. `attempts_left`.
 */
void
registry_response_set_error_member_int (RegistryResponse *response, const char *name, gint64 value)
{
  if (response->error_members == NULL)
    response->error_members = json_object_new ();
  json_object_set_int_member (response->error_members, name, value);
}

/**
 * registry_response_set_error_member:
 * @value: (transfer full): the member's value
 *
 * Adds a member to the error object of the answer, e.g. the current record
 * of a `conflict`.
 */
void
registry_response_set_error_member (RegistryResponse *response, const char *name, JsonNode *value)
{
  if (response->error_members == NULL)
    response->error_members = json_object_new ();
  json_object_set_member (response->error_members, name, value);
}

/**
 * registry_response_refuse:
 *
 * For a handler whose subject refused the request with a verdict: sets
 * @error to the verdict's code, and the answer's Retry-After and
 * `attempts_left` where the verdict has them.
 *
 * Returns: %FALSE, always, for `return registry_response_refuse (…);`
 */
gboolean
registry_response_refuse (RegistryResponse *response,
                          const RegistryVerdict *verdict,
                          GError **error)
{
  g_return_val_if_fail (verdict->refused, FALSE);

  response->retry_after = verdict->retry_after;
  if (verdict->code == CORE_API_ERROR_CODE_WRONG)
    registry_response_set_error_member_int (response, "attempts_left", verdict->attempts_left);
  g_set_error_literal (error, CORE_API_ERROR, verdict->code,
                       core_api_error_get_message (verdict->code));
  return FALSE;
}
