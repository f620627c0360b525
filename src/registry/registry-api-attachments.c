/* registry-api-attachments.c: a person's attachments, by id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read, thumbnail and delete, whatever the attachment belongs to (a record
 * or the signed form). An id that is not the person's is 404, exactly like
 * one that does not exist.
 */

#include "config.h"

#include "core-record-kind.h"
#include "registry-api-private.h"
#include "registry-attachments.h"
#include "registry-records.h"

static gboolean
not_found (GError **error)
{
  g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_NOT_FOUND,
                       core_api_error_get_message (CORE_API_ERROR_NOT_FOUND));
  return FALSE;
}

static gint64
attachment_id (RegistryRequest *request)
{
  return g_ascii_strtoll (registry_request_get_param (request, "attachment_id"), NULL, 10);
}

/**
 * registry_api_time_text:
 *
 * Returns: (transfer full): @us microseconds since the epoch as ISO 8601 UTC
 */
char *
registry_api_time_text (gint64 us)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/**
 * registry_api_add_attachment:
 *
 * Adds @attachment as a JSON object: what it is and where to get it.
 */
void
registry_api_add_attachment (JsonBuilder *builder, RegistryAttachment *attachment)
{
  g_autofree char *created = registry_api_time_text (attachment->created_at);
  g_autofree char *url = g_strdup_printf ("/v1/me/attachments/%" G_GINT64_FORMAT, attachment->id);
  g_autofree char *thumbnail = g_strconcat (url, "/thumbnail", NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, attachment->id);
  json_builder_set_member_name (builder, "media_type");
  json_builder_add_string_value (builder, attachment->media_type);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, attachment->size);
  json_builder_set_member_name (builder, "pages");
  json_builder_add_int_value (builder, attachment->pages);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "thumbnail_url");
  json_builder_add_string_value (builder, thumbnail);
  json_builder_end_object (builder);
}

/**
 * registry_api_answer_attachment:
 *
 * Answers @status with attachment @id of the request's person, as JSON.
 */
gboolean
registry_api_answer_attachment (RegistryRequest *request,
                                RegistryResponse *response,
                                const char *person_id,
                                gint64 id,
                                guint status,
                                GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (RegistryAttachment) attachment =
      registry_attachment_get (request->storage, person_id, id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (attachment == NULL)
    return not_found (error);
  registry_api_answer_stored (response, attachment, status);
  return TRUE;
}

/**
 * registry_api_answer_stored:
 *
 * Answers @status with @attachment as JSON: for an upload, the file as it
 * was stored, even if another upload has replaced it since.
 */
void
registry_api_answer_stored (RegistryResponse *response,
                            RegistryAttachment *attachment,
                            guint status)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  registry_api_add_attachment (builder, attachment);
  registry_response_set_json (response, status, builder);
}

/**
 * registry_api_judge_upload:
 * @read_qr: look for the signature form's QR code too
 *
 * Returns: (transfer full) (nullable): the request's body as it is to be
 *   stored, or %NULL with the refusal in @error
 */
RegistryMedia *
registry_api_judge_upload (RegistryRequest *request, gboolean read_qr, GError **error)
{
  g_autoptr (GBytes) empty = NULL;

  if (request->body == NULL)
    {
      empty = g_bytes_new_static ("", 0);
      return registry_media_new_from_bytes (empty, read_qr, error);
    }
  return registry_media_new_from_bytes (request->body, read_qr, error);
}

