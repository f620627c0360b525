/* kiosk-window.h: the kiosk's one full-screen window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-flow.h"
#include "kiosk-idle-monitor.h"
#include "kiosk-card-reminder.h"
#include "kiosk-idle-overlay.h"
#include "kiosk-services.h"
#include "kiosk-visit.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_WINDOW (kiosk_window_get_type ())

G_DECLARE_FINAL_TYPE (KioskWindow, kiosk_window, KIOSK, WINDOW, GtkApplicationWindow)

KioskWindow *
kiosk_window_new (GtkApplication *application, KioskServices *services, gboolean windowed);

KioskFlow *kiosk_window_get_flow (KioskWindow *self);
KioskVisit *kiosk_window_get_visit (KioskWindow *self);
KioskIdleMonitor *kiosk_window_get_idle_monitor (KioskWindow *self);
KioskIdleOverlay *kiosk_window_get_idle_overlay (KioskWindow *self);
KioskCardReminder *kiosk_window_get_card_reminder (KioskWindow *self);
void kiosk_window_rebuild_pages (KioskWindow *self);
const char *kiosk_window_get_scale_class (KioskWindow *self);
void kiosk_window_set_text_size (KioskWindow *self, KioskTextSize size);
void kiosk_window_set_language (KioskWindow *self, const char *language);

G_END_DECLS
