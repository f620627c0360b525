/* kiosk-usb-picker-page.h: a file from the USB stick plugged in, picked by its thumbnail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_USB_PICKER_PAGE (kiosk_usb_picker_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskUsbPickerPage, kiosk_usb_picker_page, KIOSK, USB_PICKER_PAGE, KioskPage)

G_END_DECLS
