/* kiosk-staff-page.h: the staff home page: what staff can do on this kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"
#include "kiosk-staff-auth.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_STAFF_PAGE (kiosk_staff_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskStaffPage, kiosk_staff_page, KIOSK, STAFF_PAGE, KioskPage)

G_END_DECLS
