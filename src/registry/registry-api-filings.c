/* registry-api-filings.c: POST /v1/filings and /v1/filings:batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-error.h"
#include "registry-api-private.h"
#include "registry-filings.h"

static void
add_result_members (JsonBuilder *builder, CoreFiling *filing, const RegistryFilingResult *result)
{
  json_builder_set_member_name (builder, "filing_id");
  json_builder_add_string_value (builder, core_filing_get_filing_id (filing));
  json_builder_set_member_name (builder, "person_id");
  json_builder_add_string_value (builder, result->person_id);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, registry_person_state_to_string (result->state));
  json_builder_set_member_name (builder, "phone_usable");
  json_builder_add_boolean_value (builder, result->phone_usable);
}

/* 201 for a new filing, 200 with the same answer for a retry. */
gboolean
registry_api_file (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autoptr (CoreFiling) filing = NULL;
  g_autoptr (GPtrArray) errors = core_filing_decode_json_node (request->json, &filing);
  g_autoptr (JsonBuilder) builder = NULL;
  RegistryFilingResult result;

  if (errors->len > 0)
    return registry_response_fail_fields (response, errors, error);
  if (!registry_filing_submit (request->storage, request->device_id, request->now, filing, &result,
                               error))
    return FALSE;

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  add_result_members (builder, filing, &result);
  json_builder_end_object (builder);
  registry_response_set_json (response, result.created ? 201 : 200, builder);
  return TRUE;
}

static void
free_filing (gpointer filing)
{
  if (filing != NULL)
    g_object_unref (filing);
}

/**
 * registry_api_decode_batch:
 * @root: the body: `{"filings": [ … ]}`
 * @out_item_errors: (out) (transfer full) (element-type GPtrArray): for each
 *   item, its problems (empty for a valid item)
 *
 * Returns: (transfer full) (element-type CoreFiling) (nullable): for each
 *   item its filing, or %NULL where the item is invalid; %NULL with @error
 *   when the envelope itself is wrong
 */
GPtrArray *
registry_api_decode_batch (JsonNode *root, GPtrArray **out_item_errors, GError **error)
{
  g_autoptr (GPtrArray) filings = NULL;
  g_autoptr (GPtrArray) item_errors = NULL;
  JsonObject *object;
  JsonNode *node;
  JsonArray *array;
  guint n;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_JSON,
                           "a batch is a JSON object {\"filings\": [...]}");
      return NULL;
    }
  object = json_node_get_object (root);
  if (json_object_get_size (object) != 1 ||
      (node = json_object_get_member (object, "filings")) == NULL)
    {
      core_error_set_field (error, CORE_ERROR_INVALID_FIELD, "filings",
                            "a batch has exactly one member, \"filings\"");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      core_error_set_field (error, CORE_ERROR_INVALID_FIELD, "filings", "must be an array");
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0 || n > REGISTRY_API_MAX_BATCH)
    {
      core_error_set_field (error, CORE_ERROR_INVALID_FIELD, "filings",
                            "a batch holds 1 to %d filings", REGISTRY_API_MAX_BATCH);
      return NULL;
    }

  filings = g_ptr_array_new_full (n, free_filing);
  item_errors = g_ptr_array_new_full (n, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < n; i++)
    {
      CoreFiling *filing = NULL;
      g_ptr_array_add (item_errors,
                       core_filing_decode_json_node (json_array_get_element (array, i), &filing));
      g_ptr_array_add (filings, filing);
    }
  *out_item_errors = g_steal_pointer (&item_errors);
  return g_steal_pointer (&filings);
}

/* Echoes the filing_id of an invalid item when it is a well-formed one, so
 * the client can match the answer to its outbox entry. */
static void
add_item_filing_id (JsonBuilder *builder, JsonNode *item)
{
  JsonNode *id_node = JSON_NODE_HOLDS_OBJECT (item)
                          ? json_object_get_member (json_node_get_object (item), "filing_id")
                          : NULL;
  g_autofree char *lower = NULL;

  if (id_node == NULL || !JSON_NODE_HOLDS_VALUE (id_node) ||
      json_node_get_value_type (id_node) != G_TYPE_STRING ||
      !g_uuid_string_is_valid (json_node_get_string (id_node)))
    return;
  lower = g_ascii_strdown (json_node_get_string (id_node), -1);
  json_builder_set_member_name (builder, "filing_id");
  json_builder_add_string_value (builder, lower);
}

/* 200 with one result per filing, each with its own status: a bad or
 * refused filing does not stop the others. */
gboolean
registry_api_file_batch (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autoptr (GPtrArray) filings = NULL;
  g_autoptr (GPtrArray) item_errors = NULL;
  g_autoptr (GError) envelope_error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree RegistryFilingResult *results = NULL;
  g_autofree GError **storage_errors = NULL;
  JsonArray *items;
  guint n;

  filings = registry_api_decode_batch (request->json, &item_errors, &envelope_error);
  if (filings == NULL)
    {
      g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
      g_ptr_array_add (errors, g_steal_pointer (&envelope_error));
      return registry_response_fail_fields (response, errors, error);
    }

  n = filings->len;
  results = g_new0 (RegistryFilingResult, n);
  storage_errors = g_new0 (GError *, n);
  if (!registry_filing_submit_batch (request->storage, request->device_id, request->now,
                                     (CoreFiling *const *) filings->pdata, n, results,
                                     storage_errors, error))
    return FALSE;

  items = json_node_get_array (
      json_object_get_member (json_node_get_object (request->json), "filings"));
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      CoreFiling *filing = g_ptr_array_index (filings, i);
      GPtrArray *errors = g_ptr_array_index (item_errors, i);
      guint status;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, i);
      if (filing != NULL && storage_errors[i] == NULL)
        {
          json_builder_set_member_name (builder, "status");
          json_builder_add_int_value (builder, results[i].created ? 201 : 200);
          add_result_members (builder, filing, &results[i]);
        }
      else if (filing != NULL)
        {
          json_builder_set_member_name (builder, "filing_id");
          json_builder_add_string_value (builder, core_filing_get_filing_id (filing));
          json_builder_set_member_name (builder, "error");
          status = registry_error_build_json (builder, storage_errors[i], NULL, NULL);
          json_builder_set_member_name (builder, "status");
          json_builder_add_int_value (builder, status);
          g_clear_error (&storage_errors[i]);
        }
      else
        {
          add_item_filing_id (builder, json_array_get_element (items, i));
          json_builder_set_member_name (builder, "error");
          status = registry_error_build_json (builder, g_ptr_array_index (errors, 0), errors, NULL);
          json_builder_set_member_name (builder, "status");
          json_builder_add_int_value (builder, status);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}
