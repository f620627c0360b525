/* kiosk-record-detail-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-record-detail-page.h"

G_BEGIN_DECLS

const char *kiosk_record_detail_page_get_value (KioskRecordDetailPage *self, const char *field);
char *kiosk_record_detail_page_get_notes (KioskRecordDetailPage *self);

G_END_DECLS
