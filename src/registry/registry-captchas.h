/* registry-captchas.h: captchas issued, counted and spent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"
#include "registry-verdict.h"

G_BEGIN_DECLS

#define REGISTRY_CAPTCHA_LIFETIME_S 180
/* At most this many captchas per device in any window of this many seconds:
 * drawing one costs the registry CPU, and a device has no use for more. */
#define REGISTRY_CAPTCHA_DEVICE_LIMIT 30
#define REGISTRY_CAPTCHA_DEVICE_WINDOW_S 600

gboolean registry_captcha_issue (RegistryStorage *storage,
                                 const guchar *key,
                                 gint64 device_id,
                                 gint64 now,
                                 const char *answer,
                                 char **out_captcha_id,
                                 RegistryVerdict *out_verdict,
                                 GError **error);
gboolean registry_captcha_spend (RegistryStorage *storage,
                                 const guchar *key,
                                 gint64 device_id,
                                 gint64 now,
                                 const char *captcha_id,
                                 const char *answer,
                                 gboolean *out_right,
                                 GError **error);

G_END_DECLS
