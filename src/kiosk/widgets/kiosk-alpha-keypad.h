/* kiosk-alpha-keypad.h: a large on-screen keypad of letters and digits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_ALPHA_KEYPAD (kiosk_alpha_keypad_get_type ())

G_DECLARE_FINAL_TYPE (KioskAlphaKeypad, kiosk_alpha_keypad, KIOSK, ALPHA_KEYPAD, GtkWidget)

GtkWidget *kiosk_alpha_keypad_new (void);

GtkEditable *kiosk_alpha_keypad_get_target (KioskAlphaKeypad *self);
void kiosk_alpha_keypad_set_target (KioskAlphaKeypad *self, GtkEditable *target);
guint kiosk_alpha_keypad_get_max_length (KioskAlphaKeypad *self);
void kiosk_alpha_keypad_set_max_length (KioskAlphaKeypad *self, guint max_length);

G_END_DECLS
