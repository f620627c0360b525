/* registry-secrets.c: the database's HMAC key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Captcha answers and SMS codes are stored only as HMAC-SHA-256 under a
 * 32-byte key kept in server_secrets, made by the first process that starts
 * on the database; every process reads the same key, so any process checks
 * what another one issued.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "registry-secrets.h"
#include "registry-subject-private.h"

/**
 * registry_secret_load:
 *
 * Reads the database's HMAC key, making it first when the database has
 * none. Several processes starting at once agree on one key.
 */
gboolean
registry_secret_load (RegistryStorage *storage, guchar out_key[REGISTRY_KEY_LENGTH], GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *now = registry_int_text (g_get_real_time ());
  const char *hex;
  gsize len = 0;

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED, "libsodium cannot start");
      return FALSE;
    }
  fresh = registry_random_hex (REGISTRY_KEY_LENGTH);
  if (!registry_storage_query (storage,
                               "INSERT INTO server_secrets (name, value, created_at)"
                               " VALUES ('hmac', $1, $2) ON CONFLICT (name) DO NOTHING",
                               (const char *[]){ fresh, now }, 2, NULL, NULL, error) ||
      !registry_storage_query (storage, "SELECT value FROM server_secrets WHERE name = 'hmac'",
                               NULL, 0, &rows, NULL, error))
    return FALSE;
  sodium_memzero (fresh, strlen (fresh));
  hex = rows->n_rows == 1 ? registry_rows_get (rows, 0, 0) : NULL;
  if (hex == NULL || strlen (hex) != 2 * REGISTRY_KEY_LENGTH ||
      sodium_hex2bin (out_key, REGISTRY_KEY_LENGTH, hex, strlen (hex), NULL, &len, NULL) != 0 ||
      len != REGISTRY_KEY_LENGTH)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED,
                           "the database's HMAC key is damaged");
      return FALSE;
    }
  return TRUE;
}
