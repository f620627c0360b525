/* registry-accounts.c: captchas, SMS codes, sessions, login phones, staff
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here lives in the database, so any registry process answers
 * any step of a registration or login. Captcha answers and SMS codes are
 * stored only as HMAC-SHA-256 under a 32-byte key kept in server_secrets
 * (made by the first process that starts on the database); practitioner
 * and staff session tokens only as their SHA-256. Steps that must count
 * even when they fail (a wrong captcha spends it, a wrong code counts an
 * attempt, a staff sign-in attempt counts before its password is checked)
 * commit and report the failure as a RegistryVerdict, not as a GError: a
 * GError means the database failed and nothing was written.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "core-privacy.h"
#include "registry-accounts.h"
#include "registry-captcha.h"
#include "registry-records.h"

#define US ((gint64) G_USEC_PER_SEC)
#define DAY_S (24 * 3600)
#define MAX_STAFF_USER 64

/* A session token: 32 random bytes as 64 hex digits. */
#define SESSION_TOKEN_LENGTH 64

void
registry_account_request_clear (RegistryAccountRequest *request)
{
  g_clear_pointer (&request->doc_type, g_free);
  g_clear_pointer (&request->doc_number, g_free);
  g_clear_pointer (&request->phone, g_free);
  g_clear_pointer (&request->captcha_id, g_free);
  if (request->captcha_answer != NULL)
    sodium_memzero (request->captcha_answer, strlen (request->captcha_answer));
  g_clear_pointer (&request->captcha_answer, g_free);
  if (request->code != NULL)
    sodium_memzero (request->code, strlen (request->code));
  g_clear_pointer (&request->code, g_free);
  g_clear_pointer (&request->user, g_free);
  if (request->password != NULL)
    sodium_memzero (request->password, strlen (request->password));
  g_clear_pointer (&request->password, g_free);
}

const char *
registry_purpose_to_string (RegistryPurpose purpose)
{
  return purpose == REGISTRY_PURPOSE_LOGIN ? "login" : "register";
}

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* Whole seconds from @now until @until, at least 1. */
static gint64
seconds_until (gint64 until, gint64 now)
{
  return MAX (1, (until - now + US - 1) / US);
}

static void
verdict_set (RegistryVerdict *verdict, RegistryOutcome outcome)
{
  memset (verdict, 0, sizeof *verdict);
  verdict->outcome = outcome;
}

/* HMAC-SHA-256 over the NUL-separated parts, as hex. */
static char *
keyed_hash (const guchar *key, const char *const *parts)
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

static gboolean
hashes_equal (const char *a, const char *b)
{
  gsize len = strlen (a);

  return len == strlen (b) && sodium_memcmp (a, b, len) == 0;
}

static char *
random_hex (gsize n_bytes)
{
  guchar bytes[64];
  char *hex = g_malloc (2 * n_bytes + 1);

  g_assert (n_bytes <= sizeof bytes);
  randombytes_buf (bytes, n_bytes);
  sodium_bin2hex (hex, 2 * n_bytes + 1, bytes, n_bytes);
  sodium_memzero (bytes, sizeof bytes);
  return hex;
}

/* ---- the key ---- */

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
  g_autofree char *now = int_text (g_get_real_time ());
  const char *hex;
  gsize len = 0;

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_FAILED, "libsodium cannot start");
      return FALSE;
    }
  fresh = random_hex (REGISTRY_KEY_LENGTH);
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

/* ---- captchas ---- */

static char *
captcha_hash (const guchar *key, const char *captcha_id, const char *normalized_answer)
{
  return keyed_hash (key, (const char *[]){ "captcha", captcha_id, normalized_answer, NULL });
}

typedef struct
{
  const guchar *key;
  gint64 device_id;
  gint64 now;
  const char *captcha_id;
  const char *answer_hash;
  RegistryVerdict *verdict;
} CaptchaIssue;

/* Counts and records in one transaction, the device's row locked on
 * PostgreSQL, so that parallel requests cannot all slip under the limit. */
