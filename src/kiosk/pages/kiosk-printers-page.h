/* kiosk-printers-page.h: staff mode: the printers, their queues, a test page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "forms-printer-list.h"
#include "kiosk-page.h"
#include "kiosk-staff-auth.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_PRINTERS_PAGE (kiosk_printers_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskPrintersPage, kiosk_printers_page, KIOSK, PRINTERS_PAGE, KioskPage)

G_END_DECLS
