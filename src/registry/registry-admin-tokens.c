/* registry-admin-tokens.c: operators' credentials for the operators' routes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An admin token opens the routes of REGISTRY_AUTH_ADMIN (the fleet list
 * and its status page) and nothing else; a device token never opens them.
 * Like a device token it is 32 random bytes shown once and stored only as
 * its SHA-256, in a table of its own, so revoking one kind never touches
 * the other.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "registry-admin-tokens.h"
#include "registry-devices.h"
#include "registry-subject-private.h"

/**
 * registry_admin_token_add:
 * @name: the operator's label for the token, unique, e.g. "ops-laptop"
 *
 * Returns: (transfer full): the new token, or %NULL with @error set
 *   (%REGISTRY_ERROR_EXISTS when the name is taken)
 */
char *
registry_admin_token_add (RegistryStorage *storage, const char *name, GError **error)
{
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *now = registry_now_text ();
  gint64 changes = 0;

  if (!registry_check_name ("token", name, error))
    return NULL;
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED, "libsodium cannot start");
      return NULL;
    }
  token = registry_random_hex (REGISTRY_TOKEN_LENGTH / 2);
  hash = registry_sha256_hex (token);
  if (!registry_storage_query (storage,
                               "INSERT INTO admin_tokens (name, token_hash, created_at)"
                               " VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
                               (const char *[]){ name, hash, now }, 3, NULL, &changes, error))
    return NULL;
  if (changes == 0)
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_EXISTS,
                   "an admin token named %s exists already", name);
      return NULL;
    }
  if (!registry_audit_admin (storage, "admin-token.add", name, error))
    return NULL;
  return g_steal_pointer (&token);
}

gboolean
registry_admin_token_revoke (RegistryStorage *storage, const char *name, GError **error)
{
  g_autofree char *now = registry_now_text ();
  gint64 changes = 0;

  if (!registry_storage_query (storage,
                               "UPDATE admin_tokens SET revoked_at = $2"
                               " WHERE name = $1 AND revoked_at IS NULL",
                               (const char *[]){ name, now }, 2, NULL, &changes, error))
    return FALSE;
  if (changes == 0)
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_NOT_FOUND,
                   "no unrevoked admin token is named %s", name);
      return FALSE;
    }
  return registry_audit_admin (storage, "admin-token.revoke", name, error);
}

/**
 * registry_admin_token_list:
 *
 * Returns: (transfer full): rows of (name, created_at, revoked_at), by name
 */
RegistryRows *
registry_admin_token_list (RegistryStorage *storage, GError **error)
{
  RegistryRows *rows = NULL;

  if (!registry_storage_query (
          storage, "SELECT name, created_at, revoked_at FROM admin_tokens ORDER BY name", NULL, 0,
          &rows, NULL, error))
    return NULL;
  return rows;
}

/**
 * registry_admin_token_authenticate:
 * @token: (nullable): the token as the client sent it
 *
 * Returns: %TRUE when @token is a live admin token; %FALSE with
 *   %REGISTRY_ERROR_NOT_FOUND when it is not
 */
gboolean
registry_admin_token_authenticate (RegistryStorage *storage, const char *token, GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *hash = NULL;

  if (token == NULL || strlen (token) != REGISTRY_TOKEN_LENGTH)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_NOT_FOUND,
                           "the admin token is not valid");
      return FALSE;
    }
  hash = registry_sha256_hex (token);
  if (!registry_storage_query (
          storage, "SELECT id FROM admin_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
          (const char *[]){ hash }, 1, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows == 0)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_NOT_FOUND,
                           "the admin token is not valid or was revoked");
      return FALSE;
    }
  return TRUE;
}
