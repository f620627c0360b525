/* registry-fleet.c: the kiosks' health reports, and the fleet they make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each kiosk reports every few minutes; only its latest report is kept,
 * with the registry's time of arrival (a kiosk's own clock may be wrong).
 * The fleet is every enrolled, unrevoked device with that report and the
 * problems an operator should look at, judged when the list is asked for:
 * a kiosk that stopped reporting is a problem because of the time since.
 */

#include "config.h"

#include "registry-fleet.h"
#include "registry-subject-private.h"

const char *const registry_fleet_reader_states[] = { "ok", "missing", "unknown", NULL };
const char *const registry_fleet_printer_states[] = { "ready", "not_ready", "none", "unknown",
                                                      NULL };

/* In the order of the RegistryFleetProblems bits. */
static const struct
{
  const char *code;
  const char *text;
} problems[REGISTRY_FLEET_N_PROBLEMS] = {
  { "not_seen", "not seen for more than 3 report intervals" },
  { "outbox_stale", "a filing has waited more than an hour to be sent" },
  { "reader_missing", "no card reader is connected" },
  { "printer_not_ready", "the default printer is not ready" },
  { "last_error", "the last sync failed" },
};

const char *
registry_fleet_problem_get_code (guint index)
{
  g_return_val_if_fail (index < REGISTRY_FLEET_N_PROBLEMS, NULL);
  return problems[index].code;
}

const char *
registry_fleet_problem_get_text (guint index)
{
  g_return_val_if_fail (index < REGISTRY_FLEET_N_PROBLEMS, NULL);
  return problems[index].text;
}

void
registry_health_report_clear (RegistryHealthReport *report)
{
  g_clear_pointer (&report->version, g_free);
  g_clear_pointer (&report->reader, g_free);
  g_clear_pointer (&report->printer, g_free);
  g_clear_pointer (&report->last_error, g_free);
}

static void
fleet_kiosk_free (RegistryFleetKiosk *kiosk)
{
  g_free (kiosk->name);
  registry_health_report_clear (&kiosk->report);
  g_free (kiosk);
}

/**
 * registry_fleet_store_report:
 * @device_id: the reporting device
 * @now: when the report came (µs since the epoch)
 * @report: a checked report
 *
 * Replaces the device's previous report.
 */
gboolean
registry_fleet_store_report (RegistryStorage *storage,
                             gint64 device_id,
                             gint64 now,
                             const RegistryHealthReport *report,
                             GError **error)
{
  g_autofree char *device = registry_int_text (device_id);
  g_autofree char *depth = registry_int_text (report->outbox_depth);
  g_autofree char *oldest = registry_int_text (report->oldest_unsent_s);
  g_autofree char *interval = registry_int_text (report->interval_s);
  g_autofree char *at = registry_int_text (now);

  return registry_storage_query (
      storage,
      "INSERT INTO device_health (device_id, version, outbox_depth, oldest_unsent_s, reader,"
      " printer, last_error, interval_s, reported_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
      " ON CONFLICT (device_id) DO UPDATE SET version = excluded.version,"
      " outbox_depth = excluded.outbox_depth, oldest_unsent_s = excluded.oldest_unsent_s,"
      " reader = excluded.reader, printer = excluded.printer, last_error = excluded.last_error,"
      " interval_s = excluded.interval_s, reported_at = excluded.reported_at",
      (const char *[]){ device, report->version, depth, oldest, report->reader, report->printer,
                        report->last_error, interval, at },
      9, NULL, NULL, error);
}

static RegistryFleetProblems
judge (const RegistryFleetKiosk *kiosk, gint64 now)
{
  const RegistryHealthReport *report = &kiosk->report;
  RegistryFleetProblems found = 0;
  gint64 since_s;

  if (kiosk->reported_at == 0)
    return REGISTRY_FLEET_NOT_SEEN;
  since_s = MAX (0, (now - kiosk->reported_at) / REGISTRY_US);
  if (since_s > REGISTRY_FLEET_MISSED_INTERVALS * report->interval_s)
    found |= REGISTRY_FLEET_NOT_SEEN;
  /* the oldest filing has kept waiting since the kiosk said so */
  if (report->outbox_depth > 0 && report->oldest_unsent_s + since_s > REGISTRY_FLEET_OUTBOX_STALE_S)
    found |= REGISTRY_FLEET_OUTBOX_STALE;
  if (g_strcmp0 (report->reader, "missing") == 0)
    found |= REGISTRY_FLEET_READER_MISSING;
  if (g_strcmp0 (report->printer, "not_ready") == 0 || g_strcmp0 (report->printer, "none") == 0)
    found |= REGISTRY_FLEET_PRINTER_NOT_READY;
  if (report->last_error != NULL && report->last_error[0] != '\0')
    found |= REGISTRY_FLEET_LAST_ERROR;
  return found;
}

/**
 * registry_fleet_list:
 * @now: the time to judge the reports' ages by (µs since the epoch)
 *
 * Returns: (transfer full) (element-type RegistryFleetKiosk): every
 *   enrolled, unrevoked device by name, with its latest report and problems
 */
GPtrArray *
registry_fleet_list (RegistryStorage *storage, gint64 now, GError **error)
{
  g_autoptr (RegistryRows) rows = NULL;
  g_autoptr (GPtrArray) fleet = g_ptr_array_new_with_free_func ((GDestroyNotify) fleet_kiosk_free);

  if (!registry_storage_query (
          storage,
          "SELECT d.name, h.reported_at, h.version, h.outbox_depth, h.oldest_unsent_s, h.reader,"
          " h.printer, h.last_error, h.interval_s"
          " FROM devices d LEFT JOIN device_health h ON h.device_id = d.id"
          " WHERE d.revoked_at IS NULL ORDER BY d.name",
          NULL, 0, &rows, NULL, error))
    return NULL;

  for (guint r = 0; r < rows->n_rows; r++)
    {
      RegistryFleetKiosk *kiosk = g_new0 (RegistryFleetKiosk, 1);

      kiosk->name = g_strdup (registry_rows_get (rows, r, 0));
      if (registry_rows_get (rows, r, 1) != NULL)
        {
          kiosk->reported_at = registry_rows_get_int (rows, r, 1);
          kiosk->report.version = g_strdup (registry_rows_get (rows, r, 2));
          kiosk->report.outbox_depth = registry_rows_get_int (rows, r, 3);
          kiosk->report.oldest_unsent_s = registry_rows_get_int (rows, r, 4);
          kiosk->report.reader = g_strdup (registry_rows_get (rows, r, 5));
          kiosk->report.printer = g_strdup (registry_rows_get (rows, r, 6));
          kiosk->report.last_error = g_strdup (registry_rows_get (rows, r, 7));
          kiosk->report.interval_s = registry_rows_get_int (rows, r, 8);
        }
      kiosk->problems = judge (kiosk, now);
      g_ptr_array_add (fleet, kiosk);
    }
  return g_steal_pointer (&fleet);
}
