/* kiosk-basic-info-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-basic-info-page.h"

G_BEGIN_DECLS

const char *kiosk_basic_info_page_get_field (KioskBasicInfoPage *self, const char *member);
const char *kiosk_basic_info_page_get_field_name (KioskBasicInfoPage *self, const char *member);
const char *kiosk_basic_info_page_get_status (KioskBasicInfoPage *self);
GtkWidget *kiosk_basic_info_page_get_retry_button (KioskBasicInfoPage *self);

G_END_DECLS
