/* registry-sms-codes.c: dynamic passwords: who may have one, sending, redeeming
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here lives in the database, so any registry process answers
 * any step of a registration or login. Codes are stored only as their HMAC
 * (see registry-secrets.c). A wrong code counts an attempt and commits: the
 * answer is a RegistryVerdict, not a GError.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "registry-captchas.h"
#include "registry-persons.h"
#include "registry-sessions.h"
#include "registry-sms-codes.h"
#include "registry-subject-private.h"

const char *
registry_purpose_to_string (RegistryPurpose purpose)
{
  return purpose == REGISTRY_PURPOSE_LOGIN ? "login" : "register";
}

/* ---- who may register or log in ---- */

static gboolean
find_person (RegistryStorage *storage,
             const RegistryCodeRequest *request,
             char **out_person_id,
             GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;

  *out_person_id = NULL;
  if (!registry_storage_query (storage,
                               "SELECT person_id FROM persons WHERE doc_type = $1"
                               " AND doc_number = $2",
                               (const char *[]){ request->doc_type, request->doc_number }, 2, &rows,
                               NULL, error))
    return FALSE;
  if (rows->n_rows == 1)
    *out_person_id = g_strdup (registry_rows_get (rows, 0, 0));
  return TRUE;
}

/* in that order. */
static gboolean
check_register (RegistryStorage *storage,
                const RegistryCodeRequest *request,
                char **out_person_id,
                RegistryVerdict *verdict,
                GError **error)
{
  g_autofree char *person_id = NULL;
  gint64 n = 0;

  registry_verdict_accept (verdict);
  if (!find_person (storage, request, &person_id, error))
    return FALSE;
  if (person_id == NULL)
    {
      registry_verdict_refuse (verdict, CORE_API_ERROR_NOT_FILED);
      return TRUE;
    }
  /* filed means read from a card, or entered by staff the registry knew
   * (someone registered already is answered below) */
  if (!registry_count_rows (storage,
                            "SELECT (SELECT count(*) FROM filings f WHERE f.person_id = $1"
                            " AND " REGISTRY_COUNTING_FILING ")"
                            " + (SELECT count(*) FROM sms_users WHERE person_id = $1)",
                            person_id, &n, error))
    return FALSE;
  if (n == 0)
    {
      registry_verdict_refuse (verdict, CORE_API_ERROR_NOT_FILED);
      return TRUE;
    }
  if (!registry_count_rows (storage, "SELECT count(*) FROM sms_users WHERE person_id = $1",
                            person_id, &n, error))
    return FALSE;
  if (n > 0)
    {
      registry_verdict_refuse (verdict, CORE_API_ERROR_ID_ALREADY_REGISTERED);
      return TRUE;
    }
  if (!registry_count_rows (storage, "SELECT count(*) FROM login_phones WHERE person_id = $1",
                            person_id, &n, error))
    return FALSE;
  if (n > 0)
    {
      registry_verdict_refuse (verdict, CORE_API_ERROR_ALREADY_ENABLED);
      return TRUE;
    }
  if (!registry_count_rows (storage,
                            "SELECT (SELECT count(*) FROM login_phones WHERE phone = $1)"
                            " + (SELECT count(*) FROM sms_users WHERE phone = $1)",
                            request->phone, &n, error))
    return FALSE;
  if (n > 0)
    {
      registry_verdict_refuse (verdict, CORE_API_ERROR_PHONE_TAKEN);
      return TRUE;
    }
  if (out_person_id != NULL)
    *out_person_id = g_steal_pointer (&person_id);
  return TRUE;
}

/* the phone is the person's filing phone or SMS registration phone. */
static gboolean
check_login (RegistryStorage *storage,
             const RegistryCodeRequest *request,
             char **out_person_id,
             RegistryVerdict *verdict,
             GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;

  registry_verdict_accept (verdict);
  if (!registry_storage_query (
          storage,
          "SELECT l.person_id FROM login_phones l"
          " JOIN persons p ON p.person_id = l.person_id"
          " WHERE l.phone = $1 AND p.doc_type = $2 AND p.doc_number = $3"
          /* a filing phone opens the door only with a filing that counts */
          " AND (l.origin = 'sms' OR EXISTS (SELECT 1 FROM filings f"
          " WHERE f.person_id = l.person_id AND " REGISTRY_COUNTING_FILING "))",
          (const char *[]){ request->phone, request->doc_type, request->doc_number }, 3, &rows,
          NULL, error))
    return FALSE;
  if (rows->n_rows == 0)
    {
      registry_verdict_refuse (verdict, CORE_API_ERROR_NOT_REGISTERED);
      return TRUE;
    }
  if (out_person_id != NULL)
    *out_person_id = g_strdup (registry_rows_get (rows, 0, 0));
  return TRUE;
}

