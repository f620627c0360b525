/* kiosk-sync-indicator.h: a small line saying whether filings reach the registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sync-engine.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SYNC_INDICATOR (kiosk_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (KioskSyncIndicator, kiosk_sync_indicator, KIOSK, SYNC_INDICATOR, GtkWidget)

void
kiosk_sync_indicator_set_engine (KioskSyncIndicator *self, SyncEngine *engine, const char *problem);
const char *kiosk_sync_indicator_get_text (KioskSyncIndicator *self);

G_END_DECLS
