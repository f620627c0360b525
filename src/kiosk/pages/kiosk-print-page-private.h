/* kiosk-print-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-print-page.h"

G_BEGIN_DECLS

FormsSignatureForm *kiosk_print_page_get_form (KioskPrintPage *self);
void kiosk_print_page_set_form (KioskPrintPage *self, FormsSignatureForm *form);
KioskPageId kiosk_print_page_get_return_page (KioskPrintPage *self);
void kiosk_print_page_set_return_page (KioskPrintPage *self, KioskPageId return_page);
guint kiosk_print_page_get_offline_after (KioskPrintPage *self);
void kiosk_print_page_set_offline_after (KioskPrintPage *self, guint seconds);
FormsPrinterList *kiosk_print_page_get_printers (KioskPrintPage *self);
const char *kiosk_print_page_get_selected_printer (KioskPrintPage *self);
void kiosk_print_page_select_printer (KioskPrintPage *self, const char *name);
FormsPrintJob *kiosk_print_page_get_job (KioskPrintPage *self);
FormsSignatureForm *kiosk_print_page_get_preview_form (KioskPrintPage *self);
const char *kiosk_print_page_get_status_text (KioskPrintPage *self);
void kiosk_print_page_refresh (KioskPrintPage *self);

G_END_DECLS
