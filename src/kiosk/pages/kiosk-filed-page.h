/* kiosk-filed-page.h: the filing is kept; what to do next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "core-filing.h"
#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_FILED_PAGE (kiosk_filed_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskFiledPage, kiosk_filed_page, KIOSK, FILED_PAGE, KioskPage)

G_END_DECLS
