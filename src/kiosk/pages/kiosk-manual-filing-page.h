/* kiosk-manual-filing-page.h: staff file a person from a document without a chip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "core-filing.h"
#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_MANUAL_FILING_PAGE (kiosk_manual_filing_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskManualFilingPage,
                      kiosk_manual_filing_page,
                      KIOSK,
                      MANUAL_FILING_PAGE,
                      KioskPage)

G_END_DECLS
