/* kiosk-demo-tray.h: place and lift demo cards, and see the demo phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kiosk-demo.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_DEMO_TRAY (kiosk_demo_tray_get_type ())

G_DECLARE_FINAL_TYPE (KioskDemoTray, kiosk_demo_tray, KIOSK, DEMO_TRAY, GtkWidget)

void kiosk_demo_tray_set_demo (KioskDemoTray *self, KioskDemo *demo);
const char *kiosk_demo_tray_get_last_sms (KioskDemoTray *self);

G_END_DECLS
