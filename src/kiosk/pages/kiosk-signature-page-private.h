/* kiosk-signature-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-signature-page.h"

G_BEGIN_DECLS

FormsSignatureForm *kiosk_signature_page_get_form (KioskSignaturePage *self);
FormsSignatureForm *kiosk_signature_page_get_preview_form (KioskSignaturePage *self);
const char *kiosk_signature_page_get_status_text (KioskSignaturePage *self);

G_END_DECLS
