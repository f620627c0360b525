/* registry-api-sms-codes.c: sending a code, and redeeming it (R-2.2, R-3, R-G1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "core-privacy.h"
#include "registry-api-private.h"
#include "registry-sessions.h"
#include "registry-sms-codes.h"

static RegistryCodeRequest
code_request_of (RegistryRequest *request, RegistryPurpose purpose)
{
  RegistryCodeRequest code_request = {
    .purpose = purpose,
    .doc_type = registry_request_get_member (request, "doc_type"),
    .doc_number = registry_request_get_member (request, "doc_number"),
    .phone = registry_request_get_member (request, "phone"),
  };

  return code_request;
}

/* POST /v1/sms/send: spends the captcha, applies the rules of the purpose
 * and the limits, and sends a new code by SMS. */
gboolean
registry_api_sms_code_send (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  const RegistryApiContext *api = request->api;
  const char *purpose = registry_request_get_member (request, "purpose");
  RegistryCodeRequest code_request =
      code_request_of (request, g_strcmp0 (purpose, "login") == 0 ? REGISTRY_PURPOSE_LOGIN
                                                                  : REGISTRY_PURPOSE_REGISTER);
  RegistryVerdict verdict = { 0 };
  g_autoptr (GError) send_error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree char *masked_id = NULL;
  g_autofree char *masked_phone = NULL;
  char *code = NULL;
  char *text = NULL;
  gint64 code_id = 0;
  gboolean sent;

  code_request.captcha_id = registry_request_get_member (request, "captcha_id");
  code_request.captcha_answer = registry_request_get_member (request, "captcha_answer");
  if (api->sms == NULL)
    {
      g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_SMS_FAILED,
                           "this registry has no SMS gateway configured");
      return FALSE;
    }
  if (!registry_sms_code_issue (request->storage, api->key, request->device_id, request->now,
                                &code_request, &code, &code_id, &verdict, error))
    return FALSE;
  masked_id = core_mask_id_number (code_request.doc_number);
  masked_phone = core_mask_phone (code_request.phone);
  if (verdict.refused)
    {
      g_debug ("no %s code for %s at %s: %s", purpose, masked_id, masked_phone,
               core_api_error_to_string (verdict.code));
      return registry_response_refuse (response, &verdict, error);
    }

  text = g_strdup_printf ("【从业人员服务】您的验证码为%s，%d秒内有效，请勿泄露。", code,
                          REGISTRY_CODE_LIFETIME_S);
  sent = registry_sms_gateway_send (api->sms, code_request.phone, text, request->now, &send_error);
  sodium_memzero (text, strlen (text));
  sodium_memzero (code, strlen (code));
  g_free (text);
  g_free (code);
  if (!sent)
    {
      g_autoptr (GError) withdraw_error = NULL;
      g_warning ("sending a code to %s failed: %s", masked_phone, send_error->message);
      /* a code the gateway did not take counts for no limit */
      if (!registry_sms_code_withdraw (request->storage, code_id, &withdraw_error))
        g_warning ("withdrawing an unsent code: %s", withdraw_error->message);
      g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_SMS_FAILED,
                           "the SMS gateway did not take the message; try again later");
      return FALSE;
    }
  g_debug ("code sent for %s to %s", masked_id, masked_phone);

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, REGISTRY_CODE_LIFETIME_S);
  json_builder_set_member_name (builder, "resend_after");
  json_builder_add_int_value (builder, REGISTRY_SMS_COOLDOWN_S);
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}

/* A right code registers the person (or logs them in) and opens a session. */
static gboolean
redeem (RegistryRequest *request,
        RegistryResponse *response,
        RegistryPurpose purpose,
        GError **error)
{
  RegistryCodeRequest code_request = code_request_of (request, purpose);
  RegistryVerdict verdict = { 0 };
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree char *token = NULL;
  g_autofree char *person_id = NULL;

  code_request.code = registry_request_get_member (request, "code");
  if (!registry_sms_code_redeem (request->storage, request->api->key, request->device_id,
                                 request->now, &code_request, &token, &person_id, &verdict, error))
    return FALSE;
  if (verdict.refused)
    return registry_response_refuse (response, &verdict, error);
  g_debug ("%s: session opened for person %s",
           purpose == REGISTRY_PURPOSE_REGISTER ? "registered" : "logged in", person_id);

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "session_token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, REGISTRY_SESSION_LIFETIME_S);
  if (!registry_api_add_person (request, builder, person_id, code_request.phone, error))
    return FALSE;
  json_builder_end_object (builder);
  registry_response_set_json (response, purpose == REGISTRY_PURPOSE_REGISTER ? 201 : 200, builder);
  return TRUE;
}

/* POST /v1/registrations */
gboolean
registry_api_register (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  return redeem (request, response, REGISTRY_PURPOSE_REGISTER, error);
}

/* POST /v1/sessions */
gboolean
registry_api_log_in (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  return redeem (request, response, REGISTRY_PURPOSE_LOGIN, error);
}
