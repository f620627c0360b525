/* registry-records.c: what the registry stores, as operations on a storage
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

#include <sodium.h>
#include <string.h>

#include "core-privacy.h"
#include "core-text.h"
#include "registry-accounts.h"
#include "registry-records.h"

#define MAX_NAME_LENGTH 64
#define MAX_IMPORT_TEXT 256
#define MAX_IMPORT_ITEMS 100000

static const CoreFilingField identity_fields[] = {
  CORE_FILING_FIELD_NAME,        CORE_FILING_FIELD_NAME_EN,     CORE_FILING_FIELD_SEX,
  CORE_FILING_FIELD_NATION,      CORE_FILING_FIELD_NATIONALITY, CORE_FILING_FIELD_BIRTH_DATE,
  CORE_FILING_FIELD_ADDRESS,     CORE_FILING_FIELD_ISSUER,      CORE_FILING_FIELD_VALID_FROM,
  CORE_FILING_FIELD_VALID_UNTIL, CORE_FILING_FIELD_CARD_TYPE,   CORE_FILING_FIELD_PHOTO_WLT,
};
#define N_IDENTITY G_N_ELEMENTS (identity_fields)

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

static char *
now_text (void)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
}

static char *
hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static gboolean
check_name (const char *what, const char *name, GError **error)
{
  gsize len = name != NULL ? strlen (name) : 0;

  if (len == 0 || len > MAX_NAME_LENGTH || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "a %s name is 1 to %d bytes of text", what, MAX_NAME_LENGTH);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20)
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                       "a %s name has no control characters", what);
          return FALSE;
        }
    }
  return TRUE;
}

/* Records an operator's action. Device and staff names are operators'
 * labels, not practitioners' data, so they may appear in clear. */
static gboolean
audit_admin (RegistryStorage *storage, const char *action, const char *detail, GError **error)
{
  g_autofree char *now = now_text ();

  return registry_storage_query (storage,
                                 "INSERT INTO audit_log (at, action, detail) VALUES ($1, $2, $3)",
                                 (const char *[]){ now, action, detail }, 3, NULL, NULL, error);
}

/* ---- devices ---- */

/**
 * registry_device_enroll:
 * @name: the device's name, unique, e.g. "window-3"
 *
 * Creates a device with a new random token. Only the token's SHA-256 is
 * stored, so the token cannot be shown again.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 *   (%REGISTRY_ERROR_EXISTS when the name is taken)
 */
char *
registry_device_enroll (RegistryStorage *storage, const char *name, GError **error)
{
  guchar random[32];
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *now = now_text ();
  gint64 changes = 0;

  if (!check_name ("device", name, error))
    return NULL;
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED, "libsodium cannot start");
      return NULL;
    }
  randombytes_buf (random, sizeof random);
  token = g_malloc (REGISTRY_TOKEN_LENGTH + 1);
  sodium_bin2hex (token, REGISTRY_TOKEN_LENGTH + 1, random, sizeof random);
  sodium_memzero (random, sizeof random);
  hash = hash_token (token);

  if (!registry_storage_query (storage,
                               "INSERT INTO devices (name, token_hash, created_at)"
                               " VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
                               (const char *[]){ name, hash, now }, 3, NULL, &changes, error))
    return NULL;
  if (changes == 0)
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_EXISTS, "a device named %s exists already",
                   name);
      return NULL;
    }
  if (!audit_admin (storage, "device.enroll", name, error))
    return NULL;
  return g_steal_pointer (&token);
}

gboolean
registry_device_revoke (RegistryStorage *storage, const char *name, GError **error)
{
  g_autofree char *now = now_text ();
  gint64 changes = 0;

  if (!registry_storage_query (storage,
                               "UPDATE devices SET revoked_at = $2"
                               " WHERE name = $1 AND revoked_at IS NULL",
                               (const char *[]){ name, now }, 2, NULL, &changes, error))
    return FALSE;
  if (changes == 0)
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_NOT_FOUND,
                   "no enrolled, unrevoked device is named %s", name);
      return FALSE;
    }
  return audit_admin (storage, "device.revoke", name, error);
}

