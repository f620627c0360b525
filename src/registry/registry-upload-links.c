/* registry-upload-links.c: one-time links to upload a file from a phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A kiosk asks for a link for the person of its session and one target (a
 * record of theirs, or their signature form) and shows it as a QR code. The
 * link's token is 32 random bytes, stored only as its SHA-256; it is valid
 * REGISTRY_UPLOAD_LINK_LIFETIME_S and delivers one file. A file refused by
 * the checks does not use it up: the person may pick another. The kiosk
 * learns of the upload by asking for the link's status by its id, which
 * only that kiosk, in that person's session, may do.
 */

#include "config.h"

#include "core-record-kind.h"
#include "registry-attachments.h"
#include "registry-records.h"
#include "registry-signature-forms.h"
#include "registry-subject-private.h"
#include "registry-upload-links.h"

#define COLUMNS "id, person_id, device_id, section, record_id, expires_at, used_at, attachment_id"

static const char *const status_names[] = { "waiting", "uploaded", "expired" };

void
registry_upload_link_free (RegistryUploadLink *link)
{
  if (link == NULL)
    return;
  g_free (link->person_id);
  g_free (link->section);
  g_free (link);
}

const char *
registry_upload_link_status_to_string (RegistryUploadLinkStatus status)
{
  return status_names[status];
}

RegistryUploadLinkStatus
registry_upload_link_get_status (RegistryUploadLink *link, gint64 now)
{
  if (link->used_at > 0)
    return REGISTRY_UPLOAD_LINK_UPLOADED;
  if (now >= link->expires_at)
    return REGISTRY_UPLOAD_LINK_EXPIRED;
  return REGISTRY_UPLOAD_LINK_WAITING;
}

/**
 * registry_upload_link_is_token:
 *
 * Returns: whether @token has the form of a link's token (64 lower-case hex
 *   digits), checked before any database is asked
 */
gboolean
registry_upload_link_is_token (const char *token)
{
  gsize n = 0;

  if (token == NULL)
    return FALSE;
  while (g_ascii_isxdigit (token[n]) && !g_ascii_isupper (token[n]))
    n++;
  return n == REGISTRY_UPLOAD_TOKEN_LENGTH && token[n] == '\0';
}

static RegistryUploadLink *
link_from_row (RegistryRows *rows)
{
  RegistryUploadLink *link = g_new0 (RegistryUploadLink, 1);

  link->id = registry_rows_get_int (rows, 0, 0);
  link->person_id = g_strdup (registry_rows_get (rows, 0, 1));
  link->device_id = registry_rows_get_int (rows, 0, 2);
  link->section = g_strdup (registry_rows_get (rows, 0, 3));
  link->record_id = registry_rows_get_int (rows, 0, 4);
  link->expires_at = registry_rows_get_int (rows, 0, 5);
  link->used_at = registry_rows_get_int (rows, 0, 6);
  link->attachment_id = registry_rows_get_int (rows, 0, 7);
  return link;
}

/**
 * registry_upload_link_create:
 * @record_id: 0 for the signature form
 * @out_token: (out) (transfer full): the token, shown only in the link
 *
 * Makes a link valid REGISTRY_UPLOAD_LINK_LIFETIME_S from @now; links that
 * expired a day ago are dropped on the way. The caller has checked that the
 * target is the person's.
 */
