/* registry-api-staff-sessions.c: staff sign in and out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "registry-api-private.h"
#include "registry-staff-sessions.h"

/* POST /v1/staff/sessions: a staff session for the right password. */
gboolean
registry_api_staff_sign_in (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  const char *user = registry_request_get_member (request, "user");
  RegistryVerdict verdict = { 0 };
  g_autoptr (JsonBuilder) builder = NULL;
  char *token = NULL;

  if (!registry_staff_login (request->storage, request->device_id, request->now, user,
                             registry_request_get_member (request, "password"), &token, &verdict,
                             error))
    return FALSE;
  if (verdict.refused)
    return registry_response_refuse (response, &verdict, error);
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "staff");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "staff_session");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, REGISTRY_STAFF_SESSION_LIFETIME_S);
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  sodium_memzero (token, strlen (token));
  g_free (token);
  return TRUE;
}

/* DELETE /v1/staff/sessions/current: signs out at once, on every process;
 * only the kiosk that holds the session can. */
gboolean
registry_api_staff_sign_out (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  RegistryVerdict verdict = { 0 };
  g_autoptr (JsonBuilder) builder = NULL;

  if (!registry_staff_session_end (request->storage, request->device_id, request->now,
                                   request->session_token, &verdict, error))
    return FALSE;
  if (verdict.refused)
    return registry_response_refuse (response, &verdict, error);
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "signed_out");
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}
