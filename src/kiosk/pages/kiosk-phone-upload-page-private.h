/* kiosk-phone-upload-page-private.h: what the page shows, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-phone-upload-page.h"

G_BEGIN_DECLS

/**
 * KioskPhoneUploadState:
 * @KIOSK_PHONE_UPLOAD_STARTING: asking the registry for a link
 * @KIOSK_PHONE_UPLOAD_WAITING: the QR code shows; waiting for the phone
 * @KIOSK_PHONE_UPLOAD_DONE: the file arrived
 * @KIOSK_PHONE_UPLOAD_EXPIRED: the link expired unused
 * @KIOSK_PHONE_UPLOAD_FAILED: no link could be made, or the registry refused
 * @KIOSK_PHONE_UPLOAD_NEEDS_STAFF: a signed form came whose QR code cannot be
 *   read; staff may confirm it (the code still shows)
 */
typedef enum
{
  KIOSK_PHONE_UPLOAD_STARTING,
  KIOSK_PHONE_UPLOAD_WAITING,
  KIOSK_PHONE_UPLOAD_DONE,
  KIOSK_PHONE_UPLOAD_EXPIRED,
  KIOSK_PHONE_UPLOAD_FAILED,
  KIOSK_PHONE_UPLOAD_NEEDS_STAFF,
} KioskPhoneUploadState;

KioskPhoneUploadState kiosk_phone_upload_page_get_state (KioskPhoneUploadPage *self);
GdkPaintable *kiosk_phone_upload_page_get_qr (KioskPhoneUploadPage *self);
const char *kiosk_phone_upload_page_get_status_text (KioskPhoneUploadPage *self);
gint64 kiosk_phone_upload_page_get_link_id (KioskPhoneUploadPage *self);
const char *kiosk_phone_upload_page_get_url (KioskPhoneUploadPage *self);
GtkWidget *kiosk_phone_upload_page_get_staff_button (KioskPhoneUploadPage *self);

G_END_DECLS
