/* store-dictionaries.h: the registry's pick-lists, kept for the next visit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "core-dictionary-set.h"
#include "store-database.h"

G_BEGIN_DECLS

char *store_dictionaries_get_version (StoreDatabase *db, GError **error);
CoreDictionarySet *store_dictionaries_load (StoreDatabase *db, GError **error);
gboolean store_dictionaries_save (StoreDatabase *db,
                                  JsonNode *served,
                                  gboolean *out_changed,
                                  GError **error);

G_END_DECLS
