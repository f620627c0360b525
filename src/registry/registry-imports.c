/* registry-imports.c: registrations and projects imported by operators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The read-only practice sections (registrations, project performance
 * ) come from the registration authority as files, loaded by
 * `admin import`. A file is one transaction.
 */

#include "config.h"

#include <string.h>

#include "core-text.h"
#include "idcard-document.h"
#include "registry-imports.h"
#include "registry-subject-private.h"

#define MAX_IMPORT_TEXT 256
#define MAX_IMPORT_ITEMS 100000

typedef struct
{
  const char *name;
  gboolean required;
} ImportField;

/* Reads the listed members of @object as text (numbers are accepted and
 * written in decimal) into @out, checking type, size and presence. */
static gboolean
read_import_fields (JsonObject *object,
                    const ImportField *fields,
                    guint n_fields,
                    guint index,
                    char **out,
                    GError **error)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &node))
    {
      gboolean known = FALSE;
      for (guint f = 0; f < n_fields && !known; f++)
        known = g_strcmp0 (member, fields[f].name) == 0;
      if (!known && g_strcmp0 (member, "specialties") != 0)
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                       "item %u: unknown field", index);
          return FALSE;
        }
    }

  for (guint f = 0; f < n_fields; f++)
    {
      node = json_object_get_member (object, fields[f].name);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          if (fields[f].required)
            {
              g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                           "item %u: %s is required", index, fields[f].name);
              return FALSE;
            }
          continue;
        }
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        out[f] = g_strdup (json_node_get_string (node));
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        out[f] = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          out[f] = g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
        }
      else
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                       "item %u: %s must be a string", index, fields[f].name);
          return FALSE;
        }
      if (strlen (out[f]) > MAX_IMPORT_TEXT || *out[f] == '\0')
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                       "item %u: %s must be 1 to %d bytes", index, fields[f].name, MAX_IMPORT_TEXT);
          return FALSE;
        }
      if (core_text_get_problem (out[f]) != NULL)
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT, "item %u: %s %s",
                       index, fields[f].name, core_text_get_problem (out[f]));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_document (const char *doc_type, char **doc_number, guint index, GError **error)
{
  IdcardDocumentType type;
  g_autoptr (GError) error_local = NULL;
  char *normalized;

  if (!idcard_document_type_from_string (doc_type, &type))
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "item %u: unknown doc_type", index);
      return FALSE;
    }
  normalized = idcard_document_number_normalize (*doc_number);
  g_free (*doc_number);
  *doc_number = normalized;
  if (!idcard_document_number_check (type, *doc_number, &error_local))
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "item %u: doc_number: %s", index, error_local->message);
      return FALSE;
    }
  return TRUE;
}

static JsonArray *
get_item_array (JsonNode *root, const char *member, GError **error)
{
  JsonNode *node;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (node = json_object_get_member (json_node_get_object (root), member)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "the file must be a JSON object with an array \"%s\"", member);
      return NULL;
    }
  if (json_array_get_length (json_node_get_array (node)) > MAX_IMPORT_ITEMS)
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "at most %d items per file", MAX_IMPORT_ITEMS);
      return NULL;
    }
  return json_node_get_array (node);
}

static void
free_values (char **values, guint n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&values[i], g_free);
}

static const ImportField registration_fields[] = {
  { "doc_type", TRUE },     { "doc_number", TRUE },
  { "category", TRUE },     { "certificate_number", TRUE },
  { "seal_number", FALSE }, { "issued_on", FALSE },
  { "issuer", FALSE },      { "valid_until", FALSE },
  { "company", FALSE },     { "company_code", FALSE },
  { "status", FALSE },
};

static const ImportField specialty_fields[] = {
  { "specialty", TRUE },
  { "valid_from", FALSE },
  { "valid_until", FALSE },
};

static const ImportField project_fields[] = {
  { "doc_type", TRUE },        { "doc_number", TRUE },  { "name", TRUE },
  { "code", FALSE },           { "category", FALSE },   { "owner", FALSE },
  { "role", FALSE },           { "started_on", FALSE }, { "completed_on", FALSE },
  { "investment_wan", FALSE }, { "area_m2", FALSE },    { "location", FALSE },
};

typedef struct
{
  JsonArray *items;
  gboolean projects;
  guint count;
} ImportData;

/* Each document in the file gets exactly the records the file lists for it:
 * its earlier imported records are replaced. */
static gboolean
clear_document (RegistryStorage *storage,
                GHashTable *cleared,
                gboolean projects,
                const char *doc_type,
                const char *doc_number,
                GError **error)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", doc_type, doc_number);

  if (g_hash_table_contains (cleared, key))
    return TRUE;
  g_hash_table_add (cleared, g_steal_pointer (&key));
  if (projects)
    return registry_storage_query (storage,
                                   "DELETE FROM projects WHERE doc_type = $1 AND doc_number = $2",
                                   (const char *[]){ doc_type, doc_number }, 2, NULL, NULL, error);
  return registry_storage_query (storage,
                                 "DELETE FROM registration_specialties WHERE registration_id IN"
                                 " (SELECT id FROM registrations WHERE doc_type = $1"
                                 " AND doc_number = $2)",
                                 (const char *[]){ doc_type, doc_number }, 2, NULL, NULL, error) &&
         registry_storage_query (storage,
                                 "DELETE FROM registrations WHERE doc_type = $1"
                                 " AND doc_number = $2",
                                 (const char *[]){ doc_type, doc_number }, 2, NULL, NULL, error);
}

