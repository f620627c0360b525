/* registry-imports.c: the read-only practice sections, imported by operators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The read-only kinds of the record table (registrations, project
 * performance) come from the registration authority as files, loaded
 * by `admin import`. Each item is a record of its kind in the kind's field
 * names, plus the document of the person it belongs to (who may not be filed
 * yet). Other systems name pick-list entries by their labels: a dictionary
 * field may hold a code or a label, and is stored as the code. Every item
 * is validated as the API validates records; a file is one transaction, and
 * one bad item refuses the whole file.
 */

#include "config.h"

#include <string.h>

#include "core-error.h"
#include "idcard-document.h"
#include "registry-imports.h"
#include "registry-subject-private.h"

#define MAX_IMPORT_ITEMS 100000

static gboolean
check_document (JsonObject *item,
                char **out_doc_type,
                char **out_doc_number,
                guint index,
                GError **error)
{
  const char *names[] = { "doc_type", "doc_number" };
  const char *values[2] = { NULL, NULL };
  IdcardDocumentType type;
  g_autoptr (GError) error_local = NULL;
  g_autofree char *normalized = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *node = json_object_get_member (item, names[i]);

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                       "item %u: %s is required, as a string", index, names[i]);
          return FALSE;
        }
      values[i] = json_node_get_string (node);
    }
  if (!idcard_document_type_from_string (values[0], &type))
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "item %u: unknown doc_type", index);
      return FALSE;
    }
  normalized = idcard_document_number_normalize (values[1]);
  if (!idcard_document_number_check (type, normalized, &error_local))
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "item %u: doc_number: %s", index, error_local->message);
      return FALSE;
    }
  *out_doc_type = g_strdup (values[0]);
  *out_doc_number = g_steal_pointer (&normalized);
  return TRUE;
}

/* Replaces each dictionary field's label by its code, in place, in @record
 * and in the items of its list fields. */
static gboolean
labels_to_codes (const CoreRecordField *fields,
                 guint n_fields,
                 CoreDictionarySet *dictionaries,
                 JsonObject *record,
                 guint index,
                 GError **error)
{
  for (guint f = 0; f < n_fields; f++)
    {
      const CoreRecordField *field = &fields[f];
      JsonNode *node = json_object_get_member (record, field->name);

      if (node == NULL)
        continue;
      if (field->type == CORE_FIELD_LIST && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *items = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (items); i++)
            {
              JsonNode *item = json_array_get_element (items, i);
              if (JSON_NODE_HOLDS_OBJECT (item) &&
                  !labels_to_codes (field->items, field->n_items, dictionaries,
                                    json_node_get_object (item), index, error))
                return FALSE;
            }
        }
      if (field->type == CORE_FIELD_DICTIONARY && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        {
          CoreDictionary *dictionary = core_dictionary_set_lookup (dictionaries, field->dictionary);
          const char *value = json_node_get_string (node);
          const CoreDictionaryEntry *entry;

          if (core_dictionary_lookup (dictionary, value) != NULL)
            continue;
          entry = core_dictionary_lookup_label (dictionary, value);
          if (entry == NULL)
            {
              g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                           "item %u: %s: neither a code nor a label of the dictionary %s", index,
                           field->name, field->dictionary);
              return FALSE;
            }
          json_object_set_string_member (record, field->name, entry->code);
        }
    }
  return TRUE;
}

/* The item as its kind's record: validated, dictionary codes, nulls and the
 * document left out. */
static char *
item_document (const CoreRecordKind *kind,
               CoreDictionarySet *dictionaries,
               JsonObject *item,
               guint index,
               GError **error)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), json_object_new ());
  JsonObject *record = json_node_get_object (node);
  g_autoptr (GPtrArray) errors = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_unref (record); /* the node holds the only reference now */
  json_object_iter_init (&iter, item);
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (strcmp (name, "doc_type") == 0 || strcmp (name, "doc_number") == 0 ||
          JSON_NODE_HOLDS_NULL (member))
        continue;
      json_object_set_member (record, name, json_node_copy (member));
    }
  if (!labels_to_codes (kind->fields, kind->n_fields, dictionaries, record, index, error))
    return NULL;
  if (!core_record_validate (kind, dictionaries, record, CORE_RECORD_VALIDATE_NONE, &errors))
    {
      const GError *first = g_ptr_array_index (errors, 0);
      g_autofree char *field = core_error_get_field (first);

      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT, "item %u: %s: %s", index,
                   field != NULL ? field : "record", first->message);
      return NULL;
    }
  return json_to_string (node, FALSE);
}

