/* registry-imports.h: registrations and projects imported by operators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "registry-storage.h"

G_BEGIN_DECLS

gboolean registry_import_registrations (RegistryStorage *storage,
                                        JsonNode *root,
                                        guint *out_count,
                                        GError **error);
gboolean registry_import_projects (RegistryStorage *storage,
                                   JsonNode *root,
                                   guint *out_count,
                                   GError **error);

G_END_DECLS
