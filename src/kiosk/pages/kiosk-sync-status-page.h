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

G_END_DECLS
