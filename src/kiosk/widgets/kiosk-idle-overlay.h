/* kiosk-idle-overlay.h: "are you still there?" countdown over the whole window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_IDLE_OVERLAY (kiosk_idle_overlay_get_type ())

G_DECLARE_FINAL_TYPE (KioskIdleOverlay, kiosk_idle_overlay, KIOSK, IDLE_OVERLAY, GtkWidget)

void kiosk_idle_overlay_set_remaining (KioskIdleOverlay *self, guint seconds);
const char *kiosk_idle_overlay_get_message (KioskIdleOverlay *self);
GtkWidget *kiosk_idle_overlay_get_continue_button (KioskIdleOverlay *self);

G_END_DECLS
