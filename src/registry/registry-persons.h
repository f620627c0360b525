/* registry-persons.h: persons: filed or not, basic information, login phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"
#include "registry-verdict.h"

G_BEGIN_DECLS

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

gboolean registry_person_get_state (RegistryStorage *storage,
                                    const char *doc_type,
                                    const char *doc_number,
                                    RegistryPersonState *out_state,
                                    GError **error);
gboolean registry_person_is_enabled (RegistryStorage *storage,
                                     const char *person_id,
                                     gboolean *out_enabled,
                                     GError **error);

typedef enum
{
  REGISTRY_PHONE_USABLE,
  REGISTRY_PHONE_TAKEN,
  REGISTRY_PHONE_NOT_LOGIN_PHONE,
} RegistryPhoneCheck;

const char *registry_phone_check_to_string (RegistryPhoneCheck check);
gboolean registry_person_check_phone (RegistryStorage *storage,
                                      const char *doc_type,
                                      const char *doc_number,
                                      const char *phone,
                                      RegistryPhoneCheck *out_check,
                                      char **out_login_phone,
                                      GError **error);

extern const char *const registry_person_basic_columns[];
RegistryRows *
registry_person_get_basic (RegistryStorage *storage, const char *person_id, GError **error);

gboolean registry_login_phone_set (RegistryStorage *storage,
                                   const char *doc_type,
                                   const char *doc_number,
                                   const char *phone,
                                   const char *staff,
                                   gint64 device_id,
                                   gint64 now,
                                   char **out_person_id,
                                   RegistryVerdict *out_verdict,
                                   GError **error);

G_END_DECLS