static gboolean
captcha_issue_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  CaptchaIssue *data = user_data;
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *device = int_text (data->device_id);
  g_autofree char *now_text = int_text (data->now);
  g_autofree char *window_start =
      int_text (data->now - (gint64) REGISTRY_CAPTCHA_DEVICE_WINDOW_S * US);
  g_autofree char *expires = int_text (data->now + REGISTRY_CAPTCHA_LIFETIME_S * US);
  g_autofree char *lock_sql = g_strconcat ("SELECT id FROM devices WHERE id = $1",
                                           registry_storage_for_update (storage), NULL);

  verdict_set (data->verdict, REGISTRY_OUTCOME_OK);
  /* a captcha row stays (spent or not) until its window has passed: the rows
   * are the device's counter */
  if (!registry_storage_query (storage, lock_sql, (const char *[]){ device }, 1, NULL, NULL,
                               error) ||
      !registry_storage_query (storage, "DELETE FROM captchas WHERE created_at < $1",
                               (const char *[]){ window_start }, 1, NULL, NULL, error) ||
      !registry_storage_query (storage,
                               "SELECT count(*), min(created_at) FROM captchas"
                               " WHERE device_id = $1 AND created_at >= $2",
                               (const char *[]){ device, window_start }, 2, &rows, NULL, error))
    return FALSE;
  if (registry_rows_get_int (rows, 0, 0) >= REGISTRY_CAPTCHA_DEVICE_LIMIT)
    {
      verdict_set (data->verdict, REGISTRY_OUTCOME_RATE_LIMITED);
      data->verdict->retry_after = seconds_until (
          registry_rows_get_int (rows, 0, 1) + (gint64) REGISTRY_CAPTCHA_DEVICE_WINDOW_S * US,
          data->now);
      return TRUE;
    }
  return registry_storage_query (
      storage,
      "INSERT INTO captchas (captcha_id, device_id, answer_hash,"
      " created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
      (const char *[]){ data->captcha_id, device, data->answer_hash, now_text, expires }, 5, NULL,
      NULL, error);
}

/**
 * registry_captcha_issue:
 * @answer: the answer drawn in the image
 * @out_captcha_id: (out) (transfer full): its id, a UUID; %NULL unless the
 *   verdict is OK
 * @out_verdict: (out caller-allocates): OK, or RATE_LIMITED with retry_after
 *   when the device has had REGISTRY_CAPTCHA_DEVICE_LIMIT captchas in the last
 *   REGISTRY_CAPTCHA_DEVICE_WINDOW_S
 *
 * Stores a captcha for @device_id, valid REGISTRY_CAPTCHA_LIFETIME_S. Ask
 * before drawing the image: drawing is the cost the limit keeps in check.
 */
gboolean
registry_captcha_issue (RegistryStorage *storage,
                        const guchar *key,
                        gint64 device_id,
                        gint64 now,
                        const char *answer,
                        char **out_captcha_id,
                        RegistryVerdict *out_verdict,
                        GError **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *normalized = registry_captcha_normalize (answer);
  g_autofree char *hash = NULL;
  CaptchaIssue data = { key, device_id, now, id, NULL, out_verdict };

  *out_captcha_id = NULL;
  if (normalized == NULL)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                           "a captcha answer is ASCII letters and digits");
      return FALSE;
    }
  hash = captcha_hash (key, id, normalized);
  data.answer_hash = hash;
  if (!registry_storage_transaction (storage, captcha_issue_cb, &data, error))
    return FALSE;
  if (out_verdict->outcome == REGISTRY_OUTCOME_OK)
    *out_captcha_id = g_steal_pointer (&id);
  return TRUE;
}

/* Spends the captcha whatever the answer; TRUE in *out_right when it was
 * this device's, unexpired, and the answer matches without case. A spent
 * captcha keeps its row (without its hash) for the device's counter. */
