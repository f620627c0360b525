/* kiosk-attachments.h: a record's attachments as thumbnails, to view, add or delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sync-registry.h"

G_BEGIN_DECLS

/* A thumbnail's box, in pixels. */
#define KIOSK_ATTACHMENTS_THUMBNAIL_WIDTH 108
#define KIOSK_ATTACHMENTS_THUMBNAIL_HEIGHT 81
/* What a row of tiles adds under the heading, at least: a thumbnail's
 * square, the tile's padding (style.css) and the space above the row. */
#define KIOSK_ATTACHMENTS_ROW_HEIGHT (KIOSK_ATTACHMENTS_THUMBNAIL_WIDTH + 2 * 8 + 8)

#define KIOSK_TYPE_ATTACHMENTS (kiosk_attachments_get_type ())

G_DECLARE_FINAL_TYPE (KioskAttachments, kiosk_attachments, KIOSK, ATTACHMENTS, GtkWidget)

void kiosk_attachments_show_record (KioskAttachments *self,
                                    SyncRegistry *registry,
                                    const char *session_token,
                                    const char *kind,
                                    gint64 record_id);
void kiosk_attachments_reload (KioskAttachments *self);
void kiosk_attachments_clear (KioskAttachments *self);

gboolean kiosk_attachments_get_loading (KioskAttachments *self);
guint kiosk_attachments_get_n_attachments (KioskAttachments *self);
guint kiosk_attachments_get_n_thumbnails (KioskAttachments *self);
gint64 kiosk_attachments_get_id (KioskAttachments *self, guint index);
GtkWidget *kiosk_attachments_get_tile (KioskAttachments *self, guint index);
GtkWidget *kiosk_attachments_get_phone_button (KioskAttachments *self);
GtkWidget *kiosk_attachments_get_usb_button (KioskAttachments *self);
const char *kiosk_attachments_get_notice (KioskAttachments *self);

char *kiosk_attachments_describe_error (const GError *error);

G_END_DECLS
