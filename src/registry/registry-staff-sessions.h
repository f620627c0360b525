/* registry-staff-sessions.h: staff sign-in, its lock, and staff sessions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"
#include "registry-verdict.h"

G_BEGIN_DECLS

#define REGISTRY_STAFF_MAX_FAILURES 5
#define REGISTRY_STAFF_LOCK_S 300
/* Failures further apart than this do not add up. */
#define REGISTRY_STAFF_FAILURE_WINDOW_S 900
/* A staff session lasts this long from sign-in, unless signed out. */
#define REGISTRY_STAFF_SESSION_LIFETIME_S (12 * 3600)
/* Filings queue offline: after its session ended or expired, a token still
 * delivers manual filings for this long (and does nothing else). */
#define REGISTRY_STAFF_SESSION_GRACE_S (24 * 3600)

gboolean registry_staff_login (RegistryStorage *storage,
                               gint64 device_id,
                               gint64 now,
                               const char *user,
                               const char *password,
                               char **out_session_token,
                               RegistryVerdict *out_verdict,
                               GError **error);
gboolean registry_staff_session_resolve (RegistryStorage *storage,
                                         gint64 device_id,
                                         gint64 now,
                                         const char *token,
                                         gint64 grace_s,
                                         gint64 *out_staff_id,
                                         char **out_user,
                                         RegistryVerdict *out_verdict,
                                         GError **error);
gboolean registry_staff_session_end (RegistryStorage *storage,
                                     gint64 device_id,
                                     gint64 now,
                                     const char *token,
                                     RegistryVerdict *out_verdict,
                                     GError **error);

G_END_DECLS
