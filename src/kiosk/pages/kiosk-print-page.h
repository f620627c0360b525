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
const char *kiosk_print_page_get_status_text (KioskPrintPage *self);
void kiosk_print_page_refresh (KioskPrintPage *self);

G_END_DECLS
