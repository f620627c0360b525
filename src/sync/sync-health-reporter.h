/* sync-health-reporter.h: tells the registry how this kiosk is, every few minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sync-engine.h"
#include "sync-registry.h"

G_BEGIN_DECLS

#define SYNC_HEALTH_DEFAULT_INTERVAL_S 300
#define SYNC_HEALTH_MIN_INTERVAL_S 10
#define SYNC_HEALTH_MAX_INTERVAL_S 86400
#define SYNC_HEALTH_JITTER_PERCENT 20

/**
 * SyncHealthProbe:
 * @user_data: the probe's data
 *
 * Looks at a device for a report, on the reporter's thread (it may block):
 * the default printer's state, "ready", "not_ready", "none" or "unknown".
 *
 * Returns: (transfer full): the state
 */
typedef char *(*SyncHealthProbe) (gpointer user_data);

#define SYNC_TYPE_HEALTH_REPORTER (sync_health_reporter_get_type ())

G_DECLARE_FINAL_TYPE (SyncHealthReporter, sync_health_reporter, SYNC, HEALTH_REPORTER, GObject)

SyncHealthReporter *
sync_health_reporter_new (SyncRegistry *registry, SyncEngine *engine, guint interval_s);
guint sync_health_reporter_get_interval (SyncHealthReporter *self);
void sync_health_reporter_set_reader_state (SyncHealthReporter *self, const char *state);
void sync_health_reporter_set_printer_probe (SyncHealthReporter *self,
                                             SyncHealthProbe probe,
                                             gpointer user_data,
                                             GDestroyNotify destroy);

JsonNode *sync_health_reporter_build (SyncHealthReporter *self);
gboolean sync_health_reporter_send (SyncHealthReporter *self, GError **error);
void sync_health_reporter_send_async (SyncHealthReporter *self,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean
sync_health_reporter_send_finish (SyncHealthReporter *self, GAsyncResult *result, GError **error);

void sync_health_reporter_start (SyncHealthReporter *self);
void sync_health_reporter_stop (SyncHealthReporter *self);
void sync_health_reporter_kick (SyncHealthReporter *self);
guint sync_health_reporter_get_sent (SyncHealthReporter *self);

const char *sync_health_describe_error (SyncEngine *engine);

G_END_DECLS
