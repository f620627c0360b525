/* registry-phone-checks.h: each device's counter of phone checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"
#include "registry-verdict.h"

G_BEGIN_DECLS

/* At most this many phone checks per device in any window of this many
 * seconds, like captchas: a kiosk checks one phone per filing, and a stolen
 * device token must not learn phone by phone which ones are bound. */
#define REGISTRY_PHONE_CHECK_DEVICE_LIMIT 30
#define REGISTRY_PHONE_CHECK_DEVICE_WINDOW_S 600

gboolean registry_phone_check_count (RegistryStorage *storage,
                                     gint64 device_id,
                                     gint64 now,
                                     RegistryVerdict *out_verdict,
                                     GError **error);

G_END_DECLS
