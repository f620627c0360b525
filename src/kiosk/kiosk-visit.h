/* kiosk-visit.h: one person's visit at the kiosk, forgotten when it ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "forms-signature-form.h"
#include "idcard-card.h"
#include "sync-registry.h"

G_BEGIN_DECLS

/**
 * KioskFormStatus:
 * @KIOSK_FORM_NOT_PRINTED: the signature collection form is still to be printed
 * @KIOSK_FORM_PRINTED: printed: to be signed by hand, scanned and uploaded
 * @KIOSK_FORM_UPLOADED: the signed scan is on record
 */
typedef enum
{
  KIOSK_FORM_NOT_PRINTED,
  KIOSK_FORM_PRINTED,
  KIOSK_FORM_UPLOADED,
} KioskFormStatus;

#define KIOSK_TYPE_VISIT (kiosk_visit_get_type ())

G_DECLARE_FINAL_TYPE (KioskVisit, kiosk_visit, KIOSK, VISIT, GObject)

KioskVisit *kiosk_visit_new (SyncRegistry *registry);

gboolean kiosk_visit_get_logged_in (KioskVisit *self);
JsonObject *kiosk_visit_get_person (KioskVisit *self);
const char *kiosk_visit_get_session_token (KioskVisit *self);
void kiosk_visit_begin_session (KioskVisit *self, const char *token, JsonObject *person);
void kiosk_visit_end_session (KioskVisit *self);

IdcardCard *kiosk_visit_get_card (KioskVisit *self);
void kiosk_visit_set_card (KioskVisit *self, IdcardCard *card);
guint kiosk_visit_get_filed (KioskVisit *self);
void kiosk_visit_add_filed (KioskVisit *self);

FormsSignatureForm *kiosk_visit_get_form (KioskVisit *self);
void kiosk_visit_set_form (KioskVisit *self, FormsSignatureForm *form, KioskFormStatus status);
KioskFormStatus kiosk_visit_get_form_status (KioskVisit *self);
void kiosk_visit_set_form_status (KioskVisit *self, KioskFormStatus status);
JsonObject *kiosk_visit_get_form_record (KioskVisit *self);
void kiosk_visit_set_form_record (KioskVisit *self, JsonObject *record);

void kiosk_visit_reset (KioskVisit *self);

G_END_DECLS
