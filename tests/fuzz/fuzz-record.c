/* fuzz-record.c: libFuzzer target over record validation and the dictionary decoders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds arbitrary bytes through what a record body meets (the guarded
 * parser, then every kind's validation, new and updated) and through the
 * dictionary decoders a kiosk's cached copy meets. Whatever the input: no
 * crash, every error names its field, and what decodes encodes to the
 * same dictionary or to a set with the same version.
 */

#include "config.h"

#include <stdint.h>

#include "core-dictionary-set.h"
#include "core-error.h"
#include "core-json.h"
#include "core-record-kind.h"

/* what the registry accepts as a body */
#define MAX_BODY (1024 * 1024)

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
quiet_log (const char *domain, GLogLevelFlags level, const char *message, gpointer user_data)
{
}

static void
check_records (CoreDictionarySet *dictionaries, JsonObject *object)
{
  guint n_kinds;
  const CoreRecordKind *kinds = core_record_kinds_get (&n_kinds);

  for (guint k = 0; k < n_kinds; k++)
    {
      for (guint flags = 0; flags <= CORE_RECORD_VALIDATE_UPDATE; flags++)
        {
          g_autoptr (GPtrArray) errors = NULL;
          gboolean valid = core_record_validate (&kinds[k], dictionaries, object, flags, &errors);

          if (valid != (errors->len == 0))
            __builtin_trap ();
          for (guint i = 0; i < errors->len; i++)
            {
              g_autofree char *field = core_error_get_field (g_ptr_array_index (errors, i));
              if (field == NULL)
                __builtin_trap ();
            }
        }
    }
}

static void
check_dictionaries (JsonNode *root)
{
  g_autoptr (CoreDictionarySet) set = core_dictionary_set_new_from_json_node (root, NULL);
  g_autoptr (CoreDictionary) dictionary = core_dictionary_new_from_json_node ("fuzz", root, NULL);

  /* a dictionary that decodes encodes to one that decodes */
  if (dictionary != NULL)
    {
      g_autoptr (JsonNode) node = core_dictionary_to_json_node (dictionary);
      g_autoptr (CoreDictionary) again = core_dictionary_new_from_json_node ("fuzz", node, NULL);

      if (again == NULL ||
          core_dictionary_get_n_entries (again) != core_dictionary_get_n_entries (dictionary))
        __builtin_trap ();
    }
  if (set != NULL)
    {
      g_autoptr (JsonNode) node = core_dictionary_set_to_json_node (set);
      g_autoptr (CoreDictionarySet) again = core_dictionary_set_new_from_json_node (node, NULL);

      if (again == NULL || g_strcmp0 (core_dictionary_set_get_version (again),
                                      core_dictionary_set_get_version (set)) != 0)
        __builtin_trap ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static CoreDictionarySet *dictionaries = NULL;
  g_autoptr (JsonNode) root = NULL;

  if (dictionaries == NULL)
    {
      g_autoptr (GError) error = NULL;

      g_log_set_default_handler (quiet_log, NULL);
      dictionaries = core_dictionary_set_new_from_directory (
          core_dictionary_set_get_default_directory (), &error);
      if (dictionaries == NULL)
        g_error ("%s", error->message);
    }
  if (size > MAX_BODY)
    return 0;

  root = core_json_parse ((const char *) data, size, NULL);
  if (root == NULL)
    return 0;
  if (JSON_NODE_HOLDS_OBJECT (root))
    check_records (dictionaries, json_node_get_object (root));
  check_dictionaries (root);
  return 0;
}
