/* kiosk-keypad.h: a large on-screen numeric keypad for touch screens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_KEYPAD (kiosk_keypad_get_type ())

G_DECLARE_FINAL_TYPE (KioskKeypad, kiosk_keypad, KIOSK, KEYPAD, GtkWidget)

GtkWidget *kiosk_keypad_new (void);

GtkEditable *kiosk_keypad_get_target (KioskKeypad *self);
void kiosk_keypad_set_target (KioskKeypad *self, GtkEditable *target);
gboolean kiosk_keypad_get_show_x_key (KioskKeypad *self);
void kiosk_keypad_set_show_x_key (KioskKeypad *self, gboolean show_x_key);
guint kiosk_keypad_get_max_length (KioskKeypad *self);
void kiosk_keypad_set_max_length (KioskKeypad *self, guint max_length);

G_END_DECLS
