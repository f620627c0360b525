/* registry-api-signature-forms.c: the signature form's status and signed scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "registry-api-private.h"
#include "registry-attachments.h"
#include "registry-signature-forms.h"
#include "registry-staff-sessions.h"

static gboolean
answer_form (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (RegistryAttachment) attachment = NULL;
  g_autoptr (GError) local_error = NULL;
  RegistrySignatureForm form;

  if (!registry_signature_form_get (request->storage, request->person_id, &form, error))
    return FALSE;
  if (form.attachment_id > 0)
    {
      attachment = registry_attachment_get (request->storage, request->person_id,
                                            form.attachment_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, registry_signature_form_status_to_string (form.status));
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, registry_signature_form_status_label (form.status));
  json_builder_set_member_name (builder, "printed_at");
  if (form.printed_at > 0)
    {
      g_autofree char *text = registry_api_time_text (form.printed_at);
      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "uploaded_at");
  if (form.uploaded_at > 0)
    {
      g_autofree char *text = registry_api_time_text (form.uploaded_at);
      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "staff_confirmed");
  json_builder_add_boolean_value (builder, form.staff_confirmed);
  json_builder_set_member_name (builder, "scan");
  if (attachment != NULL)
    registry_api_add_attachment (builder, attachment);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}

/* GET /v1/me/signature-form: 待打印 / 已打印 / 已上传, with times and scan */
gboolean
registry_api_signature_form_get (RegistryRequest *request,
                                 RegistryResponse *response,
                                 GError **error)
{
  return answer_form (request, response, error);
}

/* POST /v1/me/signature-form/printed: the kiosk printed the form */
gboolean
registry_api_signature_form_printed (RegistryRequest *request,
                                     RegistryResponse *response,
                                     GError **error)
{
  return registry_signature_form_printed (request->storage, request->person_id, request->device_id,
                                          request->now, error) &&
         answer_form (request, response, error);
}

/* POST /v1/me/signature-form/scan: the signed form, scanned. Its QR code
 * must be the person's form's; when it cannot be read, staff of this kiosk
 * may confirm the scan with their session in X-Staff-Session. */
gboolean
registry_api_signature_form_scan (RegistryRequest *request,
                                  RegistryResponse *response,
                                  GError **error)
{
  g_autoptr (RegistryMedia) media = NULL;
  RegistryVerdict verdict = { 0 };
  gint64 staff_id = 0;
  g_autoptr (RegistryAttachment) stored = NULL;

  /* a staff token that is there must be good: a wrong one is no silent "no" */
  if (request->staff_token != NULL)
    {
      g_autofree char *staff = NULL;

      if (!registry_staff_session_resolve (request->storage, request->device_id, request->now,
                                           request->staff_token, 0, &staff_id, &staff, &verdict,
                                           error))
        return FALSE;
      if (verdict.refused)
        return registry_response_refuse (response, &verdict, error);
    }
  media = registry_api_judge_upload (request, TRUE, error);
  if (media == NULL)
    return FALSE;
  if (!registry_signature_form_upload (request->storage, request->person_id, media, staff_id,
                                       request->device_id, request->now, &stored, &verdict, error))
    return FALSE;
  if (verdict.refused)
    return registry_response_refuse (response, &verdict, error);
  registry_api_answer_stored (response, stored, 201);
  return TRUE;
}
