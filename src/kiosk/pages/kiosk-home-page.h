/* kiosk-home-page.h: a logged-in practitioner's home: their practice information
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_HOME_PAGE (kiosk_home_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskHomePage, kiosk_home_page, KIOSK, HOME_PAGE, KioskPage)

G_END_DECLS
