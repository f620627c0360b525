/* test-kiosk-staff-auth.c: staff sign-in: registry, offline cache, lock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registry is a scripted peer answering the staff sign-in contract; an
 * unreachable registry is a closed loopback port. Time is a fake clock.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-staff-auth.h"
#include "kiosk-staff-peer.h"

#define TOKEN "test-device-token"
#define USER "alice"
#define PASSWORD "a long staff password"

typedef struct
{
  char *folder;
  StoreDatabase *store;
  KioskStaffPeer *peer;
  SyncClient *online;
  SyncClient *unreachable;
  gint64 now;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  Fixture *fixture = user_data;
  return fixture->now;
}

static char *
closed_port_url (void)
{
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return g_strdup_printf ("http://127.0.0.1:%u", port);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *closed = closed_port_url ();

  fixture->folder = g_dir_make_tmp ("staff-auth-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "kiosk.db", NULL);
  fixture->store = store_database_open (path, &error);
  g_assert_no_error (error);
  fixture->peer = kiosk_staff_peer_new ();
  kiosk_staff_peer_add_account (fixture->peer, USER, PASSWORD);
  fixture->online = sync_client_new (kiosk_staff_peer_get_url (fixture->peer), TOKEN, NULL, &error);
  g_assert_no_error (error);
  fixture->unreachable = sync_client_new (closed, TOKEN, NULL, &error);
  g_assert_no_error (error);
  fixture->now = G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC;
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "kiosk.db", NULL);
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->online);
  g_clear_object (&fixture->unreachable);
  g_clear_pointer (&fixture->peer, kiosk_staff_peer_free);
  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->folder, name, NULL);
      g_unlink (child);
    }
  g_rmdir (fixture->folder);
  g_free (fixture->folder);
}

static KioskStaffAuth *
new_auth (Fixture *fixture, SyncClient *client)
{
  KioskStaffAuth *auth = kiosk_staff_auth_new (fixture->store, client);

  kiosk_staff_auth_set_clock (auth, fake_clock, fixture);
  return auth;
}

static void
result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Signs in and waits; returns whether it worked and how. */
static gboolean
sign_in (KioskStaffAuth *auth,
         const char *user,
         const char *password,
         gboolean *offline,
         GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kiosk_staff_auth_sign_in_async (auth, user, password, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return kiosk_staff_auth_sign_in_finish (auth, result, offline, error);
}

/* The sign-out call runs in the background: waits until the peer has it. */
static gboolean
wait_for_sign_out (KioskStaffPeer *peer, const char *session)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *seen = kiosk_staff_peer_dup_signed_out (peer);
      if (g_strcmp0 (seen, session) == 0)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return FALSE;
}

static void
test_online (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KioskStaffAuth) auth = new_auth (fixture, fixture->online);
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *session = NULL;
  gboolean offline = TRUE;

  g_assert_null (kiosk_staff_auth_get_user (auth));
  g_assert_true (sign_in (auth, USER, PASSWORD, &offline, &error));
  g_assert_no_error (error);
  g_assert_false (offline);
  g_assert_cmpstr (kiosk_staff_auth_get_user (auth), ==, USER);
  g_assert_true (kiosk_staff_auth_has_cached (auth, USER));
  g_assert_cmpuint (kiosk_staff_peer_get_sign_ins (fixture->peer), ==, 1);
  /* the kiosk's device token goes with the call */
  token = kiosk_staff_peer_dup_last_token (fixture->peer);
  g_assert_cmpstr (token, ==, TOKEN);
  /* the registry's staff session is kept, for manual filings */
  session = kiosk_staff_peer_dup_last_session (fixture->peer);
  g_assert_nonnull (session);
  g_assert_cmpstr (kiosk_staff_auth_get_session_token (auth), ==, session);

  /* signing out forgets it at once and gives it back to the registry */
  kiosk_staff_auth_sign_out (auth);
  g_assert_null (kiosk_staff_auth_get_user (auth));
  g_assert_null (kiosk_staff_auth_get_session_token (auth));
  g_assert_true (wait_for_sign_out (fixture->peer, session));

  /* the hash in the store is salted argon2id, and never the password */
  {
    g_autofree char *cache =
        store_database_get_setting (fixture->store, "staff-login-cache", &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (cache, "$argon2id$"));
    g_assert_null (strstr (cache, PASSWORD));
  }
}