typedef struct
{
  const CoreRecordKind *kind;
  CoreDictionarySet *dictionaries;
  JsonArray *items;
  guint count;
} ImportData;

static gboolean
import_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  ImportData *data = user_data;
  g_autoptr (GHashTable) cleared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *now = registry_now_text ();

  data->count = 0;
  for (guint i = 0; i < json_array_get_length (data->items); i++)
    {
      JsonNode *item = json_array_get_element (data->items, i);
      g_autofree char *doc_type = NULL;
      g_autofree char *doc_number = NULL;
      g_autofree char *document = NULL;
      g_autofree char *key = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                       "item %u: not an object", i);
          return FALSE;
        }
      if (!check_document (json_node_get_object (item), &doc_type, &doc_number, i, error))
        return FALSE;
      document =
          item_document (data->kind, data->dictionaries, json_node_get_object (item), i, error);
      if (document == NULL)
        return FALSE;

      /* each document named gets exactly the records the file lists for it */
      key = g_strdup_printf ("%s/%s", doc_type, doc_number);
      if (!g_hash_table_contains (cleared, key))
        {
          g_hash_table_add (cleared, g_steal_pointer (&key));
          if (!registry_storage_query (storage,
                                       "DELETE FROM imported_records WHERE kind = $1"
                                       " AND doc_type = $2 AND doc_number = $3",
                                       (const char *[]){ data->kind->name, doc_type, doc_number },
                                       3, NULL, NULL, error))
            return FALSE;
        }
      if (!registry_storage_query (
              storage,
              "INSERT INTO imported_records (kind, doc_type, doc_number,"
              " document, imported_at) VALUES ($1, $2, $3, $4, $5)",
              (const char *[]){ data->kind->name, doc_type, doc_number, document, now }, 5, NULL,
              NULL, error))
        return FALSE;
      data->count++;
    }

  return registry_storage_query (
      storage, "INSERT INTO audit_log (at, action, kind) VALUES ($1, 'import', $2)",
      (const char *[]){ now, data->kind->name }, 2, NULL, NULL, error);
}

/**
 * registry_import_records:
 * @kind: a read-only kind
 * @root: the parsed file: `{"KIND": [ … ]}`, e.g. `{"projects": [ … ]}`
 *   (see docs/registry.md)
 *
 * Loads records of @kind in one transaction: every document named in the
 * file gets exactly the records the file lists for it. Any bad item refuses
 * the whole file, with an error naming the item's index and field.
 */
gboolean
registry_import_records (RegistryStorage *storage,
                         const CoreRecordKind *kind,
                         CoreDictionarySet *dictionaries,
                         JsonNode *root,
                         guint *out_count,
                         GError **error)
{
  ImportData data = { kind, dictionaries, NULL, 0 };
  JsonNode *node;

  g_return_val_if_fail (!kind->editable, FALSE);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      json_object_get_size (json_node_get_object (root)) != 1 ||
      (node = json_object_get_member (json_node_get_object (root), kind->name)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "the file must be a JSON object with one array \"%s\"", kind->name);
      return FALSE;
    }
  data.items = json_node_get_array (node);
  if (json_array_get_length (data.items) > MAX_IMPORT_ITEMS)
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "at most %d items per file", MAX_IMPORT_ITEMS);
      return FALSE;
    }
  if (!registry_storage_transaction (storage, import_cb, &data, error))
    return FALSE;
  if (out_count != NULL)
    *out_count = data.count;
  return TRUE;
}
