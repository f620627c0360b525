/* registry-staff-sessions.c: staff sign-in, its lock, and staff sessions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A staff sign-in checks an argon2id password and gives a staff session,
 * kept by the registry only as its SHA-256 and bound to the kiosk that
 * signed in. Each attempt is counted before its password is checked, in one
 * transaction with the lock check, so parallel attempts (on one process or
 * several) never check more passwords than the lock allows.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "registry-staff-sessions.h"
#include "registry-subject-private.h"

/* Longer names are no account's: only the device's count is kept. */
#define MAX_STAFF_USER 64

/* A hash to verify against when the user does not exist, so an unknown
 * user takes as long to refuse as a wrong password. */
static gpointer
make_dummy_hash (gpointer data)
{
  static char hash[crypto_pwhash_STRBYTES];
  g_autofree char *random = registry_random_hex (16);

  if (crypto_pwhash_str (hash, random, strlen (random), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return NULL;
  return hash;
}

static const char *
dummy_hash (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, make_dummy_hash, NULL);
}

typedef struct
{
  const char *user; /* NULL: not a possible user name, count the device only */
  const char *device;
  gint64 now;
  /* what the reservation found and did */
  gint64 locked_until; /* a lock in force, 0 when none */
  char *user_lock;     /* the lock this attempt set, as stored; NULL when none */
  char *device_lock;
  char *password_hash; /* the account's, NULL when there is no such account */
  char *staff_id;
  gboolean known;
  gboolean disabled;
  /* the check */
  gboolean success;
  gboolean disabled_right; /* the right password of a disabled account */
  char *session_token;
  RegistryVerdict verdict;
} StaffData;

static void
staff_data_clear (StaffData *data)
{
  g_clear_pointer (&data->user_lock, g_free);
  g_clear_pointer (&data->device_lock, g_free);
  g_clear_pointer (&data->password_hash, g_free);
  g_clear_pointer (&data->staff_id, g_free);
  if (data->session_token != NULL)
    sodium_memzero (data->session_token, strlen (data->session_token));
  g_clear_pointer (&data->session_token, g_free);
}

/* The failure row of one subject, locked until the transaction ends:
 * (failures, last_failure_at, locked_until). */
static RegistryRows *
lock_failures (RegistryStorage *storage,
               const char *scope,
               const char *subject,
               const char *now_text,
               GError **error)
{
  g_autofree char *sql = g_strconcat ("SELECT failures, last_failure_at, locked_until"
                                      " FROM staff_login_failures"
                                      " WHERE scope = $1 AND subject = $2",
                                      registry_storage_for_update (storage), NULL);
  RegistryRows *rows = NULL;

  if (!registry_storage_query (storage,
                               "INSERT INTO staff_login_failures (scope, subject, failures,"
                               " last_failure_at) VALUES ($1, $2, 0, $3)"
                               " ON CONFLICT (scope, subject) DO NOTHING",
                               (const char *[]){ scope, subject, now_text }, 3, NULL, NULL,
                               error) ||
      !registry_storage_query (storage, sql, (const char *[]){ scope, subject }, 2, &rows, NULL,
                               error))
    return NULL;
  if (rows->n_rows != 1)
    {
      registry_rows_free (rows);
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_RETRY,
                           "a staff login failure row vanished");
      return NULL;
    }
  return rows;
}

/* Counts this attempt as a failure before its password is checked; sets
 * *out_lock to the lock it set when it is the one that reaches the limit. */
static gboolean
count_attempt (RegistryStorage *storage,
               const char *scope,
               const char *subject,
               RegistryRows *rows,
               gint64 now,
               char **out_lock,
               GError **error)
{
  g_autofree char *now_text = registry_int_text (now);
  g_autofree char *failures_text = NULL;
  gint64 failures = registry_rows_get_int (rows, 0, 0);

  *out_lock = NULL;
  if (registry_rows_get_int (rows, 0, 1) < now - REGISTRY_STAFF_FAILURE_WINDOW_S * REGISTRY_US)
    failures = 0;
  failures++;
  if (failures >= REGISTRY_STAFF_MAX_FAILURES)
    {
      *out_lock = registry_int_text (now + REGISTRY_STAFF_LOCK_S * REGISTRY_US);
      failures = 0;
    }
  failures_text = registry_int_text (failures);
  /* coalesce: an attempt that does not lock leaves the lock column alone */
  return registry_storage_query (
      storage,
      "UPDATE staff_login_failures SET failures = $3,"
      " last_failure_at = $4, locked_until = coalesce($5, locked_until)"
      " WHERE scope = $1 AND subject = $2",
      (const char *[]){ scope, subject, failures_text, now_text, *out_lock }, 5, NULL, NULL, error);
}

