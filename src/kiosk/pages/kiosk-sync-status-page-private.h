/* kiosk-sync-status-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-sync-status-page.h"

G_BEGIN_DECLS

void kiosk_sync_status_page_refresh (KioskSyncStatusPage *self);
const char *kiosk_sync_status_page_get_state_text (KioskSyncStatusPage *self);
guint kiosk_sync_status_page_get_n_parked (KioskSyncStatusPage *self);
const char *kiosk_sync_status_page_get_parked_text (KioskSyncStatusPage *self, guint index);
gboolean kiosk_sync_status_page_get_busy (KioskSyncStatusPage *self);

G_END_DECLS
