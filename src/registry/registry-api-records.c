/* registry-api-records.c: practice information: the kinds, the dictionaries, the records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every kind of the table in core-record-kind.c is served by the same
 * handful of routes with a {kind} parameter; the dispatcher has already
 * refused an unknown kind or id (404) and a write to a read-only kind (405),
 * so every handler here has a known kind. Bodies are validated with the
 * kind's description and stored as the JSON object it accepted; answers
 * are that object with the record's "id" and "version".
 */

#include "config.h"

#include <string.h>

#include "core-error.h"
#include "core-privacy.h"
#include "registry-api-private.h"
#include "registry-persons.h"
#include "registry-records.h"

/* GET /v1/record-kinds: the kind table, for any client to build its forms. */
gboolean
registry_api_record_kinds (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  registry_response_set_bytes (response, 200, "application/json", request->api->kinds_json);
  return TRUE;
}

/* GET /v1/dictionaries: every pick-list, with the set's version as an ETag
 * too, so a client that has this version already is answered 304 without a
 * body. */
gboolean
registry_api_dictionaries (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  const char *etag = request->api->dictionaries_etag;

  registry_response_add_header (response, "ETag", etag);
  if (request->if_none_match != NULL && strstr (request->if_none_match, etag) != NULL)
    {
      response->status = 304;
      return TRUE;
    }
  registry_response_set_bytes (response, 200, "application/json", request->api->dictionaries_json);
  return TRUE;
}

/* GET /v1/me: basic information from the person's identity record,
 * the login phone masked, and how many records of each kind there are (the
 * practitioner's home shows the counts on its tiles). */
gboolean
registry_api_me (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (RegistryRows) counts = NULL;
  g_autofree char *masked = core_mask_phone (request->login_phone);
  guint n_kinds;
  const CoreRecordKind *kinds = core_record_kinds_get (&n_kinds);

  counts = registry_records_count (request->storage, request->person_id, error);
  if (counts == NULL)
    return FALSE;
  json_builder_begin_object (builder);
  if (!registry_api_add_person (request, builder, request->person_id, masked, error))
    return FALSE;
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (guint k = 0; k < n_kinds; k++)
    {
      gint64 count = 0;

      for (guint r = 0; r < counts->n_rows; r++)
        {
          if (g_strcmp0 (registry_rows_get (counts, r, 0), kinds[k].name) == 0)
            count += registry_rows_get_int (counts, r, 1);
        }
      json_builder_set_member_name (builder, kinds[k].name);
      json_builder_add_int_value (builder, count);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}

/* ---- records ---- */

static const CoreRecordKind *
kind_of (RegistryRequest *request)
{
  return core_record_kind_lookup (registry_request_get_param (request, "kind"));
}

static gint64
id_of (RegistryRequest *request)
{
  return g_ascii_strtoll (registry_request_get_param (request, "id"), NULL, 10);
}

/* A stored document is a JSON object the registry wrote itself: the
 * record's id and version go in front of its members, without parsing it. */
static void
append_record (GString *out, RegistryRows *rows, guint row)
{
  const char *document = registry_rows_get (rows, row, REGISTRY_RECORD_DOCUMENT);

  g_string_append_printf (out, "{\"id\":%s,\"version\":%s",
                          registry_rows_get (rows, row, REGISTRY_RECORD_ID),
                          registry_rows_get (rows, row, REGISTRY_RECORD_VERSION));
  if (document == NULL || document[0] != '{' || !g_str_has_suffix (document, "}"))
    {
      /* only a hand-edited database gets here; the record's fields are lost
       * from the answer rather than the answer broken */
      g_warning ("record %s has no JSON object stored", registry_rows_get (rows, row, 0));
      g_string_append_c (out, '}');
      return;
    }
  if (document[1] != '}')
    g_string_append_c (out, ',');
  g_string_append (out, document + 1);
}

static void
set_json_text (RegistryResponse *response, guint status, GString *text)
{
  gsize length = text->len;
  g_autoptr (GBytes) bytes = g_bytes_new_take (g_string_free (text, FALSE), length);

  registry_response_set_bytes (response, status, "application/json", bytes);
}

static void
set_record (RegistryResponse *response, guint status, RegistryRows *rows)
{
  GString *out = g_string_new (NULL);

  append_record (out, rows, 0);
  set_json_text (response, status, out);
}

/* GET /v1/me/{kind}: the person's records of a kind, newest first. */
gboolean
registry_api_records_list (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  const CoreRecordKind *kind = kind_of (request);
  g_autoptr (RegistryRows) rows =
      registry_records_list (request->storage, kind, request->person_id, error);
  GString *out;

  if (rows == NULL)
    return FALSE;
  out = g_string_new ("{\"kind\":\"");
  g_string_append (out, kind->name);
  g_string_append (out, "\",\"records\":[");
  for (guint i = 0; i < rows->n_rows; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_record (out, rows, i);
    }
  g_string_append (out, "]}");
  set_json_text (response, 200, out);
  return TRUE;
}

static gboolean
refuse_not_found (GError **error)
{
  g_set_error_literal (error, CORE_API_ERROR, CORE_API_ERROR_NOT_FOUND,
                       core_api_error_get_message (CORE_API_ERROR_NOT_FOUND));
  return FALSE;
}

/* GET /v1/me/{kind}/{id}: one record; another person's is not found. */
gboolean
registry_api_record_get (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autoptr (RegistryRows) rows = registry_record_get (request->storage, kind_of (request),
                                                       request->person_id, id_of (request), error);

  if (rows == NULL)
    return FALSE;
  if (rows->n_rows == 0)
    return refuse_not_found (error);
  set_record (response, 200, rows);
  return TRUE;
}

/* Validates the body as a record of @kind and gives what is stored: the
 * record's fields without "id", "version" and nulls. */
static char *
checked_document (RegistryRequest *request,
                  RegistryResponse *response,
                  const CoreRecordKind *kind,
                  CoreRecordValidateFlags flags,
                  gint64 *out_version,
                  GError **error)
{
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *body;
  JsonObject *document;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (request->json == NULL || !JSON_NODE_HOLDS_OBJECT (request->json))
    {
      g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_JSON, "a record is a JSON object");
      return NULL;
    }
  body = json_node_get_object (request->json);
  if (!core_record_validate (kind, request->api->dictionaries, body, flags, &errors))
    {
      registry_response_fail_fields (response, errors, error);
      return NULL;
    }
  if ((flags & CORE_RECORD_VALIDATE_UPDATE) != 0)
    {
      member = json_object_get_member (body, "id");
      if (member != NULL && !JSON_NODE_HOLDS_NULL (member) &&
          json_node_get_int (member) != id_of (request))
        {
          g_autoptr (GPtrArray) id_errors =
              g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
          GError *id_error = NULL;

          core_error_set_field (&id_error, CORE_ERROR_INVALID_FIELD, "id",
                                "is not the record of the path");
          g_ptr_array_add (id_errors, id_error);
          registry_response_fail_fields (response, id_errors, error);
          return NULL;
        }
      *out_version = json_object_get_int_member (body, "version");
    }

  document = json_object_new ();
  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (strcmp (name, "id") == 0 || strcmp (name, "version") == 0 ||
          JSON_NODE_HOLDS_NULL (member))
        continue;
      json_object_set_member (document, name, json_node_copy (member));
    }
  node = json_node_init_object (json_node_alloc (), document);
  json_object_unref (document);
  return json_to_string (node, FALSE);
}

