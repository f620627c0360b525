/* registry-api-persons.c: a person's state, basic information, login phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-privacy.h"
#include "registry-api-private.h"
#include "registry-persons.h"
#include "registry-phone-checks.h"

/* GET /v1/persons/{doc_type}/{doc_number}/state: filed or not,
 * for the kiosk to say which way a person goes. */
gboolean
registry_api_person_state (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autoptr (JsonBuilder) builder = NULL;
  RegistryPersonState state;

  if (!registry_person_get_state (
          request->storage, registry_request_get_param (request, "doc_type"),
          registry_request_get_param (request, "doc_number"), &state, error))
    return FALSE;
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, registry_person_state_to_string (state));
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}

/* What filing a phone would do, before (or while) the filing travels: the
 * kiosk's confirmation says whether the person can log in with it. The
 * number on record is not in the answer, not even masked: with seven of its
 * digits, a stolen device token could try the other four one by one. A
 * device may ask only so often: each answer still says whether a phone is
 * bound to someone. */
gboolean
registry_api_person_phone_check (RegistryRequest *request,
                                 RegistryResponse *response,
                                 GError **error)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree char *login_phone = NULL;
  RegistryVerdict verdict = { 0 };
  RegistryPhoneCheck check;

  if (!registry_phone_check_count (request->storage, request->device_id, request->now, &verdict,
                                   error))
    return FALSE;
  if (verdict.refused)
    return registry_response_refuse (response, &verdict, error);
  if (!registry_person_check_phone (
          request->storage, registry_request_get_param (request, "doc_type"),
          registry_request_get_param (request, "doc_number"),
          registry_request_get_member (request, "phone"), &check, &login_phone, error))
    return FALSE;
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "phone");
  json_builder_add_string_value (builder, registry_phone_check_to_string (check));
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}

/**
 * registry_api_add_person:
 * @login_phone: (nullable): the phone the session was opened with
 *
 * Adds the person's basic information as a member "person".
 */
gboolean
registry_api_add_person (RegistryRequest *request,
                         JsonBuilder *builder,
                         const char *person_id,
                         const char *login_phone,
                         GError **error)
{
  g_autoptr (RegistryRows) rows = registry_person_get_basic (request->storage, person_id, error);

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

/* PUT /v1/staff/persons/{doc_type}/{doc_number}/phone: staff at the window
 * change a person's login phone, under a live staff session (checked before
 * anything is said about the document). */
gboolean
registry_api_person_set_phone (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  const char *phone = registry_request_get_member (request, "phone");
  RegistryVerdict verdict = { 0 };
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree char *person_id = NULL;
  g_autofree char *masked = NULL;

  if (!registry_login_phone_set (request->storage, registry_request_get_param (request, "doc_type"),
                                 registry_request_get_param (request, "doc_number"), phone,
                                 request->staff, request->device_id, request->now, &person_id,
                                 &verdict, error))
    return FALSE;
  if (verdict.refused)
    return registry_response_refuse (response, &verdict, error);
  masked = core_mask_phone (phone);
  g_message ("staff %s changed the login phone of person %s to %s", request->staff, person_id,
             masked);
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "person_id");
  json_builder_add_string_value (builder, person_id);
  json_builder_set_member_name (builder, "login_phone");
  json_builder_add_string_value (builder, phone);
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}
