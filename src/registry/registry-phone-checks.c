/* registry-phone-checks.c: each device's counter of phone checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row per check a device asked for, with neither the phone nor the
 * person: the rows of the last window are the device's counter, and older
 * rows go whenever a check is counted.
 */

#include "config.h"

#include "registry-phone-checks.h"
#include "registry-subject-private.h"

typedef struct
{
  gint64 device_id;
  gint64 now;
  RegistryVerdict *verdict;
} PhoneCheckCount;

/* Counts and records in one transaction, the device's row locked on
 * PostgreSQL, so that parallel requests cannot all slip under the limit. */
static gboolean
phone_check_count_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  PhoneCheckCount *data = user_data;
  g_autoptr (RegistryRows) rows = NULL;
  g_autofree char *device = registry_int_text (data->device_id);
  g_autofree char *now_text = registry_int_text (data->now);
  g_autofree char *window_start =
      registry_int_text (data->now - (gint64) REGISTRY_PHONE_CHECK_DEVICE_WINDOW_S * REGISTRY_US);
  g_autofree char *lock_sql = g_strconcat ("SELECT id FROM devices WHERE id = $1",
                                           registry_storage_for_update (storage), NULL);

  registry_verdict_accept (data->verdict);
  if (!registry_storage_query (storage, lock_sql, (const char *[]){ device }, 1, NULL, NULL,
                               error) ||
      !registry_storage_query (storage, "DELETE FROM phone_checks WHERE created_at < $1",
                               (const char *[]){ window_start }, 1, NULL, NULL, error) ||
      !registry_storage_query (storage,
                               "SELECT count(*), min(created_at) FROM phone_checks"
                               " WHERE device_id = $1 AND created_at >= $2",
                               (const char *[]){ device, window_start }, 2, &rows, NULL, error))
    return FALSE;
  if (registry_rows_get_int (rows, 0, 0) >= REGISTRY_PHONE_CHECK_DEVICE_LIMIT)
    {
      registry_verdict_refuse (data->verdict, CORE_API_ERROR_PHONE_CHECKS_LIMITED);
      data->verdict->retry_after =
          registry_seconds_until (registry_rows_get_int (rows, 0, 1) +
                                      (gint64) REGISTRY_PHONE_CHECK_DEVICE_WINDOW_S * REGISTRY_US,
                                  data->now);
      return TRUE;
    }
  return registry_storage_query (storage,
                                 "INSERT INTO phone_checks (device_id, created_at) VALUES ($1, $2)",
                                 (const char *[]){ device, now_text }, 2, NULL, NULL, error);
}

/**
 * registry_phone_check_count:
 * @out_verdict: (out caller-allocates): OK, or PHONE_CHECKS_LIMITED with
 *   retry_after when the device has had REGISTRY_PHONE_CHECK_DEVICE_LIMIT
 *   checks in the last REGISTRY_PHONE_CHECK_DEVICE_WINDOW_S
 *
 * Counts one phone check for @device_id, unless it is over the limit. Ask
 * before looking the phone up: a refused check learns nothing.
 */
gboolean
registry_phone_check_count (RegistryStorage *storage,
                            gint64 device_id,
                            gint64 now,
                            RegistryVerdict *out_verdict,
                            GError **error)
{
  PhoneCheckCount data = { device_id, now, out_verdict };

  return registry_storage_transaction (storage, phone_check_count_cb, &data, error);
}