/**
 * registry_device_list:
 *
 * Returns: (transfer full): rows of (name, created_at, revoked_at), by name
 */
RegistryRows *
registry_device_list (RegistryStorage *storage, GError **error)
{
  RegistryRows *rows = NULL;

  if (!registry_storage_query (storage,
                               "SELECT name, created_at, revoked_at FROM devices ORDER BY name",
                               NULL, 0, &rows, NULL, error))
    return NULL;
  return rows;
}

/**
 * registry_device_authenticate:
 * @token: the bearer token as the client sent it
 *
 * Returns: %TRUE with the device's id when @token belongs to an enrolled,
 *   unrevoked device; %FALSE with %REGISTRY_ERROR_NOT_FOUND when it does not
 */
gboolean
registry_device_authenticate (RegistryStorage *storage,
                              const char *token,
                              gint64 *out_device_id,
                              GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *hash = NULL;

  if (token == NULL || strlen (token) != REGISTRY_TOKEN_LENGTH)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_NOT_FOUND,
                           "the device token is not valid");
      return FALSE;
    }
  hash = hash_token (token);
  if (!registry_storage_query (
          storage, "SELECT id FROM devices WHERE token_hash = $1 AND revoked_at IS NULL",
          (const char *[]){ hash }, 1, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows == 0)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_NOT_FOUND,
                           "the device token is not valid or was revoked");
      return FALSE;
    }
  *out_device_id = registry_rows_get_int (rows, 0, 0);
  return TRUE;
}

/* ---- staff ---- */

/* argon2id of a staff password (libsodium's crypto_pwhash_str,
 * interactive limits) into @hash. */
static gboolean
hash_staff_password (const char *password, char hash[crypto_pwhash_STRBYTES], GError **error)
{
  if (password == NULL || strlen (password) < 8 || strlen (password) > 1024)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                           "a staff password is 8 to 1024 bytes");
      return FALSE;
    }
  if (sodium_init () < 0 ||
      crypto_pwhash_str (hash, password, strlen (password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED,
                           "hashing the password failed (out of memory?)");
      return FALSE;
    }
  return TRUE;
}

/**
 * registry_staff_add:
 *
 * Stores a staff account with its password hashed by argon2id
 * (libsodium's crypto_pwhash_str, interactive limits).
 */
gboolean
registry_staff_add (RegistryStorage *storage,
                    const char *username,
                    const char *password,
                    GError **error)
{
  char hash[crypto_pwhash_STRBYTES];
  g_autofree char *now = now_text ();
  gint64 changes = 0;

  if (!check_name ("staff", username, error) || !hash_staff_password (password, hash, error))
    return FALSE;
  if (!registry_storage_query (storage,
                               "INSERT INTO staff (username, password_hash, created_at)"
                               " VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING",
                               (const char *[]){ username, hash, now }, 3, NULL, &changes, error))
    return FALSE;
  if (changes == 0)
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_EXISTS, "staff account %s exists already",
                   username);
      return FALSE;
    }
  return audit_admin (storage, "staff.add", username, error);
}

typedef enum
{
  STAFF_DISABLE,
  STAFF_ENABLE,
  STAFF_SET_PASSWORD,
} StaffChange;

typedef struct
{
  StaffChange change;
  const char *username;
  const char *hash; /* STAFF_SET_PASSWORD */
} StaffChangeData;

