/* store-outbox.h: filings waiting for the registry, sealed at rest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "store-database.h"
#include "store-sealer.h"

G_BEGIN_DECLS

typedef struct
{
  char *filing_id;
  GBytes *payload; /* the filing as the registry takes it, opened */
  guint attempts;
  gint64 created_at_us;
  char *reason; /* the last answer or error, for staff */
} StoreOutboxEntry;

void store_outbox_entry_free (StoreOutboxEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreOutboxEntry, store_outbox_entry_free)

typedef struct
{
  guint queued;
  guint rejected;
  guint confirmed;
  gint64 oldest_queued_at_us; /* 0 when nothing is queued */
} StoreOutboxCounts;

#define STORE_TYPE_OUTBOX (store_outbox_get_type ())

G_DECLARE_FINAL_TYPE (StoreOutbox, store_outbox, STORE, OUTBOX, GObject)

StoreOutbox *store_outbox_new (StoreDatabase *db, StoreSealer *sealer);
StoreDatabase *store_outbox_get_database (StoreOutbox *self);

gboolean store_outbox_add (StoreOutbox *self,
                           const char *filing_id,
                           const char *source,
                           const char *staff,
                           GBytes *payload,
                           GError **error);
GPtrArray *
store_outbox_get_due (StoreOutbox *self, guint max_entries, gint64 now_us, GError **error);
gboolean
store_outbox_confirm (StoreOutbox *self, const char *filing_id, const char *result, GError **error);
gboolean store_outbox_prune (StoreOutbox *self,
                             gint64 confirmed_before_us,
                             guint *out_pruned,
                             GError **error);
gboolean
store_outbox_reject (StoreOutbox *self, const char *filing_id, const char *reason, GError **error);
gboolean store_outbox_postpone (StoreOutbox *self,
                                const char *filing_id,
                                gint64 next_attempt_us,
                                const char *reason,
                                GError **error);
gboolean store_outbox_requeue (StoreOutbox *self, const char *filing_id, GError **error);
GPtrArray *store_outbox_list_rejected (StoreOutbox *self, GError **error);
gboolean store_outbox_get_counts (StoreOutbox *self, StoreOutboxCounts *counts, GError **error);
gint64 store_outbox_get_next_due (StoreOutbox *self, GError **error);

G_END_DECLS
