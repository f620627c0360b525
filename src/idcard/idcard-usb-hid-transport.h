/* idcard-usb-hid-transport.h: HID readers, in raw and wrapped framing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "idcard-transport.h"

G_BEGIN_DECLS

#define IDCARD_USB_HID_REPORT_SIZE 64

#define IDCARD_TYPE_USB_HID_TRANSPORT (idcard_usb_hid_transport_get_type ())
G_DECLARE_FINAL_TYPE (IdcardUsbHidTransport,
                      idcard_usb_hid_transport,
                      IDCARD,
                      USB_HID_TRANSPORT,
                      IdcardTransport)

gboolean idcard_usb_hid_transport_is_wrapped (IdcardUsbHidTransport *self);

G_END_DECLS
