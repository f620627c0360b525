/* kiosk-settings-page.h: staff set up this kiosk and enrol it with the registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SETTINGS_PAGE (kiosk_settings_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskSettingsPage, kiosk_settings_page, KIOSK, SETTINGS_PAGE, KioskPage)

GtkEditable *kiosk_settings_page_get_window_name_entry (KioskSettingsPage *self);
GtkSpinButton *kiosk_settings_page_get_idle_timeout_spin (KioskSettingsPage *self);
void kiosk_settings_page_set_large_text (KioskSettingsPage *self, gboolean large);
GtkEditable *kiosk_settings_page_get_token_entry (KioskSettingsPage *self);
gboolean kiosk_settings_page_get_busy (KioskSettingsPage *self);
const char *kiosk_settings_page_get_message (KioskSettingsPage *self);
const char *kiosk_settings_page_get_enrolment_message (KioskSettingsPage *self);

G_END_DECLS
