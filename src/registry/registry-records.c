/* registry-records.c: a practitioner's practice-information records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every kind of the table in core-record-kind.c is kept the same way: one
 * row per record, the record itself a JSON object the kind's description
 * has validated, a version that counts its changes. The editable kinds
 * belong to a person (practice_records); the read-only ones are imported by
 * document (imported_records, see registry-imports.c) and belong to whoever
 * is filed with that document. Nothing here knows a kind by name.
 *
 * A change is one transaction with its audit row, which names the person,
 * the kind, the record, the action and the device, never a value.
 */

#include "config.h"

#include "registry-attachments.h"
#include "registry-records.h"
#include "registry-subject-private.h"

/* Newest first: ids only grow. */
#define OWN_COLUMNS "SELECT id, version, document FROM practice_records"
#define IMPORTED_COLUMNS                                                                           \
  "SELECT i.id, 1, i.document FROM imported_records i JOIN persons p"                              \
  " ON p.doc_type = i.doc_type AND p.doc_number = i.doc_number"

/**
 * registry_records_list:
 *
 * Returns: (transfer full) (nullable): @person_id's records of @kind, newest
 *   first, as rows of id, version, document (REGISTRY_RECORD_…)
 */
RegistryRows *
registry_records_list (RegistryStorage *storage,
                       const CoreRecordKind *kind,
                       const char *person_id,
                       GError **error)
{
  RegistryRows *rows = NULL;
  const char *sql = kind->editable ? OWN_COLUMNS " WHERE person_id = $1 AND kind = $2"
                                                 " ORDER BY id DESC"
                                   : IMPORTED_COLUMNS " WHERE p.person_id = $1 AND i.kind = $2"
                                                      " ORDER BY i.id DESC";

  if (!registry_storage_query (storage, sql, (const char *[]){ person_id, kind->name }, 2, &rows,
                               NULL, error))
    return NULL;
  return rows;
}

/**
 * registry_record_get:
 *
 * Returns: (transfer full) (nullable): no row when @id is not a record of
 *   @kind of @person_id's, else one row of id, version, document
 */
RegistryRows *
registry_record_get (RegistryStorage *storage,
                     const CoreRecordKind *kind,
                     const char *person_id,
                     gint64 id,
                     GError **error)
{
  g_autofree char *id_text = registry_int_text (id);
  RegistryRows *rows = NULL;
  const char *sql = kind->editable ? OWN_COLUMNS " WHERE person_id = $1 AND kind = $2 AND id = $3"
                                   : IMPORTED_COLUMNS
                        " WHERE p.person_id = $1 AND i.kind = $2 AND i.id = $3";

  if (!registry_storage_query (storage, sql, (const char *[]){ person_id, kind->name, id_text }, 3,
                               &rows, NULL, error))
    return NULL;
  return rows;
}

/**
 * registry_records_count:
 *
 * Returns: (transfer full) (nullable): rows of kind name and count, for every
 *   kind @person_id has records of
 */
RegistryRows *
registry_records_count (RegistryStorage *storage, const char *person_id, GError **error)
{
  RegistryRows *rows = NULL;

  if (!registry_storage_query (storage,
                               "SELECT kind, count(*) FROM practice_records WHERE person_id = $1"
                               " GROUP BY kind UNION ALL"
                               " SELECT i.kind, count(*) FROM imported_records i JOIN persons p"
                               " ON p.doc_type = i.doc_type AND p.doc_number = i.doc_number"
                               " WHERE p.person_id = $1 GROUP BY i.kind",
                               (const char *[]){ person_id }, 1, &rows, NULL, error))
    return NULL;
  return rows;
}

static gboolean
audit (RegistryStorage *storage,
       const char *now,
       const char *device,
       const char *action,
       const char *person_id,
       const char *kind,
       const char *id,
       GError **error)
{
  return registry_storage_query (storage,
                                 "INSERT INTO audit_log (at, device_id, action, person_id, kind,"
                                 " record_id) VALUES ($1, $2, $3, $4, $5, $6)",
                                 (const char *[]){ now, device, action, person_id, kind, id }, 6,
                                 NULL, NULL, error);
}

