/* registry-api-upload-links.c: phone upload links and the page they open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk asks for a link (POST /v1/me/upload-links) and shows it as a QR
 * code; the phone opens GET /u/{token}, a small page in Chinese (plain HTML
 * and a little JavaScript, served from the registry's resources) that
 * uploads to POST /u/{token}; the kiosk asks GET /v1/me/upload-links/{id}
 * every second or so until the link says "uploaded". The page posts to its
 * own address, so it works behind the front proxy over HTTPS unchanged.
 *
 * A signed form whose QR code cannot be read is answered 202 on the phone
 * and kept with the link, which says "needs_staff"; the kiosk fetches it
 * (GET /v1/me/upload-links/{link_id}/pending-scan) and has staff confirm it
 * through POST /v1/me/signature-form/scan, which uses the link.
 */

#include "config.h"

#include <gio/gio.h>

#include "core-error.h"
#include "core-record-kind.h"
#include "registry-api-private.h"
#include "registry-attachments.h"
#include "registry-resources.h"
#include "registry-upload-links.h"

#define PAGES "/org/practitioner/Registry/pages/"

/* Phones send what the browser guessed, or nothing useful: the bytes decide
 * (registry-media.c), so any of these is let in. */
const char *const registry_api_phone_upload_types[] = {
  "image/jpeg", "image/png", "application/pdf", "application/octet-stream", NULL,
};

static gboolean
fail_target (RegistryResponse *response, const char *message, GError **error)
{
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  GError *field_error = NULL;

  core_error_set_field (&field_error, CORE_ERROR_INVALID_FIELD, "target", "%s", message);
  g_ptr_array_add (errors, field_error);
  return registry_response_fail_fields (response, errors, error);
}

/* {"target": {"kind": "signature-form"}} or {"target": {"kind": KIND, "id": N}} */
static gboolean
read_target (RegistryRequest *request,
             RegistryResponse *response,
             const char **out_section,
             gint64 *out_record_id,
             GError **error)
{
  JsonObject *body =
      JSON_NODE_HOLDS_OBJECT (request->json) ? json_node_get_object (request->json) : NULL;
  JsonNode *target = body != NULL ? json_object_get_member (body, "target") : NULL;
  JsonObject *object;
  JsonNode *kind;
  JsonNode *id;
  const CoreRecordKind *record_kind;

  if (body == NULL)
    {
      g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_JSON, "the body is a JSON object");
      return FALSE;
    }
  if (json_object_get_size (body) != 1 || target == NULL || !JSON_NODE_HOLDS_OBJECT (target))
    return fail_target (response, "the body is {\"target\": {\"kind\": …, \"id\": …}}", error);
  object = json_node_get_object (target);
  kind = json_object_get_member (object, "kind");
  id = json_object_get_member (object, "id");
  if (kind == NULL || json_node_get_value_type (kind) != G_TYPE_STRING)
    return fail_target (response, "kind must be a string", error);
  if (g_strcmp0 (json_node_get_string (kind), REGISTRY_SECTION_SIGNATURE_FORM) == 0)
    {
      if (json_object_get_size (object) != 1)
        return fail_target (response, "the signature form takes no id", error);
      *out_section = REGISTRY_SECTION_SIGNATURE_FORM;
      *out_record_id = 0;
      return TRUE;
    }
  record_kind = core_record_kind_lookup (json_node_get_string (kind));
  if (record_kind == NULL || !record_kind->attachments)
    return fail_target (response, "no attachments can be added to this kind", error);
  if (id == NULL || json_object_get_size (object) != 2 ||
      json_node_get_value_type (id) != G_TYPE_INT64 || json_node_get_int (id) < 1)
    return fail_target (response, "a record's id is a positive integer", error);
  *out_section = record_kind->name;
  *out_record_id = json_node_get_int (id);
  return registry_api_check_record (request, record_kind->name, *out_record_id, error);
}

static char *
link_url (RegistryRequest *request, const char *token)
{
  if (request->api->public_url != NULL)
    return g_strconcat (request->api->public_url, "/u/", token, NULL);
  /* unconfigured: where this request came to, which a phone on the same
   * network reaches only if that is not loopback (see registry.md) */
  return g_strconcat ("http://", request->host != NULL ? request->host : "localhost", "/u/", token,
                      NULL);
}