/* POST /v1/me/{kind}: a new record of an editable kind. */
gboolean
registry_api_record_add (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  const CoreRecordKind *kind = kind_of (request);
  RegistryVerdict verdict = { 0 };
  g_autofree char *document = NULL;
  g_autoptr (RegistryRows) rows = NULL;
  gint64 id;

  document = checked_document (request, response, kind, CORE_RECORD_VALIDATE_NONE, NULL, error);
  if (document == NULL)
    return FALSE;
  if (!registry_record_create (request->storage, kind, request->person_id, request->device_id,
                               request->now, document, &id, &verdict, error))
    return FALSE;
  if (verdict.refused)
    return registry_response_refuse (response, &verdict, error);
  g_message ("person %s added %s record %" G_GINT64_FORMAT, request->person_id, kind->name, id);
  rows = registry_rows_new (1, 3);
  rows->values[REGISTRY_RECORD_ID] = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  rows->values[REGISTRY_RECORD_VERSION] = g_strdup ("1");
  rows->values[REGISTRY_RECORD_DOCUMENT] = g_steal_pointer (&document);
  set_record (response, 201, rows);
  return TRUE;
}

/* PUT /v1/me/{kind}/{id}: the whole record, with the version it was read
 * at; a stale version is a 409 `conflict` carrying the current record. */
gboolean
registry_api_record_update (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  const CoreRecordKind *kind = kind_of (request);
  gint64 id = id_of (request);
  RegistryVerdict verdict = { 0 };
  g_autofree char *document = NULL;
  g_autoptr (RegistryRows) current = NULL;
  g_autoptr (RegistryRows) rows = NULL;
  gint64 version = 0;

  document =
      checked_document (request, response, kind, CORE_RECORD_VALIDATE_UPDATE, &version, error);
  if (document == NULL)
    return FALSE;
  if (!registry_record_update (request->storage, kind, request->person_id, request->device_id,
                               request->now, id, version, document, &current, &verdict, error))
    return FALSE;
  if (verdict.refused)
    {
      if (verdict.code == CORE_API_ERROR_CONFLICT && current != NULL && current->n_rows == 1)
        {
          GString *text = g_string_new (NULL);
          g_autoptr (JsonNode) node = NULL;

          append_record (text, current, 0);
          node = json_from_string (text->str, NULL);
          g_string_free (text, TRUE);
          registry_response_set_error_member (response, "current", g_steal_pointer (&node));
        }
      return registry_response_refuse (response, &verdict, error);
    }
  g_message ("person %s changed %s record %" G_GINT64_FORMAT, request->person_id, kind->name, id);
  rows = registry_rows_new (1, 3);
  rows->values[REGISTRY_RECORD_ID] = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  rows->values[REGISTRY_RECORD_VERSION] = g_strdup_printf ("%" G_GINT64_FORMAT, version + 1);
  rows->values[REGISTRY_RECORD_DOCUMENT] = g_steal_pointer (&document);
  set_record (response, 200, rows);
  return TRUE;
}

/* DELETE /v1/me/{kind}/{id}: answered with a body, as every call is, so a
 * client reads every answer the same way. */
gboolean
registry_api_record_delete (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  const CoreRecordKind *kind = kind_of (request);
  gint64 id = id_of (request);
  RegistryVerdict verdict = { 0 };
  g_autoptr (JsonBuilder) builder = NULL;

  if (!registry_record_delete (request->storage, kind, request->person_id, request->device_id,
                               request->now, id, &verdict, error))
    return FALSE;
  if (verdict.refused)
    return registry_response_refuse (response, &verdict, error);
  g_message ("person %s deleted %s record %" G_GINT64_FORMAT, request->person_id, kind->name, id);
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}
