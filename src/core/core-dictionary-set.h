/* core-dictionary-set.h: every dictionary the product ships, with one version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "core-dictionary.h"

G_BEGIN_DECLS

/* Limits of the folder the dictionaries are loaded from. */
#define CORE_DICTIONARY_SET_MAX_FILES 64
#define CORE_DICTIONARY_SET_MAX_FILE_SIZE (1024 * 1024)

#define CORE_TYPE_DICTIONARY_SET (core_dictionary_set_get_type ())
G_DECLARE_FINAL_TYPE (CoreDictionarySet, core_dictionary_set, CORE, DICTIONARY_SET, GObject)

const char *core_dictionary_set_get_default_directory (void);
CoreDictionarySet *core_dictionary_set_new_from_directory (const char *path, GError **error);
CoreDictionarySet *core_dictionary_set_new_from_json_node (JsonNode *node, GError **error);

const char *core_dictionary_set_get_version (CoreDictionarySet *self);
GPtrArray *core_dictionary_set_get_dictionaries (CoreDictionarySet *self);
CoreDictionary *core_dictionary_set_lookup (CoreDictionarySet *self, const char *name);
JsonNode *core_dictionary_set_to_json_node (CoreDictionarySet *self);

G_END_DECLS
