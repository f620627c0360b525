/* registry-persons.c: persons: filed or not, basic information, login phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person is one (doc_type, doc_number), created by their first filing
 * (registry-filings.c). Their login phone changes only here, by staff or an
 * operator: never by a filing.
 */

#include "config.h"

#include <string.h>

#include "core-privacy.h"
#include "registry-persons.h"
#include "registry-subject-private.h"

const char *
registry_person_state_to_string (RegistryPersonState state)
{
  switch (state)
    {
      case REGISTRY_PERSON_FILED:
        return "filed";
      case REGISTRY_PERSON_ENABLED:
        return "enabled";
      case REGISTRY_PERSON_NOT_FILED:
      default:
        return "not_filed";
    }
}

/**
 * registry_person_is_enabled:
 * @out_enabled: (out): whether the person may log in: they have a login
 *   phone, or registered as an SMS user
 */
gboolean
registry_person_is_enabled (RegistryStorage *storage,
                            const char *person_id,
                            gboolean *out_enabled,
                            GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;

  if (!registry_storage_query (storage,
                               "SELECT (SELECT count(*) FROM login_phones WHERE person_id = $1)"
                               " + (SELECT count(*) FROM sms_users WHERE person_id = $1)",
                               (const char *[]){ person_id }, 1, &rows, NULL, error))
    return FALSE;
  *out_enabled = registry_rows_get_int (rows, 0, 0) > 0;
  return TRUE;
}

