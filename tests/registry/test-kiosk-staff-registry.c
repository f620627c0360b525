/* test-kiosk-staff-registry.c: the kiosk's staff sign-in against a real registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KioskStaffAuth talks to a registry process over loopback, as an enrolled
 * kiosk does: a right password signs in, holds the registry's staff session
 * until sign-out, and is cached for offline use; a wrong one is refused, and
 * the registry's own lock after five failures locks the kiosk too.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-staff-auth.h"
#include "registry-test-util.h"

#define USER "li.ming"
#define PASSWORD "a long staff password"

static RegistryTestCluster *cluster;

typedef struct
{
  char *database;
  RegistryTestProcess *registry;
  char *folder;
  StoreDatabase *store;
  SyncClient *client;
  RegistryStorage *storage; /* the registry's database, to look into */
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;

  fx->database = registry_test_cluster_new_database (cluster);
  token = registry_test_enroll_device (fx->database, "staff-kiosk");
  g_assert_cmpint (registry_test_run_cli (fx->database,
                                          (const char *[]){ "admin", "add-staff", USER, NULL },
                                          PASSWORD "\n", NULL, NULL),
                   ==, 0);
  fx->registry = registry_test_process_start (cluster, fx->database, NULL);
  fx->storage = registry_storage_open (fx->database, &error);
  g_assert_no_error (error);
  fx->client = sync_client_new (fx->registry->base_url, token, NULL, &error);
  g_assert_no_error (error);

  fx->folder = g_dir_make_tmp ("staff-registry-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->folder, "kiosk.db", NULL);
  fx->store = store_database_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_clear_object (&fx->client);
  g_clear_object (&fx->store);
  g_clear_object (&fx->storage);
  registry_test_process_stop (fx->registry);
  dir = g_dir_open (fx->folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fx->folder, name, NULL);
      g_unlink (child);
    }
  g_rmdir (fx->folder);
  g_free (fx->folder);
  g_free (fx->database);
}

static void
result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
sign_in (KioskStaffAuth *auth, const char *password, gboolean *offline, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kiosk_staff_auth_sign_in_async (auth, USER, password, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return kiosk_staff_auth_sign_in_finish (auth, result, offline, error);
}

static gint64
count (Fixture *fx, const char *sql)
{
  return registry_test_count (fx->storage, sql);
}

static void
test_sign_in (Fixture *fx, gconstpointer data)
{
  g_autoptr (KioskStaffAuth) auth = kiosk_staff_auth_new (fx->store, fx->client);
  g_autoptr (KioskStaffAuth) offline_auth = NULL;
  g_autoptr (GError) error = NULL;
  gboolean offline = TRUE;

  g_assert_false (sign_in (auth, "not the password", NULL, &error));
  g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WRONG_LOGIN);
  g_clear_error (&error);

  g_assert_true (sign_in (auth, PASSWORD, &offline, &error));
  g_assert_no_error (error);
  g_assert_false (offline);
  g_assert_cmpstr (kiosk_staff_auth_get_user (auth), ==, USER);
  g_assert_true (kiosk_staff_auth_has_cached (auth, USER));

  /* the registry's staff session, given back at sign-out */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    const char *ended = "SELECT count(*) FROM staff_sessions WHERE ended_at IS NOT NULL";

    g_assert_nonnull (kiosk_staff_auth_get_session_token (auth));
    g_assert_cmpint (count (fx, "SELECT count(*) FROM staff_sessions"), ==, 1);
    g_assert_cmpint (count (fx, ended), ==, 0);
    kiosk_staff_auth_sign_out (auth);
    g_assert_null (kiosk_staff_auth_get_session_token (auth));
    while (count (fx, ended) == 0 && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (20000);
      }
    g_assert_cmpint (count (fx, ended), ==, 1);
  }

  /* the registry goes away: the cache lets the same account in */
  registry_test_process_stop (fx->registry);
  fx->registry = NULL;
  offline_auth = kiosk_staff_auth_new (fx->store, fx->client);
  g_assert_true (sign_in (offline_auth, PASSWORD, &offline, &error));
  g_assert_no_error (error);
  g_assert_true (offline);
  fx->registry = registry_test_process_start (cluster, fx->database, NULL);
}

static void
test_registry_lock (Fixture *fx, gconstpointer data)
{
  g_autoptr (KioskStaffAuth) auth = kiosk_staff_auth_new (fx->store, fx->client);
  g_autoptr (GError) error = NULL;

  for (guint i = 1; i < KIOSK_STAFF_AUTH_MAX_FAILURES; i++)
    {
      g_assert_false (sign_in (auth, "not the password", NULL, &error));
      g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WRONG_LOGIN);
      g_clear_error (&error);
    }
  /* the fifth failure locks, here and at the registry */
  g_assert_false (sign_in (auth, "not the password", NULL, &error));
  g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpuint (kiosk_staff_auth_get_lock_remaining (auth), >, 0);
}

/* The operator disables the account: the kiosk is told at the next
 * sign-in, and forgets it for offline use too. */
static void
test_disabled (Fixture *fx, gconstpointer data)
{
  g_autoptr (KioskStaffAuth) auth = kiosk_staff_auth_new (fx->store, fx->client);
  g_autoptr (KioskStaffAuth) offline_auth = NULL;
  g_autoptr (SyncClient) unreachable = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (sign_in (auth, PASSWORD, NULL, &error));
  g_assert_no_error (error);
  kiosk_staff_auth_sign_out (auth);
  g_assert_true (kiosk_staff_auth_has_cached (auth, USER));

  g_assert_cmpint (registry_test_run_cli (fx->database,
                                          (const char *[]){ "admin", "disable-staff", USER, NULL },
                                          NULL, NULL, NULL),
                   ==, 0);
  g_assert_false (sign_in (auth, PASSWORD, NULL, &error));
  g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_DISABLED);
  g_clear_error (&error);
  g_assert_false (kiosk_staff_auth_has_cached (auth, USER));

  {
    g_autoptr (GSocketListener) listener = g_socket_listener_new ();
    guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
    g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", port);

    g_assert_no_error (error);
    g_socket_listener_close (listener);
    unreachable = sync_client_new (url, "unused-device-token", NULL, &error);
    g_assert_no_error (error);
  }
  offline_auth = kiosk_staff_auth_new (fx->store, unreachable);
  g_assert_false (sign_in (offline_auth, PASSWORD, NULL, &error));
  g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_UNREACHABLE);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster = registry_test_cluster_start ();

  g_test_add ("/kiosk-staff-registry/sign-in", Fixture, NULL, fixture_set_up, test_sign_in,
              fixture_tear_down);
  g_test_add ("/kiosk-staff-registry/lock", Fixture, NULL, fixture_set_up, test_registry_lock,
              fixture_tear_down);
  g_test_add ("/kiosk-staff-registry/disabled", Fixture, NULL, fixture_set_up, test_disabled,
              fixture_tear_down);

  status = g_test_run ();
  registry_test_cluster_stop (cluster);
  return status;
}
