/* forms-signature-form.h: the data printed on the signature collection form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FORMS_TYPE_SIGNATURE_FORM (forms_signature_form_get_type ())

G_DECLARE_FINAL_TYPE (FormsSignatureForm, forms_signature_form, FORMS, SIGNATURE_FORM, GObject)

/* The QR code names the form version and the record: "PKFORM:1:<record-id>:<last 4 of number>". */
#define FORMS_QR_PREFIX "PKFORM:1:"
#define FORMS_RECORD_ID_MAX 64

FormsSignatureForm *forms_signature_form_new (void);
FormsSignatureForm *forms_signature_form_new_for_person (JsonObject *person);
FormsSignatureForm *forms_signature_form_copy (FormsSignatureForm *self);

const char *forms_signature_form_get_name (FormsSignatureForm *self);
void forms_signature_form_set_name (FormsSignatureForm *self, const char *name);
const char *forms_signature_form_get_name_en (FormsSignatureForm *self);
void forms_signature_form_set_name_en (FormsSignatureForm *self, const char *name_en);
const char *forms_signature_form_get_sex (FormsSignatureForm *self);
void forms_signature_form_set_sex (FormsSignatureForm *self, const char *sex);
const char *forms_signature_form_get_document_type (FormsSignatureForm *self);
void forms_signature_form_set_document_type (FormsSignatureForm *self, const char *document_type);
const char *forms_signature_form_get_document_number (FormsSignatureForm *self);
void forms_signature_form_set_document_number (FormsSignatureForm *self,
                                               const char *document_number);
const char *forms_signature_form_get_company (FormsSignatureForm *self);
void forms_signature_form_set_company (FormsSignatureForm *self, const char *company);
const char *forms_signature_form_get_phone (FormsSignatureForm *self);
void forms_signature_form_set_phone (FormsSignatureForm *self, const char *phone);
const char *forms_signature_form_get_record_id (FormsSignatureForm *self);
void forms_signature_form_set_record_id (FormsSignatureForm *self, const char *record_id);
const char *forms_signature_form_get_window_name (FormsSignatureForm *self);
void forms_signature_form_set_window_name (FormsSignatureForm *self, const char *window_name);
gboolean forms_signature_form_get_foreign (FormsSignatureForm *self);
void forms_signature_form_set_foreign (FormsSignatureForm *self, gboolean foreign);
gboolean forms_signature_form_get_latin_name_first (FormsSignatureForm *self);
GDateTime *forms_signature_form_get_print_date (FormsSignatureForm *self);
void forms_signature_form_set_print_date (FormsSignatureForm *self, GDateTime *print_date);

gboolean forms_signature_form_validate (FormsSignatureForm *self, GError **error);
char *forms_signature_form_dup_qr_payload (FormsSignatureForm *self, GError **error);

G_END_DECLS