static gboolean
staff_change_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  StaffChangeData *data = user_data;
  g_autofree char *now = now_text ();
  g_autofree char *sql = g_strconcat ("SELECT id, disabled_at FROM staff WHERE username = $1",
                                      registry_storage_for_update (storage), NULL);
  g_autoptr (RegistryRows) rows = NULL;
  const char *id;
  const char *action;
  gboolean disabled;

  if (!registry_storage_query (storage, sql, (const char *[]){ data->username }, 1, &rows, NULL,
                               error))
    return FALSE;
  if (rows->n_rows != 1)
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_NOT_FOUND, "no staff account is named %s",
                   data->username);
      return FALSE;
    }
  id = registry_rows_get (rows, 0, 0);
  disabled = registry_rows_get (rows, 0, 1) != NULL;

  switch (data->change)
    {
      case STAFF_DISABLE:
        if (disabled)
          {
            g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_CONFLICT,
                         "staff account %s is disabled already", data->username);
            return FALSE;
          }
        action = "staff.disable";
        if (!registry_storage_query (storage, "UPDATE staff SET disabled_at = $2 WHERE id = $1",
                                     (const char *[]){ id, now }, 2, NULL, NULL, error))
          return FALSE;
        break;
      case STAFF_ENABLE:
        if (!disabled)
          {
            g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_CONFLICT,
                         "staff account %s is not disabled", data->username);
            return FALSE;
          }
        action = "staff.enable";
        if (!registry_storage_query (storage, "UPDATE staff SET disabled_at = NULL WHERE id = $1",
                                     (const char *[]){ id }, 1, NULL, NULL, error))
          return FALSE;
        break;
      case STAFF_SET_PASSWORD:
      default:
        action = "staff.password_reset";
        /* a new password starts clean: no lock left from the old one */
        if (!registry_storage_query (storage, "UPDATE staff SET password_hash = $2 WHERE id = $1",
                                     (const char *[]){ id, data->hash }, 2, NULL, NULL, error) ||
            !registry_storage_query (storage,
                                     "DELETE FROM staff_login_failures WHERE scope = 'user'"
                                     " AND subject = $1",
                                     (const char *[]){ data->username }, 1, NULL, NULL, error))
          return FALSE;
        break;
    }
  /* disabling or a new password ends the account's sessions at once, on
   * every process (filings made under them are judged by the account) */
  if (data->change != STAFF_ENABLE &&
      !registry_storage_query (storage,
                               "UPDATE staff_sessions SET ended_at = $2 WHERE staff_id = $1"
                               " AND ended_at IS NULL",
                               (const char *[]){ id, now }, 2, NULL, NULL, error))
    return FALSE;
  return audit_admin (storage, action, data->username, error);
}

/**
 * registry_staff_disable:
 *
 * The account cannot sign in any more, its staff sessions end, and manual
 * filings made under any of them are refused (staff_disabled), even those
 * still waiting on a kiosk. %REGISTRY_ERROR_NOT_FOUND for no such account,
 * %REGISTRY_ERROR_CONFLICT when it is disabled already.
 */
gboolean
registry_staff_disable (RegistryStorage *storage, const char *username, GError **error)
{
  StaffChangeData data = { STAFF_DISABLE, username, NULL };

  return registry_storage_transaction (storage, staff_change_cb, &data, error);
}

/**
 * registry_staff_enable:
 *
 * Undoes registry_staff_disable(); the sessions it ended stay ended.
 */
gboolean
registry_staff_enable (RegistryStorage *storage, const char *username, GError **error)
{
  StaffChangeData data = { STAFF_ENABLE, username, NULL };

  return registry_storage_transaction (storage, staff_change_cb, &data, error);
}

/**
 * registry_staff_set_password:
 *
 * Replaces the account's password (8–1024 bytes, stored as argon2id), ends
 * its staff sessions and lifts its sign-in lock.
 */
gboolean
registry_staff_set_password (RegistryStorage *storage,
                             const char *username,
                             const char *password,
                             GError **error)
{
  char hash[crypto_pwhash_STRBYTES];
  StaffChangeData data = { STAFF_SET_PASSWORD, username, hash };

  if (!hash_staff_password (password, hash, error))
    return FALSE;
  return registry_storage_transaction (storage, staff_change_cb, &data, error);
}

/**
 * registry_staff_list:
 *
 * Returns: (transfer full): rows of (username, created_at, disabled_at)
 */
