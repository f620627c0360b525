/* registry-staff.c: staff accounts, as operators manage them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "registry-staff.h"
#include "registry-subject-private.h"

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
  g_autofree char *now = registry_now_text ();
  gint64 changes = 0;

  if (!registry_check_name ("staff", username, error) ||
      !hash_staff_password (password, hash, error))
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
  return registry_audit_admin (storage, "staff.add", username, error);
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
  g_autofree char *now = registry_now_text ();
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
  return registry_audit_admin (storage, action, data->username, error);
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
