/* kiosk-signature-page.h: the signature collection form: status, preview, print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "forms-signature-form.h"
#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SIGNATURE_PAGE (kiosk_signature_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskSignaturePage, kiosk_signature_page, KIOSK, SIGNATURE_PAGE, KioskPage)

G_END_DECLS