static void
add_link (JsonBuilder *builder, RegistryUploadLink *link, gint64 now)
{
  RegistryUploadLinkStatus status = registry_upload_link_get_status (link, now);
  g_autofree char *expires = registry_api_time_text (link->expires_at);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, link->id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, registry_upload_link_status_to_string (status));
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (
      builder, status == REGISTRY_UPLOAD_LINK_WAITING || status == REGISTRY_UPLOAD_LINK_NEEDS_STAFF
                   ? (link->expires_at - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC
                   : 0);
  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, link->section);
  if (link->record_id > 0)
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, link->record_id);
    }
  json_builder_end_object (builder);
}

/* POST /v1/me/upload-links: a one-time link for the session's person, for
 * one target, bound to this kiosk */
gboolean
registry_api_upload_link_create (RegistryRequest *request,
                                 RegistryResponse *response,
                                 GError **error)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (RegistryUploadLink) link = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *section = NULL;
  gint64 record_id = 0;
  gint64 id = 0;

  if (!read_target (request, response, &section, &record_id, error))
    return FALSE;
  if (!registry_upload_link_create (request->storage, request->person_id, request->device_id,
                                    section, record_id, request->now, &token, &id, error))
    return FALSE;
  link = registry_upload_link_get (request->storage, request->person_id, request->device_id, id,
                                   request->now, &local_error);
  if (link == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_INTERNAL,
                             "the new link is not there");
      return FALSE;
    }
  url = link_url (request, token);
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  add_link (builder, link, request->now);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_end_object (builder);
  registry_response_set_json (response, 201, builder);
  return TRUE;
}

/* GET /v1/me/upload-links/{link_id}: waiting, needs_staff, uploaded (with
 * the file) or expired; the kiosk that made the link asks this about once
 * a second */
gboolean
registry_api_upload_link_status (RegistryRequest *request,
                                 RegistryResponse *response,
                                 GError **error)
{
  gint64 id = g_ascii_strtoll (registry_request_get_param (request, "link_id"), NULL, 10);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (RegistryUploadLink) link = registry_upload_link_get (
      request->storage, request->person_id, request->device_id, id, request->now, &local_error);
  g_autoptr (RegistryAttachment) attachment = NULL;
  g_autoptr (JsonBuilder) builder = NULL;

  if (link != NULL && link->attachment_id > 0)
    attachment = registry_attachment_get (request->storage, request->person_id, link->attachment_id,
                                          &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (link == NULL)
    {
      g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_NOT_FOUND,
                           core_api_error_get_message (CORE_API_ERROR_NOT_FOUND));
      return FALSE;
    }
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  add_link (builder, link, request->now);
  json_builder_set_member_name (builder, "attachment");
  if (attachment != NULL)
    registry_api_add_attachment (builder, attachment);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}

/* GET /v1/me/upload-links/{link_id}/pending-scan: the scan a phone sent
 * whose QR code cannot be read, for staff at the kiosk that made the link
 * to confirm; 404 for any other kiosk or person, and once the link is used
 * or expired */
gboolean
registry_api_upload_link_pending_scan (RegistryRequest *request,
                                       RegistryResponse *response,
                                       GError **error)
{
  gint64 id = g_ascii_strtoll (registry_request_get_param (request, "link_id"), NULL, 10);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (RegistryUploadLink) link = registry_upload_link_get (
      request->storage, request->person_id, request->device_id, id, request->now, &local_error);
  g_autoptr (GBytes) scan = NULL;
  g_autofree char *disposition = NULL;

  if (link != NULL)
    scan = registry_upload_link_read_pending (request->storage, link, request->now, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (scan == NULL)
    {
      g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_NOT_FOUND,
                           core_api_error_get_message (CORE_API_ERROR_NOT_FOUND));
      return FALSE;
    }
  registry_response_set_bytes (response, 200, link->pending_type, scan);
  disposition = g_strdup_printf ("inline; filename=\"signature-form.%s\"",
                                 registry_media_type_extension (link->pending_type));
  registry_response_add_header (response, "Content-Disposition", disposition);
  registry_response_add_header (response, "Cache-Control", "no-store");
  return TRUE;
}

