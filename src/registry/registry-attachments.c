/* registry-attachments.c: scans and photos a person attaches to a record or the signed form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes live in the attachments table on both backends (BLOB on SQLite,
 * BYTEA on PostgreSQL), beside their thumbnail, made once at upload. Every
 * read names the person, so an id of someone else's attachment is as
 * unknown as an id that does not exist. Only what registry-media.c made of
 * an upload is stored: never the original bytes of a picture, never a file
 * name.
 */

#include "config.h"

#include "registry-attachments.h"
#include "registry-subject-private.h"

#define COLUMNS "id, section, record_id, media_type, size, pages, created_at"

void
registry_attachment_free (RegistryAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->section);
  g_free (attachment->media_type);
  g_free (attachment);
}

static RegistryAttachment *
attachment_from_row (RegistryRows *rows, guint row)
{
  RegistryAttachment *attachment = g_new0 (RegistryAttachment, 1);

  attachment->id = registry_rows_get_int (rows, row, 0);
  attachment->section = g_strdup (registry_rows_get (rows, row, 1));
  attachment->record_id = registry_rows_get_int (rows, row, 2);
  attachment->media_type = g_strdup (registry_rows_get (rows, row, 3));
  attachment->size = registry_rows_get_int (rows, row, 4);
  attachment->pages = (int) registry_rows_get_int (rows, row, 5);
  attachment->created_at = registry_rows_get_int (rows, row, 6);
  return attachment;
}

/**
 * registry_attachment_insert:
 * @record_id: the record's id; 0 for the signature form
 * @out_id: (out): the new attachment's id
 *
 * Stores @media for @person_id, inside the caller's transaction: refused
 * (TOO_MANY_ATTACHMENTS) when the target already holds
 * REGISTRY_ATTACHMENTS_MAX_PER_TARGET attachments.
 */
gboolean
registry_attachment_insert (RegistryStorage *storage,
                            const char *person_id,
                            const char *section,
                            gint64 record_id,
                            RegistryMedia *media,
                            gint64 device_id,
                            gint64 now,
                            gint64 *out_id,
                            RegistryVerdict *out_verdict,
                            GError **error)
{
  g_autofree char *record = record_id > 0 ? registry_int_text (record_id) : NULL;
  g_autofree char *size = registry_int_text ((gint64) g_bytes_get_size (media->content));
  g_autofree char *pages = registry_int_text (media->pages);
  g_autofree char *now_text = registry_int_text (now);
  g_autofree char *device = registry_int_text (device_id);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, media->content);
  g_autofree char *detail = NULL;
  g_autoptr (RegistryRows) rows = NULL;
  g_autoptr (RegistryRows) inserted = NULL;

  if (!registry_storage_query (
          storage,
          "SELECT count(*) FROM attachments WHERE person_id = $1"
          " AND section = $2 AND coalesce(record_id, 0) = coalesce(CAST($3 AS BIGINT), 0)",
          (const char *[]){ person_id, section, record }, 3, &rows, NULL, error))
    return FALSE;
  if (registry_rows_get_int (rows, 0, 0) >= REGISTRY_ATTACHMENTS_MAX_PER_TARGET)
    {
      registry_verdict_refuse (out_verdict, CORE_API_ERROR_TOO_MANY_ATTACHMENTS);
      return TRUE;
    }
  if (!registry_storage_query_blob (storage,
                                    "INSERT INTO attachments (person_id, section, record_id,"
                                    " media_type, size, sha256, pages, created_at, content)"
                                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                                    (const char *[]){ person_id, section, record, media->media_type,
                                                      size, sha256, pages, now_text },
                                    8, media->content, &inserted, error))
    return FALSE;
  *out_id = registry_rows_get_int (inserted, 0, 0);
  detail =
      g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT, section, record != NULL ? record : "-", *out_id);
  /* the thumbnail is written apart: a statement binds one byte parameter */
  if (!registry_storage_query_blob (storage, "UPDATE attachments SET thumbnail = $2 WHERE id = $1",
                                    (const char *[]){ registry_rows_get (inserted, 0, 0) }, 1,
                                    media->thumbnail, NULL, error) ||
      !registry_storage_query (storage,
                               "INSERT INTO audit_log (at, device_id, action, person_id, detail)"
                               " VALUES ($1, $2, 'attachment.add', $3, $4)",
                               (const char *[]){ now_text, device, person_id, detail }, 4, NULL,
                               NULL, error))
    return FALSE;
  registry_verdict_accept (out_verdict);
  return TRUE;
}

