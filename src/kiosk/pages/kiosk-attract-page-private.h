/* kiosk-attract-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-attract-page.h"

G_BEGIN_DECLS

const char *kiosk_attract_page_get_prompt (KioskAttractPage *self);
void kiosk_attract_page_show_notice (KioskAttractPage *self, const char *text);
const char *kiosk_attract_page_get_notice (KioskAttractPage *self);
gboolean kiosk_attract_page_get_reader_connected (KioskAttractPage *self);
GtkLabel *kiosk_attract_page_get_prompt_label (KioskAttractPage *self);
char *kiosk_attract_page_format_clock (GDateTime *when);

G_END_DECLS