gboolean
registry_person_get_state (RegistryStorage *storage,
                           const char *doc_type,
                           const char *doc_number,
                           RegistryPersonState *out_state,
                           GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *person_id = NULL;
  gboolean enabled = FALSE;

  if (!registry_storage_query (storage,
                               "SELECT person_id FROM persons WHERE doc_type = $1"
                               " AND doc_number = $2",
                               (const char *[]){ doc_type, doc_number }, 2, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows == 0)
    {
      *out_state = REGISTRY_PERSON_NOT_FILED;
      return TRUE;
    }
  person_id = g_strdup (registry_rows_get (rows, 0, 0));
  g_clear_pointer (&rows, registry_rows_free);
  /* only a card filing or a staff-verified manual filing files */
  if (!registry_storage_query (storage,
                               "SELECT (SELECT count(*) FROM filings f WHERE f.person_id = $1"
                               " AND " REGISTRY_COUNTING_FILING ")"
                               " + (SELECT count(*) FROM sms_users WHERE person_id = $1)",
                               (const char *[]){ person_id }, 1, &rows, NULL, error))
    return FALSE;
  if (registry_rows_get_int (rows, 0, 0) == 0)
    {
      *out_state = REGISTRY_PERSON_NOT_FILED;
      return TRUE;
    }
  if (!registry_person_is_enabled (storage, person_id, &enabled, error))
    return FALSE;
  *out_state = enabled ? REGISTRY_PERSON_ENABLED : REGISTRY_PERSON_FILED;
  return TRUE;
}

const char *
registry_phone_check_to_string (RegistryPhoneCheck check)
{
  switch (check)
    {
      case REGISTRY_PHONE_TAKEN:
        return "taken";
      case REGISTRY_PHONE_NOT_LOGIN_PHONE:
        return "not_login_phone";
      case REGISTRY_PHONE_USABLE:
      default:
        return "usable";
    }
}

/**
 * registry_person_check_phone:
 * @out_login_phone: (out) (transfer full) (nullable): the person's login
 *   phone, masked (138****8000), or %NULL when they have none
 *
 * What a filing with @phone would do for logging in, without filing: the
 * phone is another person's (taken), the person already logs in with
 * another phone which a filing does not change (not_login_phone), or it is
 * or will become their login phone (usable). A person not filed yet (their
 * filing may still be on its way) is judged as one without a phone.
 */
gboolean
registry_person_check_phone (RegistryStorage *storage,
                             const char *doc_type,
                             const char *doc_number,
                             const char *phone,
                             RegistryPhoneCheck *out_check,
                             char **out_login_phone,
                             GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;
  g_autoptr (RegistryRows) own = NULL;
  g_autofree char *person_id = NULL;
  const char *login_phone = NULL;

  *out_check = REGISTRY_PHONE_USABLE;
  *out_login_phone = NULL;
  if (!registry_storage_query (storage,
                               "SELECT person_id FROM persons WHERE doc_type = $1"
                               " AND doc_number = $2",
                               (const char *[]){ doc_type, doc_number }, 2, &rows, NULL, error))
    return FALSE;
  /* '' matches no person: every binding of the phone is someone else's */
  person_id = g_strdup (rows->n_rows > 0 ? registry_rows_get (rows, 0, 0) : "");
  g_clear_pointer (&rows, registry_rows_free);
  if (!registry_storage_query (storage,
                               "SELECT (SELECT count(*) FROM login_phones WHERE phone = $1"
                               " AND person_id <> $2) + (SELECT count(*) FROM sms_users"
                               " WHERE phone = $1 AND person_id <> $2)",
                               (const char *[]){ phone, person_id }, 2, &rows, NULL, error))
    return FALSE;
  if (!registry_storage_query (storage,
                               "SELECT phone FROM login_phones WHERE person_id = $1"
                               " UNION ALL SELECT phone FROM sms_users WHERE person_id = $1",
                               (const char *[]){ person_id }, 1, &own, NULL, error))
    return FALSE;
  for (guint i = 0; i < own->n_rows; i++)
    {
      login_phone = registry_rows_get (own, i, 0);
      if (g_strcmp0 (login_phone, phone) == 0)
        break;
    }
  if (login_phone != NULL)
    *out_login_phone = core_mask_phone (login_phone);
  if (registry_rows_get_int (rows, 0, 0) > 0)
    *out_check = REGISTRY_PHONE_TAKEN;
  else if (login_phone != NULL && g_strcmp0 (login_phone, phone) != 0)
    *out_check = REGISTRY_PHONE_NOT_LOGIN_PHONE;
  return TRUE;
}

typedef struct
{
  const char *doc_type;
  const char *doc_number;
  const char *phone;
  const char *staff;
  const char *device; /* NULL: an operator's command */
  gint64 now;
  RegistryVerdict verdict;
  char *person_id;
} PhoneSetData;

static gboolean
phone_set_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  PhoneSetData *data = user_data;
  g_autofree char *now = registry_int_text (data->now);
  g_autofree char *sql = g_strconcat ("SELECT person_id FROM persons WHERE doc_type = $1"
                                      " AND doc_number = $2",
                                      registry_storage_for_update (storage), NULL);
  g_autoptr (RegistryRows) rows = NULL;
  gint64 n = 0;
  gboolean registered;
  const char *person_id;

  g_clear_pointer (&data->person_id, g_free);
  registry_verdict_accept (&data->verdict);
  if (!registry_storage_query (storage, sql, (const char *[]){ data->doc_type, data->doc_number },
                               2, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows != 1)
    {
      registry_verdict_refuse (&data->verdict, CORE_API_ERROR_NOT_FILED);
      return TRUE;
    }
  person_id = registry_rows_get (rows, 0, 0);
  {
    g_autoptr (RegistryRows) taken = NULL;
    if (!registry_storage_query (storage,
                                 "SELECT (SELECT count(*) FROM login_phones WHERE phone = $1"
                                 " AND person_id <> $2) + (SELECT count(*) FROM sms_users"
                                 " WHERE phone = $1 AND person_id <> $2)",
                                 (const char *[]){ data->phone, person_id }, 2, &taken, NULL,
                                 error))
      return FALSE;
    if (registry_rows_get_int (taken, 0, 0) > 0)
      {
        registry_verdict_refuse (&data->verdict, CORE_API_ERROR_PHONE_TAKEN);
        return TRUE;
      }
  }
  if (!registry_count_rows (storage, "SELECT count(*) FROM sms_users WHERE person_id = $1",
                            person_id, &n, error))
    return FALSE;
  registered = n > 0;

  /* the new phone is the person's only login phone; sessions and codes
   * that went to the old one are over */
  if (!registry_storage_query (storage, "DELETE FROM login_phones WHERE person_id = $1",
                               (const char *[]){ person_id }, 1, NULL, NULL, error) ||
      (registered && !registry_storage_query (
                         storage, "UPDATE sms_users SET phone = $2 WHERE person_id = $1",
                         (const char *[]){ person_id, data->phone }, 2, NULL, NULL, error)) ||
      !registry_storage_query (
          storage,
          "INSERT INTO login_phones (phone, person_id, origin, bound_at)"
          " VALUES ($1, $2, $3, $4)",
          (const char *[]){ data->phone, person_id, registered ? "sms" : "filing", now }, 4, NULL,
          NULL, error) ||
      !registry_storage_query (storage, "DELETE FROM practitioner_sessions WHERE person_id = $1",
                               (const char *[]){ person_id }, 1, NULL, NULL, error) ||
      !registry_storage_query (storage,
                               "UPDATE sms_codes SET spent_at = $3 WHERE doc_type = $1"
                               " AND doc_number = $2 AND spent_at IS NULL",
                               (const char *[]){ data->doc_type, data->doc_number, now }, 3, NULL,
                               NULL, error) ||
      !registry_storage_query (storage,
                               "INSERT INTO audit_log (at, device_id, staff, action, person_id,"
                               " detail) VALUES ($1, $2, $3, 'person.phone_set', $4, $5)",
                               (const char *[]){ now, data->device, data->staff, person_id,
                                                 data->device != NULL ? "staff" : "admin" },
                               5, NULL, NULL, error))
    {
      /* the phone was taken on another connection meanwhile: run again */
      if (error != NULL && g_error_matches (*error, REGISTRY_ERROR, REGISTRY_ERROR_CONSTRAINT))
        (*error)->code = REGISTRY_ERROR_RETRY;
      return FALSE;
    }
  data->person_id = g_strdup (person_id);
  return TRUE;
}

/**
 * registry_login_phone_set:
 * @doc_number: normalised and checked
 * @phone: an 11-digit mainland mobile number
 * @staff: (nullable): the staff account doing it, from its staff session
 * @device_id: the kiosk it is done at, 0 for an operator's command
 * @out_person_id: (out) (optional) (transfer full): the person
 *
 * Makes @phone the person's only login phone: their SMS registration phone
 * for an SMS user, their filing phone otherwise. This is the only way a
 * registered person's login phone changes (a later filing never does it).
 * The person's sessions end, and codes sent to the old phone are spent.
 * %CORE_API_ERROR_NOT_FILED for an unknown person,
 * %CORE_API_ERROR_PHONE_TAKEN when the phone logs in for someone else.
 */
gboolean
registry_login_phone_set (RegistryStorage *storage,
                          const char *doc_type,
                          const char *doc_number,
                          const char *phone,
                          const char *staff,
                          gint64 device_id,
                          gint64 now,
                          char **out_person_id,
                          RegistryVerdict *out_verdict,
                          GError **error)
{
  g_autofree char *device = device_id > 0 ? registry_int_text (device_id) : NULL;
  PhoneSetData data = { doc_type, doc_number, phone, staff, device, now, { 0 }, NULL };

  if (out_person_id != NULL)
    *out_person_id = NULL;
  if (!registry_storage_transaction (storage, phone_set_cb, &data, error))
    {
      g_free (data.person_id);
      return FALSE;
    }
  *out_verdict = data.verdict;
  if (out_person_id != NULL)
    *out_person_id = g_steal_pointer (&data.person_id);
  g_free (data.person_id);
  return TRUE;
}

/* the identity record as the person may see it. */
const char *const registry_person_basic_columns[] = {
  "person_id",   "doc_type",    "doc_number", "name",    "name_en", "sex",
  "nation",      "nationality", "birth_date", "address", "issuer",  "valid_from",
  "valid_until", "card_type",   "photo_wlt",  NULL,
};

/**
 * registry_person_get_basic:
 *
 * Returns: (transfer full): one row (none for an unknown person) of the
 *   columns in registry_person_basic_columns
 */
RegistryRows *
registry_person_get_basic (RegistryStorage *storage, const char *person_id, GError **error)
{
  g_autofree char *columns = g_strjoinv (", ", (char **) registry_person_basic_columns);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM persons WHERE person_id = $1", columns);
  RegistryRows *rows = NULL;

  if (!registry_storage_query (storage, sql, (const char *[]){ person_id }, 1, &rows, NULL, error))
    return NULL;
  return rows;
}
