/* registry-devices.h: kiosk devices and their tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"

G_BEGIN_DECLS

/* Device tokens: 32 random bytes written as 64 lower-case hex digits. */
#define REGISTRY_TOKEN_LENGTH 64

char *registry_device_enroll (RegistryStorage *storage, const char *name, GError **error);
gboolean registry_device_revoke (RegistryStorage *storage, const char *name, GError **error);
RegistryRows *registry_device_list (RegistryStorage *storage, GError **error);
gboolean registry_device_authenticate (RegistryStorage *storage,
                                       const char *token,
                                       gint64 *out_device_id,
                                       GError **error);

G_END_DECLS