gboolean
registry_upload_link_create (RegistryStorage *storage,
                             const char *person_id,
                             gint64 device_id,
                             const char *section,
                             gint64 record_id,
                             gint64 now,
                             char **out_token,
                             gint64 *out_id,
                             GError **error)
{
  g_autofree char *token = registry_random_hex (REGISTRY_UPLOAD_TOKEN_LENGTH / 2);
  g_autofree char *hash = registry_sha256_hex (token);
  g_autofree char *device = registry_int_text (device_id);
  g_autofree char *record = record_id > 0 ? registry_int_text (record_id) : NULL;
  g_autofree char *now_text = registry_int_text (now);
  g_autofree char *expires =
      registry_int_text (now + REGISTRY_UPLOAD_LINK_LIFETIME_S * REGISTRY_US);
  g_autofree char *stale = registry_int_text (now - REGISTRY_DAY_S * REGISTRY_US);
  g_autoptr (RegistryRows) rows = NULL;

  if (!registry_storage_query (storage, "DELETE FROM upload_links WHERE expires_at < $1",
                               (const char *[]){ stale }, 1, NULL, NULL, error) ||
      !registry_storage_query (
          storage,
          "INSERT INTO upload_links (token_hash, person_id, device_id,"
          " section, record_id, created_at, expires_at)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          (const char *[]){ hash, person_id, device, section, record, now_text, expires }, 7, &rows,
          NULL, error))
    return FALSE;
  *out_id = registry_rows_get_int (rows, 0, 0);
  *out_token = g_steal_pointer (&token);
  return TRUE;
}

/**
 * registry_upload_link_find:
 *
 * Returns: (transfer full) (nullable): the link of @token, or %NULL
 *   (without @error) for an unknown one
 */
RegistryUploadLink *
registry_upload_link_find (RegistryStorage *storage, const char *token, GError **error)
{
  g_autofree char *hash = NULL;
  g_autoptr (RegistryRows) rows = NULL;

  if (!registry_upload_link_is_token (token))
    return NULL;
  hash = registry_sha256_hex (token);
  if (!registry_storage_query (storage,
                               "SELECT " COLUMNS " FROM upload_links WHERE token_hash = $1",
                               (const char *[]){ hash }, 1, &rows, NULL, error) ||
      rows->n_rows == 0)
    return NULL;
  return link_from_row (rows);
}

/**
 * registry_upload_link_get:
 *
 * Returns: (transfer full) (nullable): link @id if it is @person_id's and
 *   was made by @device_id, or %NULL (without @error)
 */
RegistryUploadLink *
registry_upload_link_get (RegistryStorage *storage,
                          const char *person_id,
                          gint64 device_id,
                          gint64 id,
                          GError **error)
{
  g_autofree char *id_text = registry_int_text (id);
  g_autofree char *device = registry_int_text (device_id);
  g_autoptr (RegistryRows) rows = NULL;

  if (!registry_storage_query (storage,
                               "SELECT " COLUMNS " FROM upload_links WHERE id = $1"
                               " AND person_id = $2 AND device_id = $3",
                               (const char *[]){ id_text, person_id, device }, 3, &rows, NULL,
                               error) ||
      rows->n_rows == 0)
    return NULL;
  return link_from_row (rows);
}

typedef struct
{
  const char *token;
  gint64 now;
  RegistryMedia *media;
  gint64 attachment_id;
  RegistryAttachment *attachment; /* as stored, read before another upload can replace it */
  RegistryVerdict verdict;
} UseData;

