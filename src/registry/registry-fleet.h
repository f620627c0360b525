/* registry-fleet.h: the kiosks' health reports, and the fleet they make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"

G_BEGIN_DECLS

/* A kiosk that has not reported for this many of its intervals is missed. */
#define REGISTRY_FLEET_MISSED_INTERVALS 3
/* A filing waiting longer than this on a kiosk is a problem. */
#define REGISTRY_FLEET_OUTBOX_STALE_S 3600
#define REGISTRY_FLEET_MIN_INTERVAL_S 10
#define REGISTRY_FLEET_MAX_INTERVAL_S 86400
#define REGISTRY_FLEET_DEFAULT_INTERVAL_S 300

/**
 * RegistryHealthReport:
 * @version: the kiosk's program version
 * @outbox_depth: filings waiting on the kiosk to be sent
 * @oldest_unsent_s: how long the oldest of them has waited; 0 for none
 * @reader: "ok", "missing" or "unknown"
 * @printer: the default printer: "ready", "not_ready", "none" or "unknown"
 * @last_error: (nullable): why the kiosk's last sync failed
 * @interval_s: how often the kiosk reports
 *
 * What a kiosk says about itself: counts, ages and states, nothing personal.
 */
typedef struct
{
  char *version;
  gint64 outbox_depth;
  gint64 oldest_unsent_s;
  char *reader;
  char *printer;
  char *last_error;
  gint64 interval_s;
} RegistryHealthReport;

void registry_health_report_clear (RegistryHealthReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RegistryHealthReport, registry_health_report_clear)

extern const char *const registry_fleet_reader_states[];
extern const char *const registry_fleet_printer_states[];

typedef enum
{
  REGISTRY_FLEET_NOT_SEEN = 1 << 0,
  REGISTRY_FLEET_OUTBOX_STALE = 1 << 1,
  REGISTRY_FLEET_READER_MISSING = 1 << 2,
  REGISTRY_FLEET_PRINTER_NOT_READY = 1 << 3,
  REGISTRY_FLEET_LAST_ERROR = 1 << 4,
} RegistryFleetProblems;

#define REGISTRY_FLEET_N_PROBLEMS 5

const char *registry_fleet_problem_get_code (guint index);
const char *registry_fleet_problem_get_text (guint index);

/**
 * RegistryFleetKiosk:
 * @name: the device's name as enrolled
 * @reported_at: when its latest report came (µs since the epoch); 0: never
 * @report: that report (empty when there is none)
 * @problems: what an operator should look at
 */
typedef struct
{
  char *name;
  gint64 reported_at;
  RegistryHealthReport report;
  RegistryFleetProblems problems;
} RegistryFleetKiosk;

gboolean registry_fleet_store_report (RegistryStorage *storage,
                                      gint64 device_id,
                                      gint64 now,
                                      const RegistryHealthReport *report,
                                      GError **error);
GPtrArray *registry_fleet_list (RegistryStorage *storage, gint64 now, GError **error);

G_END_DECLS
