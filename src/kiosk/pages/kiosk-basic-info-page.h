/* kiosk-basic-info-page.h: the practitioner's basic information, read only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_BASIC_INFO_PAGE (kiosk_basic_info_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskBasicInfoPage, kiosk_basic_info_page, KIOSK, BASIC_INFO_PAGE, KioskPage)

G_END_DECLS
