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

GtkEditable *kiosk_staff_login_page_get_user_entry (KioskStaffLoginPage *self);
GtkEditable *kiosk_staff_login_page_get_password_entry (KioskStaffLoginPage *self);
void kiosk_staff_login_page_sign_in (KioskStaffLoginPage *self);
gboolean kiosk_staff_login_page_get_busy (KioskStaffLoginPage *self);
const char *kiosk_staff_login_page_get_message (KioskStaffLoginPage *self);

G_END_DECLS