static gboolean
check_purpose (RegistryStorage *storage,
               const RegistryCodeRequest *request,
               char **out_person_id,
               RegistryVerdict *verdict,
               GError **error)
{
  if (request->purpose == REGISTRY_PURPOSE_LOGIN)
    return check_login (storage, request, out_person_id, verdict, error);
  return check_register (storage, request, out_person_id, verdict, error);
}

/* ---- sending codes ---- */

/* Sends counted in (since, now] for one phone or one device: how many, and
 * the oldest. */
static gboolean
count_sends (RegistryStorage *storage,
             const char *column,
             const char *value,
             gint64 since,
             gint64 *out_count,
             gint64 *out_oldest,
             GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *since_text = registry_int_text (since);
  g_autofree char *sql =
      g_strdup_printf ("SELECT count(*), min(created_at), max(created_at) FROM sms_codes"
                       " WHERE %s = $1 AND created_at > $2",
                       column);

  if (!registry_storage_query (storage, sql, (const char *[]){ value, since_text }, 2, &rows, NULL,
                               error))
    return FALSE;
  *out_count = registry_rows_get_int (rows, 0, 0);
  *out_oldest = *out_count > 0 ? registry_rows_get_int (rows, 0, 1) : 0;
  return TRUE;
}

static gboolean
check_limits (RegistryStorage *storage,
              gint64 device_id,
              gint64 now,
              const char *phone,
              RegistryVerdict *verdict,
              GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *device = registry_int_text (device_id);
  g_autofree char *lock_sql = NULL;
  gint64 n = 0, oldest = 0;

  registry_verdict_accept (verdict);
  /* Sends from one device, and sends to one phone, take turns. */
  lock_sql = g_strconcat ("SELECT id FROM devices WHERE id = $1",
                          registry_storage_for_update (storage), NULL);
  if (!registry_storage_query (storage, lock_sql, (const char *[]){ device }, 1, NULL, NULL,
                               error) ||
      !registry_storage_query (storage,
                               "INSERT INTO sms_phones (phone, last_sent_at) VALUES ($1, 0)"
                               " ON CONFLICT (phone) DO NOTHING",
                               (const char *[]){ phone }, 1, NULL, NULL, error))
    return FALSE;
  g_free (lock_sql);
  lock_sql = g_strconcat ("SELECT last_sent_at FROM sms_phones WHERE phone = $1",
                          registry_storage_for_update (storage), NULL);
  if (!registry_storage_query (storage, lock_sql, (const char *[]){ phone }, 1, NULL, NULL, error))
    return FALSE;

  /* one per phone per minute */
  if (!registry_storage_query (storage, "SELECT max(created_at) FROM sms_codes WHERE phone = $1",
                               (const char *[]){ phone }, 1, &rows, NULL, error))
    return FALSE;
  if (registry_rows_get (rows, 0, 0) != NULL)
    {
      gint64 last = registry_rows_get_int (rows, 0, 0);
      if (now < last + REGISTRY_SMS_COOLDOWN_S * REGISTRY_US)
        {
          registry_verdict_refuse (verdict, CORE_API_ERROR_TOO_FREQUENT);
          verdict->retry_after =
              registry_seconds_until (last + REGISTRY_SMS_COOLDOWN_S * REGISTRY_US, now);
          return TRUE;
        }
    }
  /* per phone per day */
  if (!count_sends (storage, "phone", phone, now - REGISTRY_DAY_S * REGISTRY_US, &n, &oldest,
                    error))
    return FALSE;
  if (n >= REGISTRY_SMS_PHONE_PER_DAY)
    {
      registry_verdict_refuse (verdict, CORE_API_ERROR_RATE_LIMITED);
      verdict->retry_after = registry_seconds_until (oldest + REGISTRY_DAY_S * REGISTRY_US, now);
      return TRUE;
    }
  /* per device: a burst, and a day */
  if (!count_sends (storage, "device_id", device, now - REGISTRY_SMS_BURST_WINDOW_S * REGISTRY_US,
                    &n, &oldest, error))
    return FALSE;
  if (n >= REGISTRY_SMS_DEVICE_BURST)
    {
      registry_verdict_refuse (verdict, CORE_API_ERROR_RATE_LIMITED);
      verdict->retry_after =
          registry_seconds_until (oldest + REGISTRY_SMS_BURST_WINDOW_S * REGISTRY_US, now);
      return TRUE;
    }
  if (!count_sends (storage, "device_id", device, now - REGISTRY_DAY_S * REGISTRY_US, &n, &oldest,
                    error))
    return FALSE;
  if (n >= REGISTRY_SMS_DEVICE_PER_DAY)
    {
      registry_verdict_refuse (verdict, CORE_API_ERROR_RATE_LIMITED);
      verdict->retry_after = registry_seconds_until (oldest + REGISTRY_DAY_S * REGISTRY_US, now);
      return TRUE;
    }
  return TRUE;
}

