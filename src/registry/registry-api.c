/* registry-api.c: the registry's HTTP API: its routes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every route of the API is one row here: method, path pattern, what the
 * caller must show, what the body is, and the handler that answers. The
 * router (registry-router.c) finds the row, the dispatcher
 * (registry-dispatcher.c) checks the caller and decodes the body as the row
 * says, and the handler (registry-api-SUBJECT.c) does the rest. To add a
 * route, add its row and write its handler; docs/architecture.md shows one.
 */

#include "config.h"

#include "registry-api-private.h"

static const char *const purposes[] = { "register", "login", NULL };

/* POST /v1/sms/send */
static const RegistryMember sms_send_members[] = {
  { "purpose", REGISTRY_MEMBER_CHOICE, 16, purposes },
  { "doc_type", REGISTRY_MEMBER_DOC_TYPE, 32, NULL },
  { "doc_number", REGISTRY_MEMBER_DOC_NUMBER, 64, NULL },
  { "phone", REGISTRY_MEMBER_PHONE, 16, NULL },
  { "captcha_id", REGISTRY_MEMBER_UUID, 64, NULL },
  { "captcha_answer", REGISTRY_MEMBER_TEXT, 64, NULL },
  { NULL },
};

/* POST /v1/registrations and /v1/sessions */
static const RegistryMember code_members[] = {
  { "doc_type", REGISTRY_MEMBER_DOC_TYPE, 32, NULL },
  { "doc_number", REGISTRY_MEMBER_DOC_NUMBER, 64, NULL },
  { "phone", REGISTRY_MEMBER_PHONE, 16, NULL },
  { "code", REGISTRY_MEMBER_CODE, 16, NULL },
  { NULL },
};

/* POST /v1/staff/sessions */
static const RegistryMember staff_members[] = {
  { "user", REGISTRY_MEMBER_TEXT, 256, NULL },
  { "password", REGISTRY_MEMBER_TEXT, 1024, NULL },
  { NULL },
};

/* PUT /v1/staff/persons/{doc_type}/{doc_number}/phone */
static const RegistryMember phone_members[] = {
  { "phone", REGISTRY_MEMBER_PHONE, 16, NULL },
  { NULL },
};

/* attachments and scans: the bytes decide the type (registry-media.c) */
static const char *const scan_types[] = { "image/jpeg", "image/png", "application/pdf", NULL };

