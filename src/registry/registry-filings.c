/* registry-filings.c: filings: accepted once, persons brought up to date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Filing is idempotent through the filings primary key (the client's
 * filing_id): a retry finds its earlier answer; two identical filings racing
 * on two connections both try to insert, the database lets one through, and
 * the loser's transaction is rolled back and run again, when it finds the
 * winner's row. Persons are unique on (doc_type, doc_number) and created with
 * INSERT … ON CONFLICT DO NOTHING, so racing first filings make one person.
 */

#include "config.h"

#include <string.h>

#include "core-privacy.h"
#include "registry-filings.h"
#include "registry-staff-sessions.h"
#include "registry-subject-private.h"

static const CoreFilingField identity_fields[] = {
  CORE_FILING_FIELD_NAME,        CORE_FILING_FIELD_NAME_EN,     CORE_FILING_FIELD_SEX,
  CORE_FILING_FIELD_NATION,      CORE_FILING_FIELD_NATIONALITY, CORE_FILING_FIELD_BIRTH_DATE,
  CORE_FILING_FIELD_ADDRESS,     CORE_FILING_FIELD_ISSUER,      CORE_FILING_FIELD_VALID_FROM,
  CORE_FILING_FIELD_VALID_UNTIL, CORE_FILING_FIELD_CARD_TYPE,   CORE_FILING_FIELD_PHOTO_WLT,
};
#define N_IDENTITY G_N_ELEMENTS (identity_fields)

static gboolean
fill_result (RegistryStorage *storage,
             const char *person_id,
             gboolean phone_usable,
             gboolean created,
             RegistryFilingResult *result,
             GError **error)
{
  gboolean enabled = FALSE;

  if (!registry_person_is_enabled (storage, person_id, &enabled, error))
    return FALSE;
  result->created = created;
  g_strlcpy (result->person_id, person_id, sizeof result->person_id);
  result->phone_usable = phone_usable;
  result->state = enabled ? REGISTRY_PERSON_ENABLED : REGISTRY_PERSON_FILED;
  return TRUE;
}

/* Looks up an earlier acceptance of this filing_id. */
static gboolean
find_filing (RegistryStorage *storage,
             CoreFiling *filing,
             RegistryFilingResult *result,
             gboolean *out_found,
             GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;

  *out_found = FALSE;
  if (!registry_storage_query (storage,
                               "SELECT person_id, phone_usable, doc_type, doc_number FROM filings"
                               " WHERE filing_id = $1",
                               (const char *[]){ core_filing_get_filing_id (filing) }, 1, &rows,
                               NULL, error))
    return FALSE;
  if (rows->n_rows == 0)
    return TRUE;

  if (g_strcmp0 (registry_rows_get (rows, 0, 2),
                 core_filing_get (filing, CORE_FILING_FIELD_DOC_TYPE)) != 0 ||
      g_strcmp0 (registry_rows_get (rows, 0, 3), core_filing_get_doc_number (filing)) != 0)
    {
      g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_FILING_ID_CONFLICT,
                           "this filing_id was used for another document");
      return FALSE;
    }
  *out_found = TRUE;
  return fill_result (storage, registry_rows_get (rows, 0, 0),
                      registry_rows_get_int (rows, 0, 1) != 0, FALSE, result, error);
}

/* Creates the person, or brings an existing one up to date keeping the
 * earlier version in person_history. Fields the filing lacks are kept. A
 * person who has a login phone keeps it as their phone on record: the
 * filing's phone stays in the filing only (see bind_phone()). */