static char *
code_hash (const guchar *key,
           const RegistryCodeRequest *request,
           const char *created_at,
           const char *code)
{
  return registry_keyed_hash (key, (const char *[]){ "sms-code",
                                                     registry_purpose_to_string (request->purpose),
                                                     request->doc_type, request->doc_number,
                                                     request->phone, created_at, code, NULL });
}

typedef struct
{
  const guchar *key;
  gint64 device_id;
  gint64 now;
  const RegistryCodeRequest *request;
  RegistryVerdict verdict;
  char code[REGISTRY_CODE_LENGTH + 1];
  gint64 code_id;
} CodeRequestData;

static gboolean
code_request_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  CodeRequestData *data = user_data;
  const RegistryCodeRequest *request = data->request;
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *device = registry_int_text (data->device_id);
  g_autofree char *now = registry_int_text (data->now);
  g_autofree char *expires = registry_int_text (data->now + REGISTRY_CODE_LIFETIME_S * REGISTRY_US);
  g_autofree char *stale = registry_int_text (data->now - 2 * REGISTRY_DAY_S * REGISTRY_US);
  g_autofree char *hash = NULL;
  gboolean right = FALSE;

  data->code_id = 0;
  if (!registry_captcha_spend (storage, data->key, data->device_id, data->now, request->captcha_id,
                               request->captcha_answer, &right, error))
    return FALSE;
  if (!right)
    {
      registry_verdict_refuse (&data->verdict, CORE_API_ERROR_CAPTCHA_WRONG);
      return TRUE;
    }
  if (!check_purpose (storage, request, NULL, &data->verdict, error))
    return FALSE;
  if (data->verdict.refused)
    return TRUE;
  if (!check_limits (storage, data->device_id, data->now, request->phone, &data->verdict, error))
    return FALSE;
  if (data->verdict.refused)
    return TRUE;

  g_snprintf (data->code, sizeof data->code, "%06u", randombytes_uniform (1000000));
  hash = code_hash (data->key, request, now, data->code);
  /* only the newest code of a person, phone and purpose is valid */
  if (!registry_storage_query (storage,
                               "DELETE FROM sms_codes WHERE phone = $1 AND created_at < $2",
                               (const char *[]){ request->phone, stale }, 2, NULL, NULL, error) ||
      !registry_storage_query (storage,
                               "UPDATE sms_codes SET spent_at = $5 WHERE purpose = $1"
                               " AND doc_type = $2 AND doc_number = $3 AND phone = $4"
                               " AND spent_at IS NULL",
                               (const char *[]){ registry_purpose_to_string (request->purpose),
                                                 request->doc_type, request->doc_number,
                                                 request->phone, now },
                               5, NULL, NULL, error) ||
      !registry_storage_query (storage,
                               "INSERT INTO sms_codes (purpose, doc_type, doc_number, phone,"
                               " device_id, code_hash, created_at, expires_at)"
                               " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                               (const char *[]){ registry_purpose_to_string (request->purpose),
                                                 request->doc_type, request->doc_number,
                                                 request->phone, device, hash, now, expires },
                               8, &rows, NULL, error) ||
      !registry_storage_query (storage, "UPDATE sms_phones SET last_sent_at = $2 WHERE phone = $1",
                               (const char *[]){ request->phone, now }, 2, NULL, NULL, error))
    return FALSE;
  data->code_id = registry_rows_get_int (rows, 0, 0);
  return TRUE;
}

