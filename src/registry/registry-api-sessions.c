/* registry-api-sessions.c: a practitioner's session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "registry-api-private.h"
#include "registry-sessions.h"

/* GET /v1/sessions/current: the session (the dispatcher has just extended
 * it) and the person's basic information. */
gboolean
registry_api_session_current (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, REGISTRY_SESSION_LIFETIME_S);
  if (!registry_api_add_person (request, builder, request->person_id, request->login_phone, error))
    return FALSE;
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}

/* DELETE /v1/sessions/current: the session stops working at once, on every
 * process. */
gboolean
registry_api_log_out (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  RegistryVerdict verdict = { 0 };
  g_autoptr (JsonBuilder) builder = NULL;

  if (!registry_session_end (request->storage, request->device_id, request->now,
                             request->session_token, &verdict, error))
    return FALSE;
  if (verdict.refused)
    return registry_response_refuse (response, &verdict, error);
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "logged_out");
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}