static gint64
lock_in_force (RegistryRows *rows, gint64 now)
{
  gint64 until = rows != NULL ? registry_rows_get_int (rows, 0, 2) : 0;

  return until > now ? until : 0;
}

/* One transaction before any hashing: a lock in force refuses the attempt;
 * otherwise the attempt is counted as a failure up front (a success takes
 * it back later), so parallel attempts can never check more passwords than
 * the limit allows. */
static gboolean
staff_reserve_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  StaffData *data = user_data;
  g_autofree char *now_text = registry_int_text (data->now);
  g_autoptr (RegistryRows) user_rows = NULL;
  g_autoptr (RegistryRows) device_rows = NULL;
  g_autoptr (RegistryRows) account = NULL;

  g_clear_pointer (&data->user_lock, g_free);
  g_clear_pointer (&data->device_lock, g_free);
  g_clear_pointer (&data->password_hash, g_free);
  g_clear_pointer (&data->staff_id, g_free);
  data->known = data->disabled = FALSE;
  data->locked_until = 0;

  /* always the user's row before the device's, so two attempts never wait
   * on each other in opposite orders */
  if (data->user != NULL &&
      (user_rows = lock_failures (storage, "user", data->user, now_text, error)) == NULL)
    return FALSE;
  if ((device_rows = lock_failures (storage, "device", data->device, now_text, error)) == NULL)
    return FALSE;
  data->locked_until =
      MAX (lock_in_force (user_rows, data->now), lock_in_force (device_rows, data->now));
  if (data->locked_until > 0)
    return TRUE;

  if ((user_rows != NULL && !count_attempt (storage, "user", data->user, user_rows, data->now,
                                            &data->user_lock, error)) ||
      !count_attempt (storage, "device", data->device, device_rows, data->now, &data->device_lock,
                      error))
    return FALSE;

  if (data->user != NULL &&
      !registry_storage_query (storage,
                               "SELECT password_hash, disabled_at, id FROM staff"
                               " WHERE username = $1",
                               (const char *[]){ data->user }, 1, &account, NULL, error))
    return FALSE;
  if (account != NULL && account->n_rows == 1)
    {
      data->known = TRUE;
      data->password_hash = g_strdup (registry_rows_get (account, 0, 0));
      data->disabled = registry_rows_get (account, 0, 1) != NULL;
      data->staff_id = g_strdup (registry_rows_get (account, 0, 2));
    }
  return TRUE;
}

/* A success takes back its own reservation: the counts start again, and a
 * lock this very attempt set is lifted. A lock set by another attempt
 * stays: nothing shortens a lock in force. */
static gboolean
clear_attempt (RegistryStorage *storage,
               const char *scope,
               const char *subject,
               const char *own_lock,
               GError **error)
{
  return registry_storage_query (
      storage,
      "UPDATE staff_login_failures SET failures = 0,"
      " locked_until = CASE WHEN locked_until = $3 THEN NULL"
      " ELSE locked_until END WHERE scope = $1 AND subject = $2",
      (const char *[]){ scope, subject, own_lock != NULL ? own_lock : "0" }, 3, NULL, NULL, error);
}

/* A new staff session for the account, bound to the device; sessions past
 * any use (their grace included) are dropped on the way. */
static gboolean
create_staff_session (RegistryStorage *storage, StaffData *data, GError **error)
{
  g_autofree char *token = registry_random_hex (REGISTRY_SESSION_TOKEN_LENGTH / 2);
  g_autofree char *hash = registry_sha256_hex (token);
  g_autofree char *now = registry_int_text (data->now);
  g_autofree char *expires =
      registry_int_text (data->now + REGISTRY_STAFF_SESSION_LIFETIME_S * REGISTRY_US);
  g_autofree char *stale =
      registry_int_text (data->now - REGISTRY_STAFF_SESSION_GRACE_S * REGISTRY_US);

  if (!registry_storage_query (storage,
                               /* each column on its own: SQLite compares a
                                * bare expression with text as text */
                               "DELETE FROM staff_sessions WHERE ended_at < $1"
                               " OR (ended_at IS NULL AND expires_at < $1)",
                               (const char *[]){ stale }, 1, NULL, NULL, error) ||
      !registry_storage_query (storage,
                               "INSERT INTO staff_sessions (token_hash, staff_id, device_id,"
                               " created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
                               (const char *[]){ hash, data->staff_id, data->device, now, expires },
                               5, NULL, NULL, error))
    {
      sodium_memzero (token, strlen (token));
      return FALSE;
    }
  if (data->session_token != NULL)
    sodium_memzero (data->session_token, strlen (data->session_token));
  g_free (data->session_token);
  data->session_token = g_steal_pointer (&token);
  return TRUE;
}

