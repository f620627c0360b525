/* kiosk-sms-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-sms-page.h"

G_BEGIN_DECLS

KioskSmsPurpose kiosk_sms_page_get_purpose (KioskSmsPage *self);
void kiosk_sms_page_select_field (KioskSmsPage *self, KioskSmsField field);
GtkEditable *kiosk_sms_page_get_entry (KioskSmsPage *self, KioskSmsField field);
gboolean kiosk_sms_page_get_busy (KioskSmsPage *self);
gboolean kiosk_sms_page_get_captcha_ready (KioskSmsPage *self);
gboolean kiosk_sms_page_get_code_sent (KioskSmsPage *self);
const char *kiosk_sms_page_get_problem (KioskSmsPage *self);
const char *kiosk_sms_page_get_shown_problem (KioskSmsPage *self);
GtkWidget *kiosk_sms_page_get_changed_phone_button (KioskSmsPage *self);
GtkWidget *kiosk_sms_page_get_changed_phone_question (KioskSmsPage *self);
void kiosk_sms_page_show_error (KioskSmsPage *self, const GError *error);
const char *kiosk_sms_page_get_problem_code (KioskSmsPage *self);
const char *kiosk_sms_page_get_next_step (KioskSmsPage *self);

G_END_DECLS
