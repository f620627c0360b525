/* registry-imports.h: the read-only practice sections, imported by operators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "core-dictionary-set.h"
#include "core-record-kind.h"
#include "registry-storage.h"

G_BEGIN_DECLS

gboolean registry_import_records (RegistryStorage *storage,
                                  const CoreRecordKind *kind,
                                  CoreDictionarySet *dictionaries,
                                  JsonNode *root,
                                  guint *out_count,
                                  GError **error);

G_END_DECLS
