/* registry-subject.c: what the subjects share: text, hashes, tokens, audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "registry-secrets.h"
#include "registry-subject-private.h"

/* Device and staff names: operators' labels. */
#define MAX_NAME_LENGTH 64

char *
registry_int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* The real time (not the test clock) as text, for records of when. */
char *
registry_now_text (void)
{
  return registry_int_text (g_get_real_time ());
}

/* Whole seconds from @now until @until, at least 1. */
gint64
registry_seconds_until (gint64 until, gint64 now)
{
  return MAX (1, (until - now + REGISTRY_US - 1) / REGISTRY_US);
}

void
registry_verdict_accept (RegistryVerdict *verdict)
{
  memset (verdict, 0, sizeof *verdict);
}

void
registry_verdict_refuse (RegistryVerdict *verdict, CoreApiError code)
{
  memset (verdict, 0, sizeof *verdict);
  verdict->refused = TRUE;
  verdict->code = code;
}

/* HMAC-SHA-256 over the NUL-separated parts, as hex. */
char *
registry_keyed_hash (const guchar *key, const char *const *parts)
{
  crypto_auth_hmacsha256_state state;
  guchar mac[crypto_auth_hmacsha256_BYTES];
  char hex[2 * crypto_auth_hmacsha256_BYTES + 1];

  crypto_auth_hmacsha256_init (&state, key, REGISTRY_KEY_LENGTH);
  for (guint i = 0; parts[i] != NULL; i++)
    crypto_auth_hmacsha256_update (&state, (const guchar *) parts[i], strlen (parts[i]) + 1);
  crypto_auth_hmacsha256_final (&state, mac);
  sodium_bin2hex (hex, sizeof hex, mac, sizeof mac);
  return g_strdup (hex);
}

/* Compares two hashes in constant time. */
gboolean
registry_hashes_equal (const char *a, const char *b)
{
  gsize len = strlen (a);

  return len == strlen (b) && sodium_memcmp (a, b, len) == 0;
}

char *
registry_random_hex (gsize n_bytes)
{
  guchar bytes[64];
  char *hex = g_malloc (2 * n_bytes + 1);

  g_assert (n_bytes <= sizeof bytes);
  randombytes_buf (bytes, n_bytes);
  sodium_bin2hex (hex, 2 * n_bytes + 1, bytes, n_bytes);
  sodium_memzero (bytes, sizeof bytes);
  return hex;
}

char *
registry_sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/**
 * registry_session_token_hash:
 * @token: (nullable): a session token as a client sent it
 *
 * Returns: (transfer full) (nullable): what the database keeps of a
 *   practitioner's or staff session token, or %NULL when @token is not 64
 *   hex digits (and so no session's)
 */
char *
registry_session_token_hash (const char *token)
{
  if (token == NULL || strlen (token) != REGISTRY_SESSION_TOKEN_LENGTH)
    return NULL;
  for (const char *p = token; *p != '\0'; p++)
    {
      if (!g_ascii_isxdigit (*p))
        return NULL;
    }
  return registry_sha256_hex (token);
}

gboolean
registry_count_rows (RegistryStorage *storage,
                     const char *sql,
                     const char *param,
                     gint64 *out_count,
                     GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;

  if (!registry_storage_query (storage, sql, (const char *[]){ param }, 1, &rows, NULL, error))
    return FALSE;
  *out_count = registry_rows_get_int (rows, 0, 0);
  return TRUE;
}

gboolean
registry_check_name (const char *what, const char *name, GError **error)
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
gboolean
registry_audit_admin (RegistryStorage *storage,
                      const char *action,
                      const char *detail,
                      GError **error)
{
  g_autofree char *now = registry_now_text ();

  return registry_storage_query (storage,
                                 "INSERT INTO audit_log (at, action, detail) VALUES ($1, $2, $3)",
                                 (const char *[]){ now, action, detail }, 3, NULL, NULL, error);
}