static void
test_wrong_password_locks (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KioskStaffAuth) auth = new_auth (fixture, fixture->online);

  for (guint i = 1; i < KIOSK_STAFF_AUTH_MAX_FAILURES; i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_false (sign_in (auth, USER, "wrong", NULL, &error));
      g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WRONG_LOGIN);
      g_assert_cmpuint (kiosk_staff_auth_get_failures (auth), ==, i);
    }
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (sign_in (auth, USER, "wrong", NULL, &error));
    g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_LOCKED);
  }
  g_assert_cmpuint (kiosk_staff_auth_get_lock_remaining (auth), ==, KIOSK_STAFF_AUTH_LOCK_SECONDS);

  /* locked: even the right password is refused, without asking the registry */
  {
    g_autoptr (GError) error = NULL;
    guint asked = kiosk_staff_peer_get_sign_ins (fixture->peer);
    g_assert_false (sign_in (auth, USER, PASSWORD, NULL, &error));
    g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_LOCKED);
    g_assert_cmpuint (kiosk_staff_peer_get_sign_ins (fixture->peer), ==, asked);
    g_assert_null (kiosk_staff_auth_get_user (auth));
  }

  /* four minutes later: still locked, one minute to go */
  fixture->now += 4 * 60 * G_USEC_PER_SEC;
  g_assert_cmpuint (kiosk_staff_auth_get_lock_remaining (auth), ==, 60);

  /* five minutes after the lock: open again */
  fixture->now += 60 * G_USEC_PER_SEC;
  g_assert_cmpuint (kiosk_staff_auth_get_lock_remaining (auth), ==, 0);
  {
    g_autoptr (GError) error = NULL;
    g_assert_true (sign_in (auth, USER, PASSWORD, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_lock_survives_restart (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KioskStaffAuth) auth = new_auth (fixture, fixture->online);
  g_autoptr (KioskStaffAuth) again = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    g_assert_false (sign_in (auth, USER, "wrong", NULL, NULL));
  again = new_auth (fixture, fixture->online);
  g_assert_cmpuint (kiosk_staff_auth_get_failures (again), ==, 2);
  for (guint i = 2; i < KIOSK_STAFF_AUTH_MAX_FAILURES; i++)
    g_assert_false (sign_in (again, USER, "wrong", NULL, NULL));
  g_clear_object (&auth);
  g_clear_object (&again);

  again = new_auth (fixture, fixture->online);
  g_assert_cmpuint (kiosk_staff_auth_get_lock_remaining (again), ==, KIOSK_STAFF_AUTH_LOCK_SECONDS);
  g_assert_false (sign_in (again, USER, PASSWORD, NULL, &error));
  g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_LOCKED);
}

static void
test_registry_lock (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KioskStaffAuth) auth = new_auth (fixture, fixture->online);
  g_autoptr (GError) error = NULL;

  kiosk_staff_peer_set_locked (fixture->peer, TRUE);
  g_assert_false (sign_in (auth, USER, PASSWORD, NULL, &error));
  g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_LOCKED);
  g_assert_cmpuint (kiosk_staff_auth_get_lock_remaining (auth), >, 0);
}