static gboolean
send_page (RegistryResponse *response, guint status, const char *name, GError **error)
{
  g_autofree char *path = g_strconcat (PAGES, name, NULL);
  g_autoptr (GBytes) page =
      g_resource_lookup_data (registry_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (page == NULL)
    return FALSE;
  registry_response_set_bytes (response, status, "text/html; charset=utf-8", page);
  /* the page's own script and style only; it is never framed */
  registry_response_add_header (response, "Content-Security-Policy",
                                "default-src 'none'; script-src 'unsafe-inline';"
                                " style-src 'unsafe-inline'; connect-src 'self';"
                                " img-src 'self' data:; form-action 'self';"
                                " frame-ancestors 'none'");
  registry_response_add_header (response, "Cache-Control", "no-store");
  registry_response_add_header (response, "Referrer-Policy", "no-referrer");
  registry_response_add_header (response, "X-Content-Type-Options", "nosniff");
  return TRUE;
}

/* GET /u/{token}: the upload page; a clear page for a link that expired,
 * was used, or never was */
gboolean
registry_api_upload_page (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (RegistryUploadLink) link = registry_upload_link_find (
      request->storage, registry_request_get_param (request, "token"), &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (link == NULL)
    return send_page (response, 404, "unknown.html", error);
  switch (registry_upload_link_get_status (link, request->now))
    {
      case REGISTRY_UPLOAD_LINK_UPLOADED:
        return send_page (response, 410, "used.html", error);
      case REGISTRY_UPLOAD_LINK_EXPIRED:
        return send_page (response, 410, "expired.html", error);
      case REGISTRY_UPLOAD_LINK_WAITING:
      case REGISTRY_UPLOAD_LINK_NEEDS_STAFF:
      default:
        return send_page (response, 200, "upload.html", error);
    }
}

/* POST /u/{token}: the file from the phone, judged like one from the kiosk;
 * 202 {"status": "needs_staff"} for a signed form kept for staff */
gboolean
registry_api_upload_page_post (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  const char *token = registry_request_get_param (request, "token");
  g_autoptr (GError) local_error = NULL;
  g_autoptr (RegistryUploadLink) link =
      registry_upload_link_find (request->storage, token, &local_error);
  g_autoptr (RegistryMedia) media = NULL;
  RegistryVerdict verdict = { 0 };
  CoreApiError code = CORE_API_ERROR_UNKNOWN;
  g_autoptr (RegistryAttachment) stored = NULL;
  gboolean needs_staff = FALSE;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* a link that cannot take the file is refused before the file is decoded */
  if (link == NULL)
    code = CORE_API_ERROR_NOT_FOUND;
  else if (registry_upload_link_get_status (link, request->now) == REGISTRY_UPLOAD_LINK_UPLOADED)
    code = CORE_API_ERROR_LINK_USED;
  else if (registry_upload_link_get_status (link, request->now) == REGISTRY_UPLOAD_LINK_EXPIRED)
    code = CORE_API_ERROR_LINK_EXPIRED;
  if (code != CORE_API_ERROR_UNKNOWN)
    {
      g_set_error_literal (error, CORE_API_ERROR, code, core_api_error_get_message (code));
      return FALSE;
    }

  media = registry_api_judge_upload (
      request, g_str_equal (link->section, REGISTRY_SECTION_SIGNATURE_FORM), error);
  if (media == NULL)
    return FALSE;
  if (!registry_upload_link_use (request->storage, token, request->now, media, &stored,
                                 &needs_staff, &verdict, error))
    return FALSE;
  if (verdict.refused)
    return registry_response_refuse (response, &verdict, error);
  if (needs_staff)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, "needs_staff");
      json_builder_end_object (builder);
      registry_response_set_json (response, 202, builder);
      return TRUE;
    }
  registry_api_answer_stored (response, stored, 201);
  return TRUE;
}
