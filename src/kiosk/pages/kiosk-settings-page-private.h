/* kiosk-settings-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-settings-page.h"

G_BEGIN_DECLS

GtkEditable *kiosk_settings_page_get_window_name_entry (KioskSettingsPage *self);
GtkSpinButton *kiosk_settings_page_get_idle_timeout_spin (KioskSettingsPage *self);
void kiosk_settings_page_set_large_text (KioskSettingsPage *self, gboolean large);
GtkEditable *kiosk_settings_page_get_token_entry (KioskSettingsPage *self);
gboolean kiosk_settings_page_get_busy (KioskSettingsPage *self);
const char *kiosk_settings_page_get_message (KioskSettingsPage *self);
const char *kiosk_settings_page_get_enrolment_message (KioskSettingsPage *self);

G_END_DECLS