static gboolean
captcha_spend (RegistryStorage *storage,
               const guchar *key,
               gint64 device_id,
               gint64 now,
               const char *captcha_id,
               const char *answer,
               gboolean *out_right,
               GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *normalized = registry_captcha_normalize (answer);
  g_autofree char *hash = NULL;
  g_autofree char *sql = g_strconcat ("SELECT device_id, answer_hash, expires_at FROM captchas"
                                      " WHERE captcha_id = $1 AND answer_hash <> ''",
                                      registry_storage_for_update (storage), NULL);

  *out_right = FALSE;
  if (!registry_storage_query (storage, sql, (const char *[]){ captcha_id }, 1, &rows, NULL,
                               error) ||
      !registry_storage_query (storage,
                               "UPDATE captchas SET answer_hash = '', expires_at = 0"
                               " WHERE captcha_id = $1",
                               (const char *[]){ captcha_id }, 1, NULL, NULL, error))
    return FALSE;
  if (rows->n_rows != 1 || normalized == NULL || registry_rows_get_int (rows, 0, 0) != device_id ||
      registry_rows_get_int (rows, 0, 2) <= now)
    return TRUE;
  hash = captcha_hash (key, captcha_id, normalized);
  *out_right = hashes_equal (hash, registry_rows_get (rows, 0, 1));
  return TRUE;
}

/* ---- who may register or log in ---- */

static gboolean
find_person (RegistryStorage *storage,
             const RegistryAccountRequest *request,
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

static gboolean
count_rows (RegistryStorage *storage,
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

/* in that order. */
static gboolean
check_register (RegistryStorage *storage,
                const RegistryAccountRequest *request,
                char **out_person_id,
                RegistryVerdict *verdict,
                GError **error)
{
  g_autofree char *person_id = NULL;
  gint64 n = 0;

  verdict_set (verdict, REGISTRY_OUTCOME_OK);
  if (!find_person (storage, request, &person_id, error))
    return FALSE;
  if (person_id == NULL)
    {
      verdict_set (verdict, REGISTRY_OUTCOME_NOT_FILED);
      return TRUE;
    }
  /* filed means read from a card, or entered by staff the registry knew
   * (someone registered already is answered below) */
  if (!count_rows (storage,
                   "SELECT (SELECT count(*) FROM filings f WHERE f.person_id = $1"
                   " AND " REGISTRY_COUNTING_FILING ")"
                   " + (SELECT count(*) FROM sms_users WHERE person_id = $1)",
                   person_id, &n, error))
    return FALSE;
  if (n == 0)
    {
      verdict_set (verdict, REGISTRY_OUTCOME_NOT_FILED);
      return TRUE;
    }
  if (!count_rows (storage, "SELECT count(*) FROM sms_users WHERE person_id = $1", person_id, &n,
                   error))
    return FALSE;
  if (n > 0)
    {
      verdict_set (verdict, REGISTRY_OUTCOME_ID_ALREADY_REGISTERED);
      return TRUE;
    }
  if (!count_rows (storage, "SELECT count(*) FROM login_phones WHERE person_id = $1", person_id, &n,
                   error))
    return FALSE;
  if (n > 0)
    {
      verdict_set (verdict, REGISTRY_OUTCOME_ALREADY_ENABLED);
      return TRUE;
    }
  if (!count_rows (storage,
                   "SELECT (SELECT count(*) FROM login_phones WHERE phone = $1)"
                   " + (SELECT count(*) FROM sms_users WHERE phone = $1)",
                   request->phone, &n, error))
    return FALSE;
  if (n > 0)
    {
      verdict_set (verdict, REGISTRY_OUTCOME_PHONE_TAKEN);
      return TRUE;
    }
  if (out_person_id != NULL)
    *out_person_id = g_steal_pointer (&person_id);
  return TRUE;
}

/* the phone is the person's filing phone or SMS registration phone. */
static gboolean
check_login (RegistryStorage *storage,
             const RegistryAccountRequest *request,
             char **out_person_id,
             RegistryVerdict *verdict,
             GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;

  verdict_set (verdict, REGISTRY_OUTCOME_OK);
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
      verdict_set (verdict, REGISTRY_OUTCOME_NOT_REGISTERED);
      return TRUE;
    }
  if (out_person_id != NULL)
    *out_person_id = g_strdup (registry_rows_get (rows, 0, 0));
  return TRUE;
}

static gboolean
check_purpose (RegistryStorage *storage,
               const RegistryAccountRequest *request,
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
  g_autofree char *since_text = int_text (since);
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
  g_autofree char *device = int_text (device_id);
  g_autofree char *lock_sql = NULL;
  gint64 n = 0, oldest = 0;

  verdict_set (verdict, REGISTRY_OUTCOME_OK);
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
      if (now < last + REGISTRY_SMS_COOLDOWN_S * US)
        {
          verdict_set (verdict, REGISTRY_OUTCOME_TOO_FREQUENT);
          verdict->retry_after = seconds_until (last + REGISTRY_SMS_COOLDOWN_S * US, now);
          return TRUE;
        }
    }
  /* per phone per day */
  if (!count_sends (storage, "phone", phone, now - DAY_S * US, &n, &oldest, error))
    return FALSE;
  if (n >= REGISTRY_SMS_PHONE_PER_DAY)
    {
      verdict_set (verdict, REGISTRY_OUTCOME_RATE_LIMITED);
      verdict->retry_after = seconds_until (oldest + DAY_S * US, now);
      return TRUE;
    }
  /* per device: a burst, and a day */
  if (!count_sends (storage, "device_id", device, now - REGISTRY_SMS_BURST_WINDOW_S * US, &n,
                    &oldest, error))
    return FALSE;
  if (n >= REGISTRY_SMS_DEVICE_BURST)
    {
      verdict_set (verdict, REGISTRY_OUTCOME_RATE_LIMITED);
      verdict->retry_after = seconds_until (oldest + REGISTRY_SMS_BURST_WINDOW_S * US, now);
      return TRUE;
    }
  if (!count_sends (storage, "device_id", device, now - DAY_S * US, &n, &oldest, error))
    return FALSE;
  if (n >= REGISTRY_SMS_DEVICE_PER_DAY)
    {
      verdict_set (verdict, REGISTRY_OUTCOME_RATE_LIMITED);
      verdict->retry_after = seconds_until (oldest + DAY_S * US, now);
      return TRUE;
    }
  return TRUE;
}

