/* idcard-device-table.h: the readers libidcard knows, by USB vendor and product ID
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  IDCARD_DEVICE_USB_BULK,        /* vendor class, bulk (or interrupt) endpoints */
  IDCARD_DEVICE_USB_HID_RAW,     /* HID, SAM frames in 64-byte reports */
  IDCARD_DEVICE_USB_HID_WRAPPED, /* HID, SAM frames inside the 0x88/0xAA wrapper */
  IDCARD_DEVICE_SERIAL_BRIDGE,   /* a USB-serial bridge; the reader is a tty at 115200 8N1 */
} IdcardDeviceKind;

typedef enum
{
  IDCARD_DEVICE_QUIRK_NONE = 0,
  /* the SAM needs about 2 s after power-up before it answers */
  IDCARD_DEVICE_QUIRK_SLOW_POWER_UP = 1 << 0,
} IdcardDeviceQuirks;

typedef struct
{
  guint16 vendor_id;
  guint16 product_id;
  IdcardDeviceKind kind;
  IdcardDeviceQuirks quirks;
  const char *description;
} IdcardDeviceEntry;

#define IDCARD_UDEV_GROUP "plugdev"
#define IDCARD_SLOW_POWER_UP_MS 2000

const IdcardDeviceEntry *idcard_device_table_get (gsize *n_entries);
const IdcardDeviceEntry *idcard_device_table_lookup (guint16 vendor_id, guint16 product_id);
const char *idcard_device_kind_to_string (IdcardDeviceKind kind);
char *idcard_device_table_to_udev_rules (const char *group);

G_END_DECLS
