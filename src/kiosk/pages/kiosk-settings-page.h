/* kiosk-settings-page.h: staff set up this kiosk and enrol it with the registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SETTINGS_PAGE (kiosk_settings_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskSettingsPage, kiosk_settings_page, KIOSK, SETTINGS_PAGE, KioskPage)

G_END_DECLS