static void
test_offline_cache (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KioskStaffAuth) auth = new_auth (fixture, fixture->online);
  g_autoptr (KioskStaffAuth) offline_auth = NULL;
  g_autoptr (KioskStaffAuth) unenrolled = NULL;
  gboolean offline = FALSE;

  {
    g_autoptr (GError) error = NULL;
    /* before any online sign-in there is nothing to check offline */
    offline_auth = new_auth (fixture, fixture->unreachable);
    g_assert_false (sign_in (offline_auth, USER, PASSWORD, NULL, &error));
    g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_UNREACHABLE);
    g_assert_cmpuint (kiosk_staff_auth_get_failures (offline_auth), ==, 0);
    g_clear_object (&offline_auth);
  }

  g_assert_true (sign_in (auth, USER, PASSWORD, NULL, NULL));
  g_clear_object (&auth);

  offline_auth = new_auth (fixture, fixture->unreachable);
  {
    g_autoptr (GError) error = NULL;
    g_assert_true (sign_in (offline_auth, USER, PASSWORD, &offline, &error));
    g_assert_no_error (error);
    g_assert_true (offline);
    g_assert_cmpstr (kiosk_staff_auth_get_user (offline_auth), ==, USER);
    /* no registry, no staff session */
    g_assert_null (kiosk_staff_auth_get_session_token (offline_auth));
  }
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (sign_in (offline_auth, USER, "wrong", NULL, &error));
    g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WRONG_LOGIN);
    g_assert_cmpuint (kiosk_staff_auth_get_failures (offline_auth), ==, 1);
  }
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (sign_in (offline_auth, "bob", PASSWORD, NULL, &error));
    g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_UNREACHABLE);
  }

  /* not enrolled at all: the cache still works */
  unenrolled = new_auth (fixture, NULL);
  {
    g_autoptr (GError) error = NULL;
    g_assert_true (sign_in (unenrolled, USER, PASSWORD, &offline, &error));
    g_assert_no_error (error);
    g_assert_true (offline);
  }
}

/* a registry that says "wrong" is final, whatever the cache would say */
static void
test_registry_refusal_beats_cache (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KioskStaffAuth) auth = new_auth (fixture, fixture->online);
  g_autoptr (GError) error = NULL;

  g_assert_true (sign_in (auth, USER, PASSWORD, NULL, NULL));
  kiosk_staff_auth_sign_out (auth);
  /* the password was changed at the registry */
  kiosk_staff_peer_add_account (fixture->peer, USER, "the new password");
  g_assert_false (sign_in (auth, USER, PASSWORD, NULL, &error));
  g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WRONG_LOGIN);
  g_assert_null (kiosk_staff_auth_get_user (auth));
}

static void
test_cache_keeps_recent (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KioskStaffAuth) auth = new_auth (fixture, fixture->online);

  for (guint i = 0; i <= KIOSK_STAFF_AUTH_CACHE_SIZE; i++)
    {
      g_autofree char *user = g_strdup_printf ("staff%02u", i);
      g_autoptr (GError) error = NULL;

      kiosk_staff_peer_add_account (fixture->peer, user, PASSWORD);
      g_assert_true (sign_in (auth, user, PASSWORD, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_false (kiosk_staff_auth_has_cached (auth, "staff00"));
  g_assert_true (kiosk_staff_auth_has_cached (auth, "staff01"));
  g_clear_object (&auth);

  /* and after a restart */
  auth = new_auth (fixture, NULL);
  g_assert_false (kiosk_staff_auth_has_cached (auth, "staff00"));
  g_assert_true (kiosk_staff_auth_has_cached (auth, "staff10"));
}

/* An offline sign-in works for 7 days after the last sign-in the registry
 * confirmed; offline sign-ins do not extend that. */
static void
test_cache_expires (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KioskStaffAuth) auth = new_auth (fixture, fixture->online);
  g_autoptr (KioskStaffAuth) offline_auth = NULL;
  const gint64 day = (gint64) 24 * 3600 * G_USEC_PER_SEC;

  g_assert_true (sign_in (auth, USER, PASSWORD, NULL, NULL));
  kiosk_staff_auth_sign_out (auth);
  offline_auth = new_auth (fixture, fixture->unreachable);

  fixture->now += 6 * day;
  {
    g_autoptr (GError) error = NULL;
    g_assert_true (sign_in (offline_auth, USER, PASSWORD, NULL, &error));
    g_assert_no_error (error);
    kiosk_staff_auth_sign_out (offline_auth);
  }
  fixture->now += day - G_USEC_PER_SEC;
  g_assert_true (kiosk_staff_auth_has_cached (offline_auth, USER));
  fixture->now += G_USEC_PER_SEC;
  g_assert_false (kiosk_staff_auth_has_cached (offline_auth, USER));
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (sign_in (offline_auth, USER, PASSWORD, NULL, &error));
    g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_UNREACHABLE);
    g_assert_null (kiosk_staff_auth_get_user (offline_auth));
  }

  /* an online sign-in starts the 7 days again */
  g_assert_true (sign_in (auth, USER, PASSWORD, NULL, NULL));
  kiosk_staff_auth_sign_out (auth);
  g_clear_object (&offline_auth);
  offline_auth = new_auth (fixture, fixture->unreachable);
  g_assert_true (sign_in (offline_auth, USER, PASSWORD, NULL, NULL));
}

