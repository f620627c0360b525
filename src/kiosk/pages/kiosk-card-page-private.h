/* kiosk-card-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-card-page.h"

G_BEGIN_DECLS

IdcardCard *kiosk_card_page_get_card (KioskCardPage *self);
const char *kiosk_card_page_get_refusal (KioskCardPage *self);
const char *kiosk_card_page_get_shown_id_number (KioskCardPage *self);
GtkEditable *kiosk_card_page_get_phone_entry (KioskCardPage *self);
gboolean kiosk_card_page_get_card_lifted (KioskCardPage *self);

G_END_DECLS
