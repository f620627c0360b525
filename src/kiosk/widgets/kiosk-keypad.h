/* kiosk-keypad.h: a large on-screen keypad for touch screens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * KioskKeypadLayout:
 * @KIOSK_KEYPAD_DIGITS: 0–9, for phone numbers and SMS codes
 * @KIOSK_KEYPAD_ID_NUMBER: 0–9 and X, the check character of a resident ID number
 * @KIOSK_KEYPAD_LETTERS: digits and upper-case letters in keyboard order, for captcha answers
 */
typedef enum
{
  KIOSK_KEYPAD_DIGITS,
  KIOSK_KEYPAD_ID_NUMBER,
  KIOSK_KEYPAD_LETTERS,
} KioskKeypadLayout;

#define KIOSK_TYPE_KEYPAD (kiosk_keypad_get_type ())

G_DECLARE_FINAL_TYPE (KioskKeypad, kiosk_keypad, KIOSK, KEYPAD, GtkWidget)

GtkWidget *kiosk_keypad_new (void);

GtkEditable *kiosk_keypad_get_target (KioskKeypad *self);
void kiosk_keypad_set_target (KioskKeypad *self, GtkEditable *target);
KioskKeypadLayout kiosk_keypad_get_layout (KioskKeypad *self);
void kiosk_keypad_set_layout (KioskKeypad *self, KioskKeypadLayout layout);
guint kiosk_keypad_get_max_length (KioskKeypad *self);
void kiosk_keypad_set_max_length (KioskKeypad *self, guint max_length);

G_END_DECLS
