/* kiosk-card-reminder.h: "please take your ID card" over the whole window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_CARD_REMINDER (kiosk_card_reminder_get_type ())

G_DECLARE_FINAL_TYPE (KioskCardReminder, kiosk_card_reminder, KIOSK, CARD_REMINDER, GtkWidget)

void kiosk_card_reminder_show (KioskCardReminder *self);
void kiosk_card_reminder_hide (KioskCardReminder *self);
const char *kiosk_card_reminder_get_title (KioskCardReminder *self);

G_END_DECLS