RegistryRows *
registry_staff_list (RegistryStorage *storage, GError **error)
{
  RegistryRows *rows = NULL;

  if (!registry_storage_query (storage,
                               "SELECT username, created_at, disabled_at FROM staff"
                               " ORDER BY username",
                               NULL, 0, &rows, NULL, error))
    return NULL;
  return rows;
}

/* ---- persons and filings ---- */

static gboolean
person_is_enabled (RegistryStorage *storage,
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

static gboolean
fill_result (RegistryStorage *storage,
             const char *person_id,
             gboolean phone_usable,
             gboolean created,
             RegistryFilingResult *result,
             GError **error)
{
  gboolean enabled = FALSE;

  if (!person_is_enabled (storage, person_id, &enabled, error))
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
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_CONFLICT,
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
  if (verdict.outcome == REGISTRY_OUTCOME_STAFF_DISABLED)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_STAFF_DISABLED,
                           "the staff account of this manual filing is disabled;"
                           " staff must file it again");
      return FALSE;
    }
  if (verdict.outcome != REGISTRY_OUTCOME_OK)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_STAFF_SESSION_INVALID,
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
  g_autofree char *now = now_text ();
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
  return g_error_matches (error, REGISTRY_ERROR, REGISTRY_ERROR_CONFLICT) ||
         g_error_matches (error, REGISTRY_ERROR, REGISTRY_ERROR_STAFF_SESSION_INVALID) ||
         g_error_matches (error, REGISTRY_ERROR, REGISTRY_ERROR_STAFF_DISABLED);
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
 * Files one filing. %REGISTRY_ERROR_CONFLICT when its filing_id was
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
  if (!person_is_enabled (storage, person_id, &enabled, error))
    return FALSE;
  *out_state = enabled ? REGISTRY_PERSON_ENABLED : REGISTRY_PERSON_FILED;
  return TRUE;
}

/* ---- imports ---- */

typedef struct
{
  const char *name;
  gboolean required;
} ImportField;

/* Reads the listed members of @object as text (numbers are accepted and
 * written in decimal) into @out, checking type, size and presence. */
static gboolean
read_import_fields (JsonObject *object,
                    const ImportField *fields,
                    guint n_fields,
                    guint index,
                    char **out,
                    GError **error)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &node))
    {
      gboolean known = FALSE;
      for (guint f = 0; f < n_fields && !known; f++)
        known = g_strcmp0 (member, fields[f].name) == 0;
      if (!known && g_strcmp0 (member, "specialties") != 0)
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                       "item %u: unknown field", index);
          return FALSE;
        }
    }

  for (guint f = 0; f < n_fields; f++)
    {
      node = json_object_get_member (object, fields[f].name);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          if (fields[f].required)
            {
              g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                           "item %u: %s is required", index, fields[f].name);
              return FALSE;
            }
          continue;
        }
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        out[f] = g_strdup (json_node_get_string (node));
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        out[f] = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          out[f] = g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
        }
      else
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                       "item %u: %s must be a string", index, fields[f].name);
          return FALSE;
        }
      if (strlen (out[f]) > MAX_IMPORT_TEXT || *out[f] == '\0')
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                       "item %u: %s must be 1 to %d bytes", index, fields[f].name, MAX_IMPORT_TEXT);
          return FALSE;
        }
      if (core_text_get_problem (out[f]) != NULL)
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT, "item %u: %s %s",
                       index, fields[f].name, core_text_get_problem (out[f]));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_document (const char *doc_type, char **doc_number, guint index, GError **error)
{
  IdcardDocumentType type;
  g_autoptr (GError) error_local = NULL;
  char *normalized;

  if (!idcard_document_type_from_string (doc_type, &type))
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "item %u: unknown doc_type", index);
      return FALSE;
    }
  normalized = idcard_document_number_normalize (*doc_number);
  g_free (*doc_number);
  *doc_number = normalized;
  if (!idcard_document_number_check (type, *doc_number, &error_local))
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "item %u: doc_number: %s", index, error_local->message);
      return FALSE;
    }
  return TRUE;
}

