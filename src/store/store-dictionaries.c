/* store-dictionaries.c: the registry's pick-lists, kept for the next visit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk builds its forms' pick-lists from the dictionaries the registry
 * serves (GET /v1/dictionaries). It keeps the last copy with its version and
 * asks again after a login: an unchanged version costs no write, another
 * version replaces the copy whole. A copy is checked against its version
 * both when it is saved and when it is read back, so a damaged file is
 * noticed instead of offering a wrong list.
 */

#include "config.h"

#include "core-json.h"
#include "store-dictionaries.h"

/**
 * store_dictionaries_get_version:
 *
 * Returns: (transfer full) (nullable): the version of the kept copy; %NULL
 *   with %STORE_ERROR_NOT_FOUND when none is kept yet
 */
char *
store_dictionaries_get_version (StoreDatabase *db, GError **error)
{
  sqlite3 *handle = store_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  char *version = NULL;
  int rc;

  rc =
      sqlite3_prepare_v2 (handle, "SELECT version FROM dictionaries WHERE id = 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, STORE_ERROR, STORE_ERROR_NOT_FOUND, "no dictionaries kept");
  else
    store_error_set_from_sqlite (error, handle, rc, "reading the dictionaries' version");
  sqlite3_finalize (stmt);
  return version;
}

/**
 * store_dictionaries_load:
 *
 * Returns: (transfer full) (nullable): the kept dictionaries; %NULL with
 *   %STORE_ERROR_NOT_FOUND when none are kept, or %STORE_ERROR_CORRUPT when
 *   the copy no longer matches its version
 */
CoreDictionarySet *
store_dictionaries_load (StoreDatabase *db, GError **error)
{
  sqlite3 *handle = store_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error_local = NULL;
  CoreDictionarySet *set = NULL;
  int rc;

  rc =
      sqlite3_prepare_v2 (handle, "SELECT content FROM dictionaries WHERE id = 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    node = core_json_parse ((const char *) sqlite3_column_text (stmt, 0),
                            (gsize) sqlite3_column_bytes (stmt, 0), &error_local);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, STORE_ERROR, STORE_ERROR_NOT_FOUND, "no dictionaries kept");
  else
    store_error_set_from_sqlite (error, handle, rc, "reading the dictionaries");
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return NULL;

  if (node != NULL)
    set = core_dictionary_set_new_from_json_node (node, &error_local);
  if (set == NULL)
    g_set_error (error, STORE_ERROR, STORE_ERROR_CORRUPT, "the kept dictionaries are damaged: %s",
                 error_local->message);
  return set;
}

typedef struct
{
  const char *version;
  const char *content;
  gboolean changed;
} Save;

static gboolean
save_cb (StoreDatabase *db, gpointer user_data, GError **error)
{
  Save *save = user_data;
  g_autofree char *kept = store_dictionaries_get_version (db, NULL);
  sqlite3 *handle = store_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int rc;

  save->changed = FALSE;
  if (g_strcmp0 (kept, save->version) == 0)
    return TRUE;
  rc = sqlite3_prepare_v2 (handle,
                           "INSERT INTO dictionaries (id, version, content, fetched_at)"
                           " VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                           " version = excluded.version, content = excluded.content,"
                           " fetched_at = excluded.fetched_at",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, save->version, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 2, save->content, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return store_error_set_from_sqlite (error, handle, rc, "keeping the dictionaries");
  save->changed = TRUE;
  return TRUE;
}

/**
 * store_dictionaries_save:
 * @served: the body of `GET /v1/dictionaries`
 * @out_changed: (out) (optional): %TRUE when the copy was replaced
 *
 * Keeps @served unless the kept copy has its version already. A body that
 * does not read back as a dictionary set of its version is refused and the
 * kept copy stays.
 */
gboolean
store_dictionaries_save (StoreDatabase *db, JsonNode *served, gboolean *out_changed, GError **error)
{
  g_autoptr (CoreDictionarySet) set = NULL;
  g_autofree char *content = NULL;
  Save save = { NULL, NULL, FALSE };

  if (out_changed != NULL)
    *out_changed = FALSE;
  set = core_dictionary_set_new_from_json_node (served, error);
  if (set == NULL)
    return FALSE;
  content = json_to_string (served, FALSE);
  save.version = core_dictionary_set_get_version (set);
  save.content = content;
  if (!store_database_transaction (db, save_cb, &save, error))
    return FALSE;
  if (out_changed != NULL)
    *out_changed = save.changed;
  return TRUE;
}
