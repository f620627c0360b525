/* registry-sessions.h: practitioners' sessions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"
#include "registry-verdict.h"

G_BEGIN_DECLS

#define REGISTRY_SESSION_LIFETIME_S 900
/* a session used again within this many seconds is not rewritten */
#define REGISTRY_SESSION_EXTEND_STEP_S 30

gboolean registry_session_create (RegistryStorage *storage,
                                  const char *person_id,
                                  gint64 device_id,
                                  const char *login_phone,
                                  gint64 now,
                                  char **out_token,
                                  GError **error);
gboolean registry_session_touch (RegistryStorage *storage,
                                 gint64 device_id,
                                 gint64 now,
                                 const char *token,
                                 char **out_person_id,
                                 char **out_login_phone,
                                 RegistryVerdict *out_verdict,
                                 GError **error);
gboolean registry_session_end (RegistryStorage *storage,
                               gint64 device_id,
                               gint64 now,
                               const char *token,
                               RegistryVerdict *out_verdict,
                               GError **error);

G_END_DECLS
