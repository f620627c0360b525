/* kiosk-reading-page.h: "reading your card…"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_READING_PAGE (kiosk_reading_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskReadingPage, kiosk_reading_page, KIOSK, READING_PAGE, KioskPage)

G_END_DECLS
