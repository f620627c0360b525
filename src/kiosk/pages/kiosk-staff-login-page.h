/* kiosk-staff-login-page.h: the staff PIN prompt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_STAFF_LOGIN_PAGE (kiosk_staff_login_page_get_type ())

G_DECLARE_FINAL_TYPE (
    KioskStaffLoginPage, kiosk_staff_login_page, KIOSK, STAFF_LOGIN_PAGE, KioskPage)

KioskPage *kiosk_staff_login_page_new (void);

void kiosk_staff_login_page_set_pin_hash (KioskStaffLoginPage *self, const char *pin_hash);
void kiosk_staff_login_page_set_hint (KioskStaffLoginPage *self, const char *hint);
GtkEditable *kiosk_staff_login_page_get_pin_entry (KioskStaffLoginPage *self);
const char *kiosk_staff_login_page_get_message (KioskStaffLoginPage *self);

char *kiosk_staff_pin_hash (const char *pin, GError **error);

G_END_DECLS
