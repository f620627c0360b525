/* kiosk-filed-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-filed-page.h"

G_BEGIN_DECLS

gboolean kiosk_filed_page_get_waiting_for_next (KioskFiledPage *self);
guint kiosk_filed_page_get_batch_count (KioskFiledPage *self);
const char *kiosk_filed_page_get_phone_note (KioskFiledPage *self);
gboolean kiosk_filed_page_get_checking_phone (KioskFiledPage *self);
GtkWidget *kiosk_filed_page_get_login_button (KioskFiledPage *self);
GtkWidget *kiosk_filed_page_get_register_button (KioskFiledPage *self);

G_END_DECLS
