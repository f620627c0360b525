/* kiosk-document.h: an attachment's bytes, drawn page by page for the screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The largest side of a drawn page, in pixels, whatever the zoom. */
#define KIOSK_DOCUMENT_MAX_SIDE 4096
/* The largest file the kiosk reads or shows: the registry's own limit. */
#define KIOSK_DOCUMENT_MAX_SIZE (10 * 1024 * 1024)
/* a PNG is decoded whole before it is scaled: past this it is not opened
 * (the registry refuses the same); a JPEG decodes at down to 1/8 */
#define KIOSK_DOCUMENT_MAX_PNG_PIXELS (16 * 1000 * 1000)
#define KIOSK_DOCUMENT_MAX_JPEG_PIXELS (50 * 1000 * 1000)

#define KIOSK_TYPE_DOCUMENT (kiosk_document_get_type ())

G_DECLARE_FINAL_TYPE (KioskDocument, kiosk_document, KIOSK, DOCUMENT, GObject)

const char *kiosk_document_sniff (const guint8 *data, gsize length);

KioskDocument *kiosk_document_new (GBytes *bytes, GError **error);
void kiosk_document_new_async (GBytes *bytes,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
KioskDocument *kiosk_document_new_finish (GAsyncResult *result, GError **error);

const char *kiosk_document_get_media_type (KioskDocument *self);
GBytes *kiosk_document_get_bytes (KioskDocument *self);
guint kiosk_document_get_n_pages (KioskDocument *self);

GdkTexture *kiosk_document_render (KioskDocument *self,
                                   guint page,
                                   int width,
                                   int height,
                                   GCancellable *cancellable,
                                   GError **error);
void kiosk_document_render_async (KioskDocument *self,
                                  guint page,
                                  int width,
                                  int height,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
GdkTexture *
kiosk_document_render_finish (KioskDocument *self, GAsyncResult *result, GError **error);

G_END_DECLS
