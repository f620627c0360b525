/* kiosk-attachment-viewer-page-private.h: what the page shows, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-attachment-viewer-page.h"
#include "kiosk-document.h"

G_BEGIN_DECLS

gboolean kiosk_attachment_viewer_page_get_showing (KioskAttachmentViewerPage *self);
KioskDocument *kiosk_attachment_viewer_page_get_document (KioskAttachmentViewerPage *self);
GdkPaintable *kiosk_attachment_viewer_page_get_paintable (KioskAttachmentViewerPage *self);
const char *kiosk_attachment_viewer_page_get_status_text (KioskAttachmentViewerPage *self);
guint kiosk_attachment_viewer_page_get_page (KioskAttachmentViewerPage *self);
double kiosk_attachment_viewer_page_get_zoom (KioskAttachmentViewerPage *self);
GtkScrolledWindow *kiosk_attachment_viewer_page_get_scroller (KioskAttachmentViewerPage *self);

G_END_DECLS
