/* kiosk-attract-page.h: the home page a walk-up person sees first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_ATTRACT_PAGE (kiosk_attract_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskAttractPage, kiosk_attract_page, KIOSK, ATTRACT_PAGE, KioskPage)

G_END_DECLS
