/* kiosk-form-confirm-page.h: staff confirm a signed form whose QR code cannot be read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_FORM_CONFIRM_PAGE (kiosk_form_confirm_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskFormConfirmPage,
                      kiosk_form_confirm_page,
                      KIOSK,
                      FORM_CONFIRM_PAGE,
                      KioskPage)

G_END_DECLS
