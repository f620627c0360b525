/* kiosk-application.h: the practitioner-kiosk program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-demo.h"
#include "core-filing.h"
#include "idcard-reader.h"
#include "kiosk-staff-auth.h"
#include "store-database.h"
#include "sync-engine.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_APPLICATION (kiosk_application_get_type ())

G_DECLARE_FINAL_TYPE (KioskApplication, kiosk_application, KIOSK, APPLICATION, GtkApplication)

KioskApplication *kiosk_application_new (void);
gboolean kiosk_application_prepare (KioskApplication *self,
                                    KioskConfig *config,
                                    gboolean windowed,
                                    gboolean demo,
                                    GError **error);

KioskConfig *kiosk_application_get_config (KioskApplication *self);
StoreDatabase *kiosk_application_get_store (KioskApplication *self);
SyncEngine *kiosk_application_get_sync_engine (KioskApplication *self);
const char *kiosk_application_get_sync_problem (KioskApplication *self);
SyncClient *kiosk_application_get_registry_client (KioskApplication *self);
SyncRegistry *kiosk_application_get_registry (KioskApplication *self);
StoreOutbox *kiosk_application_get_outbox (KioskApplication *self);
IdcardReader *kiosk_application_get_reader (KioskApplication *self);
KioskStaffAuth *kiosk_application_get_staff_auth (KioskApplication *self);
void
kiosk_application_set_demo_staff (KioskApplication *self, const char *user, const char *password);
const char *kiosk_application_get_demo_staff (KioskApplication *self, const char **out_password);
KioskDemo *kiosk_application_get_demo_environment (KioskApplication *self);
void kiosk_application_set_reader (KioskApplication *self, IdcardReader *reader);

void kiosk_application_submit_filing_async (KioskApplication *self,
                                            CoreFiling *filing,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data);
gboolean kiosk_application_submit_filing_finish (KioskApplication *self,
                                                 GAsyncResult *result,
                                                 GError **error);
gboolean kiosk_application_get_demo (KioskApplication *self);
gboolean kiosk_application_get_windowed (KioskApplication *self);

const char *kiosk_application_get_language (KioskApplication *self);
void kiosk_application_set_language (KioskApplication *self, const char *language);
KioskTextSize kiosk_application_get_text_size (KioskApplication *self);
void kiosk_application_set_text_size (KioskApplication *self, KioskTextSize size);
void kiosk_application_restore_defaults (KioskApplication *self);

void kiosk_application_setup_locale (void);

G_END_DECLS