typedef struct
{
  const CoreRecordKind *kind;
  const char *person_id;
  const char *device;
  const char *now;
  gint64 id;
  gint64 version;
  const char *document;
  RegistryRows *current;
  RegistryVerdict *verdict;
} Change;

static gboolean
create_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  Change *change = user_data;
  g_autoptr (RegistryRows) rows = NULL;
  g_autoptr (RegistryRows) inserted = NULL;
  g_autofree char *sql = NULL;

  /* the person's row is the lock that keeps two parallel creates from both
   * passing the count (SQLite's write transaction holds the whole file) */
  sql = g_strdup_printf ("SELECT person_id FROM persons WHERE person_id = $1%s",
                         registry_storage_for_update (storage));
  if (!registry_storage_query (storage, sql, (const char *[]){ change->person_id }, 1, NULL, NULL,
                               error) ||
      !registry_storage_query (storage,
                               "SELECT count(*) FROM practice_records WHERE person_id = $1"
                               " AND kind = $2",
                               (const char *[]){ change->person_id, change->kind->name }, 2, &rows,
                               NULL, error))
    return FALSE;
  if (registry_rows_get_int (rows, 0, 0) >= change->kind->max_records)
    {
      registry_verdict_refuse (change->verdict, CORE_API_ERROR_RECORD_LIMIT);
      return TRUE;
    }
  if (!registry_storage_query (
          storage,
          "INSERT INTO practice_records (person_id, kind, version, document,"
          " created_at, updated_at) VALUES ($1, $2, 1, $3, $4, $4)"
          " RETURNING id",
          (const char *[]){ change->person_id, change->kind->name, change->document, change->now },
          4, &inserted, NULL, error) ||
      !audit (storage, change->now, change->device, "record.create", change->person_id,
              change->kind->name, registry_rows_get (inserted, 0, 0), error))
    return FALSE;
  change->id = registry_rows_get_int (inserted, 0, 0);
  registry_verdict_accept (change->verdict);
  return TRUE;
}

/**
 * registry_record_create:
 * @document: the record, validated against @kind, as JSON text
 * @out_id: (out): the new record's id (its version is 1)
 * @out_verdict: (out): refused with `record_limit` when @person_id already
 *   has @kind's max_records records of it
 *
 * Adds a record of an editable kind, and its audit row.
 */
gboolean
registry_record_create (RegistryStorage *storage,
                        const CoreRecordKind *kind,
                        const char *person_id,
                        gint64 device_id,
                        gint64 now,
                        const char *document,
                        gint64 *out_id,
                        RegistryVerdict *out_verdict,
                        GError **error)
{
  g_autofree char *device = registry_int_text (device_id);
  g_autofree char *now_text = registry_int_text (now);
  Change change = { kind, person_id, device, now_text, 0, 0, document, NULL, out_verdict };

  g_return_val_if_fail (kind->editable, FALSE);
  if (!registry_storage_transaction (storage, create_cb, &change, error))
    return FALSE;
  *out_id = change.id;
  return TRUE;
}

/* After an update or delete that matched nothing: the record is not the
 * person's (404), or its version moved on (409, with the record as it is). */
static gboolean
refuse_missed (RegistryStorage *storage, Change *change, GError **error)
{
  g_clear_pointer (&change->current, registry_rows_free);
  change->current =
      registry_record_get (storage, change->kind, change->person_id, change->id, error);
  if (change->current == NULL)
    return FALSE;
  registry_verdict_refuse (change->verdict, change->current->n_rows == 0 ? CORE_API_ERROR_NOT_FOUND
                                                                         : CORE_API_ERROR_CONFLICT);
  return TRUE;
}

