/* registry-captchas.c: captchas issued, counted and spent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A captcha is stored as the HMAC of its answer, for the device that
 * fetched it, and spent by the first request that names it, right or not.
 * Its row stays (spent or not) until its window has passed: the rows are the
 * device's counter for the per-device limit.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "registry-captcha-image.h"
#include "registry-captchas.h"
#include "registry-subject-private.h"

static char *
captcha_hash (const guchar *key, const char *captcha_id, const char *normalized_answer)
{
  return registry_keyed_hash (key,
                              (const char *[]){ "captcha", captcha_id, normalized_answer, NULL });
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
  g_autofree char *device = registry_int_text (data->device_id);
  g_autofree char *now_text = registry_int_text (data->now);
  g_autofree char *window_start =
      registry_int_text (data->now - (gint64) REGISTRY_CAPTCHA_DEVICE_WINDOW_S * REGISTRY_US);
  g_autofree char *expires =
      registry_int_text (data->now + REGISTRY_CAPTCHA_LIFETIME_S * REGISTRY_US);
  g_autofree char *lock_sql = g_strconcat ("SELECT id FROM devices WHERE id = $1",
                                           registry_storage_for_update (storage), NULL);

  registry_verdict_accept (data->verdict);
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
      registry_verdict_refuse (data->verdict, CORE_API_ERROR_RATE_LIMITED);
      data->verdict->retry_after =
          registry_seconds_until (registry_rows_get_int (rows, 0, 1) +
                                      (gint64) REGISTRY_CAPTCHA_DEVICE_WINDOW_S * REGISTRY_US,
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
  if (!out_verdict->refused)
    *out_captcha_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * registry_captcha_spend:
 * @out_right: (out): %TRUE when the captcha was this device's, unexpired,
 *   and @answer matches it without case
 *
 * Spends the captcha whatever the answer. A spent captcha keeps its row
 * (without its hash) for the device's counter. Call it inside the
 * transaction that acts on the answer.
 */
gboolean
registry_captcha_spend (RegistryStorage *storage,
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
  *out_right = registry_hashes_equal (hash, registry_rows_get (rows, 0, 1));
  return TRUE;
}
