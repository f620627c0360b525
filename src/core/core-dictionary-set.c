/* core-dictionary-set.c: every dictionary the product ships, with one version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dictionaries are one JSON file each (NAME.json) in one folder,
 * installed by meson; the registry loads them at start and serves them, and
 * a kiosk keeps the served copy in its store. The version is a digest of
 * exactly what is served, so it changes whenever any code or label does and
 * nobody has to remember to raise it; a client compares it with the one it
 * cached and fetches the set again when they differ. A loaded set never
 * changes, so one set can serve every thread of a process.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "core-dictionary-set.h"
#include "core-error.h"
#include "core-json.h"

#define FILE_SUFFIX ".json"
#define VERSION_LENGTH 16 /* hex digits of SHA-256 */

struct _CoreDictionarySet
{
  GObject parent_instance;

  GPtrArray *dictionaries; /* CoreDictionary, sorted by name */
  GHashTable *by_name;     /* name -> CoreDictionary */
  char *version;
};

G_DEFINE_FINAL_TYPE (CoreDictionarySet, core_dictionary_set, G_TYPE_OBJECT)

static void
core_dictionary_set_finalize (GObject *object)
{
  CoreDictionarySet *self = CORE_DICTIONARY_SET (object);

  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->dictionaries, g_ptr_array_unref);
  g_free (self->version);

  G_OBJECT_CLASS (core_dictionary_set_parent_class)->finalize (object);
}

static void
core_dictionary_set_class_init (CoreDictionarySetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = core_dictionary_set_finalize;
}

static void
core_dictionary_set_init (CoreDictionarySet *self)
{
  self->dictionaries = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
}

static gboolean
add_dictionary (CoreDictionarySet *self, CoreDictionary *dictionary, GError **error)
{
  const char *name = core_dictionary_get_name (dictionary);

  if (g_hash_table_contains (self->by_name, name))
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "dictionary \"%s\" appears twice", name);
      return FALSE;
    }
  if (self->dictionaries->len >= CORE_DICTIONARY_SET_MAX_FILES)
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "more than %d dictionaries",
                   CORE_DICTIONARY_SET_MAX_FILES);
      return FALSE;
    }
  g_ptr_array_add (self->dictionaries, g_object_ref (dictionary));
  g_hash_table_insert (self->by_name, (gpointer) name, dictionary);
  return TRUE;
}

static int
compare_by_name (gconstpointer a, gconstpointer b)
{
  return strcmp (core_dictionary_get_name (*(CoreDictionary **) a),
                 core_dictionary_get_name (*(CoreDictionary **) b));
}

static JsonNode *
dictionaries_to_json_node (CoreDictionarySet *self)
{
  g_autoptr (JsonArray) array = json_array_sized_new (self->dictionaries->len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < self->dictionaries->len; i++)
    json_array_add_element (
        array, core_dictionary_to_json_node (g_ptr_array_index (self->dictionaries, i)));
  json_node_set_array (node, array);
  return node;
}

/* Sorts the set and digests what core_dictionary_set_to_json_node() serves. */
static gboolean
finish (CoreDictionarySet *self, const char *where, GError **error)
{
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *digest = NULL;

  if (self->dictionaries->len == 0)
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "%s: no dictionaries", where);
      return FALSE;
    }
  g_ptr_array_sort (self->dictionaries, compare_by_name);
  node = dictionaries_to_json_node (self);
  text = json_to_string (node, FALSE);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  self->version = g_strndup (digest, VERSION_LENGTH);
  return TRUE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static CoreDictionary *
load_file (const char *path, const char *name, GError **error)
{
  g_autoptr (GError) error_local = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;
  CoreDictionary *dictionary;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "%s: %s", path,
                   g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > CORE_DICTIONARY_SET_MAX_FILE_SIZE)
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA,
                   "%s: not a regular file of at most %d bytes", path,
                   CORE_DICTIONARY_SET_MAX_FILE_SIZE);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &error_local))
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "%s", error_local->message);
      return NULL;
    }
  /* the file may have grown since the stat */
  if (length > CORE_DICTIONARY_SET_MAX_FILE_SIZE)
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "%s: more than %d bytes", path,
                   CORE_DICTIONARY_SET_MAX_FILE_SIZE);
      return NULL;
    }
  root = core_json_parse (contents, length, &error_local);
  if (root == NULL)
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "%s: %s", path, error_local->message);
      return NULL;
    }
  dictionary = core_dictionary_new_from_json_node (name, root, error);
  if (dictionary == NULL)
    g_prefix_error (error, "%s: ", path);
  return dictionary;
}

/**
 * core_dictionary_set_get_default_directory:
 *
 * Returns: (transfer none): where the dictionaries are installed, or
 *   $PRACTITIONER_DICTIONARIES (the build tree's data/dictionaries when the
 *   programs run uninstalled)
 */
const char *
core_dictionary_set_get_default_directory (void)
{
  const char *path = g_getenv ("PRACTITIONER_DICTIONARIES");

  return path != NULL && *path != '\0' ? path : PKGDATADIR "/dictionaries";
}

/**
 * core_dictionary_set_new_from_directory:
 * @path: a folder of NAME.json files; other files are ignored
 *
 * Reads every dictionary of the folder; a single faulty file fails the
 * whole set, so a program never starts with a pick-list missing.
 *
 * Returns: (transfer full) (nullable): the set, or %NULL with
 *   %CORE_ERROR_BAD_DATA naming the file and what is wrong in it
 */