static gboolean
upsert_person (RegistryStorage *storage,
               CoreFiling *filing,
               const char *now,
               char **out_person_id,
               GError **error)
{
  g_autofree char *person_id = g_uuid_string_random ();
  const char *params[16 + 2];
  const char *doc_type = core_filing_get (filing, CORE_FILING_FIELD_DOC_TYPE);
  const char *doc_number = core_filing_get_doc_number (filing);
  const char *phone = core_filing_get_phone (filing);
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *select_sql = NULL;
  g_autoptr (RegistryRows) bound = NULL;
  gboolean changed = FALSE;
  gint64 changes = 0;

  params[0] = person_id;
  params[1] = doc_type;
  params[2] = doc_number;
  for (guint i = 0; i < N_IDENTITY; i++)
    params[3 + i] = core_filing_get (filing, identity_fields[i]);
  params[15] = phone;
  params[16] = now;
  if (!registry_storage_query (
          storage,
          "INSERT INTO persons (person_id, doc_type, doc_number, name, name_en,"
          " sex, nation, nationality, birth_date, address, issuer, valid_from,"
          " valid_until, card_type, photo_wlt, phone, version, created_at,"
          " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
          " $12, $13, $14, $15, $16, 1, $17, $17)"
          " ON CONFLICT (doc_type, doc_number) DO NOTHING",
          params, 17, NULL, &changes, error))
    return FALSE;
  if (changes == 1)
    {
      *out_person_id = g_steal_pointer (&person_id);
      return TRUE;
    }

  select_sql = g_strconcat ("SELECT person_id, name, name_en, sex, nation, nationality, birth_date,"
                            " address, issuer, valid_from, valid_until, card_type, photo_wlt, phone"
                            " FROM persons WHERE doc_type = $1 AND doc_number = $2",
                            registry_storage_for_update (storage), NULL);
  if (!registry_storage_query (storage, select_sql, (const char *[]){ doc_type, doc_number }, 2,
                               &rows, NULL, error))
    return FALSE;
  if (rows->n_rows != 1)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_RETRY,
                           "the person vanished while filing");
      return FALSE;
    }
  /* the person's row is locked: a registration of them waits for this */
  if (!registry_storage_query (storage, "SELECT count(*) FROM login_phones WHERE person_id = $1",
                               (const char *[]){ registry_rows_get (rows, 0, 0) }, 1, &bound, NULL,
                               error))
    return FALSE;
  if (registry_rows_get_int (bound, 0, 0) > 0)
    phone = NULL; /* their login phone changes only by staff (registry_login_phone_set) */

  for (guint i = 0; i < N_IDENTITY; i++)
    {
      const char *value = core_filing_get (filing, identity_fields[i]);
      if (value != NULL && g_strcmp0 (value, registry_rows_get (rows, 0, 1 + i)) != 0)
        changed = TRUE;
    }
  if (phone != NULL && g_strcmp0 (phone, registry_rows_get (rows, 0, 13)) != 0)
    changed = TRUE;

  g_free (person_id);
  person_id = g_strdup (registry_rows_get (rows, 0, 0));
  if (changed)
    {
      params[0] = person_id;
      for (guint i = 0; i < N_IDENTITY; i++)
        params[1 + i] = core_filing_get (filing, identity_fields[i]);
      params[13] = phone;
      params[14] = now;
      params[15] = core_filing_get_filing_id (filing);
      if (!registry_storage_query (
              storage,
              "INSERT INTO person_history (person_id, version, name, name_en,"
              " sex, nation, nationality, birth_date, address, issuer,"
              " valid_from, valid_until, card_type, photo_wlt, phone,"
              " valid_since, replaced_at, replaced_by_filing)"
              " SELECT person_id, version, name, name_en, sex, nation,"
              " nationality, birth_date, address, issuer, valid_from,"
              " valid_until, card_type, photo_wlt, phone, updated_at, $2, $3"
              " FROM persons WHERE person_id = $1",
              (const char *[]){ person_id, now, core_filing_get_filing_id (filing) }, 3, NULL, NULL,
              error) ||
          !registry_storage_query (storage,
                                   "UPDATE persons SET name = coalesce($2, name),"
                                   " name_en = coalesce($3, name_en), sex = coalesce($4, sex),"
                                   " nation = coalesce($5, nation),"
                                   " nationality = coalesce($6, nationality),"
                                   " birth_date = coalesce($7, birth_date),"
                                   " address = coalesce($8, address),"
                                   " issuer = coalesce($9, issuer),"
                                   " valid_from = coalesce($10, valid_from),"
                                   " valid_until = coalesce($11, valid_until),"
                                   " card_type = coalesce($12, card_type),"
                                   " photo_wlt = coalesce($13, photo_wlt),"
                                   " phone = coalesce($14, phone), version = version + 1,"
                                   " updated_at = $15 WHERE person_id = $1",
                                   params, 15, NULL, NULL, error))
        return FALSE;
    }
  *out_person_id = g_steal_pointer (&person_id);
  return TRUE;
}

/* Binds the filing's phone to the person when they have no login phone yet
 * and no other person holds it. A person's login phone, once bound, is never
 * replaced by a filing: a filing is only as trustworthy as the device token
 * that sent it, so a changed phone is a matter for staff
 * (registry_login_phone_set()). The person's row is locked by the caller. */
