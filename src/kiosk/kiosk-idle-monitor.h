/* kiosk-idle-monitor.h: notices when nobody has touched the kiosk for a while
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_IDLE_MONITOR (kiosk_idle_monitor_get_type ())

G_DECLARE_FINAL_TYPE (KioskIdleMonitor, kiosk_idle_monitor, KIOSK, IDLE_MONITOR, GObject)

KioskIdleMonitor *kiosk_idle_monitor_new (GtkWidget *watched);

void kiosk_idle_monitor_set_active (KioskIdleMonitor *self, gboolean active);
gboolean kiosk_idle_monitor_get_active (KioskIdleMonitor *self);
void kiosk_idle_monitor_set_timeout (KioskIdleMonitor *self, guint seconds);
guint kiosk_idle_monitor_get_timeout (KioskIdleMonitor *self);
void kiosk_idle_monitor_set_page_limit (KioskIdleMonitor *self, guint seconds);
guint kiosk_idle_monitor_get_seconds_left (KioskIdleMonitor *self);
void kiosk_idle_monitor_set_countdown (KioskIdleMonitor *self, guint seconds);
guint kiosk_idle_monitor_get_remaining (KioskIdleMonitor *self);
gboolean kiosk_idle_monitor_get_counting_down (KioskIdleMonitor *self);
void kiosk_idle_monitor_poke (KioskIdleMonitor *self);

G_END_DECLS
