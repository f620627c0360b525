/* kiosk-services.h: what the kiosk's pages work with, handed to each page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "core-dictionary-set.h"
#include "core-filing.h"
#include "forms-printer-list.h"
#include "idcard-reader.h"
#include "kiosk-config.h"
#include "kiosk-demo.h"
#include "kiosk-staff-auth.h"
#include "store-database.h"
#include "store-outbox.h"
#include "sync-engine.h"
#include "sync-registry.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SERVICES (kiosk_services_get_type ())

G_DECLARE_FINAL_TYPE (KioskServices, kiosk_services, KIOSK, SERVICES, GObject)

KioskConfig *kiosk_services_get_config (KioskServices *self);
StoreDatabase *kiosk_services_get_store (KioskServices *self);
StoreOutbox *kiosk_services_get_outbox (KioskServices *self);
KioskStaffAuth *kiosk_services_get_staff_auth (KioskServices *self);
SyncRegistry *kiosk_services_get_registry (KioskServices *self);
SyncEngine *kiosk_services_get_sync_engine (KioskServices *self);
const char *kiosk_services_get_sync_problem (KioskServices *self);
KioskDemo *kiosk_services_get_demo (KioskServices *self);
IdcardReader *kiosk_services_get_reader (KioskServices *self);
void kiosk_services_set_reader (KioskServices *self, IdcardReader *reader);
FormsPrinterList *kiosk_services_get_printers (KioskServices *self);
const char *const *kiosk_services_get_input_problems (KioskServices *self);
void kiosk_services_set_input_problems (KioskServices *self, const char *const *problems);

CoreDictionarySet *kiosk_services_get_dictionaries (KioskServices *self);
CoreDictionary *kiosk_services_get_countries (KioskServices *self);
char *kiosk_services_dup_country_name (KioskServices *self, const char *code);
char *kiosk_services_dup_nation_name (KioskServices *self, guint code, const char *as_written);
void kiosk_services_refresh_dictionaries_async (KioskServices *self,
                                                const char *session_token,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer user_data);
gboolean kiosk_services_refresh_dictionaries_finish (KioskServices *self,
                                                     GAsyncResult *result,
                                                     GError **error);

void kiosk_services_submit_filing_async (KioskServices *self,
                                         CoreFiling *filing,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean
kiosk_services_submit_filing_finish (KioskServices *self, GAsyncResult *result, GError **error);

G_END_DECLS
