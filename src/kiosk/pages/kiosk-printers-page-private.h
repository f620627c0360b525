/* kiosk-printers-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-printers-page.h"

G_BEGIN_DECLS

FormsPrinterList *kiosk_printers_page_get_printers (KioskPrintersPage *self);
const char *kiosk_printers_page_get_feedback (KioskPrintersPage *self);
void kiosk_printers_page_refresh (KioskPrintersPage *self);
void kiosk_printers_page_print_test_page (KioskPrintersPage *self, const char *printer_name);
void kiosk_printers_page_cancel_all_jobs (KioskPrintersPage *self, const char *printer_name);

G_END_DECLS
