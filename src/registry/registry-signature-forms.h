/* registry-signature-forms.h: the signature form's status and its signed scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-media.h"
#include "registry-storage.h"
#include "registry-verdict.h"

G_BEGIN_DECLS

/* What the form's QR code starts with (src/forms prints it):
 * "PKFORM:1:<record id>:<last 4 characters of the document number>". */
#define REGISTRY_FORM_QR_PREFIX "PKFORM:1:"

typedef enum
{
  REGISTRY_SIGNATURE_FORM_TO_PRINT,
  REGISTRY_SIGNATURE_FORM_PRINTED,
  REGISTRY_SIGNATURE_FORM_UPLOADED,
} RegistrySignatureFormStatus;

/**
 * RegistrySignatureForm:
 * @status: where the form is
 * @printed_at: when it was last printed; 0 never
 * @uploaded_at: when its signed scan was uploaded; 0 none
 * @attachment_id: the scan's attachment; 0 none
 * @staff_confirmed: the scan's QR code was unreadable and staff accepted it
 */
typedef struct
{
  RegistrySignatureFormStatus status;
  gint64 printed_at;
  gint64 uploaded_at;
  gint64 attachment_id;
  gboolean staff_confirmed;
} RegistrySignatureForm;

const char *registry_signature_form_status_to_string (RegistrySignatureFormStatus status);
const char *registry_signature_form_status_label (RegistrySignatureFormStatus status);

gboolean registry_signature_form_get (RegistryStorage *storage,
                                      const char *person_id,
                                      RegistrySignatureForm *out_form,
                                      GError **error);
gboolean registry_signature_form_printed (RegistryStorage *storage,
                                          const char *person_id,
                                          gint64 device_id,
                                          gint64 now,
                                          GError **error);
gboolean registry_signature_form_check_scan (RegistryStorage *storage,
                                             const char *person_id,
                                             const char *qr_text,
                                             gboolean staff_confirms,
                                             RegistryVerdict *out_verdict,
                                             GError **error);
gboolean registry_signature_form_attach_scan (RegistryStorage *storage,
                                              const char *person_id,
                                              RegistryMedia *media,
                                              gint64 staff_id,
                                              gint64 device_id,
                                              gint64 now,
                                              gint64 *out_attachment_id,
                                              RegistryVerdict *out_verdict,
                                              GError **error);
gboolean registry_signature_form_upload (RegistryStorage *storage,
                                         const char *person_id,
                                         RegistryMedia *media,
                                         gint64 staff_id,
                                         gint64 device_id,
                                         gint64 now,
                                         RegistryAttachment **out_attachment,
                                         RegistryVerdict *out_verdict,
                                         GError **error);

G_END_DECLS