static char *
code_hash (const guchar *key,
           const RegistryAccountRequest *request,
           const char *created_at,
           const char *code)
{
  return keyed_hash (key,
                     (const char *[]){ "sms-code", registry_purpose_to_string (request->purpose),
                                       request->doc_type, request->doc_number, request->phone,
                                       created_at, code, NULL });
}

typedef struct
{
  const guchar *key;
  gint64 device_id;
  gint64 now;
  const RegistryAccountRequest *request;
  RegistryVerdict verdict;
  char code[REGISTRY_CODE_LENGTH + 1];
  gint64 code_id;
} CodeRequestData;

static gboolean
code_request_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  CodeRequestData *data = user_data;
  const RegistryAccountRequest *request = data->request;
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *device = int_text (data->device_id);
  g_autofree char *now = int_text (data->now);
  g_autofree char *expires = int_text (data->now + REGISTRY_CODE_LIFETIME_S * US);
  g_autofree char *stale = int_text (data->now - 2 * DAY_S * US);
  g_autofree char *hash = NULL;
  gboolean right = FALSE;

  data->code_id = 0;
  if (!captcha_spend (storage, data->key, data->device_id, data->now, request->captcha_id,
                      request->captcha_answer, &right, error))
    return FALSE;
  if (!right)
    {
      verdict_set (&data->verdict, REGISTRY_OUTCOME_CAPTCHA_WRONG);
      return TRUE;
    }
  if (!check_purpose (storage, request, NULL, &data->verdict, error))
    return FALSE;
  if (data->verdict.outcome != REGISTRY_OUTCOME_OK)
    return TRUE;
  if (!check_limits (storage, data->device_id, data->now, request->phone, &data->verdict, error))
    return FALSE;
  if (data->verdict.outcome != REGISTRY_OUTCOME_OK)
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
                         const RegistryAccountRequest *request,
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
  if (data.verdict.outcome == REGISTRY_OUTCOME_OK)
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
  g_autofree char *id = int_text (code_id);

  return registry_storage_query (storage, "DELETE FROM sms_codes WHERE id = $1",
                                 (const char *[]){ id }, 1, NULL, NULL, error);
}

