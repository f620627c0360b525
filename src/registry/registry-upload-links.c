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
 *
 * A signed form photographed so that its QR code cannot be read cannot be
 * checked, and there is no staff at the phone to vouch for it: the scan
 * (as registry-media.c re-encoded it) is kept with its link, which says
 * "needs_staff", for the kiosk to fetch and staff there to confirm. It is
 * meant to be kept until the link is used or expires: a form stored for
 * the person settles the link (registry_upload_links_settle_form()), and
 * an expired link's scan is deleted at the first look at the link after
 * its end, and by the sweep every new link makes. There is no sweep on a
 * timer: on a registry where nobody makes a link, an expired scan stays
 * until the next one is made.
 */

#include "config.h"

#include "core-record-kind.h"
#include "registry-attachments.h"
#include "registry-records.h"
#include "registry-signature-forms.h"
#include "registry-subject-private.h"
#include "registry-upload-links.h"

#define COLUMNS                                                                                    \
  "id, person_id, device_id, section, record_id, expires_at, used_at, attachment_id, pending_type"

static const char *const status_names[] = { "waiting", "uploaded", "expired", "needs_staff" };

void
registry_upload_link_free (RegistryUploadLink *link)
{
  if (link == NULL)
    return;
  g_free (link->person_id);
  g_free (link->section);
  g_free (link->pending_type);
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
  if (link->pending_type != NULL)
    return REGISTRY_UPLOAD_LINK_NEEDS_STAFF;
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
  link->pending_type = g_strdup (registry_rows_get (rows, 0, 8));
  return link;
}

/* Deletes the scans kept for staff of links that have expired: of @link_id
 * only, or of every link when it is %NULL. */
static gboolean
drop_expired_scans (RegistryStorage *storage, const char *link_id, gint64 now, GError **error)
{
  g_autofree char *now_text = registry_int_text (now);

  if (link_id != NULL)
    return registry_storage_query (storage,
                                   "UPDATE upload_links SET pending_type = NULL,"
                                   " pending_scan = NULL WHERE id = $2"
                                   " AND pending_type IS NOT NULL AND expires_at <= $1",
                                   (const char *[]){ now_text, link_id }, 2, NULL, NULL, error);
  return registry_storage_query (storage,
                                 "UPDATE upload_links SET pending_type = NULL, pending_scan = NULL"
                                 " WHERE pending_type IS NOT NULL AND expires_at <= $1",
                                 (const char *[]){ now_text }, 1, NULL, NULL, error);
}

/**
 * registry_upload_link_create:
 * @record_id: 0 for the signature form
 * @out_token: (out) (transfer full): the token, shown only in the link
 *
 * Makes a link valid REGISTRY_UPLOAD_LINK_LIFETIME_S from @now; links that
 * expired a day ago are dropped on the way, and the scans kept for staff
 * of every link that has expired. The caller has checked that the target
 * is the person's.
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
      !drop_expired_scans (storage, NULL, now, error) ||
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
 * @now: an expired link's scan kept for staff is deleted on the way
 *
 * Returns: (transfer full) (nullable): link @id if it is @person_id's and
 *   was made by @device_id, or %NULL (without @error)
 */
RegistryUploadLink *
registry_upload_link_get (RegistryStorage *storage,
                          const char *person_id,
                          gint64 device_id,
                          gint64 id,
                          gint64 now,
                          GError **error)
{
  g_autofree char *id_text = registry_int_text (id);
  g_autofree char *device = registry_int_text (device_id);
  g_autoptr (RegistryRows) rows = NULL;
  RegistryUploadLink *link;

  if (!registry_storage_query (storage,
                               "SELECT " COLUMNS " FROM upload_links WHERE id = $1"
                               " AND person_id = $2 AND device_id = $3",
                               (const char *[]){ id_text, person_id, device }, 3, &rows, NULL,
                               error) ||
      rows->n_rows == 0)
    return NULL;
  link = link_from_row (rows);
  /* written only when there is something to delete: the kiosk asks often */
  if (link->pending_type != NULL && now >= link->expires_at)
    {
      if (!drop_expired_scans (storage, id_text, now, error))
        {
          registry_upload_link_free (link);
          return NULL;
        }
      g_clear_pointer (&link->pending_type, g_free);
    }
  return link;
}

/**
 * registry_upload_link_read_pending:
 * @link: a link read with registry_upload_link_get()
 *
 * Returns: (transfer full) (nullable): the scan @link keeps for staff, or
 *   %NULL (without @error) when it keeps none, or is used or expired
 */
