/* kiosk-staff-login-page.h: staff sign-in with account and password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"
#include "kiosk-staff-auth.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_STAFF_LOGIN_PAGE (kiosk_staff_login_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskStaffLoginPage,
                      kiosk_staff_login_page,
                      KIOSK,
                      STAFF_LOGIN_PAGE,
                      KioskPage)

G_END_DECLS
