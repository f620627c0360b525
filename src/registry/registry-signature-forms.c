/* registry-signature-forms.c: the signature form's status and its signed scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person's form is to be printed until a kiosk reports a completed print,
 * then printed until its signed scan is uploaded. The scan must carry the
 * form's own QR code: the registry reads it (registry-media.c, zbar) and
 * refuses a scan of another person's form, or of no form. A scan whose code
 * cannot be read at all is taken only when staff of the kiosk confirm it
 * (a live staff session of that device); the form then records who did.
 * Such a scan uploaded from a phone waits with its upload link until staff
 * confirm it at the kiosk (registry-upload-links.c).
 */

#include "config.h"

#include <string.h>

#include "registry-attachments.h"
#include "registry-signature-forms.h"
#include "registry-subject-private.h"
#include "registry-upload-links.h"

static const char *const status_names[] = { "to_print", "printed", "uploaded" };
/* as the kiosk and the form say them */
static const char *const status_labels[] = { "待打印", "已打印", "已上传" };
/* as the database stores them (schema step 2) */
static const char *const status_columns[] = { "to_print", "to_upload", "uploaded" };

const char *
registry_signature_form_status_to_string (RegistrySignatureFormStatus status)
{
  return status_names[status];
}

const char *
registry_signature_form_status_label (RegistrySignatureFormStatus status)
{
  return status_labels[status];
}

/**
 * registry_signature_form_get:
 *
 * A person without a row has a form still to print.
 */
