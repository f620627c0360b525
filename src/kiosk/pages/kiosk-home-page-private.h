/* kiosk-home-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-home-page.h"

G_BEGIN_DECLS

GtkWidget *kiosk_home_page_get_practice_sections (KioskHomePage *self);
GtkWidget *kiosk_home_page_get_tile (KioskHomePage *self, const char *section);
const char *kiosk_home_page_get_count (KioskHomePage *self, const char *kind);
const char *kiosk_home_page_get_status (KioskHomePage *self);
const char *kiosk_home_page_get_field (KioskHomePage *self, const char *member);

G_END_DECLS