typedef struct
{
  const char *person_id;
  const char *section;
  gint64 record_id;
  RegistryMedia *media;
  gint64 device_id;
  gint64 now;
  gint64 id;
  RegistryVerdict verdict;
} AddData;

static gboolean
add_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  AddData *data = user_data;

  return registry_attachment_insert (storage, data->person_id, data->section, data->record_id,
                                     data->media, data->device_id, data->now, &data->id,
                                     &data->verdict, error);
}

/**
 * registry_attachment_add:
 *
 * registry_attachment_insert() in a transaction of its own.
 */
gboolean
registry_attachment_add (RegistryStorage *storage,
                         const char *person_id,
                         const char *section,
                         gint64 record_id,
                         RegistryMedia *media,
                         gint64 device_id,
                         gint64 now,
                         gint64 *out_id,
                         RegistryVerdict *out_verdict,
                         GError **error)
{
  AddData data = { person_id, section, record_id, media, device_id, now, 0, { 0 } };

  if (!registry_storage_transaction (storage, add_cb, &data, error))
    return FALSE;
  *out_id = data.id;
  *out_verdict = data.verdict;
  return TRUE;
}

/**
 * registry_attachments_list:
 * @record_id: 0 for the signature form
 *
 * Returns: (transfer full) (element-type RegistryAttachment): the target's
 *   attachments, oldest first; %NULL with @error on a database failure
 */
GPtrArray *
registry_attachments_list (RegistryStorage *storage,
                           const char *person_id,
                           const char *section,
                           gint64 record_id,
                           GError **error)
{
  g_autofree char *record = record_id > 0 ? registry_int_text (record_id) : NULL;
  g_autoptr (RegistryRows) rows = NULL;
  GPtrArray *list;

  if (!registry_storage_query (
          storage,
          "SELECT " COLUMNS " FROM attachments WHERE person_id = $1"
          " AND section = $2 AND coalesce(record_id, 0) = coalesce(CAST($3 AS BIGINT), 0)"
          " ORDER BY id",
          (const char *[]){ person_id, section, record }, 3, &rows, NULL, error))
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) registry_attachment_free);
  for (guint i = 0; i < rows->n_rows; i++)
    g_ptr_array_add (list, attachment_from_row (rows, i));
  return list;
}

/**
 * registry_attachment_get:
 *
 * Returns: (transfer full) (nullable): the attachment, or %NULL (without
 *   @error) when @person_id has none of that id
 */
RegistryAttachment *
registry_attachment_get (RegistryStorage *storage, const char *person_id, gint64 id, GError **error)
{
  g_autofree char *id_text = registry_int_text (id);
  g_autoptr (RegistryRows) rows = NULL;

  if (!registry_storage_query (storage,
                               "SELECT " COLUMNS " FROM attachments WHERE id = $1"
                               " AND person_id = $2",
                               (const char *[]){ id_text, person_id }, 2, &rows, NULL, error) ||
      rows->n_rows == 0)
    return NULL;
  return attachment_from_row (rows, 0);
}

/**
 * registry_attachment_read:
 * @thumbnail: the thumbnail instead of the file
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL (without @error)
 *   when @person_id has no attachment of that id
 */
GBytes *
registry_attachment_read (RegistryStorage *storage,
                          const char *person_id,
                          gint64 id,
                          gboolean thumbnail,
                          GError **error)
{
  g_autofree char *id_text = registry_int_text (id);

  return registry_storage_read_blob (
      storage,
      thumbnail ? "SELECT thumbnail FROM attachments WHERE id = $1 AND person_id = $2"
                : "SELECT content FROM attachments WHERE id = $1 AND person_id = $2",
      (const char *[]){ id_text, person_id }, 2, error);
}

