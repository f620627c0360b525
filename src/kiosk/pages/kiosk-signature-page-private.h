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
const char *kiosk_signature_page_get_times_text (KioskSignaturePage *self);
GtkWidget *kiosk_signature_page_get_phone_button (KioskSignaturePage *self);
GtkWidget *kiosk_signature_page_get_usb_button (KioskSignaturePage *self);
const char *kiosk_signature_page_get_steps_text (KioskSignaturePage *self);
GtkWidget *kiosk_signature_page_get_print_button (KioskSignaturePage *self);
GtkWidget *kiosk_signature_page_get_reprint_button (KioskSignaturePage *self);
GtkWidget *kiosk_signature_page_get_view_button (KioskSignaturePage *self);

G_END_DECLS