/**
 * registry_sms_code_issue:
 * @request: purpose, document, phone, captcha id and answer
 * @out_code: (out) (transfer full): the code to send, when the verdict is OK
 * @out_code_id: (out): its row, for registry_sms_code_withdraw()
 *
 * Spends the captcha, applies the purpose's rules and the send limits, and
 * stores a new code valid REGISTRY_CODE_LIFETIME_S.
 */
gboolean
registry_sms_code_issue (RegistryStorage *storage,
                         const guchar *key,
                         gint64 device_id,
                         gint64 now,
                         const RegistryCodeRequest *request,
                         char **out_code,
                         gint64 *out_code_id,
                         RegistryVerdict *out_verdict,
                         GError **error)
{
  CodeRequestData data = { key, device_id, now, request, { 0 }, { 0 }, 0 };

  *out_code = NULL;
  *out_code_id = 0;
  if (!registry_storage_transaction (storage, code_request_cb, &data, error))
    return FALSE;
  *out_verdict = data.verdict;
  if (!data.verdict.refused)
    {
      *out_code = g_strdup (data.code);
      *out_code_id = data.code_id;
    }
  sodium_memzero (data.code, sizeof data.code);
  return TRUE;
}

/**
 * registry_sms_code_withdraw:
 *
 * Removes a code the gateway did not take, so it counts for no limit.
 */
gboolean
registry_sms_code_withdraw (RegistryStorage *storage, gint64 code_id, GError **error)
{
  g_autofree char *id = registry_int_text (code_id);

  return registry_storage_query (storage, "DELETE FROM sms_codes WHERE id = $1",
                                 (const char *[]){ id }, 1, NULL, NULL, error);
}

/* ---- redeeming codes ---- */

typedef struct
{
  const guchar *key;
  gint64 device_id;
  gint64 now;
  const RegistryCodeRequest *request;
  RegistryVerdict verdict;
  char *token;
  char *person_id;
} RedeemData;