/**
 * registry_attachments_delete_for_record:
 *
 * Inside the caller's transaction (the record's deletion): the record's
 * attachments go with it.
 */
gboolean
registry_attachments_delete_for_record (RegistryStorage *storage,
                                        const char *person_id,
                                        const char *section,
                                        gint64 record_id,
                                        GError **error)
{
  g_autofree char *record = registry_int_text (record_id);

  return registry_storage_query (storage,
                                 "UPDATE upload_links SET attachment_id = NULL WHERE attachment_id"
                                 " IN (SELECT id FROM attachments WHERE person_id = $1"
                                 " AND section = $2 AND record_id = $3)",
                                 (const char *[]){ person_id, section, record }, 3, NULL, NULL,
                                 error) &&
         registry_storage_query (storage,
                                 "DELETE FROM attachments WHERE person_id = $1 AND section = $2"
                                 " AND record_id = $3",
                                 (const char *[]){ person_id, section, record }, 3, NULL, NULL,
                                 error);
}

typedef struct
{
  const char *person_id;
  gint64 id;
  gint64 device_id;
  gint64 now;
  RegistryVerdict verdict;
} DeleteData;

static gboolean
delete_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  DeleteData *data = user_data;
  g_autofree char *id = registry_int_text (data->id);
  g_autofree char *now = registry_int_text (data->now);
  g_autofree char *device = registry_int_text (data->device_id);
  g_autofree char *detail = NULL;
  g_autoptr (RegistryRows) rows = NULL;
  gint64 changes = 0;

  if (!registry_storage_query (storage,
                               "SELECT section, record_id FROM attachments WHERE id = $1"
                               " AND person_id = $2",
                               (const char *[]){ id, data->person_id }, 2, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows == 0)
    {
      registry_verdict_refuse (&data->verdict, CORE_API_ERROR_NOT_FOUND);
      return TRUE;
    }
  detail = g_strdup_printf (
      "%s/%s/%s", registry_rows_get (rows, 0, 0),
      registry_rows_get (rows, 0, 1) != NULL ? registry_rows_get (rows, 0, 1) : "-", id);
  /* a deleted scan of the signed form leaves the form printed, not uploaded */
  if (!registry_storage_query (storage,
                               "UPDATE signature_forms SET status = 'to_upload',"
                               " uploaded_at = NULL, attachment_id = NULL, confirmed_by = NULL"
                               " WHERE person_id = $1 AND attachment_id = $2",
                               (const char *[]){ data->person_id, id }, 2, NULL, NULL, error) ||
      !registry_storage_query (storage,
                               "UPDATE upload_links SET attachment_id = NULL"
                               " WHERE attachment_id = $1",
                               (const char *[]){ id }, 1, NULL, NULL, error) ||
      !registry_storage_query (storage, "DELETE FROM attachments WHERE id = $1 AND person_id = $2",
                               (const char *[]){ id, data->person_id }, 2, NULL, &changes, error) ||
      !registry_storage_query (storage,
                               "INSERT INTO audit_log (at, device_id, action, person_id, detail)"
                               " VALUES ($1, $2, 'attachment.delete', $3, $4)",
                               (const char *[]){ now, device, data->person_id, detail }, 4, NULL,
                               NULL, error))
    return FALSE;
  registry_verdict_accept (&data->verdict);
  return TRUE;
}

/**
 * registry_attachment_delete:
 *
 * Deletes @person_id's attachment @id: refused NOT_FOUND when there is none
 * of theirs. The signed form whose scan it was goes back to printed.
 */
gboolean
registry_attachment_delete (RegistryStorage *storage,
                            const char *person_id,
                            gint64 id,
                            gint64 device_id,
                            gint64 now,
                            RegistryVerdict *out_verdict,
                            GError **error)
{
  DeleteData data = { person_id, id, device_id, now, { 0 } };

  if (!registry_storage_transaction (storage, delete_cb, &data, error))
    return FALSE;
  *out_verdict = data.verdict;
  return TRUE;
}