static const RegistryRoute routes[] = {
  { "GET", "/v1/health", REGISTRY_AUTH_NONE, REGISTRY_NO_BODY, registry_api_health },
  /* filings */
  { "POST", "/v1/filings", REGISTRY_AUTH_DEVICE, REGISTRY_JSON_BODY, registry_api_file },
  { "POST", "/v1/filings:batch", REGISTRY_AUTH_DEVICE, REGISTRY_JSON_BODY,
    registry_api_file_batch },
  { "GET", "/v1/persons/{doc_type}/{doc_number}/state", REGISTRY_AUTH_DEVICE, REGISTRY_NO_BODY,
    registry_api_person_state },
  { "POST", "/v1/persons/{doc_type}/{doc_number}/phone-check", REGISTRY_AUTH_DEVICE,
    REGISTRY_MEMBERS_BODY (phone_members), registry_api_person_phone_check },
  /* registration and login */
  { "GET", "/v1/captcha", REGISTRY_AUTH_DEVICE, REGISTRY_NO_BODY, registry_api_captcha_new },
  { "POST", "/v1/sms/send", REGISTRY_AUTH_DEVICE, REGISTRY_MEMBERS_BODY (sms_send_members),
    registry_api_sms_code_send },
  { "POST", "/v1/registrations", REGISTRY_AUTH_DEVICE, REGISTRY_MEMBERS_BODY (code_members),
    registry_api_register },
  { "POST", "/v1/sessions", REGISTRY_AUTH_DEVICE, REGISTRY_MEMBERS_BODY (code_members),
    registry_api_log_in },
  { "GET", "/v1/sessions/current", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY,
    registry_api_session_current },
  { "DELETE", "/v1/sessions/current", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY,
    registry_api_log_out },
  /* staff */
  { "POST", "/v1/staff/sessions", REGISTRY_AUTH_DEVICE, REGISTRY_MEMBERS_BODY (staff_members),
    registry_api_staff_sign_in },
  { "DELETE", "/v1/staff/sessions/current", REGISTRY_AUTH_STAFF, REGISTRY_NO_BODY,
    registry_api_staff_sign_out },
  { "PUT", "/v1/staff/persons/{doc_type}/{doc_number}/phone", REGISTRY_AUTH_STAFF,
    REGISTRY_MEMBERS_BODY (phone_members), registry_api_person_set_phone },
  /* fleet health: kiosks report, operators look */
  { "PUT", "/v1/devices/current/health", REGISTRY_AUTH_DEVICE, REGISTRY_JSON_BODY,
    registry_api_device_health_put },
  { "GET", "/v1/fleet", REGISTRY_AUTH_ADMIN, REGISTRY_NO_BODY, registry_api_fleet_get },
  { "GET", "/fleet", REGISTRY_AUTH_ADMIN, REGISTRY_NO_BODY, registry_api_fleet_page },
  /* practice information: every kind of core-record-kind.c */
  { "GET", "/v1/record-kinds", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY, registry_api_record_kinds },
  { "GET", "/v1/dictionaries", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY, registry_api_dictionaries },
  { "GET", "/v1/me", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY, registry_api_me },
  { "GET", "/v1/me/{kind}", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY, registry_api_records_list },
  { "POST", "/v1/me/{kind}", REGISTRY_AUTH_PERSON, REGISTRY_JSON_BODY, registry_api_record_add },
  { "GET", "/v1/me/{kind}/{id}", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY, registry_api_record_get },
  { "PUT", "/v1/me/{kind}/{id}", REGISTRY_AUTH_PERSON, REGISTRY_JSON_BODY,
    registry_api_record_update },
  { "DELETE", "/v1/me/{kind}/{id}", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY,
    registry_api_record_delete },
  /* attachments */
  { "GET", "/v1/me/attachments/{attachment_id}", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY,
    registry_api_attachment_get },
  { "DELETE", "/v1/me/attachments/{attachment_id}", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY,
    registry_api_attachment_delete },
  { "GET", "/v1/me/{kind}/{id}/attachments", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY,
    registry_api_record_attachments_list },
  { "POST", "/v1/me/{kind}/{id}/attachments", REGISTRY_AUTH_PERSON,
    REGISTRY_RAW_BODY (REGISTRY_MEDIA_MAX_SIZE, scan_types), registry_api_record_attachment_add },
  { "GET", "/v1/me/attachments/{attachment_id}/thumbnail", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY,
    registry_api_attachment_thumbnail },
  /* the signature form */
  { "GET", "/v1/me/signature-form", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY,
    registry_api_signature_form_get },
  { "POST", "/v1/me/signature-form/printed", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY,
    registry_api_signature_form_printed },
  { "POST", "/v1/me/signature-form/scan", REGISTRY_AUTH_PERSON,
    REGISTRY_RAW_BODY (REGISTRY_MEDIA_MAX_SIZE, scan_types), registry_api_signature_form_scan },
  /* uploads from a phone */
  { "POST", "/v1/me/upload-links", REGISTRY_AUTH_PERSON, REGISTRY_JSON_BODY,
    registry_api_upload_link_create },
  { "GET", "/v1/me/upload-links/{link_id}", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY,
    registry_api_upload_link_status },
  { "GET", "/v1/me/upload-links/{link_id}/pending-scan", REGISTRY_AUTH_PERSON, REGISTRY_NO_BODY,
    registry_api_upload_link_pending_scan },
  { "GET", "/u/{token}", REGISTRY_AUTH_NONE, REGISTRY_NO_BODY, registry_api_upload_page },
  { "POST", "/u/{token}", REGISTRY_AUTH_NONE,
    REGISTRY_RAW_BODY (REGISTRY_MEDIA_MAX_SIZE, registry_api_phone_upload_types),
    registry_api_upload_page_post },
};

/**
 * registry_api_get_routes:
 * @n_routes: (out): how many
 *
 * Returns: (array length=n_routes): every route of the API
 */
const RegistryRoute *
registry_api_get_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
