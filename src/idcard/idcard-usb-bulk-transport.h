/* idcard-usb-bulk-transport.h: readers with vendor-class bulk endpoints (0400:C35A)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "idcard-transport.h"

G_BEGIN_DECLS

/**
 * IdcardUsbBulkLayout:
 * @IDCARD_USB_BULK_LAYOUT_UNKNOWN: not opened yet
 * @IDCARD_USB_BULK_LAYOUT_SINGLE: one OUT and one IN endpoint carry whole frames
 * @IDCARD_USB_BULK_LAYOUT_SPLIT: headers and bodies on separate endpoints
 *   (OUT 0x02 + 0x06, IN 0x81 + 0x85)
 */
typedef enum
{
  IDCARD_USB_BULK_LAYOUT_UNKNOWN,
  IDCARD_USB_BULK_LAYOUT_SINGLE,
  IDCARD_USB_BULK_LAYOUT_SPLIT,
} IdcardUsbBulkLayout;

#define IDCARD_TYPE_USB_BULK_TRANSPORT (idcard_usb_bulk_transport_get_type ())
G_DECLARE_FINAL_TYPE (IdcardUsbBulkTransport,
                      idcard_usb_bulk_transport,
                      IDCARD,
                      USB_BULK_TRANSPORT,
                      IdcardTransport)

IdcardUsbBulkLayout idcard_usb_bulk_transport_get_layout (IdcardUsbBulkTransport *self);

G_END_DECLS
