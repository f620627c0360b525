/* kiosk-usb-picker-page-private.h: what the page shows, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-usb-picker-page.h"

G_BEGIN_DECLS

gboolean kiosk_usb_picker_page_get_busy (KioskUsbPickerPage *self);
guint kiosk_usb_picker_page_get_n_files (KioskUsbPickerPage *self);
guint kiosk_usb_picker_page_get_n_drawn (KioskUsbPickerPage *self);
gboolean kiosk_usb_picker_page_get_file_damaged (KioskUsbPickerPage *self, guint index);
const char *kiosk_usb_picker_page_get_file_name (KioskUsbPickerPage *self, guint index);
GtkWidget *kiosk_usb_picker_page_get_file_tile (KioskUsbPickerPage *self, const char *name);
GtkWidget *kiosk_usb_picker_page_get_staff_button (KioskUsbPickerPage *self);
GtkWidget *kiosk_usb_picker_page_get_upload_button (KioskUsbPickerPage *self);
const char *kiosk_usb_picker_page_get_status_text (KioskUsbPickerPage *self);

GStrv kiosk_usb_picker_list_drive (GFile *root);
GBytes *kiosk_usb_picker_read_file (const char *root_path, const char *relative, GError **error);
GdkTexture *kiosk_usb_picker_draw_thumbnail (const char *root_path,
                                             const char *relative,
                                             GCancellable *cancellable,
                                             GError **error);

G_END_DECLS
