/* registry-records.h: what the registry stores, as operations on a storage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "core-filing.h"
#include "registry-storage.h"

G_BEGIN_DECLS

/* Device tokens: 32 random bytes written as 64 lower-case hex digits. */
#define REGISTRY_TOKEN_LENGTH 64

/* the filings (alias f) that make a person filed: read from a card,
 * or entered by hand under a staff session the registry issued. */
#define REGISTRY_COUNTING_FILING "(f.source = 'card' OR f.staff_id IS NOT NULL)"

typedef enum
{
  REGISTRY_PERSON_NOT_FILED,
  REGISTRY_PERSON_FILED,
  REGISTRY_PERSON_ENABLED,
} RegistryPersonState;

const char *registry_person_state_to_string (RegistryPersonState state);

typedef struct
{
  gboolean created; /* FALSE: this filing_id was accepted before */
  char person_id[40];
  gboolean phone_usable;
  RegistryPersonState state;
} RegistryFilingResult;

char *registry_device_enroll (RegistryStorage *storage, const char *name, GError **error);
gboolean registry_device_revoke (RegistryStorage *storage, const char *name, GError **error);
RegistryRows *registry_device_list (RegistryStorage *storage, GError **error);
gboolean registry_device_authenticate (RegistryStorage *storage,
                                       const char *token,
                                       gint64 *out_device_id,
                                       GError **error);

gboolean registry_staff_add (RegistryStorage *storage,
                             const char *username,
                             const char *password,
                             GError **error);
RegistryRows *registry_staff_list (RegistryStorage *storage, GError **error);
gboolean registry_staff_disable (RegistryStorage *storage, const char *username, GError **error);
gboolean registry_staff_enable (RegistryStorage *storage, const char *username, GError **error);
gboolean registry_staff_set_password (RegistryStorage *storage,
                                      const char *username,
                                      const char *password,
                                      GError **error);

gboolean registry_filing_submit (RegistryStorage *storage,
                                 gint64 device_id,
                                 gint64 now,
                                 CoreFiling *filing,
                                 RegistryFilingResult *out_result,
                                 GError **error);
gboolean registry_filing_submit_batch (RegistryStorage *storage,
                                       gint64 device_id,
                                       gint64 now,
                                       CoreFiling *const *filings,
                                       guint n_filings,
                                       RegistryFilingResult *out_results,
                                       GError **out_errors,
                                       GError **error);

gboolean registry_filing_error_is_own (const GError *error);

gboolean registry_person_get_state (RegistryStorage *storage,
                                    const char *doc_type,
                                    const char *doc_number,
                                    RegistryPersonState *out_state,
                                    GError **error);

gboolean registry_import_registrations (RegistryStorage *storage,
                                        JsonNode *root,
                                        guint *out_count,
                                        GError **error);
gboolean registry_import_projects (RegistryStorage *storage,
                                   JsonNode *root,
                                   guint *out_count,
                                   GError **error);

G_END_DECLS