static gboolean
import_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  ImportData *data = user_data;
  g_autoptr (GHashTable) cleared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *now = registry_now_text ();
  const ImportField *fields = data->projects ? project_fields : registration_fields;
  guint n_fields =
      data->projects ? G_N_ELEMENTS (project_fields) : G_N_ELEMENTS (registration_fields);

  data->count = 0;
  for (guint i = 0; i < json_array_get_length (data->items); i++)
    {
      JsonNode *item = json_array_get_element (data->items, i);
      char *values[16] = { NULL };
      const char *params[16];
      g_autoptr (RegistryRows) rows = NULL;
      gboolean ok;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                       "item %u: not an object", i);
          return FALSE;
        }
      if (!read_import_fields (json_node_get_object (item), fields, n_fields, i, values, error) ||
          !check_document (values[0], &values[1], i, error) ||
          !clear_document (storage, cleared, data->projects, values[0], values[1], error))
        {
          free_values (values, n_fields);
          return FALSE;
        }
      for (guint f = 0; f < n_fields; f++)
        params[f] = values[f];
      params[n_fields] = now;

      if (data->projects)
        ok = registry_storage_query (storage,
                                     "INSERT INTO projects (doc_type, doc_number, name, code,"
                                     " category, owner, role, started_on, completed_on,"
                                     " investment_wan, area_m2, location, imported_at) VALUES"
                                     " ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                                     params, n_fields + 1, NULL, NULL, error);
      else
        ok = registry_storage_query (storage,
                                     "INSERT INTO registrations (doc_type, doc_number, category,"
                                     " certificate_number, seal_number, issued_on, issuer,"
                                     " valid_until, company, company_code, status, imported_at)"
                                     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                                     " RETURNING id",
                                     params, n_fields + 1, &rows, NULL, error);
      free_values (values, n_fields);
      if (!ok)
        return FALSE;

      if (!data->projects)
        {
          JsonNode *specialties =
              json_object_get_member (json_node_get_object (item), "specialties");
          const char *registration_id = registry_rows_get (rows, 0, 0);

          if (specialties != NULL && !JSON_NODE_HOLDS_NULL (specialties))
            {
              JsonArray *array;
              if (!JSON_NODE_HOLDS_ARRAY (specialties))
                {
                  g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                               "item %u: specialties must be an array", i);
                  return FALSE;
                }
              array = json_node_get_array (specialties);
              for (guint s = 0; s < json_array_get_length (array); s++)
                {
                  JsonNode *sp = json_array_get_element (array, s);
                  char *sv[3] = { NULL };
                  if (!JSON_NODE_HOLDS_OBJECT (sp) ||
                      !read_import_fields (json_node_get_object (sp), specialty_fields, 3, i, sv,
                                           error))
                    {
                      free_values (sv, 3);
                      if (error != NULL && *error == NULL)
                        g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                                     "item %u: a specialty is an object", i);
                      return FALSE;
                    }
                  ok = registry_storage_query (
                      storage,
                      "INSERT INTO registration_specialties"
                      " (registration_id, specialty, valid_from,"
                      " valid_until) VALUES ($1, $2, $3, $4)",
                      (const char *[]){ registration_id, sv[0], sv[1], sv[2] }, 4, NULL, NULL,
                      error);
                  free_values (sv, 3);
                  if (!ok)
                    return FALSE;
                }
            }
        }
      data->count++;
    }

  return registry_storage_query (
      storage,
      "INSERT INTO audit_log (at, action, detail)"
      " VALUES ($1, $2, $3)",
      (const char *[]){ now, data->projects ? "import.projects" : "import.registrations", NULL }, 3,
      NULL, NULL, error);
}

static gboolean
import_items (RegistryStorage *storage,
              JsonNode *root,
              gboolean projects,
              guint *out_count,
              GError **error)
{
  ImportData data = { NULL, projects, 0 };

  data.items = get_item_array (root, projects ? "projects" : "registrations", error);
  if (data.items == NULL)
    return FALSE;
  if (!registry_storage_transaction (storage, import_cb, &data, error))
    return FALSE;
  if (out_count != NULL)
    *out_count = data.count;
  return TRUE;
}

/**
 * registry_import_registrations:
 * @root: the parsed file: `{"registrations": [ … ]}` (see docs/registry.md)
 *
 * Loads registration information in one transaction: every document
 * named in the file gets exactly the registrations the file lists for it.
 * Any bad item refuses the whole file.
 */
gboolean
registry_import_registrations (RegistryStorage *storage,
                               JsonNode *root,
                               guint *out_count,
                               GError **error)
{
  return import_items (storage, root, FALSE, out_count, error);
}

/**
 * registry_import_projects:
 * @root: the parsed file: `{"projects": [ … ]}` (see docs/registry.md)
 *
 * Like registry_import_registrations() for project performance.
 */
gboolean
registry_import_projects (RegistryStorage *storage,
                          JsonNode *root,
                          guint *out_count,
                          GError **error)
{
  return import_items (storage, root, TRUE, out_count, error);
}
