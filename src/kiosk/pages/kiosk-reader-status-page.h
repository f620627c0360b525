/* kiosk-reader-status-page.h: staff check the card readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_READER_STATUS_PAGE (kiosk_reader_status_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskReaderStatusPage,
                      kiosk_reader_status_page,
                      KIOSK,
                      READER_STATUS_PAGE,
                      KioskPage)

G_END_DECLS
