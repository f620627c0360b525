/* kiosk-password-peek.h: the button beside a password that shows or hides it, in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_PASSWORD_PEEK (kiosk_password_peek_get_type ())

G_DECLARE_FINAL_TYPE (KioskPasswordPeek, kiosk_password_peek, KIOSK, PASSWORD_PEEK, GtkButton)

GtkWidget *kiosk_password_peek_new (GtkPasswordEntry *entry);

GtkPasswordEntry *kiosk_password_peek_get_entry (KioskPasswordPeek *self);
void kiosk_password_peek_set_entry (KioskPasswordPeek *self, GtkPasswordEntry *entry);
gboolean kiosk_password_peek_get_shown (KioskPasswordPeek *self);

G_END_DECLS