static JsonArray *
get_item_array (JsonNode *root, const char *member, GError **error)
{
  JsonNode *node;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (node = json_object_get_member (json_node_get_object (root), member)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "the file must be a JSON object with an array \"%s\"", member);
      return NULL;
    }
  if (json_array_get_length (json_node_get_array (node)) > MAX_IMPORT_ITEMS)
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "at most %d items per file", MAX_IMPORT_ITEMS);
      return NULL;
    }
  return json_node_get_array (node);
}

static void
free_values (char **values, guint n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&values[i], g_free);
}

static const ImportField registration_fields[] = {
  { "doc_type", TRUE },     { "doc_number", TRUE },
  { "category", TRUE },     { "certificate_number", TRUE },
  { "seal_number", FALSE }, { "issued_on", FALSE },
  { "issuer", FALSE },      { "valid_until", FALSE },
  { "company", FALSE },     { "company_code", FALSE },
  { "status", FALSE },
};

static const ImportField specialty_fields[] = {
  { "specialty", TRUE },
  { "valid_from", FALSE },
  { "valid_until", FALSE },
};

static const ImportField project_fields[] = {
  { "doc_type", TRUE },        { "doc_number", TRUE },  { "name", TRUE },
  { "code", FALSE },           { "category", FALSE },   { "owner", FALSE },
  { "role", FALSE },           { "started_on", FALSE }, { "completed_on", FALSE },
  { "investment_wan", FALSE }, { "area_m2", FALSE },    { "location", FALSE },
};

typedef struct
{
  JsonArray *items;
  gboolean projects;
  guint count;
} ImportData;

/* Each document in the file gets exactly the records the file lists for it:
 * its earlier imported records are replaced. */
static gboolean
clear_document (RegistryStorage *storage,
                GHashTable *cleared,
                gboolean projects,
                const char *doc_type,
                const char *doc_number,
                GError **error)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", doc_type, doc_number);

  if (g_hash_table_contains (cleared, key))
    return TRUE;
  g_hash_table_add (cleared, g_steal_pointer (&key));
  if (projects)
    return registry_storage_query (storage,
                                   "DELETE FROM projects WHERE doc_type = $1 AND doc_number = $2",
                                   (const char *[]){ doc_type, doc_number }, 2, NULL, NULL, error);
  return registry_storage_query (storage,
                                 "DELETE FROM registration_specialties WHERE registration_id IN"
                                 " (SELECT id FROM registrations WHERE doc_type = $1"
                                 " AND doc_number = $2)",
                                 (const char *[]){ doc_type, doc_number }, 2, NULL, NULL, error) &&
         registry_storage_query (storage,
                                 "DELETE FROM registrations WHERE doc_type = $1"
                                 " AND doc_number = $2",
                                 (const char *[]){ doc_type, doc_number }, 2, NULL, NULL, error);
}

