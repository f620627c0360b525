/* kiosk-record-detail-page.h: every field of one record, read only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_RECORD_DETAIL_PAGE (kiosk_record_detail_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskRecordDetailPage,
                      kiosk_record_detail_page,
                      KIOSK,
                      RECORD_DETAIL_PAGE,
                      KioskPage)

G_END_DECLS
