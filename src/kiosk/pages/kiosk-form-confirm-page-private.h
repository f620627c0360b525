/* kiosk-form-confirm-page-private.h: what the page shows, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-form-confirm-page.h"

G_BEGIN_DECLS

gboolean kiosk_form_confirm_page_get_busy (KioskFormConfirmPage *self);
gboolean kiosk_form_confirm_page_get_showing (KioskFormConfirmPage *self);
const char *kiosk_form_confirm_page_get_person_text (KioskFormConfirmPage *self);
const char *kiosk_form_confirm_page_get_message (KioskFormConfirmPage *self);
GtkEditable *kiosk_form_confirm_page_get_user_entry (KioskFormConfirmPage *self);
GtkEditable *kiosk_form_confirm_page_get_password_entry (KioskFormConfirmPage *self);
GtkWidget *kiosk_form_confirm_page_get_confirm_button (KioskFormConfirmPage *self);

G_END_DECLS
