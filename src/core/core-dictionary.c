/* core-dictionary.c: one pick-list of codes with Chinese and English labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records store a dictionary's code, never its label, so a label can be
 * corrected without touching a record. The same JSON object describes a
 * dictionary in its data file and in the registry's answer, and is read by
 * the same strict decoder: every member known, every code unique and plain
 * ASCII, both labels present, no label twice (a pick-list with two equal
 * lines is a trap), no control or bidirectional formatting characters.
 * Problems are reported with the path of the faulty member, e.g.
 * "entries[4] (code "21"): label.en: missing".
 */

#include "config.h"

#include <string.h>

#include "core-dictionary.h"
#include "core-error.h"
#include "core-i18n.h"
#include "core-text.h"

#define MAX_TITLE 100  /* characters */
#define MAX_SOURCE 200 /* characters */

struct _CoreDictionary
{
  GObject parent_instance;

  char *name;
  char *title_zh_cn;
  char *title_en;
  char *source;         /* nullable */
  GPtrArray *entries;   /* CoreDictionaryEntry, in file order */
  GHashTable *by_code;  /* code -> entry */
  GHashTable *by_label; /* either label -> entry */
};

G_DEFINE_FINAL_TYPE (CoreDictionary, core_dictionary, G_TYPE_OBJECT)

static void
entry_free (CoreDictionaryEntry *entry)
{
  g_free (entry->code);
  g_free (entry->label_zh_cn);
  g_free (entry->label_en);
  g_free (entry);
}

static void
core_dictionary_finalize (GObject *object)
{
  CoreDictionary *self = CORE_DICTIONARY (object);

  g_free (self->name);
  g_free (self->title_zh_cn);
  g_free (self->title_en);
  g_free (self->source);
  g_clear_pointer (&self->by_code, g_hash_table_unref);
  g_clear_pointer (&self->by_label, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (core_dictionary_parent_class)->finalize (object);
}

static void
core_dictionary_class_init (CoreDictionaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = core_dictionary_finalize;
}

static void
core_dictionary_init (CoreDictionary *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_label = g_hash_table_new (g_str_hash, g_str_equal);
}

/* ---- decoding ---- */

static gboolean
check_members (JsonObject *object, const char *const *known, const char *where, GError **error)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &value))
    {
      if (!g_strv_contains (known, member))
        {
          g_autofree char *shown = g_strescape (member, NULL);
          g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "%s%sunknown member \"%.64s\"",
                       where, *where != '\0' ? ": " : "", shown);
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads a string member; an absent optional member gives %TRUE and NULL. */
static gboolean
read_text (JsonObject *object,
           const char *member,
           gboolean required,
           gsize max_chars,
           const char *where,
           char **out_text,
           GError **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *sep = *where != '\0' ? ": " : "";
  const char *text;

  *out_text = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "%s%s%s: missing", where, sep, member);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "%s%s%s: must be a string", where, sep,
                   member);
      return FALSE;
    }
  text = json_node_get_string (node);
  switch (core_text_check (text, max_chars))
    {
      case CORE_TEXT_OK:
        *out_text = g_strdup (text);
        return TRUE;
      case CORE_TEXT_EMPTY:
        g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "%s%s%s: empty", where, sep, member);
        return FALSE;
      case CORE_TEXT_TOO_LONG:
        g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA,
                     "%s%s%s: longer than %" G_GSIZE_FORMAT " characters", where, sep, member,
                     max_chars);
        return FALSE;
      case CORE_TEXT_BIDI:
        g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA,
                     "%s%s%s: contains bidirectional formatting characters", where, sep, member);
        return FALSE;
      case CORE_TEXT_CONTROL:
      case CORE_TEXT_INVALID_UTF8:
      default:
        g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "%s%s%s: contains control characters",
                     where, sep, member);
        return FALSE;
    }
}

/* A label object: {"zh_CN": "…", "en": "…"}, both required. */
static gboolean
read_labels (JsonObject *object,
             const char *member,
             gsize max_chars,
             const char *where,
             char **out_zh_cn,
             char **out_en,
             GError **error)
{
  static const char *const languages[] = { CORE_LANGUAGE_ZH_CN, CORE_LANGUAGE_EN, NULL };
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *path = g_strdup_printf ("%s%s%s", where, *where != '\0' ? ": " : "", member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "%s: missing", path);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA,
                   "%s: must be an object {\"zh_CN\": …, \"en\": …}", path);
      return FALSE;
    }
  object = json_node_get_object (node);
  return check_members (object, languages, path, error) &&
         read_text (object, CORE_LANGUAGE_ZH_CN, TRUE, max_chars, path, out_zh_cn, error) &&
         read_text (object, CORE_LANGUAGE_EN, TRUE, max_chars, path, out_en, error);
}

