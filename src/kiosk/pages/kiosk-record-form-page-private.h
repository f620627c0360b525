/* kiosk-record-form-page-private.h: what the page shows and does, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages know each other only by their ids; these calls are for the tests
 * that look inside the page, and for the page itself.
 */

#pragma once

#include "kiosk-attachments.h"
#include "kiosk-record-form-page.h"

G_BEGIN_DECLS

const char *kiosk_record_form_page_get_kind (KioskRecordFormPage *self);
gboolean kiosk_record_form_page_get_ready (KioskRecordFormPage *self);
GtkWidget *kiosk_record_form_page_get_editor (KioskRecordFormPage *self, const char *field);
const char *kiosk_record_form_page_get_problem (KioskRecordFormPage *self, const char *field);
gboolean kiosk_record_form_page_get_marked_required (KioskRecordFormPage *self, const char *field);
GtkWidget *kiosk_record_form_page_get_save_button (KioskRecordFormPage *self);
const char *kiosk_record_form_page_get_summary (KioskRecordFormPage *self);
gboolean kiosk_record_form_page_get_valid (KioskRecordFormPage *self);
gboolean kiosk_record_form_page_get_names_above (KioskRecordFormPage *self);
const char *kiosk_record_form_page_get_notice (KioskRecordFormPage *self);
gboolean kiosk_record_form_page_get_attachments_shown (KioskRecordFormPage *self);
guint kiosk_record_form_page_get_n_fields (KioskRecordFormPage *self);
KioskAttachments *kiosk_record_form_page_get_attachments (KioskRecordFormPage *self);

G_END_DECLS
