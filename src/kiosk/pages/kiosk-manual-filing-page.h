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

void kiosk_manual_filing_page_set_doc_type (KioskManualFilingPage *self, IdcardDocumentType type);
IdcardDocumentType kiosk_manual_filing_page_get_doc_type (KioskManualFilingPage *self);
GtkEditable *kiosk_manual_filing_page_get_entry (KioskManualFilingPage *self,
                                                 CoreFilingField field);
void kiosk_manual_filing_page_set_sex (KioskManualFilingPage *self, const char *sex);
void kiosk_manual_filing_page_set_long_term (KioskManualFilingPage *self, gboolean long_term);
void kiosk_manual_filing_page_set_original_checked (KioskManualFilingPage *self, gboolean checked);
const char *kiosk_manual_filing_page_get_number_hint (KioskManualFilingPage *self);
gboolean kiosk_manual_filing_page_get_number_valid (KioskManualFilingPage *self);
void kiosk_manual_filing_page_file (KioskManualFilingPage *self);
gboolean kiosk_manual_filing_page_get_busy (KioskManualFilingPage *self);
const char *kiosk_manual_filing_page_get_message (KioskManualFilingPage *self);
const char *kiosk_manual_filing_page_get_last_filing_id (KioskManualFilingPage *self);

G_END_DECLS