GBytes *
registry_upload_link_read_pending (RegistryStorage *storage,
                                   RegistryUploadLink *link,
                                   gint64 now,
                                   GError **error)
{
  g_autofree char *id_text = registry_int_text (link->id);
  g_autofree char *now_text = registry_int_text (now);

  if (registry_upload_link_get_status (link, now) != REGISTRY_UPLOAD_LINK_NEEDS_STAFF)
    return NULL;
  return registry_storage_read_blob (storage,
                                     "SELECT pending_scan FROM upload_links WHERE id = $1"
                                     " AND used_at IS NULL AND expires_at > $2",
                                     (const char *[]){ id_text, now_text }, 2, error);
}

/**
 * registry_upload_links_settle_form:
 * @attachment_id: the form's scan just stored
 *
 * Inside the caller's transaction, when a signed form of @person_id's has
 * been stored (staff confirmed one from a phone, or any other came): the
 * person's signature-form links that kept a scan for staff are used by it,
 * and their scans deleted.
 */
gboolean
registry_upload_links_settle_form (RegistryStorage *storage,
                                   const char *person_id,
                                   gint64 attachment_id,
                                   gint64 now,
                                   GError **error)
{
  g_autofree char *now_text = registry_int_text (now);
  g_autofree char *attachment = registry_int_text (attachment_id);

  return registry_storage_query (
      storage,
      "UPDATE upload_links SET used_at = $2, attachment_id = $3, pending_type = NULL,"
      " pending_scan = NULL WHERE person_id = $1 AND section = '" REGISTRY_SECTION_SIGNATURE_FORM
      "' AND pending_type IS NOT NULL AND used_at IS NULL",
      (const char *[]){ person_id, now_text, attachment }, 3, NULL, NULL, error);
}

typedef struct
{
  const char *token;
  gint64 now;
  RegistryMedia *media;
  gint64 attachment_id;
  RegistryAttachment *attachment; /* as stored, read before another upload can replace it */
  gboolean needs_staff;           /* kept for staff instead */
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
  data->needs_staff = FALSE;
  data->verdict = (RegistryVerdict){ 0 };
  if (!registry_storage_query (storage, sql, (const char *[]){ hash }, 1, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows == 0)
    {
      registry_verdict_refuse (&data->verdict, CORE_API_ERROR_NOT_FOUND);
      return TRUE;
    }
  link = link_from_row (rows);
  id = registry_int_text (link->id);
  switch (registry_upload_link_get_status (link, data->now))
    {
      case REGISTRY_UPLOAD_LINK_UPLOADED:
        registry_verdict_refuse (&data->verdict, CORE_API_ERROR_LINK_USED);
        return TRUE;
      case REGISTRY_UPLOAD_LINK_EXPIRED:
        registry_verdict_refuse (&data->verdict, CORE_API_ERROR_LINK_EXPIRED);
        return drop_expired_scans (storage, id, data->now, error);
      case REGISTRY_UPLOAD_LINK_WAITING:
      case REGISTRY_UPLOAD_LINK_NEEDS_STAFF:
      default:
        break;
    }

  if (g_str_equal (link->section, REGISTRY_SECTION_SIGNATURE_FORM))
    {
      /* from a phone there is no staff to confirm an unreadable code */
      if (!registry_signature_form_check_scan (storage, link->person_id, data->media->qr_text,
                                               FALSE, &data->verdict, error))
        return FALSE;
      /* ...so the scan waits for staff at the kiosk, replacing an earlier
       * one; never a scan whose code names another form or person */
      if (data->verdict.refused && data->verdict.code == CORE_API_ERROR_FORM_QR_UNREADABLE)
        {
          if (!registry_storage_query_blob (storage,
                                            "UPDATE upload_links SET pending_type = $2,"
                                            " pending_scan = $3 WHERE id = $1",
                                            (const char *[]){ id, data->media->media_type }, 2,
                                            data->media->content, NULL, error))
            return FALSE;
          data->verdict = (RegistryVerdict){ 0 };
          data->needs_staff = TRUE;
          return TRUE;
        }
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
  if (!registry_storage_query (storage,
                               "UPDATE upload_links SET used_at = $2, attachment_id = $3,"
                               " pending_type = NULL, pending_scan = NULL"
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
  /* the person's other links waiting for staff are answered by this form */
  if (g_str_equal (link->section, REGISTRY_SECTION_SIGNATURE_FORM) &&
      !registry_upload_links_settle_form (storage, link->person_id, data->attachment_id, data->now,
                                          error))
    return FALSE;
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
 * staff). A refused file leaves the link as it was. A signature form's
 * scan refused only because its QR code cannot be read is kept with the
 * link for staff instead (@out_needs_staff, @out_attachment %NULL),
 * replacing a scan kept before.
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
                          gboolean *out_needs_staff,
                          RegistryVerdict *out_verdict,
                          GError **error)
{
  UseData data = { token, now, media, 0, NULL, FALSE, { 0 } };

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
  *out_needs_staff = data.needs_staff;
  *out_verdict = data.verdict;
  return TRUE;
}