/* A cache entry written without its sign-in time has no age to trust. */
static void
test_cache_without_time_dropped (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KioskStaffAuth) auth = new_auth (fixture, fixture->online);
  g_autoptr (KioskStaffAuth) restarted = NULL;
  g_autofree char *cache = NULL;
  g_autoptr (GError) error = NULL;
  char *at;

  g_assert_true (sign_in (auth, USER, PASSWORD, NULL, NULL));
  cache = store_database_get_setting (fixture->store, "staff-login-cache", &error);
  g_assert_no_error (error);
  at = strstr (cache, ",\"signed_in_us\"");
  g_assert_nonnull (at);
  strcpy (at, "}]");
  g_assert_true (store_database_set_setting (fixture->store, "staff-login-cache", cache, &error));
  g_assert_no_error (error);
  restarted = new_auth (fixture, fixture->unreachable);
  g_assert_false (kiosk_staff_auth_has_cached (restarted, USER));
}

/* The registry disabled the account: refused, and forgotten for offline use. */
static void
test_disabled_forgotten (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KioskStaffAuth) auth = new_auth (fixture, fixture->online);
  g_autoptr (KioskStaffAuth) offline_auth = NULL;

  g_assert_true (sign_in (auth, USER, PASSWORD, NULL, NULL));
  kiosk_staff_auth_sign_out (auth);
  g_assert_true (kiosk_staff_auth_has_cached (auth, USER));

  kiosk_staff_peer_set_disabled (fixture->peer, USER, TRUE);
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (sign_in (auth, USER, PASSWORD, NULL, &error));
    g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_DISABLED);
    g_assert_null (kiosk_staff_auth_get_user (auth));
  }
  g_assert_false (kiosk_staff_auth_has_cached (auth, USER));

  /* not after a restart either, and not offline */
  offline_auth = new_auth (fixture, fixture->unreachable);
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (sign_in (offline_auth, USER, PASSWORD, NULL, &error));
    g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_UNREACHABLE);
  }
}

static void
test_empty_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (KioskStaffAuth) auth = new_auth (fixture, fixture->online);
  g_autoptr (GError) error = NULL;

  g_assert_false (sign_in (auth, USER, "", NULL, &error));
  g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WRONG_LOGIN);
  g_assert_cmpuint (kiosk_staff_peer_get_sign_ins (fixture->peer), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/staff-auth/online", test_online);
  ADD ("/staff-auth/wrong-password-locks", test_wrong_password_locks);
  ADD ("/staff-auth/lock-survives-restart", test_lock_survives_restart);
  ADD ("/staff-auth/registry-lock", test_registry_lock);
  ADD ("/staff-auth/offline-cache", test_offline_cache);
  ADD ("/staff-auth/registry-refusal-beats-cache", test_registry_refusal_beats_cache);
  ADD ("/staff-auth/cache-keeps-recent", test_cache_keeps_recent);
  ADD ("/staff-auth/empty-refused", test_empty_refused);
  ADD ("/staff-auth/cache-expires", test_cache_expires);
  ADD ("/staff-auth/cache-without-time-dropped", test_cache_without_time_dropped);
  ADD ("/staff-auth/disabled-forgotten", test_disabled_forgotten);
#undef ADD
  return g_test_run ();
}