static gboolean
staff_settle_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  StaffData *data = user_data;
  g_autofree char *now_text = registry_int_text (data->now);
  gboolean locked = data->user_lock != NULL || data->device_lock != NULL;

  if (data->success)
    {
      registry_verdict_accept (&data->verdict);
      return clear_attempt (storage, "user", data->user, data->user_lock, error) &&
             clear_attempt (storage, "device", data->device, data->device_lock, error) &&
             create_staff_session (storage, data, error) &&
             registry_storage_query (storage,
                                     "INSERT INTO audit_log (at, device_id, staff, action)"
                                     " VALUES ($1, $2, $3, 'staff.login')",
                                     (const char *[]){ now_text, data->device, data->user }, 3,
                                     NULL, NULL, error);
    }
  if (data->disabled_right)
    {
      /* said only to whoever knows the password, so the kiosk can forget
       * the account; the attempt still counts */
      registry_verdict_refuse (&data->verdict, CORE_API_ERROR_STAFF_DISABLED);
      return registry_storage_query (storage,
                                     "INSERT INTO audit_log (at, device_id, staff, action)"
                                     " VALUES ($1, $2, $3, 'staff.login_disabled')",
                                     (const char *[]){ now_text, data->device, data->user }, 3,
                                     NULL, NULL, error);
    }

  if (locked)
    {
      registry_verdict_refuse (&data->verdict, CORE_API_ERROR_STAFF_LOCKED);
      data->verdict.retry_after = REGISTRY_STAFF_LOCK_S;
    }
  else
    registry_verdict_refuse (&data->verdict, CORE_API_ERROR_STAFF_LOGIN_FAILED);
  /* a typed name that is no account may be anything, even a password: the
   * log names accounts only */
  if (!registry_storage_query (
          storage,
          "INSERT INTO audit_log (at, device_id, staff, action)"
          " VALUES ($1, $2, $3, 'staff.login_failed')",
          (const char *[]){ now_text, data->device, data->known ? data->user : NULL }, 3, NULL,
          NULL, error))
    return FALSE;
  if (locked)
    return registry_storage_query (
        storage,
        "INSERT INTO audit_log (at, device_id, action, detail)"
        " VALUES ($1, $2, 'staff.locked', $3)",
        (const char *[]){ now_text, data->device, data->user_lock != NULL ? "user" : "device" }, 3,
        NULL, NULL, error);
  return TRUE;
}

/**
 * registry_staff_login:
 *
 * @out_session_token: (out) (transfer full): a new staff session's token
 *   when the verdict is OK
 *
 * Checks a staff user's password (argon2id). An unknown user and a wrong
 * password are refused alike; a disabled account is said to be disabled
 * only when the password is right. Five failures in a row for a
 * user, or from a device, lock staff login for that user, or at that
 * device, for REGISTRY_STAFF_LOCK_S; a locked login is refused without
 * looking at the password. Each attempt is counted, in one transaction
 * with the lock check, before its password is hashed, so however many
 * arrive at once, at most REGISTRY_STAFF_MAX_FAILURES are checked.
 */
gboolean
registry_staff_login (RegistryStorage *storage,
                      gint64 device_id,
                      gint64 now,
                      const char *user,
                      const char *password,
                      char **out_session_token,
                      RegistryVerdict *out_verdict,
                      GError **error)
{
  g_autofree char *device = registry_int_text (device_id);
  StaffData data = { 0 };
  gboolean right = FALSE;
  gboolean ok;

  *out_session_token = NULL;
  data.device = device;
  data.now = now;
  if (user != NULL && strlen (user) > 0 && strlen (user) <= MAX_STAFF_USER &&
      g_utf8_validate (user, -1, NULL))
    data.user = user;

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED, "libsodium cannot start");
      return FALSE;
    }
  if (!registry_storage_transaction (storage, staff_reserve_cb, &data, error))
    {
      staff_data_clear (&data);
      return FALSE;
    }
  if (data.locked_until > 0)
    {
      registry_verdict_refuse (out_verdict, CORE_API_ERROR_STAFF_LOCKED);
      out_verdict->retry_after = registry_seconds_until (data.locked_until, now);
      staff_data_clear (&data);
      return TRUE;
    }

  /* argon2id takes a moment and much memory: outside any transaction */
  if (data.password_hash != NULL)
    right = password != NULL &&
            crypto_pwhash_str_verify (data.password_hash, password, strlen (password)) == 0;
  else if (dummy_hash () != NULL && password != NULL &&
           crypto_pwhash_str_verify (dummy_hash (), password, strlen (password)) == 0)
    g_warning ("a password matched the stand-in hash");

  data.success = right && !data.disabled;
  data.disabled_right = right && data.disabled;

  ok = registry_storage_transaction (storage, staff_settle_cb, &data, error);
  if (ok)
    {
      *out_verdict = data.verdict;
      if (!data.verdict.refused)
        *out_session_token = g_steal_pointer (&data.session_token);
    }
  staff_data_clear (&data);
  return ok;
}

