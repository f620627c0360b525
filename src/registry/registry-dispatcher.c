/* registry-dispatcher.c: what every request goes through, around its handler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before a handler runs, on the worker that answers the request: the
 * caller is authenticated at its route's level (the device, then the
 * practitioner's or staff session), the path's parameters are checked, and
 * the body is decoded as the route says. After it, whatever refused the
 * request (the prologue's checks, the handler's GError, a verdict) becomes
 * the one JSON error format with its code's HTTP status and, where a limit
 * was reached, Retry-After. A handler therefore holds only what is its
 * own: it reads its request and writes its answer.
 *
 * A little of this is judged earlier, on the server's main context, from
 * the headers alone (registry_dispatch_check_headers()): a request without
 * the credentials its route needs is refused before its body is read.
 */

#include "config.h"

#include <string.h>

#include "core-error.h"
#include "core-filing.h"
#include "core-json.h"
#include "core-record-kind.h"
#include "idcard-document.h"
#include "registry-admin-tokens.h"
#include "registry-body.h"
#include "registry-clock.h"
#include "registry-devices.h"
#include "registry-dispatcher.h"
#include "registry-sessions.h"
#include "registry-staff-sessions.h"

/* ---- from the headers, on the main context ---- */

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

static gboolean
is_hex_token (const char *text)
{
  gsize n = 0;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isxdigit (text[n]))
    n++;
  return n == REGISTRY_TOKEN_LENGTH && text[n] == '\0';
}

/* An operator's browser sends Basic credentials (any user name, the admin
 * token as the password); scripts send it as a bearer token. */
static char *
admin_token (const char *authorization)
{
  g_autofree guchar *decoded = NULL;
  const char *colon;
  gsize length = 0;

  if (is_hex_token (bearer_token (authorization)))
    return g_strdup (bearer_token (authorization));
  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Basic ", 6) != 0 ||
      strlen (authorization) > 512)
    return NULL;
  authorization += 6;
  while (*authorization == ' ')
    authorization++;
  decoded = g_base64_decode (authorization, &length);
  if (decoded == NULL || memchr (decoded, '\0', length) != NULL)
    return NULL;
  colon = memchr (decoded, ':', length);
  if (colon == NULL)
    return NULL;
  {
    g_autofree char *password =
        g_strndup (colon + 1, length - (gsize) (colon + 1 - (char *) decoded));
    return is_hex_token (password) ? g_steal_pointer (&password) : NULL;
  }
}

/**
 * registry_dispatch_has_device_token:
 * @authorization: (nullable): the Authorization header
 *
 * A check of the form only, cheap enough for the server's main thread.
 * Whether the token belongs to an enrolled device is decided later, with
 * the database.
 *
 * Returns: %TRUE when @authorization is "Bearer" and 64 hex digits
 */
gboolean
registry_dispatch_has_device_token (const char *authorization)
{
  return is_hex_token (bearer_token (authorization));
}

/**
 * registry_dispatch_body_limit:
 * @max_json_body: the server's limit (`--max-body-size`)
 *
 * Returns: the largest body @route takes: its own size for raw bytes, the
 *   server's limit for everything else
 */
gsize
registry_dispatch_body_limit (const RegistryRoute *route, gsize max_json_body)
{
  if (route != NULL && route->body.kind == REGISTRY_BODY_RAW && route->body.max_size > 0)
    return route->body.max_size;
  return max_json_body;
}

/**
 * registry_dispatch_check_headers:
 * @out_error: set to the answer when the request is refused
 *
 * Judges a routed request by its headers, before its body is read: the
 * credentials its route needs must be there in the right form, and a raw
 * body must be of a media type the route takes.
 *
 * Returns: %FALSE when the request is refused
 */
gboolean
registry_dispatch_check_headers (const RegistryRoute *route,
                                 const char *authorization,
                                 const char *session_token,
                                 const char *content_type,
                                 RegistryResponse *out_error)
{
  if (route->auth == REGISTRY_AUTH_ADMIN)
    {
      g_autofree char *token = admin_token (authorization);

      if (token == NULL)
        {
          registry_response_set_error (out_error, CORE_API_ERROR_ADMIN_UNAUTHORIZED, NULL);
          return FALSE;
        }
    }
  else if (route->auth != REGISTRY_AUTH_NONE && !registry_dispatch_has_device_token (authorization))
    {
      registry_response_set_error (out_error, CORE_API_ERROR_UNAUTHORIZED,
                                   "a valid device token is needed (Authorization: Bearer …)");
      return FALSE;
    }
  if (route->auth == REGISTRY_AUTH_PERSON && !is_hex_token (session_token))
    {
      registry_response_set_error (out_error, CORE_API_ERROR_SESSION_INVALID, NULL);
      return FALSE;
    }
  if (route->auth == REGISTRY_AUTH_STAFF && !is_hex_token (session_token))
    {
      registry_response_set_error (out_error, CORE_API_ERROR_STAFF_SESSION_INVALID, NULL);
      return FALSE;
    }
  if (route->body.kind == REGISTRY_BODY_RAW &&
      !registry_body_media_type_accepted (&route->body, content_type))
    {
      registry_response_set_error (out_error, CORE_API_ERROR_UNSUPPORTED_MEDIA_TYPE, NULL);
      return FALSE;
    }
  return TRUE;
}

