/* sync-engine.h: sends the outbox to the registry in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "store-outbox.h"
#include "sync-client.h"
#include "sync-registry.h"

G_BEGIN_DECLS

typedef enum
{
  SYNC_STATE_OFFLINE, /* the last attempt failed; retrying with back-off */
  SYNC_STATE_SYNCING, /* a request is under way */
  SYNC_STATE_ONLINE,  /* the last attempt succeeded */
} SyncState;

#define SYNC_ENGINE_BATCH_SIZE 500
#define SYNC_ENGINE_BATCH_BYTES (768 * 1024)
#define SYNC_ENGINE_MIN_BACKOFF_MS 1000
#define SYNC_ENGINE_MAX_BACKOFF_MS (5 * 60 * 1000)
#define SYNC_ENGINE_KEEP_DAYS 30

#define SYNC_TYPE_ENGINE (sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (SyncEngine, sync_engine, SYNC, ENGINE, GObject)

SyncEngine *sync_engine_new (const char *store_path,
                             const char *data_folder,
                             SyncClient *client,
                             GError **error);

void sync_engine_set_keep_days (SyncEngine *self, guint days);
void sync_engine_start (SyncEngine *self);
void sync_engine_stop (SyncEngine *self);
void sync_engine_kick (SyncEngine *self);

SyncState sync_engine_get_state (SyncEngine *self);
guint sync_engine_get_queued (SyncEngine *self);
guint sync_engine_get_rejected (SyncEngine *self);
gint64 sync_engine_get_oldest_queued_at (SyncEngine *self);
gint64 sync_engine_get_last_success (SyncEngine *self);
char *sync_engine_dup_last_error (SyncEngine *self);
gboolean sync_engine_get_last_error_code (SyncEngine *self, SyncError *out_code);
guint64 sync_engine_get_requests (SyncEngine *self);

guint sync_engine_backoff_ms (guint attempt, guint jitter_percent);

G_END_DECLS