/**
 * registry_staff_session_resolve:
 * @token: (nullable): a staff session token, as the kiosk sent it
 * @grace_s: how long after its end the session still counts: 0 for calls
 *   that act now, REGISTRY_STAFF_SESSION_GRACE_S for delivering filings
 *   made while it was open
 * @out_staff_id: (out): the account's id when the verdict is OK
 * @out_user: (out) (transfer full): the account's name when the verdict is OK
 *
 * Finds the staff account a session of this device stands for. An unknown
 * token, another device's, or one past its end (and grace) is
 * %CORE_API_ERROR_STAFF_SESSION_INVALID; a disabled account is
 * %CORE_API_ERROR_STAFF_DISABLED whatever the session.
 */
gboolean
registry_staff_session_resolve (RegistryStorage *storage,
                                gint64 device_id,
                                gint64 now,
                                const char *token,
                                gint64 grace_s,
                                gint64 *out_staff_id,
                                char **out_user,
                                RegistryVerdict *out_verdict,
                                GError **error)
{
  g_autofree char *hash = registry_session_token_hash (token);
  g_autoptr (RegistryRows) rows = NULL;
  gint64 end;

  *out_staff_id = 0;
  *out_user = NULL;
  registry_verdict_refuse (out_verdict, CORE_API_ERROR_STAFF_SESSION_INVALID);
  if (hash == NULL)
    return TRUE;
  if (!registry_storage_query (storage,
                               "SELECT s.staff_id, st.username, s.device_id,"
                               " coalesce(s.ended_at, s.expires_at), st.disabled_at"
                               " FROM staff_sessions s JOIN staff st ON st.id = s.staff_id"
                               " WHERE s.token_hash = $1",
                               (const char *[]){ hash }, 1, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows != 1 || registry_rows_get_int (rows, 0, 2) != device_id)
    return TRUE;
  if (registry_rows_get (rows, 0, 4) != NULL)
    {
      registry_verdict_refuse (out_verdict, CORE_API_ERROR_STAFF_DISABLED);
      return TRUE;
    }
  end = registry_rows_get_int (rows, 0, 3);
  if (now >= end + grace_s * REGISTRY_US)
    return TRUE;
  registry_verdict_accept (out_verdict);
  *out_staff_id = registry_rows_get_int (rows, 0, 0);
  *out_user = g_strdup (registry_rows_get (rows, 0, 1));
  return TRUE;
}

/**
 * registry_staff_session_end:
 *
 * Signs staff out: the session of @token on @device_id is over at once, on
 * every process. Filings made while it was open are still delivered for
 * REGISTRY_STAFF_SESSION_GRACE_S.
 */
gboolean
registry_staff_session_end (RegistryStorage *storage,
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

  registry_verdict_refuse (out_verdict, CORE_API_ERROR_STAFF_SESSION_INVALID);
  if (hash == NULL)
    return TRUE;
  if (!registry_storage_query (storage,
                               "UPDATE staff_sessions SET ended_at = $3 WHERE token_hash = $1"
                               " AND device_id = $2 AND ended_at IS NULL AND expires_at > $3"
                               " RETURNING staff_id",
                               (const char *[]){ hash, device, now_text }, 3, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows != 1)
    return TRUE;
  registry_verdict_accept (out_verdict);
  return registry_storage_query (
      storage,
      "INSERT INTO audit_log (at, device_id, staff, action) VALUES"
      " ($1, $2, (SELECT username FROM staff WHERE id = $3),"
      " 'staff.logout')",
      (const char *[]){ now_text, device, registry_rows_get (rows, 0, 0) }, 3, NULL, NULL, error);
}
