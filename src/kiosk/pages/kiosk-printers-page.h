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

FormsPrinterList *kiosk_printers_page_get_printers (KioskPrintersPage *self);
const char *kiosk_printers_page_get_feedback (KioskPrintersPage *self);
void kiosk_printers_page_refresh (KioskPrintersPage *self);
void kiosk_printers_page_print_test_page (KioskPrintersPage *self, const char *printer_name);
void kiosk_printers_page_cancel_all_jobs (KioskPrintersPage *self, const char *printer_name);

G_END_DECLS