static gboolean
use_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  UseData *data = user_data;
  g_autofree char *hash = registry_sha256_hex (data->token);
  g_autofree char *sql = g_strconcat ("SELECT " COLUMNS " FROM upload_links WHERE token_hash = $1",
                                      registry_storage_for_update (storage), NULL);
  g_autofree char *now_text = registry_int_text (data->now);
  g_autofree char *attachment = NULL;
  g_autofree char *id = NULL;
  g_autoptr (RegistryRows) rows = NULL;
  g_autoptr (RegistryUploadLink) link = NULL;
  gint64 changes = 0;

  /* a conflict runs this again: nothing of an earlier run counts */
  g_clear_pointer (&data->attachment, registry_attachment_free);
  data->verdict = (RegistryVerdict){ 0 };
  if (!registry_storage_query (storage, sql, (const char *[]){ hash }, 1, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows == 0)
    {
      registry_verdict_refuse (&data->verdict, CORE_API_ERROR_NOT_FOUND);
      return TRUE;
    }
  link = link_from_row (rows);
  switch (registry_upload_link_get_status (link, data->now))
    {
      case REGISTRY_UPLOAD_LINK_UPLOADED:
        registry_verdict_refuse (&data->verdict, CORE_API_ERROR_LINK_USED);
        return TRUE;
      case REGISTRY_UPLOAD_LINK_EXPIRED:
        registry_verdict_refuse (&data->verdict, CORE_API_ERROR_LINK_EXPIRED);
        return TRUE;
      case REGISTRY_UPLOAD_LINK_WAITING:
      default:
        break;
    }

  if (g_str_equal (link->section, REGISTRY_SECTION_SIGNATURE_FORM))
    {
      /* from a phone there is no staff to confirm an unreadable code */
      if (!registry_signature_form_check_scan (storage, link->person_id, data->media->qr_text,
                                               FALSE, &data->verdict, error))
        return FALSE;
      if (!data->verdict.refused && !registry_signature_form_attach_scan (
                                        storage, link->person_id, data->media, 0, link->device_id,
                                        data->now, &data->attachment_id, &data->verdict, error))
        return FALSE;
    }
  else
    {
      /* the record may have been deleted since the link was made */
      const CoreRecordKind *kind = core_record_kind_lookup (link->section);
      g_autoptr (RegistryRows) record =
          kind != NULL
              ? registry_record_get (storage, kind, link->person_id, link->record_id, error)
              : registry_rows_new (0, 0);

      if (record == NULL)
        return FALSE;
      if (record->n_rows == 0)
        {
          registry_verdict_refuse (&data->verdict, CORE_API_ERROR_NOT_FOUND);
          return TRUE;
        }
      if (!registry_attachment_insert (storage, link->person_id, link->section, link->record_id,
                                       data->media, link->device_id, data->now,
                                       &data->attachment_id, &data->verdict, error))
        return FALSE;
    }
  if (data->verdict.refused)
    return TRUE;

  attachment = registry_int_text (data->attachment_id);
  id = registry_int_text (link->id);
  if (!registry_storage_query (storage,
                               "UPDATE upload_links SET used_at = $2, attachment_id = $3"
                               " WHERE id = $1 AND used_at IS NULL",
                               (const char *[]){ id, now_text, attachment }, 3, NULL, &changes,
                               error))
    return FALSE;
  if (changes != 1)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_RETRY,
                           "the link was used meanwhile");
      return FALSE;
    }
  data->attachment = registry_attachment_get (storage, link->person_id, data->attachment_id, error);
  return data->attachment != NULL;
}

/**
 * registry_upload_link_use:
 * @media: the file, already judged by registry-media.c
 *
 * Delivers @media through the link of @token, in one transaction: refused
 * NOT_FOUND, LINK_USED or LINK_EXPIRED, or as the target refuses it (a
 * signature form's scan is checked like one uploaded at the kiosk, without
 * staff). A refused file leaves the link as it was.
 *
 * @out_attachment is the file as stored, read in the same transaction: a
 * signature form keeps only its latest scan, so another upload may replace
 * this one the moment it is committed.
 */
gboolean
registry_upload_link_use (RegistryStorage *storage,
                          const char *token,
                          gint64 now,
                          RegistryMedia *media,
                          RegistryAttachment **out_attachment,
                          RegistryVerdict *out_verdict,
                          GError **error)
{
  UseData data = { token, now, media, 0, NULL, { 0 } };

  if (!registry_upload_link_is_token (token))
    {
      registry_verdict_refuse (out_verdict, CORE_API_ERROR_NOT_FOUND);
      return TRUE;
    }
  if (!registry_storage_transaction (storage, use_cb, &data, error))
    {
      g_clear_pointer (&data.attachment, registry_attachment_free);
      return FALSE;
    }
  *out_attachment = data.attachment;
  *out_verdict = data.verdict;
  return TRUE;
}