/* ---- on the worker ---- */

static gboolean
authenticate (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  RegistryAuth auth = request->route->auth;
  RegistryVerdict verdict = { 0 };
  g_autoptr (GError) error_local = NULL;

  if (auth == REGISTRY_AUTH_NONE)
    return TRUE;
  if (auth == REGISTRY_AUTH_ADMIN)
    {
      g_autofree char *token = admin_token (request->authorization);

      /* a device token is never an admin token: it is not in their table */
      if (registry_admin_token_authenticate (request->storage, token, &error_local))
        return TRUE;
      if (g_error_matches (error_local, REGISTRY_ERROR, REGISTRY_ERROR_NOT_FOUND))
        g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_ADMIN_UNAUTHORIZED,
                             core_api_error_get_message (CORE_API_ERROR_ADMIN_UNAUTHORIZED));
      else
        g_propagate_error (error, g_steal_pointer (&error_local));
      return FALSE;
    }

  if (!registry_device_authenticate (request->storage, bearer_token (request->authorization),
                                     &request->device_id, &error_local))
    {
      if (g_error_matches (error_local, REGISTRY_ERROR, REGISTRY_ERROR_NOT_FOUND))
        g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_UNAUTHORIZED,
                             "a valid device token is needed (Authorization: Bearer …)");
      else
        g_propagate_error (error, g_steal_pointer (&error_local));
      return FALSE;
    }

  if (auth == REGISTRY_AUTH_PERSON &&
      !registry_session_touch (request->storage, request->device_id, request->now,
                               request->session_token, &request->person_id, &request->login_phone,
                               &verdict, error))
    return FALSE;
  /* staff calls act now: a session in its filing grace is not enough */
  if (auth == REGISTRY_AUTH_STAFF &&
      !registry_staff_session_resolve (request->storage, request->device_id, request->now,
                                       request->session_token, 0, &request->staff_id,
                                       &request->staff, &verdict, error))
    return FALSE;
  if (verdict.refused)
    return registry_response_refuse (response, &verdict, error);
  return TRUE;
}

/* ---- the path's parameters, checked by name ---- */

static gboolean
fail_field (RegistryResponse *response, const char *field, const char *message, GError **error)
{
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  GError *field_error = NULL;

  core_error_set_field (&field_error, CORE_ERROR_INVALID_FIELD, field, "%s", message);
  g_ptr_array_add (errors, field_error);
  return registry_response_fail_fields (response, errors, error);
}

static gboolean
check_doc_type (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  IdcardDocumentType type;

  if (!idcard_document_type_from_string (registry_request_get_param (request, "doc_type"), &type))
    return fail_field (response, "doc_type", "unknown document type", error);
  return TRUE;
}

/* Normalised, and checked by the rules of the path's doc_type. */
static gboolean
check_doc_number (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autoptr (GError) check_error = NULL;
  g_autofree char *normalized =
      idcard_document_number_normalize (registry_request_get_param (request, "doc_number"));
  IdcardDocumentType type;

  if (!idcard_document_type_from_string (registry_request_get_param (request, "doc_type"), &type))
    return fail_field (response, "doc_number", "needs a doc_type", error);
  if (strlen (normalized) > core_filing_field_get_max_length (CORE_FILING_FIELD_DOC_NUMBER))
    return fail_field (response, "doc_number", "too long", error);
  if (!idcard_document_number_check (type, normalized, &check_error))
    return fail_field (response, "doc_number", check_error->message, error);
  g_hash_table_replace (request->params, g_strdup ("doc_number"), g_steal_pointer (&normalized));
  return TRUE;
}

static gboolean
refuse_not_found (GError **error)
{
  g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_NOT_FOUND,
                       core_api_error_get_message (CORE_API_ERROR_NOT_FOUND));
  return FALSE;
}

/* A record kind of the table; the kinds other authorities provide are read
 * only, whatever the route (405, before any body is read). */