/* ---- redeeming codes ---- */

typedef struct
{
  const guchar *key;
  gint64 device_id;
  gint64 now;
  const RegistryAccountRequest *request;
  RegistryVerdict verdict;
  char *token;
  char *person_id;
} RedeemData;

static gboolean
create_session (RegistryStorage *storage, RedeemData *data, GError **error)
{
  g_autofree char *token = random_hex (SESSION_TOKEN_LENGTH / 2);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_autofree char *device = int_text (data->device_id);
  g_autofree char *now = int_text (data->now);
  g_autofree char *expires = int_text (data->now + REGISTRY_SESSION_LIFETIME_S * US);

  if (!registry_storage_query (storage, "DELETE FROM practitioner_sessions WHERE expires_at < $1",
                               (const char *[]){ now }, 1, NULL, NULL, error) ||
      !registry_storage_query (
          storage,
          "INSERT INTO practitioner_sessions (token_hash, person_id,"
          " device_id, login_phone, created_at, expires_at)"
          " VALUES ($1, $2, $3, $4, $5, $6)",
          (const char *[]){ hash, data->person_id, device, data->request->phone, now, expires }, 6,
          NULL, NULL, error))
    return FALSE;
  g_free (data->token);
  data->token = g_steal_pointer (&token);
  return TRUE;
}

static gboolean
redeem_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  RedeemData *data = user_data;
  const RegistryAccountRequest *request = data->request;
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *device = int_text (data->device_id);
  g_autofree char *now = int_text (data->now);
  g_autofree char *sql = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *id = NULL;
  g_autofree char *attempts_text = NULL;
  gint64 attempts;
  gint64 changes = 0;

  g_clear_pointer (&data->person_id, g_free);
  g_clear_pointer (&data->token, g_free);
  verdict_set (&data->verdict, REGISTRY_OUTCOME_OK);

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
      verdict_set (&data->verdict, REGISTRY_OUTCOME_CODE_EXPIRED);
      return TRUE;
    }
  id = g_strdup (registry_rows_get (rows, 0, 0));
  if (registry_rows_get_int (rows, 0, 3) <= data->now)
    {
      verdict_set (&data->verdict, REGISTRY_OUTCOME_CODE_EXPIRED);
      return registry_storage_query (storage, "UPDATE sms_codes SET spent_at = $2 WHERE id = $1",
                                     (const char *[]){ id, now }, 2, NULL, NULL, error);
    }
  hash = code_hash (data->key, request, registry_rows_get (rows, 0, 2), request->code);
  if (!hashes_equal (hash, registry_rows_get (rows, 0, 1)))
    {
      attempts = registry_rows_get_int (rows, 0, 4) + 1;
      verdict_set (&data->verdict, REGISTRY_OUTCOME_CODE_WRONG);
      data->verdict.attempts_left = (int) MAX (0, REGISTRY_CODE_MAX_ATTEMPTS - attempts);
      attempts_text = int_text (attempts);
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
  if (data->verdict.outcome != REGISTRY_OUTCOME_OK)
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

  return create_session (storage, data, error) &&
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
                          const RegistryAccountRequest *request,
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
  if (data.verdict.outcome == REGISTRY_OUTCOME_OK)
    {
      *out_session_token = g_steal_pointer (&data.token);
      *out_person_id = g_steal_pointer (&data.person_id);
    }
  g_free (data.token);
  g_free (data.person_id);
  return TRUE;
}

/* ---- sessions ---- */