CoreDictionarySet *
core_dictionary_set_new_from_directory (const char *path, GError **error)
{
  g_autoptr (CoreDictionarySet) self = g_object_new (CORE_TYPE_DICTIONARY_SET, NULL);
  g_autoptr (GPtrArray) file_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error_local = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *file_name;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_dir_open (path, 0, &error_local);
  if (dir == NULL)
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA, "dictionaries: %s",
                   error_local->message);
      return NULL;
    }
  while ((file_name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (file_name, FILE_SUFFIX) && file_name[0] != '.')
        g_ptr_array_add (file_names, g_strdup (file_name));
    }
  /* in name order, so that the same faulty folder always gives the same error */
  g_ptr_array_sort (file_names, compare_strings);

  for (guint i = 0; i < file_names->len; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *file_path = NULL;
      g_autoptr (CoreDictionary) dictionary = NULL;

      file_name = g_ptr_array_index (file_names, i);
      name = g_strndup (file_name, strlen (file_name) - strlen (FILE_SUFFIX));
      file_path = g_build_filename (path, file_name, NULL);
      if (!core_dictionary_name_is_valid (name))
        {
          g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA,
                       "%s: a dictionary file is named NAME.json, NAME in lower-case letters, "
                       "digits and '-'",
                       file_path);
          return NULL;
        }
      dictionary = load_file (file_path, name, error);
      if (dictionary == NULL || !add_dictionary (self, dictionary, error))
        return NULL;
    }
  if (!finish (self, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * core_dictionary_set_new_from_json_node:
 * @node: what core_dictionary_set_to_json_node() gave, e.g. a cached copy
 *
 * Reads a served set back as strictly as the files, and checks that the
 * version still matches its dictionaries, so a damaged copy is noticed.
 *
 * Returns: (transfer full) (nullable): the set, or %NULL with %CORE_ERROR_BAD_DATA
 */
CoreDictionarySet *
core_dictionary_set_new_from_json_node (JsonNode *node, GError **error)
{
  g_autoptr (CoreDictionarySet) self = g_object_new (CORE_TYPE_DICTIONARY_SET, NULL);
  JsonObject *object;
  JsonNode *member;
  JsonArray *array;
  const char *version;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_DATA,
                           "a dictionary set is a JSON object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (json_object_get_size (object) != 2 ||
      (member = json_object_get_member (object, "version")) == NULL ||
      !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING ||
      (member = json_object_get_member (object, "dictionaries")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_DATA,
                           "a dictionary set is {\"version\": TEXT, \"dictionaries\": [ … ]}");
      return NULL;
    }
  version = json_object_get_string_member (object, "version");
  array = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr (CoreDictionary) dictionary = NULL;
      const char *name = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonNode *name_node = json_object_get_member (json_node_get_object (element), "name");
          if (name_node != NULL && JSON_NODE_HOLDS_VALUE (name_node) &&
              json_node_get_value_type (name_node) == G_TYPE_STRING)
            name = json_node_get_string (name_node);
        }
      if (!core_dictionary_name_is_valid (name))
        {
          g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_DATA,
                       "dictionaries[%u]: name: missing, or not a dictionary name", i);
          return NULL;
        }
      dictionary = core_dictionary_new_from_json_node (name, element, error);
      if (dictionary == NULL)
        {
          g_prefix_error (error, "dictionaries[%u] (%s): ", i, name);
          return NULL;
        }
      if (!add_dictionary (self, dictionary, error))
        return NULL;
    }
  if (!finish (self, "dictionaries", error))
    return NULL;
  if (g_strcmp0 (version, self->version) != 0)
    {
      g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_DATA,
                           "version: does not match the dictionaries (a damaged copy?)");
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * core_dictionary_set_get_version:
 *
 * Returns: (transfer none): 16 hex digits that change whenever any dictionary does
 */
const char *
core_dictionary_set_get_version (CoreDictionarySet *self)
{
  g_return_val_if_fail (CORE_IS_DICTIONARY_SET (self), NULL);
  return self->version;
}

/**
 * core_dictionary_set_get_dictionaries:
 *
 * Returns: (transfer none) (element-type CoreDictionary): the dictionaries, by name
 */
GPtrArray *
core_dictionary_set_get_dictionaries (CoreDictionarySet *self)
{
  g_return_val_if_fail (CORE_IS_DICTIONARY_SET (self), NULL);
  return self->dictionaries;
}

/**
 * core_dictionary_set_lookup:
 * @name: e.g. "education-levels"
 *
 * Returns: (transfer none) (nullable): the dictionary, or %NULL
 */
CoreDictionary *
core_dictionary_set_lookup (CoreDictionarySet *self, const char *name)
{
  g_return_val_if_fail (CORE_IS_DICTIONARY_SET (self), NULL);
  return name != NULL ? g_hash_table_lookup (self->by_name, name) : NULL;
}

/**
 * core_dictionary_set_to_json_node:
 *
 * Returns: (transfer full): `{"version": "…", "dictionaries": [ … ]}`, each
 *   dictionary as core_dictionary_to_json_node() writes it, by name
 */
JsonNode *
core_dictionary_set_to_json_node (CoreDictionarySet *self)
{
  g_autoptr (JsonObject) object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (CORE_IS_DICTIONARY_SET (self), NULL);

  json_object_set_string_member (object, "version", self->version);
  json_object_set_member (object, "dictionaries", dictionaries_to_json_node (self));
  json_node_set_object (node, object);
  return node;
}