static gboolean
code_is_valid (const char *code)
{
  gsize len = strlen (code);

  if (len == 0 || len > CORE_DICTIONARY_MAX_CODE)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (code[i]) && code[i] != '-' && code[i] != '_')
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_label (CoreDictionary *self,
           const char *label,
           CoreDictionaryEntry *entry,
           const char *where,
           GError **error)
{
  CoreDictionaryEntry *other = g_hash_table_lookup (self->by_label, label);

  /* the same label in both languages of one entry ("CAD") is fine */
  if (other != NULL && other != entry)
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA,
                   "%s: label \"%s\" is also the label of code \"%s\"", where, label, other->code);
      return FALSE;
    }
  g_hash_table_insert (self->by_label, (gpointer) label, entry);
  return TRUE;
}

static gboolean
read_entry (CoreDictionary *self, JsonNode *node, guint index, GError **error)
{
  static const char *const members[] = { "code", "label", NULL };
  g_autofree char *where = g_strdup_printf ("entries[%u]", index);
  g_autofree char *code = NULL;
  CoreDictionaryEntry *entry;
  CoreDictionaryEntry *other;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "%s: must be an object", where);
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!check_members (object, members, where, error) ||
      !read_text (object, "code", TRUE, CORE_DICTIONARY_MAX_CODE, where, &code, error))
    return FALSE;
  if (!code_is_valid (code))
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA,
                   "%s: code: only ASCII letters, digits, '-' and '_'", where);
      return FALSE;
    }
  other = g_hash_table_lookup (self->by_code, code);
  if (other != NULL)
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "%s: code \"%s\" appears twice", where,
                   code);
      return FALSE;
    }

  g_free (where);
  where = g_strdup_printf ("entries[%u] (code \"%s\")", index, code);
  entry = g_new0 (CoreDictionaryEntry, 1);
  entry->code = g_steal_pointer (&code);
  g_ptr_array_add (self->entries, entry);
  g_hash_table_insert (self->by_code, entry->code, entry);
  return read_labels (object, "label", CORE_DICTIONARY_MAX_LABEL, where, &entry->label_zh_cn,
                      &entry->label_en, error) &&
         add_label (self, entry->label_zh_cn, entry, where, error) &&
         add_label (self, entry->label_en, entry, where, error);
}

/**
 * core_dictionary_name_is_valid:
 *
 * Returns: %TRUE for a dictionary name: lower-case ASCII words joined by
 *   '-', e.g. "education-levels", at most 64 characters
 */
gboolean
core_dictionary_name_is_valid (const char *name)
{
  gsize len = name != NULL ? strlen (name) : 0;

  if (len == 0 || len > 64 || name[0] == '-' || name[len - 1] == '-' || strstr (name, "--"))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_islower (name[i]) && !g_ascii_isdigit (name[i]) && name[i] != '-')
        return FALSE;
    }
  return TRUE;
}

/**
 * core_dictionary_new_from_json_node:
 * @name: the dictionary's name (from its file name)
 * @node: `{"title": {"zh_CN", "en"}, "source"?, "entries": [{"code", "label":
 *   {"zh_CN", "en"}}, …]}`; a "name" member, when present, must be @name
 *
 * Returns: (transfer full) (nullable): the dictionary, or %NULL with
 *   %CORE_ERROR_BAD_DATA naming the faulty member
 */
