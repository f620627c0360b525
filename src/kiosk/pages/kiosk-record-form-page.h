/* kiosk-record-form-page.h: add or change one practice record, built from its kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kiosk-page.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_RECORD_FORM_PAGE (kiosk_record_form_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskRecordFormPage,
                      kiosk_record_form_page,
                      KIOSK,
                      RECORD_FORM_PAGE,
                      KioskPage)

const char *kiosk_record_form_page_get_kind (KioskRecordFormPage *self);
gboolean kiosk_record_form_page_get_ready (KioskRecordFormPage *self);
GtkWidget *kiosk_record_form_page_get_editor (KioskRecordFormPage *self, const char *field);
const char *kiosk_record_form_page_get_problem (KioskRecordFormPage *self, const char *field);
gboolean kiosk_record_form_page_get_marked_required (KioskRecordFormPage *self, const char *field);
GtkWidget *kiosk_record_form_page_get_save_button (KioskRecordFormPage *self);
const char *kiosk_record_form_page_get_notice (KioskRecordFormPage *self);
gboolean kiosk_record_form_page_get_attachments_shown (KioskRecordFormPage *self);
guint kiosk_record_form_page_get_n_fields (KioskRecordFormPage *self);

G_END_DECLS