static gboolean
bind_phone (RegistryStorage *storage,
            const char *person_id,
            const char *phone,
            const char *now,
            gboolean *out_usable,
            GError **error)
{
  g_autoptr (RegistryRows) bound = NULL;
  g_autoptr (RegistryRows) rows = NULL;

  *out_usable = FALSE;
  if (phone == NULL)
    return TRUE;
  if (!registry_storage_query (storage, "SELECT phone FROM login_phones WHERE person_id = $1",
                               (const char *[]){ person_id }, 1, &bound, NULL, error))
    return FALSE;
  if (bound->n_rows > 0)
    {
      for (guint i = 0; i < bound->n_rows; i++)
        {
          if (g_strcmp0 (registry_rows_get (bound, i, 0), phone) == 0)
            *out_usable = TRUE;
        }
      return TRUE;
    }
  if (!registry_storage_query (storage,
                               "INSERT INTO login_phones (phone, person_id, origin, bound_at)"
                               " VALUES ($1, $2, 'filing', $3) ON CONFLICT (phone) DO NOTHING",
                               (const char *[]){ phone, person_id, now }, 3, NULL, NULL, error) ||
      !registry_storage_query (storage, "SELECT person_id FROM login_phones WHERE phone = $1",
                               (const char *[]){ phone }, 1, &rows, NULL, error))
    return FALSE;
  *out_usable = g_strcmp0 (registry_rows_get (rows, 0, 0), person_id) == 0;
  return TRUE;
}

/* A manual filing names its staff by the session the registry gave; the
 * session may have ended since, as filings wait offline, but not longer ago
 * than the grace period. Nothing is written when it is refused. */
static gboolean
resolve_staff (RegistryStorage *storage,
               gint64 device_id,
               gint64 clock_now,
               CoreFiling *filing,
               char **out_staff_id,
               char **out_user,
               GError **error)
{
  RegistryVerdict verdict;
  gint64 staff_id = 0;

  *out_staff_id = NULL;
  *out_user = NULL;
  if (core_filing_get_source (filing) != CORE_FILING_SOURCE_MANUAL)
    return TRUE;
  if (!registry_staff_session_resolve (
          storage, device_id, clock_now, core_filing_get (filing, CORE_FILING_FIELD_STAFF_SESSION),
          REGISTRY_STAFF_SESSION_GRACE_S, &staff_id, out_user, &verdict, error))
    return FALSE;
  if (verdict.refused && verdict.code == CORE_API_ERROR_STAFF_DISABLED)
    {
      g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_STAFF_DISABLED,
                           "the staff account of this manual filing is disabled;"
                           " staff must file it again");
      return FALSE;
    }
  if (verdict.refused)
    {
      g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_STAFF_SESSION_INVALID,
                           "this manual filing's staff session is unknown, another kiosk's or"
                           " too old; staff must sign in and file it again");
      return FALSE;
    }
  *out_staff_id = g_strdup_printf ("%" G_GINT64_FORMAT, staff_id);
  return TRUE;
}

static gboolean
submit_one (RegistryStorage *storage,
            gint64 device_id,
            gint64 clock_now,
            CoreFiling *filing,
            RegistryFilingResult *result,
            GError **error)
{
  g_autofree char *now = registry_now_text ();
  g_autofree char *person_id = NULL;
  g_autofree char *device_text = g_strdup_printf ("%" G_GINT64_FORMAT, device_id);
  g_autofree char *staff_id = NULL;
  g_autofree char *staff = NULL;
  const char *params[32];
  gboolean found = FALSE;
  gboolean usable = FALSE;
  gint64 changes = 0;
  guint n = 0;

  /* a retry of an accepted filing gets its answer, whatever its session now */
  if (!find_filing (storage, filing, result, &found, error))
    return FALSE;
  if (found)
    return TRUE;
  if (!resolve_staff (storage, device_id, clock_now, filing, &staff_id, &staff, error))
    return FALSE;

  if (!upsert_person (storage, filing, now, &person_id, error) ||
      !bind_phone (storage, person_id, core_filing_get_phone (filing), now, &usable, error))
    return FALSE;

  params[n++] = core_filing_get_filing_id (filing);
  params[n++] = person_id;
  params[n++] = device_text;
  params[n++] = core_filing_get (filing, CORE_FILING_FIELD_SOURCE);
  params[n++] = core_filing_get (filing, CORE_FILING_FIELD_DOC_TYPE);
  params[n++] = core_filing_get_doc_number (filing);
  for (guint i = 0; i < N_IDENTITY; i++)
    params[n++] = core_filing_get (filing, identity_fields[i]);
  params[n++] = core_filing_get_phone (filing);
  params[n++] = staff;
  params[n++] = core_filing_get_original_checked (filing) ? "1" : "0";
  params[n++] = usable ? "1" : "0";
  params[n++] = now;
  params[n++] = staff_id;
  if (!registry_storage_query (storage,
                               "INSERT INTO filings (filing_id, person_id, device_id, source,"
                               " doc_type, doc_number, name, name_en, sex, nation, nationality,"
                               " birth_date, address, issuer, valid_from, valid_until, card_type,"
                               " photo_wlt, phone, staff, original_checked, phone_usable,"
                               " received_at, staff_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                               " $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,"
                               " $23, $24) ON CONFLICT (filing_id) DO NOTHING",
                               params, n, NULL, &changes, error))
    return FALSE;
  if (changes == 0)
    {
      /* An identical filing committed first on another connection: run the
       * transaction again, and it will find that filing. */
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_RETRY,
                           "the same filing arrived twice at once");
      return FALSE;
    }

  if (!registry_storage_query (storage,
                               "INSERT INTO audit_log (at, device_id, staff, action, person_id,"
                               " detail) VALUES ($1, $2, $3, 'filing.accept', $4, $5)",
                               (const char *[]){ now, device_text, staff, person_id,
                                                 core_filing_get_filing_id (filing) },
                               5, NULL, NULL, error))
    return FALSE;

  return fill_result (storage, person_id, usable, TRUE, result, error);
}