CoreDictionary *
core_dictionary_new_from_json_node (const char *name, JsonNode *node, GError **error)
{
  static const char *const members[] = { "name", "title", "source", "entries", NULL };
  g_autoptr (CoreDictionary) self = NULL;
  g_autofree char *own_name = NULL;
  JsonObject *object;
  JsonNode *entries;
  JsonArray *array;

  g_return_val_if_fail (name != NULL, NULL);

  if (!core_dictionary_name_is_valid (name))
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA,
                   "a dictionary name is lower-case letters, digits and '-'");
      return NULL;
    }
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "a dictionary is a JSON object");
      return NULL;
    }
  object = json_node_get_object (node);
  self = g_object_new (CORE_TYPE_DICTIONARY, NULL);
  self->name = g_strdup (name);
  if (!check_members (object, members, "", error) ||
      !read_text (object, "name", FALSE, 64, "", &own_name, error) ||
      !read_labels (object, "title", MAX_TITLE, "", &self->title_zh_cn, &self->title_en, error) ||
      !read_text (object, "source", FALSE, MAX_SOURCE, "", &self->source, error))
    return NULL;
  if (own_name != NULL && g_strcmp0 (own_name, name) != 0)
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "name: \"%s\" is not \"%s\"", own_name,
                   name);
      return NULL;
    }

  entries = json_object_get_member (object, "entries");
  if (entries == NULL || !JSON_NODE_HOLDS_ARRAY (entries))
    {
      g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_DATA,
                           "entries: missing, or not an array");
      return NULL;
    }
  array = json_node_get_array (entries);
  if (json_array_get_length (array) == 0 ||
      json_array_get_length (array) > CORE_DICTIONARY_MAX_ENTRIES)
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "entries: 1 to %d entries",
                   CORE_DICTIONARY_MAX_ENTRIES);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (!read_entry (self, json_array_get_element (array, i), i, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

/* ---- reading ---- */

const char *
core_dictionary_get_name (CoreDictionary *self)
{
  g_return_val_if_fail (CORE_IS_DICTIONARY (self), NULL);
  return self->name;
}

/**
 * core_dictionary_get_title:
 * @language: "zh_CN" or "en"
 *
 * Returns: (transfer none): what the dictionary lists, e.g. "学历层次"
 */
const char *
core_dictionary_get_title (CoreDictionary *self, const char *language)
{
  g_return_val_if_fail (CORE_IS_DICTIONARY (self), NULL);
  return g_strcmp0 (language, CORE_LANGUAGE_EN) == 0 ? self->title_en : self->title_zh_cn;
}

/**
 * core_dictionary_get_source:
 *
 * Returns: (transfer none) (nullable): where the list comes from, e.g. "GB 3304-1991"
 */
const char *
core_dictionary_get_source (CoreDictionary *self)
{
  g_return_val_if_fail (CORE_IS_DICTIONARY (self), NULL);
  return self->source;
}

guint
core_dictionary_get_n_entries (CoreDictionary *self)
{
  g_return_val_if_fail (CORE_IS_DICTIONARY (self), 0);
  return self->entries->len;
}

/**
 * core_dictionary_get_entry:
 * @index: 0 to core_dictionary_get_n_entries() - 1, in the order a pick-list shows them
 *
 * Returns: (transfer none): the entry
 */
const CoreDictionaryEntry *
core_dictionary_get_entry (CoreDictionary *self, guint index)
{
  g_return_val_if_fail (CORE_IS_DICTIONARY (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return g_ptr_array_index (self->entries, index);
}

/**
 * core_dictionary_lookup:
 *
 * Returns: (transfer none) (nullable): the entry with @code, or %NULL
 */
const CoreDictionaryEntry *
core_dictionary_lookup (CoreDictionary *self, const char *code)
{
  g_return_val_if_fail (CORE_IS_DICTIONARY (self), NULL);
  return code != NULL ? g_hash_table_lookup (self->by_code, code) : NULL;
}

/**
 * core_dictionary_lookup_label:
 * @label: a label in either language, exactly as the dictionary writes it
 *
 * For data that names entries by label (an import from another system).
 *
 * Returns: (transfer none) (nullable): the entry with @label, or %NULL
 */
const CoreDictionaryEntry *
core_dictionary_lookup_label (CoreDictionary *self, const char *label)
{
  g_return_val_if_fail (CORE_IS_DICTIONARY (self), NULL);
  return label != NULL ? g_hash_table_lookup (self->by_label, label) : NULL;
}

/**
 * core_dictionary_entry_get_label:
 * @language: "zh_CN" or "en"; anything else gives Chinese, the default
 *
 * Returns: (transfer none): the entry's label in @language
 */
const char *
core_dictionary_entry_get_label (const CoreDictionaryEntry *entry, const char *language)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return g_strcmp0 (language, CORE_LANGUAGE_EN) == 0 ? entry->label_en : entry->label_zh_cn;
}

static void
add_labels (JsonBuilder *builder, const char *member, const char *zh_cn, const char *en)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, CORE_LANGUAGE_ZH_CN);
  json_builder_add_string_value (builder, zh_cn);
  json_builder_set_member_name (builder, CORE_LANGUAGE_EN);
  json_builder_add_string_value (builder, en);
  json_builder_end_object (builder);
}

/**
 * core_dictionary_to_json_node:
 *
 * Returns: (transfer full): the dictionary as its file writes it, with its
 *   "name"; core_dictionary_new_from_json_node() reads it back
 */
JsonNode *
core_dictionary_to_json_node (CoreDictionary *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (CORE_IS_DICTIONARY (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  add_labels (builder, "title", self->title_zh_cn, self->title_en);
  if (self->source != NULL)
    {
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, self->source);
    }
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->entries->len; i++)
    {
      CoreDictionaryEntry *entry = g_ptr_array_index (self->entries, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, entry->code);
      add_labels (builder, "label", entry->label_zh_cn, entry->label_en);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
