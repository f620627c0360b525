/* registry-admin-tokens.h: operators' credentials for the operators' routes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"

G_BEGIN_DECLS

char *registry_admin_token_add (RegistryStorage *storage, const char *name, GError **error);
gboolean registry_admin_token_revoke (RegistryStorage *storage, const char *name, GError **error);
RegistryRows *registry_admin_token_list (RegistryStorage *storage, GError **error);
gboolean
registry_admin_token_authenticate (RegistryStorage *storage, const char *token, GError **error);

G_END_DECLS
