/* kiosk-card-page.h: what was read from the card, a phone number, and "File"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "idcard-card.h"
#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_CARD_PAGE (kiosk_card_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskCardPage, kiosk_card_page, KIOSK, CARD_PAGE, KioskPage)

G_END_DECLS
