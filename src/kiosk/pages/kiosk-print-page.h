/* kiosk-print-page.h: printing the signature collection form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "forms-print-job.h"
#include "forms-printer-list.h"
#include "forms-signature-form.h"
#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_PRINT_PAGE (kiosk_print_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskPrintPage, kiosk_print_page, KIOSK, PRINT_PAGE, KioskPage)

G_END_DECLS
