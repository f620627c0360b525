/* registry-response.h: one answer of the registry, whatever it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "core-api-error.h"
#include "registry-verdict.h"

G_BEGIN_DECLS

/**
 * RegistryResponse:
 * @status: the HTTP status; 0 until something is set
 * @content_type: (nullable): the body's media type; %NULL for JSON
 * @body: (nullable): the body
 * @allow: (nullable): the Allow header of a 405
 * @retry_after: seconds, for a Retry-After header (and an error's
 *   `retry_after` member); 0 for none
 * @headers: (nullable) (element-type utf8): more headers, as name, value, …
 * @field_errors: (nullable) (element-type GError): every faulty field of a
 *   refused body, for the error's `fields`
 * @error_members: (nullable): more members of the error object, such as
 *   `attempts_left`
 *
 * Handlers fill it in on a worker thread; the server sends it on its main
 * context. Nothing in it is JSON-only: an HTML page or image bytes are a
 * body with their media type.
 */
typedef struct
{
  guint status;
  char *content_type;
  GBytes *body;
  char *allow;
  gint64 retry_after;
  GPtrArray *headers;
  GPtrArray *field_errors;
  JsonObject *error_members;
} RegistryResponse;

void registry_response_clear (RegistryResponse *response);

void registry_response_set_json (RegistryResponse *response, guint status, JsonBuilder *builder);
void registry_response_set_bytes (RegistryResponse *response,
                                  guint status,
                                  const char *content_type,
                                  GBytes *body);
void registry_response_add_header (RegistryResponse *response, const char *name, const char *value);

void
registry_response_set_error (RegistryResponse *response, CoreApiError code, const char *message);
void registry_response_set_from_error (RegistryResponse *response, const GError *error);
gboolean
registry_response_fail_fields (RegistryResponse *response, GPtrArray *errors, GError **error);
gboolean registry_response_refuse (RegistryResponse *response,
                                   const RegistryVerdict *verdict,
                                   GError **error);
void
registry_response_set_error_member_int (RegistryResponse *response, const char *name, gint64 value);
void
registry_response_set_error_member (RegistryResponse *response, const char *name, JsonNode *value);

guint registry_error_build_json (JsonBuilder *builder,
                                 const GError *error,
                                 GPtrArray *field_errors,
                                 JsonObject *members);

G_END_DECLS
