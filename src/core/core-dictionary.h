/* core-dictionary.h: one pick-list of codes with Chinese and English labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Limits a dictionary must keep; a file beyond them is refused. */
#define CORE_DICTIONARY_MAX_ENTRIES 2000
#define CORE_DICTIONARY_MAX_CODE 32   /* ASCII letters, digits, '-' and '_' */
#define CORE_DICTIONARY_MAX_LABEL 100 /* characters */

/**
 * CoreDictionaryEntry:
 * @code: what records store, e.g. "21"
 * @label_zh_cn: what people read in Chinese, e.g. "大学本科"
 * @label_en: the same in English, e.g. "Bachelor's (undergraduate)"
 *
 * Owned by its #CoreDictionary; read only.
 */
typedef struct
{
  char *code;
  char *label_zh_cn;
  char *label_en;
} CoreDictionaryEntry;

#define CORE_TYPE_DICTIONARY (core_dictionary_get_type ())
G_DECLARE_FINAL_TYPE (CoreDictionary, core_dictionary, CORE, DICTIONARY, GObject)

CoreDictionary *
core_dictionary_new_from_json_node (const char *name, JsonNode *node, GError **error);

gboolean core_dictionary_name_is_valid (const char *name);
const char *core_dictionary_get_name (CoreDictionary *self);
const char *core_dictionary_get_title (CoreDictionary *self, const char *language);
const char *core_dictionary_get_source (CoreDictionary *self);
guint core_dictionary_get_n_entries (CoreDictionary *self);
const CoreDictionaryEntry *core_dictionary_get_entry (CoreDictionary *self, guint index);
const CoreDictionaryEntry *core_dictionary_lookup (CoreDictionary *self, const char *code);
const CoreDictionaryEntry *core_dictionary_lookup_label (CoreDictionary *self, const char *label);
const char *core_dictionary_entry_get_label (const CoreDictionaryEntry *entry,
                                             const char *language);
JsonNode *core_dictionary_to_json_node (CoreDictionary *self);

G_END_DECLS