static gboolean
check_kind (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  const CoreRecordKind *kind =
      core_record_kind_lookup (registry_request_get_param (request, "kind"));

  if (kind == NULL)
    return refuse_not_found (error);
  if (!kind->editable && strcmp (request->route->method, "GET") != 0)
    {
      g_free (response->allow);
      response->allow = g_strdup ("GET");
      g_set_error (error, CORE_API_ERROR, CORE_API_ERROR_METHOD_NOT_ALLOWED,
                   "%s records are provided by other authorities and cannot be changed here",
                   kind->name);
      return FALSE;
    }
  return TRUE;
}

/* An id in a path: a positive decimal integer; anything else names nothing. */
static gboolean
check_positive (RegistryRequest *request, const char *name, GError **error)
{
  const char *text = registry_request_get_param (request, name);
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL) || text[0] == '+' ||
      text[0] == '0')
    return refuse_not_found (error);
  return TRUE;
}

/* A record id */
static gboolean
check_id (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  return check_positive (request, "id", error);
}

static gboolean
check_attachment_id (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  return check_positive (request, "attachment_id", error);
}

static gboolean
check_link_id (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  return check_positive (request, "link_id", error);
}

typedef gboolean (*ParamCheck) (RegistryRequest *request,
                                RegistryResponse *response,
                                GError **error);

/* Parameters a route's pattern may name, in the order they are checked;
 * a name not listed here reaches the handler as it came. */
static const struct
{
  const char *name;
  ParamCheck check;
} param_checks[] = {
  { "doc_type", check_doc_type },
  { "doc_number", check_doc_number },
  { "kind", check_kind },
  { "id", check_id },
  { "attachment_id", check_attachment_id },
  { "link_id", check_link_id },
};

static gboolean
check_params (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (param_checks); i++)
    {
      if (g_hash_table_contains (request->params, param_checks[i].name) &&
          !param_checks[i].check (request, response, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- the body ---- */

static gboolean
decode_body (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  const RegistryBody *body = &request->route->body;
  gsize length = 0;
  const char *data = request->body != NULL ? g_bytes_get_data (request->body, &length) : NULL;
  g_autoptr (GPtrArray) errors = NULL;

  switch (body->kind)
    {
      case REGISTRY_BODY_JSON:
      case REGISTRY_BODY_MEMBERS:
        request->json = core_json_parse (data, length, error);
        if (request->json == NULL)
          return FALSE;
        if (body->kind == REGISTRY_BODY_JSON)
          return TRUE;
        errors = registry_body_decode_members (request->json, body->members, &request->members);
        if (errors->len > 0)
          return registry_response_fail_fields (response, errors, error);
        return TRUE;
      case REGISTRY_BODY_RAW:
        /* the server judged both from the headers; this is a second look */
        if (body->max_size > 0 && length > body->max_size)
          {
            g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_PAYLOAD_TOO_LARGE,
                                 core_api_error_get_message (CORE_API_ERROR_PAYLOAD_TOO_LARGE));
            return FALSE;
          }
        if (!registry_body_media_type_accepted (body, request->content_type))
          {
            g_set_error_literal (
                error, CORE_API_ERROR, CORE_API_ERROR_UNSUPPORTED_MEDIA_TYPE,
                core_api_error_get_message (CORE_API_ERROR_UNSUPPORTED_MEDIA_TYPE));
            return FALSE;
          }
        return TRUE;
      case REGISTRY_BODY_NONE:
      default:
        return TRUE;
    }
}

/**
 * registry_dispatch:
 * @request: a routed request, with its headers and body
 * @storage: the worker's database connection
 * @response: (out caller-allocates): the answer
 *
 * Answers @request on a worker thread: authenticates it at its route's
 * level, checks its path parameters, decodes its body, calls the route's
 * handler and turns any refusal into the API's error answer.
 */
void
registry_dispatch (RegistryRequest *request, RegistryStorage *storage, RegistryResponse *response)
{
  g_autoptr (GError) error = NULL;

  request->storage = storage;
  request->now = registry_clock_now (request->api->clock_file);

  if (authenticate (request, response, &error) && check_params (request, response, &error) &&
      decode_body (request, response, &error) &&
      request->route->handler (request, response, &error))
    {
      if (response->status != 0)
        return;
      g_critical ("the handler of %s %s gave no answer", request->route->method,
                  request->route->pattern);
      g_set_error_literal (&error, CORE_API_ERROR, CORE_API_ERROR_INTERNAL,
                           core_api_error_get_message (CORE_API_ERROR_INTERNAL));
    }
  if (error == NULL)
    g_set_error_literal (&error, CORE_API_ERROR, CORE_API_ERROR_INTERNAL,
                         core_api_error_get_message (CORE_API_ERROR_INTERNAL));
  registry_response_set_from_error (response, error);
}
