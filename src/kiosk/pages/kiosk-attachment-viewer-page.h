/* kiosk-attachment-viewer-page.h: one attachment on the whole screen, zoomed and paged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_ATTACHMENT_VIEWER_PAGE (kiosk_attachment_viewer_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskAttachmentViewerPage,
                      kiosk_attachment_viewer_page,
                      KIOSK,
                      ATTACHMENT_VIEWER_PAGE,
                      KioskPage)

G_END_DECLS
