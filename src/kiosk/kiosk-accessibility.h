/* kiosk-accessibility.h: what assistive technology is told of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_ACCESSIBILITY (kiosk_accessibility_get_type ())

G_DECLARE_FINAL_TYPE (KioskAccessibility, kiosk_accessibility, KIOSK, ACCESSIBILITY, GObject)

KioskAccessibility *kiosk_accessibility_new (void);

void kiosk_accessibility_present_visible_child_only (GtkStack *stack);

G_END_DECLS
