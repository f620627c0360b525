/* registry-devices.c: kiosk devices and their tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A device is a kiosk an operator enrolled. Its token is shown once and
 * stored only as its SHA-256; every call but the health check names one.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "registry-devices.h"
#include "registry-subject-private.h"

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
  g_autofree char *now = registry_now_text ();
  gint64 changes = 0;

  if (!registry_check_name ("device", name, error))
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
  hash = registry_sha256_hex (token);

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
  if (!registry_audit_admin (storage, "device.enroll", name, error))
    return NULL;
  return g_steal_pointer (&token);
}

gboolean
registry_device_revoke (RegistryStorage *storage, const char *name, GError **error)
{
  g_autofree char *now = registry_now_text ();
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
  return registry_audit_admin (storage, "device.revoke", name, error);
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
  hash = registry_sha256_hex (token);
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
