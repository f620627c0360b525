/* kiosk-sync-status-page.h: staff see what waits for the registry and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SYNC_STATUS_PAGE (kiosk_sync_status_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskSyncStatusPage,
                      kiosk_sync_status_page,
                      KIOSK,
                      SYNC_STATUS_PAGE,
                      KioskPage)

void kiosk_sync_status_page_refresh (KioskSyncStatusPage *self);
const char *kiosk_sync_status_page_get_state_text (KioskSyncStatusPage *self);
guint kiosk_sync_status_page_get_n_parked (KioskSyncStatusPage *self);
const char *kiosk_sync_status_page_get_parked_text (KioskSyncStatusPage *self, guint index);
gboolean kiosk_sync_status_page_get_busy (KioskSyncStatusPage *self);

G_END_DECLS