static gboolean
update_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  Change *change = user_data;
  g_autofree char *id = registry_int_text (change->id);
  g_autofree char *version = registry_int_text (change->version);
  gint64 changed = 0;

  /* one statement compares and sets the version: of parallel updates from
   * the same version exactly one matches */
  if (!registry_storage_query (storage,
                               "UPDATE practice_records SET document = $1, version = version + 1,"
                               " updated_at = $2 WHERE id = $3 AND person_id = $4 AND kind = $5"
                               " AND version = $6",
                               (const char *[]){ change->document, change->now, id,
                                                 change->person_id, change->kind->name, version },
                               6, NULL, &changed, error))
    return FALSE;
  if (changed == 0)
    return refuse_missed (storage, change, error);
  registry_verdict_accept (change->verdict);
  return audit (storage, change->now, change->device, "record.update", change->person_id,
                change->kind->name, id, error);
}

/**
 * registry_record_update:
 * @version: the version the record was read at
 * @out_current: (out) (transfer full): when refused with `conflict`, the
 *   record as it is now (one row of id, version, document)
 * @out_verdict: (out): refused with `not_found` when @id is not a record of
 *   @kind of @person_id's, with `conflict` when its version is not @version
 *
 * Replaces a record of an editable kind; its version goes up by one.
 */
gboolean
registry_record_update (RegistryStorage *storage,
                        const CoreRecordKind *kind,
                        const char *person_id,
                        gint64 device_id,
                        gint64 now,
                        gint64 id,
                        gint64 version,
                        const char *document,
                        RegistryRows **out_current,
                        RegistryVerdict *out_verdict,
                        GError **error)
{
  g_autofree char *device = registry_int_text (device_id);
  g_autofree char *now_text = registry_int_text (now);
  Change change = { kind, person_id, device, now_text, id, version, document, NULL, out_verdict };

  g_return_val_if_fail (kind->editable, FALSE);
  if (!registry_storage_transaction (storage, update_cb, &change, error))
    {
      g_clear_pointer (&change.current, registry_rows_free);
      return FALSE;
    }
  *out_current = g_steal_pointer (&change.current);
  return TRUE;
}

static gboolean
delete_cb (RegistryStorage *storage, gpointer user_data, GError **error)
{
  Change *change = user_data;
  g_autofree char *id = registry_int_text (change->id);
  gint64 changed = 0;

  if (!registry_storage_query (storage,
                               "DELETE FROM practice_records WHERE id = $1 AND person_id = $2"
                               " AND kind = $3",
                               (const char *[]){ id, change->person_id, change->kind->name }, 3,
                               NULL, &changed, error))
    return FALSE;
  if (changed == 0)
    {
      registry_verdict_refuse (change->verdict, CORE_API_ERROR_NOT_FOUND);
      return TRUE;
    }
  registry_verdict_accept (change->verdict);
  /* its scans and photos go with it */
  return registry_attachments_delete_for_record (storage, change->person_id, change->kind->name,
                                                 change->id, error) &&
         audit (storage, change->now, change->device, "record.delete", change->person_id,
                change->kind->name, id, error);
}

/**
 * registry_record_delete:
 * @out_verdict: (out): refused with `not_found` when @id is not a record of
 *   @kind of @person_id's
 *
 * Removes a record of an editable kind.
 */
gboolean
registry_record_delete (RegistryStorage *storage,
                        const CoreRecordKind *kind,
                        const char *person_id,
                        gint64 device_id,
                        gint64 now,
                        gint64 id,
                        RegistryVerdict *out_verdict,
                        GError **error)
{
  g_autofree char *device = registry_int_text (device_id);
  g_autofree char *now_text = registry_int_text (now);
  Change change = { kind, person_id, device, now_text, id, 0, NULL, NULL, out_verdict };

  g_return_val_if_fail (kind->editable, FALSE);
  return registry_storage_transaction (storage, delete_cb, &change, error);
}