static gboolean
import_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  ImportData *data = user_data;
  g_autoptr (GHashTable) cleared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *now = now_text ();
  const ImportField *fields = data->projects ? project_fields : registration_fields;
  guint n_fields =
      data->projects ? G_N_ELEMENTS (project_fields) : G_N_ELEMENTS (registration_fields);

  data->count = 0;
  for (guint i = 0; i < json_array_get_length (data->items); i++)
    {
      JsonNode *item = json_array_get_element (data->items, i);
      char *values[16] = { NULL };
      const char *params[16];
      g_autoptr (RegistryRows) rows = NULL;
      gboolean ok;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                       "item %u: not an object", i);
          return FALSE;
        }
      if (!read_import_fields (json_node_get_object (item), fields, n_fields, i, values, error) ||
          !check_document (values[0], &values[1], i, error) ||
          !clear_document (storage, cleared, data->projects, values[0], values[1], error))
        {
          free_values (values, n_fields);
          return FALSE;
        }
      for (guint f = 0; f < n_fields; f++)
        params[f] = values[f];
      params[n_fields] = now;

      if (data->projects)
        ok = registry_storage_query (storage,
                                     "INSERT INTO projects (doc_type, doc_number, name, code,"
                                     " category, owner, role, started_on, completed_on,"
                                     " investment_wan, area_m2, location, imported_at) VALUES"
                                     " ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                                     params, n_fields + 1, NULL, NULL, error);
      else
        ok = registry_storage_query (storage,
                                     "INSERT INTO registrations (doc_type, doc_number, category,"
                                     " certificate_number, seal_number, issued_on, issuer,"
                                     " valid_until, company, company_code, status, imported_at)"
                                     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                                     " RETURNING id",
                                     params, n_fields + 1, &rows, NULL, error);
      free_values (values, n_fields);
      if (!ok)
        return FALSE;

      if (!data->projects)
        {
          JsonNode *specialties =
              json_object_get_member (json_node_get_object (item), "specialties");
          const char *registration_id = registry_rows_get (rows, 0, 0);

          if (specialties != NULL && !JSON_NODE_HOLDS_NULL (specialties))
            {
              JsonArray *array;
              if (!JSON_NODE_HOLDS_ARRAY (specialties))
                {
                  g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                               "item %u: specialties must be an array", i);
                  return FALSE;
                }
              array = json_node_get_array (specialties);
              for (guint s = 0; s < json_array_get_length (array); s++)
                {
                  JsonNode *sp = json_array_get_element (array, s);
                  char *sv[3] = { NULL };
                  if (!JSON_NODE_HOLDS_OBJECT (sp) ||
                      !read_import_fields (json_node_get_object (sp), specialty_fields, 3, i, sv,
                                           error))
                    {
                      free_values (sv, 3);
                      if (error != NULL && *error == NULL)
                        g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                                     "item %u: a specialty is an object", i);
                      return FALSE;
                    }
                  ok = registry_storage_query (
                      storage,
                      "INSERT INTO registration_specialties"
                      " (registration_id, specialty, valid_from,"
                      " valid_until) VALUES ($1, $2, $3, $4)",
                      (const char *[]){ registration_id, sv[0], sv[1], sv[2] }, 4, NULL, NULL,
                      error);
                  free_values (sv, 3);
                  if (!ok)
                    return FALSE;
                }
            }
        }
      data->count++;
    }

  return registry_storage_query (
      storage,
      "INSERT INTO audit_log (at, action, detail)"
      " VALUES ($1, $2, $3)",
      (const char *[]){ now, data->projects ? "import.projects" : "import.registrations", NULL }, 3,
      NULL, NULL, error);
}

static gboolean
import_items (RegistryStorage *storage,
              JsonNode *root,
              gboolean projects,
              guint *out_count,
              GError **error)
{
  ImportData data = { NULL, projects, 0 };

  data.items = get_item_array (root, projects ? "projects" : "registrations", error);
  if (data.items == NULL)
    return FALSE;
  if (!registry_storage_transaction (storage, import_cb, &data, error))
    return FALSE;
  if (out_count != NULL)
    *out_count = data.count;
  return TRUE;
}

/**
 * registry_import_registrations:
 * @root: the parsed file: `{"registrations": [ … ]}` (see docs/registry.md)
 *
 * Loads registration information in one transaction: every document
 * named in the file gets exactly the registrations the file lists for it.
 * Any bad item refuses the whole file.
 */
gboolean
registry_import_registrations (RegistryStorage *storage,
                               JsonNode *root,
                               guint *out_count,
                               GError **error)
{
  return import_items (storage, root, FALSE, out_count, error);
}

/**
 * registry_import_projects:
 * @root: the parsed file: `{"projects": [ … ]}` (see docs/registry.md)
 *
 * Like registry_import_registrations() for project performance.
 */
gboolean
registry_import_projects (RegistryStorage *storage,
                          JsonNode *root,
                          guint *out_count,
                          GError **error)
{
  return import_items (storage, root, TRUE, out_count, error);
}
