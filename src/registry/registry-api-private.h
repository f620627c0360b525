/* registry-api-private.h: the handlers of the routes, and what they share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each subject's handlers live in registry-api-SUBJECT.c, next to the
 * subject's rows in registry-SUBJECT.c; the table that names them is
 * registry-api.c.
 */

#pragma once

#include "registry-api.h"
#include "registry-attachments.h"
#include "registry-media.h"
#include "registry-request.h"

G_BEGIN_DECLS

/* registry-api-health.c */
gboolean registry_api_health (RegistryRequest *request, RegistryResponse *response, GError **error);

/* registry-api-fleet.c */
gboolean registry_api_device_health_put (RegistryRequest *request,
                                         RegistryResponse *response,
                                         GError **error);
gboolean
registry_api_fleet_get (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean
registry_api_fleet_page (RegistryRequest *request, RegistryResponse *response, GError **error);

/* registry-api-filings.c */
gboolean registry_api_file (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean
registry_api_file_batch (RegistryRequest *request, RegistryResponse *response, GError **error);

/* registry-api-persons.c */
gboolean
registry_api_person_state (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean registry_api_person_phone_check (RegistryRequest *request,
                                          RegistryResponse *response,
                                          GError **error);
gboolean registry_api_person_set_phone (RegistryRequest *request,
                                        RegistryResponse *response,
                                        GError **error);
gboolean registry_api_add_person (RegistryRequest *request,
                                  JsonBuilder *builder,
                                  const char *person_id,
                                  const char *login_phone,
                                  GError **error);

/* registry-api-captchas.c */
gboolean
registry_api_captcha_new (RegistryRequest *request, RegistryResponse *response, GError **error);

/* registry-api-sms-codes.c */
gboolean
registry_api_sms_code_send (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean
registry_api_register (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean registry_api_log_in (RegistryRequest *request, RegistryResponse *response, GError **error);

/* registry-api-sessions.c */
gboolean
registry_api_session_current (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean
registry_api_log_out (RegistryRequest *request, RegistryResponse *response, GError **error);

/* registry-api-staff-sessions.c */
gboolean
registry_api_staff_sign_in (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean
registry_api_staff_sign_out (RegistryRequest *request, RegistryResponse *response, GError **error);

/* registry-api-records.c */
gboolean
registry_api_record_kinds (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean
registry_api_dictionaries (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean registry_api_me (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean
registry_api_records_list (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean
registry_api_record_get (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean
registry_api_record_add (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean
registry_api_record_update (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean
registry_api_record_delete (RegistryRequest *request, RegistryResponse *response, GError **error);
/* registry-api-attachments.c */
gboolean
registry_api_attachment_get (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean registry_api_attachment_thumbnail (RegistryRequest *request,
                                            RegistryResponse *response,
                                            GError **error);
gboolean registry_api_attachment_delete (RegistryRequest *request,
                                         RegistryResponse *response,
                                         GError **error);
char *registry_api_time_text (gint64 us);
void registry_api_add_attachment (JsonBuilder *builder, RegistryAttachment *attachment);
void registry_api_answer_stored (RegistryResponse *response,
                                 RegistryAttachment *attachment,
                                 guint status);
gboolean registry_api_answer_attachment (RegistryRequest *request,
                                         RegistryResponse *response,
                                         const char *person_id,
                                         gint64 id,
                                         guint status,
                                         GError **error);
RegistryMedia *
registry_api_judge_upload (RegistryRequest *request, gboolean read_qr, GError **error);
gboolean registry_api_record_attachments_list (RegistryRequest *request,
                                               RegistryResponse *response,
                                               GError **error);
gboolean registry_api_record_attachment_add (RegistryRequest *request,
                                             RegistryResponse *response,
                                             GError **error);
gboolean registry_api_check_record (RegistryRequest *request,
                                    const char *kind,
                                    gint64 record_id,
                                    GError **error);

/* registry-api-signature-forms.c */
gboolean registry_api_signature_form_get (RegistryRequest *request,
                                          RegistryResponse *response,
                                          GError **error);
gboolean registry_api_signature_form_printed (RegistryRequest *request,
                                              RegistryResponse *response,
                                              GError **error);
gboolean registry_api_signature_form_scan (RegistryRequest *request,
                                           RegistryResponse *response,
                                           GError **error);

/* registry-api-upload-links.c */
extern const char *const registry_api_phone_upload_types[];
gboolean registry_api_upload_link_create (RegistryRequest *request,
                                          RegistryResponse *response,
                                          GError **error);
gboolean registry_api_upload_link_status (RegistryRequest *request,
                                          RegistryResponse *response,
                                          GError **error);
gboolean registry_api_upload_link_pending_scan (RegistryRequest *request,
                                                RegistryResponse *response,
                                                GError **error);
gboolean
registry_api_upload_page (RegistryRequest *request, RegistryResponse *response, GError **error);
gboolean registry_api_upload_page_post (RegistryRequest *request,
                                        RegistryResponse *response,
                                        GError **error);

G_END_DECLS