static gboolean
redeem_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  RedeemData *data = user_data;
  const RegistryCodeRequest *request = data->request;
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *device = registry_int_text (data->device_id);
  g_autofree char *now = registry_int_text (data->now);
  g_autofree char *sql = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *id = NULL;
  g_autofree char *attempts_text = NULL;
  gint64 attempts;
  gint64 changes = 0;

  g_clear_pointer (&data->person_id, g_free);
  g_clear_pointer (&data->token, g_free);
  registry_verdict_accept (&data->verdict);

  sql = g_strconcat ("SELECT id, code_hash, created_at, expires_at, attempts FROM sms_codes"
                     " WHERE purpose = $1 AND doc_type = $2 AND doc_number = $3 AND phone = $4"
                     " AND device_id = $5 AND spent_at IS NULL ORDER BY id DESC LIMIT 1",
                     registry_storage_for_update (storage), NULL);
  if (!registry_storage_query (storage, sql,
                               (const char *[]){ registry_purpose_to_string (request->purpose),
                                                 request->doc_type, request->doc_number,
                                                 request->phone, device },
                               5, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows == 0)
    {
      registry_verdict_refuse (&data->verdict, CORE_API_ERROR_CODE_EXPIRED);
      return TRUE;
    }
  id = g_strdup (registry_rows_get (rows, 0, 0));
  if (registry_rows_get_int (rows, 0, 3) <= data->now)
    {
      registry_verdict_refuse (&data->verdict, CORE_API_ERROR_CODE_EXPIRED);
      return registry_storage_query (storage, "UPDATE sms_codes SET spent_at = $2 WHERE id = $1",
                                     (const char *[]){ id, now }, 2, NULL, NULL, error);
    }
  hash = code_hash (data->key, request, registry_rows_get (rows, 0, 2), request->code);
  if (!registry_hashes_equal (hash, registry_rows_get (rows, 0, 1)))
    {
      attempts = registry_rows_get_int (rows, 0, 4) + 1;
      registry_verdict_refuse (&data->verdict, CORE_API_ERROR_CODE_WRONG);
      data->verdict.attempts_left = (int) MAX (0, REGISTRY_CODE_MAX_ATTEMPTS - attempts);
      attempts_text = registry_int_text (attempts);
      /* the last attempt spends the code */
      return registry_storage_query (
          storage, "UPDATE sms_codes SET attempts = $3, spent_at = $2 WHERE id = $1",
          (const char *[]){ id, attempts >= REGISTRY_CODE_MAX_ATTEMPTS ? now : NULL,
                            attempts_text },
          3, NULL, NULL, error);
    }
  if (!registry_storage_query (storage, "UPDATE sms_codes SET spent_at = $2 WHERE id = $1",
                               (const char *[]){ id, now }, 2, NULL, NULL, error))
    return FALSE;

  /* a filing of this person waits, or is waited for: it cannot bind a
   * phone between the rules and the registration */
  if (request->purpose == REGISTRY_PURPOSE_REGISTER)
    {
      g_autofree char *lock_sql = g_strconcat ("SELECT person_id FROM persons WHERE doc_type = $1"
                                               " AND doc_number = $2",
                                               registry_storage_for_update (storage), NULL);
      if (!registry_storage_query (storage, lock_sql,
                                   (const char *[]){ request->doc_type, request->doc_number }, 2,
                                   NULL, NULL, error))
        return FALSE;
    }

  /* the rules again: things may have changed since the code was sent */
  if (!check_purpose (storage, request, &data->person_id, &data->verdict, error))
    return FALSE;
  if (data->verdict.refused)
    return TRUE;

  if (request->purpose == REGISTRY_PURPOSE_REGISTER)
    {
      if (!registry_storage_query (storage,
                                   "INSERT INTO sms_users (person_id, phone, device_id,"
                                   " registered_at) VALUES ($1, $2, $3, $4)"
                                   " ON CONFLICT DO NOTHING",
                                   (const char *[]){ data->person_id, request->phone, device, now },
                                   4, NULL, &changes, error))
        return FALSE;
      if (changes == 0)
        {
          /* registered on another connection meanwhile: run again, and the
           * rules will say what happened */
          g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_RETRY,
                               "the same registration arrived twice at once");
          return FALSE;
        }
      if (!registry_storage_query (storage,
                                   "INSERT INTO login_phones (phone, person_id, origin, bound_at)"
                                   " VALUES ($1, $2, 'sms', $3)",
                                   (const char *[]){ request->phone, data->person_id, now }, 3,
                                   NULL, NULL, error))
        {
          if (error != NULL && g_error_matches (*error, REGISTRY_ERROR, REGISTRY_ERROR_CONSTRAINT))
            (*error)->code = REGISTRY_ERROR_RETRY;
          return FALSE;
        }
    }

  g_clear_pointer (&data->token, g_free);
  return registry_session_create (storage, data->person_id, data->device_id, request->phone,
                                  data->now, &data->token, error) &&
         registry_storage_query (storage,
                                 "INSERT INTO audit_log (at, device_id, action, person_id)"
                                 " VALUES ($1, $2, $3, $4)",
                                 (const char *[]){ now, device,
                                                   request->purpose == REGISTRY_PURPOSE_REGISTER
                                                       ? "sms_user.register"
                                                       : "session.login",
                                                   data->person_id },
                                 4, NULL, NULL, error);
}

/**
 * registry_sms_code_redeem:
 * @request: purpose, document, phone and code
 * @out_session_token: (out) (transfer full): a new session's token when
 *   the verdict is OK
 * @out_person_id: (out) (transfer full): the person logged in
 *
 * Checks the newest code sent to this device for the document, phone and
 * purpose; a wrong code counts an attempt, the fifth spends it. A right
 * code registers the person (purpose register) and opens a session.
 */
gboolean
registry_sms_code_redeem (RegistryStorage *storage,
                          const guchar *key,
                          gint64 device_id,
                          gint64 now,
                          const RegistryCodeRequest *request,
                          char **out_session_token,
                          char **out_person_id,
                          RegistryVerdict *out_verdict,
                          GError **error)
{
  RedeemData data = { key, device_id, now, request, { 0 }, NULL, NULL };

  *out_session_token = NULL;
  *out_person_id = NULL;
  if (!registry_storage_transaction (storage, redeem_cb, &data, error))
    {
      g_free (data.token);
      g_free (data.person_id);
      return FALSE;
    }
  *out_verdict = data.verdict;
  if (!data.verdict.refused)
    {
      *out_session_token = g_steal_pointer (&data.token);
      *out_person_id = g_steal_pointer (&data.person_id);
    }
  g_free (data.token);
  g_free (data.person_id);
  return TRUE;
}
