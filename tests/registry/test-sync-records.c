/* test-sync-records.c: the kiosk's practice-information calls against a real registry process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every practice-information call of sync-registry.h, asynchronously as the kiosk makes them,
 * against a registry process on loopback with a filed, logged-in person:
 * values come back typed, refusals as the registry's CoreApiError codes, a
 * stale update with the record as it is now, and the dictionaries land in
 * the kiosk's store by version.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "core-api-error.h"
#include "registry-test-util.h"
#include "store-database.h"
#include "store-dictionaries.h"
#include "sync-registry.h"

#define ANSWER "K7MP"

static const char education[] =
    "{\"school\":\"同济大学\",\"major\":\"结构工程\",\"level\":\"21\","
    "\"graduated_on\":\"2015-07-01\",\"certificate_number\":\"102471201505001234\"}";

typedef struct
{
  RegistryTestCluster *cluster;
  RegistryTestProcess *process;
  char *url;
  char *spool;
  char *session;
  char *dir;
  SyncRegistry *records;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (SoupSession) soup = soup_session_new ();
  g_autoptr (SyncClient) client = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *spool_arg = NULL;
  g_autofree char *number = registry_test_resident_number (1985, 21);
  g_autofree char *phone = registry_test_phone_number (8521);

  fx->cluster = registry_test_cluster_start ();
  fx->url = registry_test_cluster_new_database (fx->cluster);
  token = registry_test_enroll_device (fx->url, "kiosk-1");
  fx->spool = g_build_filename (registry_test_cluster_get_dir (fx->cluster), "spool", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fx->spool, 0700), ==, 0);
  spool_arg = g_strconcat ("spool:", fx->spool, NULL);
  {
    const char *args[] = { "--sms", spool_arg, "--test-captcha-answer", ANSWER, NULL };
    fx->process = registry_test_process_start (fx->cluster, fx->url, args);
  }
  registry_test_file_person (soup, fx->process, token, 1985, 21, phone);
  fx->session =
      registry_test_person_session (soup, fx->process, token, fx->spool, ANSWER, number, phone);
  fx->dir = g_dir_make_tmp ("test-sync-records-XXXXXX", &error);
  g_assert_no_error (error);
  client = sync_client_new (fx->process->base_url, token, NULL, &error);
  g_assert_no_error (error);
  fx->records = sync_registry_new (client);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_autofree char *store = g_build_filename (fx->dir, "kiosk.db", NULL);
  g_autofree char *wal = g_strconcat (store, "-wal", NULL);
  g_autofree char *shm = g_strconcat (store, "-shm", NULL);

  g_clear_object (&fx->records);
  registry_test_process_stop (fx->process);
  registry_test_cluster_stop (fx->cluster);
  g_unlink (store);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->url);
  g_free (fx->spool);
  g_free (fx->session);
}

/* Runs the main loop until the call in flight has answered. */
static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonNode) node = json_from_string (text, NULL);
  return json_object_ref (json_node_get_object (node));
}

