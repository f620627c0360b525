/* registry-subject-private.h: what the subjects share: text, hashes, tokens, audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The subjects (devices, staff, filings, persons, imports, captchas, SMS
 * codes, sessions, staff sessions, secrets) each keep their rows in the
 * database through a RegistryStorage; these are the small pieces they have
 * in common. Times in the database are microseconds since the epoch, stored
 * as integers and passed as text parameters.
 */

#pragma once

#include "registry-storage.h"
#include "registry-verdict.h"

G_BEGIN_DECLS

#define REGISTRY_US ((gint64) G_USEC_PER_SEC)
#define REGISTRY_DAY_S (24 * 3600)

/* Practitioner and staff session tokens: 32 random bytes as 64 hex digits. */
#define REGISTRY_SESSION_TOKEN_LENGTH 64

char *registry_int_text (gint64 value);
char *registry_now_text (void);
gint64 registry_seconds_until (gint64 until, gint64 now);
void registry_verdict_accept (RegistryVerdict *verdict);
void registry_verdict_refuse (RegistryVerdict *verdict, CoreApiError code);
char *registry_keyed_hash (const guchar *key, const char *const *parts);
gboolean registry_hashes_equal (const char *a, const char *b);
char *registry_random_hex (gsize n_bytes);
char *registry_sha256_hex (const char *text);
char *registry_session_token_hash (const char *token);
gboolean registry_count_rows (RegistryStorage *storage,
                              const char *sql,
                              const char *param,
                              gint64 *out_count,
                              GError **error);
gboolean registry_check_name (const char *what, const char *name, GError **error);
gboolean registry_audit_admin (RegistryStorage *storage,
                               const char *action,
                               const char *detail,
                               GError **error);

G_END_DECLS
