/* kiosk-removable-drives.h: the USB stick someone plugged in, if any
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_REMOVABLE_DRIVES (kiosk_removable_drives_get_type ())

G_DECLARE_FINAL_TYPE (KioskRemovableDrives,
                      kiosk_removable_drives,
                      KIOSK,
                      REMOVABLE_DRIVES,
                      GObject)

KioskRemovableDrives *kiosk_removable_drives_new (void);
GFile *kiosk_removable_drives_get_root (KioskRemovableDrives *self);
const char *kiosk_removable_drives_get_name (KioskRemovableDrives *self);
gboolean kiosk_removable_drives_get_usable (KioskRemovableDrives *self);
gboolean kiosk_removable_drives_options_usable (const char *options);

G_END_DECLS
