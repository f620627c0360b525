/* kiosk-phone-upload-page.h: a file from the person's phone, through a QR code of an upload link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_PHONE_UPLOAD_PAGE (kiosk_phone_upload_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskPhoneUploadPage,
                      kiosk_phone_upload_page,
                      KIOSK,
                      PHONE_UPLOAD_PAGE,
                      KioskPage)

G_END_DECLS
