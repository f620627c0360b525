/* kiosk-record-list-page.h: a person's records of one kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_RECORD_LIST_PAGE (kiosk_record_list_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskRecordListPage,
                      kiosk_record_list_page,
                      KIOSK,
                      RECORD_LIST_PAGE,
                      KioskPage)

G_END_DECLS
