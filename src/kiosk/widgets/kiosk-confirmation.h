/* kiosk-confirmation.h: a question asked before what cannot be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_CONFIRMATION (kiosk_confirmation_get_type ())

G_DECLARE_FINAL_TYPE (KioskConfirmation, kiosk_confirmation, KIOSK, CONFIRMATION, GtkWidget)

GtkWidget *
kiosk_confirmation_new (const char *question, const char *confirm_label, const char *cancel_label);
void kiosk_confirmation_set_question (KioskConfirmation *self, const char *question);
const char *kiosk_confirmation_get_question (KioskConfirmation *self);
void kiosk_confirmation_set_message (KioskConfirmation *self, const char *message);
const char *kiosk_confirmation_get_message (KioskConfirmation *self);
void kiosk_confirmation_set_confirm_label (KioskConfirmation *self, const char *label);
void kiosk_confirmation_set_cancel_label (KioskConfirmation *self, const char *label);
void kiosk_confirmation_set_max_width_chars (KioskConfirmation *self, int n_chars);
void kiosk_confirmation_set_spacing (KioskConfirmation *self, int spacing);
GtkWidget *kiosk_confirmation_get_message_label (KioskConfirmation *self);
GtkWidget *kiosk_confirmation_get_confirm_button (KioskConfirmation *self);
GtkWidget *kiosk_confirmation_get_cancel_button (KioskConfirmation *self);

G_END_DECLS