typedef struct
{
  gint64 device_id;
  gint64 now;
  CoreFiling *const *filings;
  guint n_filings;
  RegistryFilingResult *results;
  GError **errors;
} SubmitData;

static gboolean
submit_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  SubmitData *data = user_data;

  for (guint i = 0; i < data->n_filings; i++)
    {
      g_autoptr (GError) error_local = NULL;

      g_clear_error (&data->errors[i]);
      if (data->filings[i] == NULL)
        continue;
      memset (&data->results[i], 0, sizeof data->results[i]);
      if (submit_one (storage, data->device_id, data->now, data->filings[i], &data->results[i],
                      &error_local))
        continue;
      /* A conflict or a refused staff session is found before anything is
       * written, so the other filings of the batch can go on; anything else
       * undoes the batch. */
      if (registry_filing_error_is_own (error_local))
        data->errors[i] = g_steal_pointer (&error_local);
      else
        {
          g_propagate_error (error, g_steal_pointer (&error_local));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * registry_filing_error_is_own:
 *
 * Returns: whether @error refuses one filing only (its filing_id names
 *   another document, or its staff session is refused), not the request
 */
gboolean
registry_filing_error_is_own (const GError *error)
{
  return error != NULL && error->domain == CORE_API_ERROR;
}

/**
 * registry_filing_submit_batch:
 * @filings: (array length=n_filings): valid filings; %NULL elements are skipped
 * @out_results: (array length=n_filings): the answer for each accepted filing
 * @now: the registry's clock (registry_clock_now()), for staff sessions
 * @out_errors: (array length=n_filings): set for a filing refused on its own
 *   (see registry_filing_error_is_own()); must be all %NULL on entry
 *
 * Files all in one transaction. Returns %FALSE, with nothing written, only
 * when the database fails.
 */
gboolean
registry_filing_submit_batch (RegistryStorage *storage,
                              gint64 device_id,
                              gint64 now,
                              CoreFiling *const *filings,
                              guint n_filings,
                              RegistryFilingResult *out_results,
                              GError **out_errors,
                              GError **error)
{
  SubmitData data = { device_id, now, filings, n_filings, out_results, out_errors };

  if (!registry_storage_transaction (storage, submit_cb, &data, error))
    {
      for (guint i = 0; i < n_filings; i++)
        g_clear_error (&out_errors[i]);
      return FALSE;
    }
  for (guint i = 0; i < n_filings; i++)
    {
      if (filings[i] != NULL && out_errors[i] == NULL)
        {
          g_autofree char *masked = core_mask_id_number (core_filing_get_doc_number (filings[i]));
          g_debug ("filing %s for %s %s", core_filing_get_filing_id (filings[i]), masked,
                   out_results[i].created ? "accepted" : "already accepted");
        }
    }
  return TRUE;
}

/**
 * registry_filing_submit:
 *
 * Files one filing. %CORE_API_ERROR_FILING_ID_CONFLICT when its filing_id was
 * accepted before for another document; a staff session error when a
 * manual filing's session is refused.
 */
gboolean
registry_filing_submit (RegistryStorage *storage,
                        gint64 device_id,
                        gint64 now,
                        CoreFiling *filing,
                        RegistryFilingResult *out_result,
                        GError **error)
{
  GError *item_error = NULL;

  if (!registry_filing_submit_batch (storage, device_id, now, &filing, 1, out_result, &item_error,
                                     error))
    return FALSE;
  if (item_error != NULL)
    {
      g_propagate_error (error, item_error);
      return FALSE;
    }
  return TRUE;
}
