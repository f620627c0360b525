/* kiosk-record-form-page.h: add or change one practice record, built from its kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_RECORD_FORM_PAGE (kiosk_record_form_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskRecordFormPage,
                      kiosk_record_form_page,
                      KIOSK,
                      RECORD_FORM_PAGE,
                      KioskPage)

G_END_DECLS