gboolean
registry_signature_form_get (RegistryStorage *storage,
                             const char *person_id,
                             RegistrySignatureForm *out_form,
                             GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;

  memset (out_form, 0, sizeof *out_form);
  if (!registry_storage_query (storage,
                               "SELECT status, printed_at, uploaded_at, attachment_id,"
                               " confirmed_by FROM signature_forms WHERE person_id = $1",
                               (const char *[]){ person_id }, 1, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (status_columns); i++)
    if (g_strcmp0 (registry_rows_get (rows, 0, 0), status_columns[i]) == 0)
      out_form->status = (RegistrySignatureFormStatus) i;
  out_form->printed_at = registry_rows_get_int (rows, 0, 1);
  out_form->uploaded_at = registry_rows_get_int (rows, 0, 2);
  out_form->attachment_id = registry_rows_get_int (rows, 0, 3);
  out_form->staff_confirmed = registry_rows_get (rows, 0, 4) != NULL;
  return TRUE;
}

/**
 * registry_signature_form_printed:
 *
 * Records a completed print. A form already uploaded stays uploaded: the
 * scan on file is still a signed form.
 */
gboolean
registry_signature_form_printed (RegistryStorage *storage,
                                 const char *person_id,
                                 gint64 device_id,
                                 gint64 now,
                                 GError **error)
{
  g_autofree char *now_text = registry_int_text (now);
  g_autofree char *device = registry_int_text (device_id);

  return registry_storage_query (storage,
                                 "INSERT INTO signature_forms (person_id, status, printed_at)"
                                 " VALUES ($1, 'to_upload', $2) ON CONFLICT (person_id) DO UPDATE"
                                 " SET printed_at = $2, status = CASE WHEN"
                                 " signature_forms.status = 'uploaded' THEN 'uploaded'"
                                 " ELSE 'to_upload' END",
                                 (const char *[]){ person_id, now_text }, 2, NULL, NULL, error) &&
         registry_storage_query (storage,
                                 "INSERT INTO audit_log (at, device_id, action, person_id)"
                                 " VALUES ($1, $2, 'signature_form.printed', $3)",
                                 (const char *[]){ now_text, device, person_id }, 3, NULL, NULL,
                                 error);
}

/**
 * registry_signature_form_check_scan:
 * @qr_text: (nullable): the QR code read from the scan
 * @staff_confirms: staff of the kiosk accept a scan without a readable code
 *
 * Judges whether a scan is of @person_id's own form: refused
 * FORM_QR_UNREADABLE (no code, no staff), FORM_NOT_RECOGNISED (a code that
 * is not a form's) or FORM_OF_ANOTHER_PERSON (another record id, or the
 * last four characters of another document number).
 */
gboolean
registry_signature_form_check_scan (RegistryStorage *storage,
                                    const char *person_id,
                                    const char *qr_text,
                                    gboolean staff_confirms,
                                    RegistryVerdict *out_verdict,
                                    GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *check = NULL;
  const char *rest;
  const char *colon;
  const char *number;
  glong length;

  if (qr_text == NULL)
    {
      if (staff_confirms)
        registry_verdict_accept (out_verdict);
      else
        registry_verdict_refuse (out_verdict, CORE_API_ERROR_FORM_QR_UNREADABLE);
      return TRUE;
    }
  if (!g_str_has_prefix (qr_text, REGISTRY_FORM_QR_PREFIX) ||
      (colon = strrchr (qr_text + strlen (REGISTRY_FORM_QR_PREFIX), ':')) == NULL)
    {
      registry_verdict_refuse (out_verdict, CORE_API_ERROR_FORM_NOT_RECOGNISED);
      return TRUE;
    }
  rest = qr_text + strlen (REGISTRY_FORM_QR_PREFIX);

  if (!registry_storage_query (storage, "SELECT doc_number FROM persons WHERE person_id = $1",
                               (const char *[]){ person_id }, 1, &rows, NULL, error))
    return FALSE;
  number = registry_rows_get (rows, 0, 0);
  if (number == NULL || !g_utf8_validate (number, -1, NULL))
    {
      registry_verdict_refuse (out_verdict, CORE_API_ERROR_FORM_OF_ANOTHER_PERSON);
      return TRUE;
    }
  /* the form prints the last four characters, upper case */
  length = g_utf8_strlen (number, -1);
  check = g_utf8_strup (g_utf8_offset_to_pointer (number, MAX (0, length - 4)), -1);
  if ((gsize) (colon - rest) != strlen (person_id) ||
      g_ascii_strncasecmp (rest, person_id, strlen (person_id)) != 0 ||
      g_strcmp0 (colon + 1, check) != 0)
    registry_verdict_refuse (out_verdict, CORE_API_ERROR_FORM_OF_ANOTHER_PERSON);
  else
    registry_verdict_accept (out_verdict);
  return TRUE;
}

/**
 * registry_signature_form_attach_scan:
 * @media: the scan, already judged (registry_signature_form_check_scan())
 * @staff_id: the staff account that confirmed an unreadable scan; 0 none
 *
 * Inside the caller's transaction: stores the scan as the form's
 * attachment, replacing an earlier one, and marks the form uploaded.
 */
gboolean
registry_signature_form_attach_scan (RegistryStorage *storage,
                                     const char *person_id,
                                     RegistryMedia *media,
                                     gint64 staff_id,
                                     gint64 device_id,
                                     gint64 now,
                                     gint64 *out_attachment_id,
                                     RegistryVerdict *out_verdict,
                                     GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *now_text = registry_int_text (now);
  g_autofree char *staff = staff_id > 0 ? registry_int_text (staff_id) : NULL;
  g_autofree char *id = NULL;
  g_autofree char *select =
      g_strconcat ("SELECT attachment_id FROM signature_forms WHERE person_id = $1",
                   registry_storage_for_update (storage), NULL);
  const char *previous;

  /* two scans at once (two phones): the form's row, made if need be and
   * then locked, puts them one after the other, so the second replaces the
   * first instead of both staying */
  if (!registry_storage_query (storage,
                               "INSERT INTO signature_forms (person_id, status) VALUES ($1,"
                               " 'to_print') ON CONFLICT (person_id) DO NOTHING",
                               (const char *[]){ person_id }, 1, NULL, NULL, error) ||
      !registry_storage_query (storage, select, (const char *[]){ person_id }, 1, &rows, NULL,
                               error))
    return FALSE;
  previous = registry_rows_get (rows, 0, 0);
  /* the earlier scan goes first, so a full form never refuses its new one */
  if (previous != NULL &&
      (!registry_storage_query (storage,
                                "UPDATE signature_forms SET attachment_id = NULL"
                                " WHERE person_id = $1",
                                (const char *[]){ person_id }, 1, NULL, NULL, error) ||
       !registry_storage_query (storage,
                                "UPDATE upload_links SET attachment_id = NULL"
                                " WHERE attachment_id = $1",
                                (const char *[]){ previous }, 1, NULL, NULL, error) ||
       !registry_storage_query (storage, "DELETE FROM attachments WHERE id = $1 AND person_id = $2",
                                (const char *[]){ previous, person_id }, 2, NULL, NULL, error)))
    return FALSE;
  if (!registry_attachment_insert (storage, person_id, REGISTRY_SECTION_SIGNATURE_FORM, 0, media,
                                   device_id, now, out_attachment_id, out_verdict, error))
    return FALSE;
  if (out_verdict->refused)
    return TRUE;
  id = registry_int_text (*out_attachment_id);
  if (!registry_storage_query (
          storage,
          "INSERT INTO signature_forms (person_id, status, uploaded_at, attachment_id, "
          "confirmed_by)"
          " VALUES ($1, 'uploaded', $2, $3, $4) ON CONFLICT (person_id) DO UPDATE"
          " SET status = 'uploaded', uploaded_at = $2, attachment_id = $3, confirmed_by = $4",
          (const char *[]){ person_id, now_text, id, staff }, 4, NULL, NULL, error))
    return FALSE;
  if (staff == NULL)
    return TRUE;
  /* staff vouched for a scan the registry could not check: the audit log
   * names them, as it names the staff of a manual filing */
  {
    g_autofree char *device = registry_int_text (device_id);

    return registry_storage_query (
        storage,
        "INSERT INTO audit_log (at, device_id, staff, action, person_id, detail)"
        " SELECT $1, $2, username, 'signature_form.staff_confirmed', $3, $4 FROM staff"
        " WHERE id = $5",
        (const char *[]){ now_text, device, person_id, id, staff }, 5, NULL, NULL, error);
  }
}

typedef struct
{
  const char *person_id;
  RegistryMedia *media;
  gint64 staff_id;
  gint64 device_id;
  gint64 now;
  gint64 attachment_id;
  RegistryAttachment *attachment; /* as stored, read before another scan can replace it */
  RegistryVerdict verdict;
} UploadData;

static gboolean
upload_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  UploadData *data = user_data;

  /* a conflict runs this again: nothing of an earlier run counts */
  g_clear_pointer (&data->attachment, registry_attachment_free);
  data->verdict = (RegistryVerdict){ 0 };
  if (!registry_signature_form_check_scan (storage, data->person_id, data->media->qr_text,
                                           data->staff_id > 0, &data->verdict, error))
    return FALSE;
  if (data->verdict.refused)
    return TRUE;
  if (!registry_signature_form_attach_scan (
          storage, data->person_id, data->media, data->media->qr_text == NULL ? data->staff_id : 0,
          data->device_id, data->now, &data->attachment_id, &data->verdict, error))
    return FALSE;
  if (data->verdict.refused)
    return TRUE;
  /* a scan from a phone waiting for staff is answered by this one (the
   * one staff confirmed, or any other): its link is used, its bytes gone */
  if (!registry_upload_links_settle_form (storage, data->person_id, data->attachment_id, data->now,
                                          error))
    return FALSE;
  data->attachment = registry_attachment_get (storage, data->person_id, data->attachment_id, error);
  return data->attachment != NULL;
}

/**
 * registry_signature_form_upload:
 * @media: the scan, with its QR code read
 * @staff_id: a staff account of a live session on @device_id that confirms
 *   the scan; 0 for none
 *
 * Checks the scan (registry_signature_form_check_scan()) and stores it as
 * the form's signed scan, in one transaction. @out_attachment is the scan
 * as stored, read in that transaction: another scan may replace it the
 * moment it is committed.
 */
gboolean
registry_signature_form_upload (RegistryStorage *storage,
                                const char *person_id,
                                RegistryMedia *media,
                                gint64 staff_id,
                                gint64 device_id,
                                gint64 now,
                                RegistryAttachment **out_attachment,
                                RegistryVerdict *out_verdict,
                                GError **error)
{
  UploadData data = { person_id, media, staff_id, device_id, now, 0, NULL, { 0 } };

  if (!registry_storage_transaction (storage, upload_cb, &data, error))
    {
      g_clear_pointer (&data.attachment, registry_attachment_free);
      return FALSE;
    }
  *out_attachment = data.attachment;
  *out_verdict = data.verdict;
  return TRUE;
}
