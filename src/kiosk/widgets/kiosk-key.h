/* kiosk-key.h: a key of the on-screen keypad and keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_KEY (kiosk_key_get_type ())

G_DECLARE_FINAL_TYPE (KioskKey, kiosk_key, KIOSK, KEY, GtkButton)

GtkWidget *kiosk_key_new (const char *label);

G_END_DECLS
