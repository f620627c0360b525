/* kiosk-keyboard-dock.h: the window's content with the keyboard docked below
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kiosk-keyboard.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_KEYBOARD_DOCK (kiosk_keyboard_dock_get_type ())

G_DECLARE_FINAL_TYPE (KioskKeyboardDock, kiosk_keyboard_dock, KIOSK, KEYBOARD_DOCK, GtkWidget)

GtkWidget *kiosk_keyboard_dock_new (void);

GtkWidget *kiosk_keyboard_dock_get_content (KioskKeyboardDock *self);
void kiosk_keyboard_dock_set_content (KioskKeyboardDock *self, GtkWidget *content);
KioskKeyboard *kiosk_keyboard_dock_get_keyboard (KioskKeyboardDock *self);
KioskKeyboard *kiosk_keyboard_dock_peek_keyboard (KioskKeyboardDock *self);
gboolean kiosk_keyboard_dock_get_shown (KioskKeyboardDock *self);

void kiosk_keyboard_dock_show_for (KioskKeyboardDock *self, GtkEditable *editable);
void kiosk_keyboard_dock_dismiss (KioskKeyboardDock *self);
void kiosk_keyboard_dock_page_changed (KioskKeyboardDock *self, GtkWidget *page);
void kiosk_keyboard_dock_end_visit (KioskKeyboardDock *self);

G_END_DECLS
