/* registry-secrets.h: the database's HMAC key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"

G_BEGIN_DECLS

#define REGISTRY_KEY_LENGTH 32

gboolean registry_secret_load (RegistryStorage *storage,
                               guchar out_key[REGISTRY_KEY_LENGTH],
                               GError **error);

G_END_DECLS