static void
test_calls (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (JsonObject) record = parse_object (education);
  g_autoptr (JsonObject) created = NULL;
  g_autoptr (JsonObject) updated = NULL;
  JsonObject *current = NULL;
  g_autoptr (JsonObject) me = NULL;
  g_autoptr (JsonObject) got = NULL;
  g_autoptr (JsonArray) kinds = NULL;
  g_autoptr (JsonArray) list = NULL;
  gint64 id;

  sync_registry_record_kinds_async (fx->records, fx->session, NULL, done_cb, &result);
  kinds = sync_registry_record_kinds_finish (fx->records, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (kinds, 0), "name"),
                   ==, "education");
  g_clear_object (&result);

  sync_registry_record_create_async (fx->records, fx->session,
                                     core_record_kind_lookup ("education"), record, NULL, done_cb,
                                     &result);
  created = sync_registry_record_create_finish (fx->records, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (created, "version"), ==, 1);
  id = json_object_get_int_member (created, "id");
  g_clear_object (&result);

  sync_registry_records_list_async (fx->records, fx->session, core_record_kind_lookup ("education"),
                                    NULL, done_cb, &result);
  list = sync_registry_records_list_finish (fx->records, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list, 0), "id"), ==,
                   id);
  g_clear_object (&result);

  sync_registry_me_async (fx->records, fx->session, NULL, done_cb, &result);
  me = sync_registry_me_finish (fx->records, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (me, "counts"), "education"), ==,
      1);
  g_clear_object (&result);

  /* an update from version 1, then another from version 1: the second is a
   * conflict that carries the record as the first left it */
  json_object_set_string_member (record, "major", "岩土工程");
  sync_registry_record_update_async (fx->records, fx->session,
                                     core_record_kind_lookup ("education"), id, 1, record, NULL,
                                     done_cb, &result);
  updated = sync_registry_record_update_finish (fx->records, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (updated, "version"), ==, 2);
  g_clear_object (&result);

  json_object_set_string_member (record, "major", "桥梁工程");
  sync_registry_record_update_async (fx->records, fx->session,
                                     core_record_kind_lookup ("education"), id, 1, record, NULL,
                                     done_cb, &result);
  g_assert_null (sync_registry_record_update_finish (fx->records, wait_result (&result), &error));
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_CONFLICT);
  current = core_api_error_get_current (error);
  g_assert_nonnull (current);
  g_assert_cmpint (json_object_get_int_member (current, "version"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (current, "major"), ==, "岩土工程");
  g_clear_error (&error);
  g_clear_object (&result);

  sync_registry_record_get_async (fx->records, fx->session, core_record_kind_lookup ("education"),
                                  id, NULL, done_cb, &result);
  got = sync_registry_record_get_finish (fx->records, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (got, "major"), ==, "岩土工程");
  g_clear_object (&result);

  sync_registry_record_delete_async (
      fx->records, fx->session, core_record_kind_lookup ("education"), id, NULL, done_cb, &result);
  g_assert_true (sync_registry_record_delete_finish (fx->records, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* refusals are the registry's codes */
  sync_registry_record_get_async (fx->records, fx->session, core_record_kind_lookup ("education"),
                                  id, NULL, done_cb, &result);
  g_assert_null (sync_registry_record_get_finish (fx->records, wait_result (&result), &error));
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  sync_registry_record_create_async (fx->records, fx->session, core_record_kind_lookup ("projects"),
                                     record, NULL, done_cb, &result);
  g_assert_null (sync_registry_record_create_finish (fx->records, wait_result (&result), &error));
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_METHOD_NOT_ALLOWED);
  g_clear_error (&error);
  g_clear_object (&result);

  json_object_set_string_member (record, "level", "no-such-level");
  sync_registry_record_create_async (fx->records, fx->session,
                                     core_record_kind_lookup ("education"), record, NULL, done_cb,
                                     &result);
  g_assert_null (sync_registry_record_create_finish (fx->records, wait_result (&result), &error));
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_INVALID_FIELD);
  g_assert_cmpstr (core_api_error_get_fields (error)[0], ==, "level");
  g_clear_error (&error);
  g_clear_object (&result);

  sync_registry_records_list_async (fx->records,
                                    "0123456789abcdef0123456789abcdef0123456789abcdef01234567"
                                    "89abcdef",
                                    core_record_kind_lookup ("education"), NULL, done_cb, &result);
  g_assert_null (sync_registry_records_list_finish (fx->records, wait_result (&result), &error));
  g_assert_error (error, CORE_API_ERROR, CORE_API_ERROR_SESSION_INVALID);
}

/* The dictionaries arrive with their version and are kept by it. */
static void
test_dictionaries (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (JsonNode) served = NULL;
  g_autoptr (StoreDatabase) db = NULL;
  g_autoptr (CoreDictionarySet) kept = NULL;
  g_autofree char *version = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "kiosk.db", NULL);
  gboolean changed = FALSE;

  sync_registry_dictionaries_async (fx->records, fx->session, NULL, done_cb, &result);
  served = sync_registry_dictionaries_finish (fx->records, wait_result (&result), &version, &error);
  g_assert_no_error (error);
  g_assert_nonnull (version);
  g_assert_cmpuint (strlen (version), ==, 16);

  db = store_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (store_dictionaries_save (db, served, &changed, &error));
  g_assert_true (changed);
  kept = store_dictionaries_load (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (core_dictionary_set_get_version (kept), ==, version);
  g_assert_nonnull (core_dictionary_set_lookup (kept, "education-levels"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/sync/records/calls", Fixture, NULL, fixture_set_up, test_calls, fixture_tear_down);
  g_test_add ("/sync/records/dictionaries", Fixture, NULL, fixture_set_up, test_dictionaries,
              fixture_tear_down);
  return g_test_run ();
}