static gboolean
send_bytes (RegistryRequest *request,
            RegistryResponse *response,
            gboolean thumbnail,
            GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (RegistryAttachment) attachment = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *disposition = NULL;

  attachment = registry_attachment_get (request->storage, request->person_id,
                                        attachment_id (request), &local_error);
  if (attachment != NULL)
    bytes = registry_attachment_read (request->storage, request->person_id, attachment->id,
                                      thumbnail, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (bytes == NULL)
    return not_found (error);

  /* no original name is kept: the file is named by its id */
  disposition =
      g_strdup_printf ("inline; filename=\"attachment-%" G_GINT64_FORMAT "%s.%s\"", attachment->id,
                       thumbnail ? "-thumbnail" : "",
                       thumbnail ? "jpg" : registry_media_type_extension (attachment->media_type));
  registry_response_set_bytes (response, 200, thumbnail ? "image/jpeg" : attachment->media_type,
                               bytes);
  registry_response_add_header (response, "Content-Disposition", disposition);
  registry_response_add_header (response, "X-Content-Type-Options", "nosniff");
  registry_response_add_header (response, "Cache-Control", "private, no-store");
  return TRUE;
}

/**
 * registry_api_check_record:
 *
 * Whether record @record_id of @kind is the request's person's: refused
 * NOT_FOUND otherwise, like a record that does not exist.
 */
gboolean
registry_api_check_record (RegistryRequest *request,
                           const char *kind,
                           gint64 record_id,
                           GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (RegistryRows) rows =
      registry_record_get (request->storage, core_record_kind_lookup (kind), request->person_id,
                           record_id, &local_error);

  if (rows == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (rows->n_rows == 0)
    return not_found (error);
  return TRUE;
}

/* The route's {kind} (checked by the dispatcher) when its records take
 * attachments, and {id} when it is one of the person's records. */
static const CoreRecordKind *
record_of_request (RegistryRequest *request, gint64 *out_id, GError **error)
{
  const CoreRecordKind *kind =
      core_record_kind_lookup (registry_request_get_param (request, "kind"));

  *out_id = g_ascii_strtoll (registry_request_get_param (request, "id"), NULL, 10);
  if (kind == NULL || !kind->attachments)
    {
      g_set_error (error, CORE_API_ERROR, CORE_API_ERROR_NOT_FOUND,
                   "%s records take no attachments", kind != NULL ? kind->name : "these");
      return NULL;
    }
  if (!registry_api_check_record (request, kind->name, *out_id, error))
    return NULL;
  return kind;
}

/* GET /v1/me/{kind}/{id}/attachments: the record's attachments, oldest first */
gboolean
registry_api_record_attachments_list (RegistryRequest *request,
                                      RegistryResponse *response,
                                      GError **error)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  gint64 id = 0;
  const CoreRecordKind *kind = record_of_request (request, &id, error);

  if (kind == NULL)
    return FALSE;
  list = registry_attachments_list (request->storage, request->person_id, kind->name, id, error);
  if (list == NULL)
    return FALSE;
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    registry_api_add_attachment (builder, g_ptr_array_index (list, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}

/* POST /v1/me/{kind}/{id}/attachments: a scan or photo, as raw bytes */
gboolean
registry_api_record_attachment_add (RegistryRequest *request,
                                    RegistryResponse *response,
                                    GError **error)
{
  g_autoptr (RegistryMedia) media = NULL;
  RegistryVerdict verdict = { 0 };
  gint64 record_id = 0;
  gint64 id = 0;
  const CoreRecordKind *kind = record_of_request (request, &record_id, error);

  if (kind == NULL)
    return FALSE;
  media = registry_api_judge_upload (request, FALSE, error);
  if (media == NULL)
    return FALSE;
  if (!registry_attachment_add (request->storage, request->person_id, kind->name, record_id, media,
                                request->device_id, request->now, &id, &verdict, error))
    return FALSE;
  if (verdict.refused)
    return registry_response_refuse (response, &verdict, error);
  return registry_api_answer_attachment (request, response, request->person_id, id, 201, error);
}

/* GET /v1/me/attachments/{attachment_id}: the file, as stored */
gboolean
registry_api_attachment_get (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  return send_bytes (request, response, FALSE, error);
}

/* GET /v1/me/attachments/{attachment_id}/thumbnail: a JPEG, made at upload */
gboolean
registry_api_attachment_thumbnail (RegistryRequest *request,
                                   RegistryResponse *response,
                                   GError **error)
{
  return send_bytes (request, response, TRUE, error);
}

/* DELETE /v1/me/attachments/{attachment_id} */
gboolean
registry_api_attachment_delete (RegistryRequest *request,
                                RegistryResponse *response,
                                GError **error)
{
  RegistryVerdict verdict = { 0 };
  g_autoptr (JsonBuilder) builder = NULL;

  if (!registry_attachment_delete (request->storage, request->person_id, attachment_id (request),
                                   request->device_id, request->now, &verdict, error))
    return FALSE;
  if (verdict.refused)
    return registry_response_refuse (response, &verdict, error);
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_int_value (builder, attachment_id (request));
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}
