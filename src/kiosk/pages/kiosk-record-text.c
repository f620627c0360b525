/* kiosk-record-text.c: a practice record's fields as the kiosk shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists, details and forms show a record the same way: a dictionary field
 * by its entry's label in the kiosk's language (the record holds the code),
 * an empty open end as 至今, numbers without trailing zeros, a list field
 * (a registration's specialties) one item a line.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-api-error.h"
#include "kiosk-pick-list.h"
#include "kiosk-record-text.h"
#include "sync-error.h"

static char *
value_text (const CoreRecordField *field, JsonNode *node, CoreDictionarySet *dictionaries)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return (field->flags & CORE_FIELD_OPEN_END) != 0 ? g_strdup (_ ("Until now")) : NULL;

  switch (field->type)
    {
      case CORE_FIELD_DICTIONARY:
        {
          CoreDictionary *dictionary =
              dictionaries != NULL ? core_dictionary_set_lookup (dictionaries, field->dictionary)
                                   : NULL;
          const char *code =
              json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
          const CoreDictionaryEntry *entry =
              dictionary != NULL && code != NULL ? core_dictionary_lookup (dictionary, code) : NULL;

          if (entry != NULL)
            return g_strdup (
                core_dictionary_entry_get_label (entry, kiosk_pick_list_get_language ()));
          return g_strdup (code);
        }
      case CORE_FIELD_NUMBER:
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          if (!JSON_NODE_HOLDS_VALUE (node))
            return NULL;
          return g_strdup (
              g_ascii_formatd (buffer, sizeof buffer, "%.15g", json_node_get_double (node)));
        }
      case CORE_FIELD_LIST:
        {
          g_autoptr (GString) text = g_string_new (NULL);
          JsonArray *items = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

          for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
            {
              JsonNode *item = json_array_get_element (items, i);
              g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
              g_autofree char *line = NULL;

              if (!JSON_NODE_HOLDS_OBJECT (item))
                continue;
              for (guint f = 0; f < field->n_items; f++)
                {
                  char *part = kiosk_record_text_field (&field->items[f],
                                                        json_node_get_object (item), dictionaries);
                  if (part != NULL)
                    g_ptr_array_add (parts, part);
                }
              g_ptr_array_add (parts, NULL);
              line = g_strjoinv (" · ", (char **) parts->pdata);
              if (text->len > 0)
                g_string_append_c (text, '\n');
              g_string_append (text, line);
            }
          return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
        }
      case CORE_FIELD_TEXT:
      case CORE_FIELD_DATE:
      case CORE_FIELD_YEAR_MONTH:
      default:
        if (json_node_get_value_type (node) != G_TYPE_STRING)
          return NULL;
        return g_strdup (json_node_get_string (node));
    }
}

/**
 * kiosk_record_text_field:
 * @field: a field of the record's kind
 * @record: the record
 * @dictionaries: (nullable): the pick-lists, for the labels of codes
 *
 * Returns: (transfer full) (nullable): the field's value as shown, or
 *   %NULL when the record has none
 */
char *
kiosk_record_text_field (const CoreRecordField *field,
                         JsonObject *record,
                         CoreDictionarySet *dictionaries)
{
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  return value_text (field, json_object_get_member (record, field->name), dictionaries);
}

/**
 * kiosk_record_text_summary:
 *
 * Returns: (transfer full): the record's key fields in one line, as a
 *   list's row shows it
 */
char *
kiosk_record_text_summary (const CoreRecordKind *kind,
                           JsonObject *record,
                           CoreDictionarySet *dictionaries)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      g_autofree char *value = NULL;

      if (!core_record_field_is_key (&kind->fields[i]))
        continue;
      value = kiosk_record_text_field (&kind->fields[i], record, dictionaries);
      if (value == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The record's id as the registry gave it, or 0. */
gint64
kiosk_record_text_id (JsonObject *record)
{
  JsonNode *node = record != NULL ? json_object_get_member (record, "id") : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

/**
 * kiosk_record_text_problem:
 * @error: what a practice-information call failed with
 *
 * Returns: (transfer full): what the person reads
 */
char *
kiosk_record_text_problem (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == SYNC_ERROR && error->code != SYNC_ERROR_BAD_RESPONSE)
    return g_strdup (_ ("Practice information is kept on the registry, which cannot be reached "
                        "now. Nothing was changed. Please try again later."));
  if (error->domain == CORE_API_ERROR)
    switch (error->code)
      {
        case CORE_API_ERROR_SESSION_INVALID:
          return g_strdup (_ ("Your login has ended. Please log in again."));
        case CORE_API_ERROR_RECORD_LIMIT:
          return g_strdup (_ ("This section holds as many records as it may. Delete one to add "
                              "another."));
        case CORE_API_ERROR_NOT_FOUND:
          return g_strdup (_ ("This record is no longer there."));
        case CORE_API_ERROR_INVALID_FIELD:
        case CORE_API_ERROR_MISSING_FIELD:
          return g_strdup (
              _ ("The registry did not accept some of the fields. Please check them."));
        default:
          break;
      }
  return g_strdup (_ ("The registry could not handle this request. Please try again later, or "
                      "ask the staff at the window."));
}
