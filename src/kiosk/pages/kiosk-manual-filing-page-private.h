/* kiosk-manual-filing-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-manual-filing-page.h"
#include "kiosk-pick-list.h"

G_BEGIN_DECLS

void kiosk_manual_filing_page_set_doc_type (KioskManualFilingPage *self, IdcardDocumentType type);
IdcardDocumentType kiosk_manual_filing_page_get_doc_type (KioskManualFilingPage *self);
GtkEditable *kiosk_manual_filing_page_get_entry (KioskManualFilingPage *self,
                                                 CoreFilingField field);
KioskPickList *kiosk_manual_filing_page_get_nationality_picker (KioskManualFilingPage *self);
char *kiosk_manual_filing_page_dup_nationality (KioskManualFilingPage *self);
void kiosk_manual_filing_page_set_sex (KioskManualFilingPage *self, const char *sex);
void kiosk_manual_filing_page_set_long_term (KioskManualFilingPage *self, gboolean long_term);
void kiosk_manual_filing_page_set_original_checked (KioskManualFilingPage *self, gboolean checked);
const char *kiosk_manual_filing_page_get_number_hint (KioskManualFilingPage *self);
gboolean kiosk_manual_filing_page_get_number_valid (KioskManualFilingPage *self);
void kiosk_manual_filing_page_file (KioskManualFilingPage *self);
gboolean kiosk_manual_filing_page_get_busy (KioskManualFilingPage *self);
const char *kiosk_manual_filing_page_get_message (KioskManualFilingPage *self);
const char *kiosk_manual_filing_page_get_last_filing_id (KioskManualFilingPage *self);
GtkWidget *kiosk_manual_filing_page_get_error_label (KioskManualFilingPage *self,
                                                     CoreFilingField field);
const char *kiosk_manual_filing_page_get_field_error (KioskManualFilingPage *self,
                                                      CoreFilingField field);

G_END_DECLS
