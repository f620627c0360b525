/* registry-sessions.c: practitioners' sessions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session is what a code redeemed gives: bound to the device it was opened
 * on, lasting REGISTRY_SESSION_LIFETIME_S from its last use. The database
 * keeps only the token's SHA-256, so any process checks any session.
 */

#include "config.h"

#include <string.h>

#include "registry-sessions.h"
#include "registry-subject-private.h"

/**
 * registry_session_create:
 * @login_phone: the phone the person logged in (or registered) with
 * @out_token: (out) (transfer full): the new session's token
 *
 * Opens a session of @person_id on @device_id, valid
 * REGISTRY_SESSION_LIFETIME_S from @now; expired sessions are dropped on the
 * way. Only the token's SHA-256 is stored. Call it inside the transaction
 * that let the person in.
 */
gboolean
registry_session_create (RegistryStorage *storage,
                         const char *person_id,
                         gint64 device_id,
                         const char *login_phone,
                         gint64 now,
                         char **out_token,
                         GError **error)
{
  g_autofree char *token = registry_random_hex (REGISTRY_SESSION_TOKEN_LENGTH / 2);
  g_autofree char *hash = registry_sha256_hex (token);
  g_autofree char *device = registry_int_text (device_id);
  g_autofree char *now_text = registry_int_text (now);
  g_autofree char *expires = registry_int_text (now + REGISTRY_SESSION_LIFETIME_S * REGISTRY_US);

  *out_token = NULL;
  if (!registry_storage_query (storage, "DELETE FROM practitioner_sessions WHERE expires_at < $1",
                               (const char *[]){ now_text }, 1, NULL, NULL, error) ||
      !registry_storage_query (
          storage,
          "INSERT INTO practitioner_sessions (token_hash, person_id,"
          " device_id, login_phone, created_at, expires_at)"
          " VALUES ($1, $2, $3, $4, $5, $6)",
          (const char *[]){ hash, person_id, device, login_phone, now_text, expires }, 6, NULL,
          NULL, error))
    return FALSE;
  *out_token = g_steal_pointer (&token);
  return TRUE;
}

/**
 * registry_session_touch:
 * @token: (nullable): the X-Session-Token header
 *
 * Finds the live session of @token on @device_id and extends it to
 * REGISTRY_SESSION_LIFETIME_S from @now. A session extended less than
 * REGISTRY_SESSION_EXTEND_STEP_S ago is only read: every call of a
 * practitioner's visit passes here, and a write for each would make every
 * read of the visit a write (on SQLite, one at a time for the whole
 * registry). The session then ends at most that much earlier.
 */
gboolean
registry_session_touch (RegistryStorage *storage,
                        gint64 device_id,
                        gint64 now,
                        const char *token,
                        char **out_person_id,
                        char **out_login_phone,
                        RegistryVerdict *out_verdict,
                        GError **error)
{
  g_autofree char *hash = registry_session_token_hash (token);
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *device = registry_int_text (device_id);
  g_autofree char *now_text = registry_int_text (now);
  g_autofree char *expires = registry_int_text (now + REGISTRY_SESSION_LIFETIME_S * REGISTRY_US);

  *out_person_id = NULL;
  if (out_login_phone != NULL)
    *out_login_phone = NULL;
  registry_verdict_refuse (out_verdict, CORE_API_ERROR_SESSION_INVALID);
  if (hash == NULL)
    return TRUE;
  if (!registry_storage_query (
          storage,
          "SELECT person_id, login_phone, expires_at FROM practitioner_sessions"
          " WHERE token_hash = $1 AND device_id = $2 AND expires_at > $3",
          (const char *[]){ hash, device, now_text }, 3, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows == 1 &&
      registry_rows_get_int (rows, 0, 2) <
          now + (REGISTRY_SESSION_LIFETIME_S - REGISTRY_SESSION_EXTEND_STEP_S) * REGISTRY_US)
    {
      g_clear_pointer (&rows, registry_rows_free);
      if (!registry_storage_query (storage,
                                   "UPDATE practitioner_sessions SET expires_at = $3"
                                   " WHERE token_hash = $1 AND device_id = $2 AND expires_at > $4"
                                   " RETURNING person_id, login_phone",
                                   (const char *[]){ hash, device, expires, now_text }, 4, &rows,
                                   NULL, error))
        return FALSE;
    }
  if (rows->n_rows == 1)
    {
      registry_verdict_accept (out_verdict);
      *out_person_id = g_strdup (registry_rows_get (rows, 0, 0));
      if (out_login_phone != NULL)
        *out_login_phone = g_strdup (registry_rows_get (rows, 0, 1));
    }
  return TRUE;
}

/**
 * registry_session_end:
 *
 * Logs out: the session of @token on @device_id stops working at once, on
 * every process.
 */
gboolean
registry_session_end (RegistryStorage *storage,
                      gint64 device_id,
                      gint64 now,
                      const char *token,
                      RegistryVerdict *out_verdict,
                      GError **error)
{
  g_autofree char *hash = registry_session_token_hash (token);
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *device = registry_int_text (device_id);
  g_autofree char *now_text = registry_int_text (now);

  registry_verdict_refuse (out_verdict, CORE_API_ERROR_SESSION_INVALID);
  if (hash == NULL)
    return TRUE;
  if (!registry_storage_query (storage,
                               "DELETE FROM practitioner_sessions WHERE token_hash = $1"
                               " AND device_id = $2 AND expires_at > $3 RETURNING person_id",
                               (const char *[]){ hash, device, now_text }, 3, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows == 1)
    {
      registry_verdict_accept (out_verdict);
      return registry_storage_query (
          storage,
          "INSERT INTO audit_log (at, device_id, action, person_id)"
          " VALUES ($1, $2, 'session.logout', $3)",
          (const char *[]){ now_text, device, registry_rows_get (rows, 0, 0) }, 3, NULL, NULL,
          error);
    }
  return TRUE;
}
