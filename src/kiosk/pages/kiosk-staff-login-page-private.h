/* kiosk-staff-login-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-staff-login-page.h"

G_BEGIN_DECLS

GtkEditable *kiosk_staff_login_page_get_user_entry (KioskStaffLoginPage *self);
GtkEditable *kiosk_staff_login_page_get_password_entry (KioskStaffLoginPage *self);
void kiosk_staff_login_page_sign_in (KioskStaffLoginPage *self);
gboolean kiosk_staff_login_page_get_busy (KioskStaffLoginPage *self);
const char *kiosk_staff_login_page_get_message (KioskStaffLoginPage *self);

G_END_DECLS
