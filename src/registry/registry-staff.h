/* registry-staff.h: staff accounts, as operators manage them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-storage.h"

G_BEGIN_DECLS

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

G_END_DECLS