static char *
session_hash (const char *token)
{
  if (token == NULL || strlen (token) != SESSION_TOKEN_LENGTH)
    return NULL;
  for (const char *p = token; *p != '\0'; p++)
    {
      if (!g_ascii_isxdigit (*p))
        return NULL;
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

/**
 * registry_session_touch:
 * @token: (nullable): the X-Session-Token header
 *
 * Finds the live session of @token on @device_id and extends it to
 * REGISTRY_SESSION_LIFETIME_S from @now.
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
  g_autofree char *hash = session_hash (token);
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *device = int_text (device_id);
  g_autofree char *now_text = int_text (now);
  g_autofree char *expires = int_text (now + REGISTRY_SESSION_LIFETIME_S * US);

  *out_person_id = NULL;
  if (out_login_phone != NULL)
    *out_login_phone = NULL;
  verdict_set (out_verdict, REGISTRY_OUTCOME_SESSION_INVALID);
  if (hash == NULL)
    return TRUE;
  if (!registry_storage_query (storage,
                               "UPDATE practitioner_sessions SET expires_at = $3"
                               " WHERE token_hash = $1 AND device_id = $2 AND expires_at > $4"
                               " RETURNING person_id, login_phone",
                               (const char *[]){ hash, device, expires, now_text }, 4, &rows, NULL,
                               error))
    return FALSE;
  if (rows->n_rows == 1)
    {
      verdict_set (out_verdict, REGISTRY_OUTCOME_OK);
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
  g_autofree char *hash = session_hash (token);
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *device = int_text (device_id);
  g_autofree char *now_text = int_text (now);

  verdict_set (out_verdict, REGISTRY_OUTCOME_SESSION_INVALID);
  if (hash == NULL)
    return TRUE;
  if (!registry_storage_query (storage,
                               "DELETE FROM practitioner_sessions WHERE token_hash = $1"
                               " AND device_id = $2 AND expires_at > $3 RETURNING person_id",
                               (const char *[]){ hash, device, now_text }, 3, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows == 1)
    {
      verdict_set (out_verdict, REGISTRY_OUTCOME_OK);
      return registry_storage_query (
          storage,
          "INSERT INTO audit_log (at, device_id, action, person_id)"
          " VALUES ($1, $2, 'session.logout', $3)",
          (const char *[]){ now_text, device, registry_rows_get (rows, 0, 0) }, 3, NULL, NULL,
          error);
    }
  return TRUE;
}

/* ---- a person's login phone, changed by staff ---- */

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
  g_autofree char *now = int_text (data->now);
  g_autofree char *sql = g_strconcat ("SELECT person_id FROM persons WHERE doc_type = $1"
                                      " AND doc_number = $2",
                                      registry_storage_for_update (storage), NULL);
  g_autoptr (RegistryRows) rows = NULL;
  gint64 n = 0;
  gboolean registered;
  const char *person_id;

  g_clear_pointer (&data->person_id, g_free);
  verdict_set (&data->verdict, REGISTRY_OUTCOME_OK);
  if (!registry_storage_query (storage, sql, (const char *[]){ data->doc_type, data->doc_number },
                               2, &rows, NULL, error))
    return FALSE;
  if (rows->n_rows != 1)
    {
      verdict_set (&data->verdict, REGISTRY_OUTCOME_NOT_FILED);
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
        verdict_set (&data->verdict, REGISTRY_OUTCOME_PHONE_TAKEN);
        return TRUE;
      }
  }
  if (!count_rows (storage, "SELECT count(*) FROM sms_users WHERE person_id = $1", person_id, &n,
                   error))
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
 * %REGISTRY_OUTCOME_NOT_FILED for an unknown person,
 * %REGISTRY_OUTCOME_PHONE_TAKEN when the phone logs in for someone else.
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
  g_autofree char *device = device_id > 0 ? int_text (device_id) : NULL;
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

/* ---- staff ---- */

/* A hash to verify against when the user does not exist, so an unknown
 * user takes as long to refuse as a wrong password. */
static gpointer
make_dummy_hash (gpointer data)
{
  static char hash[crypto_pwhash_STRBYTES];
  g_autofree char *random = random_hex (16);

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
  g_autofree char *now_text = int_text (now);
  g_autofree char *failures_text = NULL;
  gint64 failures = registry_rows_get_int (rows, 0, 0);

  *out_lock = NULL;
  if (registry_rows_get_int (rows, 0, 1) < now - REGISTRY_STAFF_FAILURE_WINDOW_S * US)
    failures = 0;
  failures++;
  if (failures >= REGISTRY_STAFF_MAX_FAILURES)
    {
      *out_lock = int_text (now + REGISTRY_STAFF_LOCK_S * US);
      failures = 0;
    }
  failures_text = int_text (failures);
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
  g_autofree char *now_text = int_text (data->now);
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
  g_autofree char *token = random_hex (SESSION_TOKEN_LENGTH / 2);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_autofree char *now = int_text (data->now);
  g_autofree char *expires = int_text (data->now + REGISTRY_STAFF_SESSION_LIFETIME_S * US);
  g_autofree char *stale = int_text (data->now - REGISTRY_STAFF_SESSION_GRACE_S * US);

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
  g_autofree char *now_text = int_text (data->now);
  gboolean locked = data->user_lock != NULL || data->device_lock != NULL;

  if (data->success)
    {
      verdict_set (&data->verdict, REGISTRY_OUTCOME_OK);
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
      verdict_set (&data->verdict, REGISTRY_OUTCOME_STAFF_DISABLED);
      return registry_storage_query (storage,
                                     "INSERT INTO audit_log (at, device_id, staff, action)"
                                     " VALUES ($1, $2, $3, 'staff.login_disabled')",
                                     (const char *[]){ now_text, data->device, data->user }, 3,
                                     NULL, NULL, error);
    }

  if (locked)
    {
      verdict_set (&data->verdict, REGISTRY_OUTCOME_STAFF_LOCKED);
      data->verdict.retry_after = REGISTRY_STAFF_LOCK_S;
    }
  else
    verdict_set (&data->verdict, REGISTRY_OUTCOME_STAFF_LOGIN_FAILED);
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
  g_autofree char *device = int_text (device_id);
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
      verdict_set (out_verdict, REGISTRY_OUTCOME_STAFF_LOCKED);
      out_verdict->retry_after = seconds_until (data.locked_until, now);
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
      if (data.verdict.outcome == REGISTRY_OUTCOME_OK)
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
 * %REGISTRY_OUTCOME_STAFF_SESSION_INVALID; a disabled account is
 * %REGISTRY_OUTCOME_STAFF_DISABLED whatever the session.
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
  g_autofree char *hash = session_hash (token);
  g_autoptr (RegistryRows) rows = NULL;
  gint64 end;

  *out_staff_id = 0;
  *out_user = NULL;
  verdict_set (out_verdict, REGISTRY_OUTCOME_STAFF_SESSION_INVALID);
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
      verdict_set (out_verdict, REGISTRY_OUTCOME_STAFF_DISABLED);
      return TRUE;
    }
  end = registry_rows_get_int (rows, 0, 3);
  if (now >= end + grace_s * US)
    return TRUE;
  verdict_set (out_verdict, REGISTRY_OUTCOME_OK);
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
  g_autofree char *hash = session_hash (token);
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *device = int_text (device_id);
  g_autofree char *now_text = int_text (now);

  verdict_set (out_verdict, REGISTRY_OUTCOME_STAFF_SESSION_INVALID);
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
  verdict_set (out_verdict, REGISTRY_OUTCOME_OK);
  return registry_storage_query (
      storage,
      "INSERT INTO audit_log (at, device_id, staff, action) VALUES"
      " ($1, $2, (SELECT username FROM staff WHERE id = $3),"
      " 'staff.logout')",
      (const char *[]){ now_text, device, registry_rows_get (rows, 0, 0) }, 3, NULL, NULL, error);
}
