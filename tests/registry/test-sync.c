/* test-sync.c: the kiosk's outbox reaching a real registry process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registry runs as a real process on loopback (SQLite backend). Faults the
 * real registry does not make on request (500s, broken connections, silence,
 * invalid JSON) come from a small scripted peer in this process.
 */

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "core-filing.h"
#include "registry-test-util.h"
#include "threaded-service.h"
#include "sync-client.h"
#include "sync-engine.h"
#include "sync-health-reporter.h"

#define NAME "同步测试"

static RegistryTestCluster *cluster;

typedef struct
{
  char *dir;        /* the kiosk's data folder */
  char *store_path; /* its kiosk.db */
  char *registry_url;
  char *token;
  RegistryTestProcess *registry;
  StoreDatabase *db;
  StoreOutbox *outbox;
} Kiosk;

static char *
make_id_number (guint seq)
{
  return registry_test_resident_number (1960, seq);
}

static GBytes *
make_filing (guint n, const char *doc_number_override, char **out_id)
{
  g_autoptr (CoreFiling) filing = registry_test_card_filing (1960, n, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = g_strdup (core_filing_get_filing_id (filing));
  char *json;

  if (doc_number_override != NULL)
    core_filing_set (filing, CORE_FILING_FIELD_DOC_NUMBER, doc_number_override);
  core_filing_set (filing, CORE_FILING_FIELD_NAME, NAME);
  core_filing_set (filing, CORE_FILING_FIELD_SEX, n % 2 ? "男" : "女");
  if (n >= 5000)
    {
      /* a photo as cards carry it: 1024 bytes of WLT */
      guint8 wlt[1024];
      g_autofree char *encoded = NULL;

      for (guint i = 0; i < sizeof wlt; i++)
        wlt[i] = (guint8) (i * 31 + n);
      encoded = g_base64_encode (wlt, sizeof wlt);
      core_filing_set (filing, CORE_FILING_FIELD_PHOTO_WLT, encoded);
    }
  if (doc_number_override == NULL)
    {
      core_filing_validate (filing, &error);
      g_assert_no_error (error);
    }
  json = core_filing_to_json (filing);
  *out_id = g_steal_pointer (&id);
  return g_bytes_new_take (json, strlen (json));
}

static char *
queue_filing (Kiosk *kiosk, guint n, const char *doc_number_override)
{
  g_autoptr (GError) error = NULL;
  char *id = NULL;
  g_autoptr (GBytes) payload = make_filing (n, doc_number_override, &id);

  g_assert_true (store_outbox_add (kiosk->outbox, id, "card", NULL, payload, &error));
  g_assert_no_error (error);
  return id;
}

typedef struct
{
  Kiosk *kiosk;
  guint first;
  guint count;
} QueueMany;

static gboolean
queue_many_cb (StoreDatabase *db, gpointer user_data, GError **error)
{
  QueueMany *many = user_data;

  for (guint i = 0; i < many->count; i++)
    g_free (queue_filing (many->kiosk, many->first + i, NULL));
  return TRUE;
}

/* many filings in one transaction: one wait for the disk instead of one each */
static void
queue_many (Kiosk *kiosk, guint first, guint count)
{
  g_autoptr (GError) error = NULL;
  QueueMany many = { kiosk, first, count };

  g_assert_true (store_database_transaction (kiosk->db, queue_many_cb, &many, &error));
  g_assert_no_error (error);
}

static Kiosk *
kiosk_new (gboolean with_registry)
{
  Kiosk *kiosk = g_new0 (Kiosk, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (StoreSealer) sealer = NULL;

  kiosk->dir = g_dir_make_tmp ("test-sync-XXXXXX", &error);
  g_assert_no_error (error);
  kiosk->store_path = g_build_filename (kiosk->dir, "kiosk.db", NULL);
  kiosk->db = store_database_open (kiosk->store_path, &error);
  g_assert_no_error (error);
  sealer = store_sealer_new_for_folder (kiosk->dir, &error);
  g_assert_no_error (error);
  kiosk->outbox = store_outbox_new (kiosk->db, sealer);

  kiosk->registry_url = registry_test_cluster_new_database (cluster);
  kiosk->token = registry_test_enroll_device (kiosk->registry_url, "kiosk-under-test");
  if (with_registry)
    kiosk->registry = registry_test_process_start (cluster, kiosk->registry_url, NULL);
  return kiosk;
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (dir);
}

static void
kiosk_free (Kiosk *kiosk)
{
  if (kiosk->registry != NULL)
    registry_test_process_stop (kiosk->registry);
  g_clear_object (&kiosk->outbox);
  g_clear_object (&kiosk->db);
  remove_tree (kiosk->dir);
  g_free (kiosk->dir);
  g_free (kiosk->store_path);
  g_free (kiosk->registry_url);
  g_free (kiosk->token);
  g_free (kiosk);
}

static SyncEngine *
engine_for (Kiosk *kiosk,
            const char *base_url,
            const char *token,
            const char *ca_file,
            guint request_timeout_ms)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncClient) client = sync_client_new (base_url, token, ca_file, &error);
  SyncEngine *engine;

  g_assert_no_error (error);
  if (request_timeout_ms > 0)
    sync_client_set_timeouts (client, request_timeout_ms, request_timeout_ms);
  engine = sync_engine_new (kiosk->store_path, kiosk->dir, client, &error);
  g_assert_no_error (error);
  return engine;
}

typedef gboolean (*Condition) (SyncEngine *engine);

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop (where the engine reports) until @condition holds. The
 * limit only keeps a broken build from hanging. */
static gboolean
wait_for (SyncEngine *engine, Condition condition)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (60, timed_out_cb, &timed_out);

  while (!condition (engine) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  return condition (engine);
}

static gboolean
drained (SyncEngine *engine)
{
  return sync_engine_get_state (engine) == SYNC_STATE_ONLINE &&
         sync_engine_get_queued (engine) == 0;
}

static gboolean
offline (SyncEngine *engine)
{
  g_autofree char *error = sync_engine_dup_last_error (engine);

  return sync_engine_get_state (engine) == SYNC_STATE_OFFLINE && error != NULL;
}

static gboolean
tried_twice (SyncEngine *engine)
{
  return sync_engine_get_requests (engine) >= 2;
}

static gint64
registry_count (Kiosk *kiosk, const char *sql)
{
  const char *path = kiosk->registry_url + strlen ("sqlite:");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_true (g_str_has_prefix (kiosk->registry_url, "sqlite:"));
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Looks in the file from another process: opening and closing it here would
 * drop this process's SQLite locks on it (POSIX record locks belong to the
 * process and vanish when any of its descriptors of the file is closed). */
static gboolean
file_contains (const char *path, const char *needle)
{
  const char *argv[] = { "grep", "-q", "-a", "-F", "-e", needle, "--", path, NULL };
  const char *envp[] = { "LC_ALL=C", NULL };
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, (char **) envp,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static void
assert_outbox (Kiosk *kiosk, guint queued, guint rejected, guint confirmed)
{
  StoreOutboxCounts counts;
  g_autoptr (GError) error = NULL;

  g_assert_true (store_outbox_get_counts (kiosk->outbox, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.queued, ==, queued);
  g_assert_cmpuint (counts.rejected, ==, rejected);
  g_assert_cmpuint (counts.confirmed, ==, confirmed);
}

/* Filed while the registry is down; delivered once it is up; the kiosk keeps
 * nothing personal afterwards. */
static void
test_delivered_when_registry_starts (void)
{
  Kiosk *kiosk = kiosk_new (TRUE);
  g_autoptr (SyncEngine) engine = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *id_number = make_id_number (7);
  g_autofree char *wal = g_strconcat (kiosk->store_path, "-wal", NULL);
  g_autofree char *error_text = NULL;
  guint16 port = kiosk->registry->port;
  g_autofree char *base_url = g_strdup (kiosk->registry->base_url);
  struct stat st;

  /* the registry goes away; the kiosk files anyway */
  registry_test_process_stop (g_steal_pointer (&kiosk->registry));
  g_free (queue_filing (kiosk, 7, NULL));
  g_free (queue_filing (kiosk, 8, NULL));

  engine = engine_for (kiosk, base_url, kiosk->token, NULL, 0);
  sync_engine_start (engine);
  g_assert_true (wait_for (engine, offline));
  error_text = sync_engine_dup_last_error (engine);
  g_assert_cmpstr (error_text, ==, "The registry is unreachable.");
  assert_outbox (kiosk, 2, 0, 0);

  /* back on the same port: the engine gets there on its own back-off */
  listen = g_strdup_printf ("127.0.0.1:%u", port);
  kiosk->registry = registry_test_process_start (cluster, kiosk->registry_url,
                                                 (const char *const[]){ "--listen", listen, NULL });
  g_assert_true (wait_for (engine, drained));
  assert_outbox (kiosk, 0, 0, 2);
  g_assert_cmpint (registry_count (kiosk, "SELECT count(*) FROM filings"), ==, 2);
  g_assert_cmpint (sync_engine_get_last_success (engine), >, 0);

  sync_engine_stop (engine);
  g_assert_false (file_contains (kiosk->store_path, NAME));
  g_assert_false (file_contains (kiosk->store_path, id_number));
  g_assert_false (file_contains (wal, NAME));
  g_assert_false (file_contains (wal, id_number));
  g_assert_cmpint (registry_count (kiosk, "SELECT count(*) FROM persons"), ==, 2);

  g_assert_cmpint (g_stat (kiosk->store_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *key = g_build_filename (kiosk->dir, "outbox.key", NULL);
    g_assert_cmpint (g_stat (key, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  kiosk_free (kiosk);
}

static guint
confirmed_count (Kiosk *kiosk)
{
  StoreOutboxCounts counts;
  g_autoptr (GError) error = NULL;

  g_assert_true (store_outbox_get_counts (kiosk->outbox, &counts, &error));
  g_assert_no_error (error);
  return counts.confirmed;
}

/* The sync thread prunes in the background: a filing confirmed longer ago
 * than the kiosk keeps them goes, a recent one stays. */
static void
test_prunes_confirmed (void)
{
  Kiosk *kiosk = kiosk_new (TRUE);
  g_autoptr (SyncEngine) engine = NULL;
  g_autoptr (SyncEngine) restarted = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *old_id = queue_filing (kiosk, 21, NULL);
  g_autofree char *new_id = queue_filing (kiosk, 22, NULL);
  g_autofree char *age = NULL;
  gint64 deadline;

  engine = engine_for (kiosk, kiosk->registry->base_url, kiosk->token, NULL, 0);
  sync_engine_set_keep_days (engine, 30);
  sync_engine_start (engine);
  g_assert_true (wait_for (engine, drained));
  sync_engine_stop (engine);
  assert_outbox (kiosk, 0, 0, 2);

  /* one of them confirmed 31 days ago, as far as the store can tell */
  age = g_strdup_printf ("UPDATE outbox SET updated_at = updated_at - 31 * 86400000000 "
                         "WHERE filing_id = '%s'",
                         old_id);
  g_assert_true (store_database_exec (kiosk->db, age, &error));
  g_assert_no_error (error);

  /* a kiosk started again prunes once its thread runs */
  restarted = engine_for (kiosk, kiosk->registry->base_url, kiosk->token, NULL, 0);
  sync_engine_set_keep_days (restarted, 30);
  sync_engine_start (restarted);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (confirmed_count (kiosk) == 2 && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  sync_engine_stop (restarted);
  assert_outbox (kiosk, 0, 0, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM filings WHERE id = '%s'", new_id);
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (
        sqlite3_prepare_v2 (store_database_get_handle (kiosk->db), sql, -1, &stmt, NULL), ==,
        SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
  kiosk_free (kiosk);
}

static void
test_invalid_filing_parked (void)
{
  Kiosk *kiosk = kiosk_new (TRUE);
  g_autoptr (SyncEngine) engine = NULL;
  g_autoptr (GPtrArray) rejected = NULL;
  g_autoptr (GError) error = NULL;

  g_free (queue_filing (kiosk, 11, NULL));
  g_free (queue_filing (kiosk, 12, "110105195001010011")); /* wrong check character */

  engine = engine_for (kiosk, kiosk->registry->base_url, kiosk->token, NULL, 0);
  sync_engine_start (engine);
  g_assert_true (wait_for (engine, drained));
  g_assert_cmpuint (sync_engine_get_rejected (engine), ==, 1);
  assert_outbox (kiosk, 0, 1, 1);

  rejected = store_outbox_list_rejected (kiosk->outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejected->len, ==, 1);
  g_assert_true (g_str_has_prefix (((StoreOutboxEntry *) g_ptr_array_index (rejected, 0))->reason,
                                   "invalid_field"));
  sync_engine_stop (engine);
  kiosk_free (kiosk);
}

static char *
queue_manual (Kiosk *kiosk, const char *passport, const char *staff_session)
{
  g_autoptr (CoreFiling) filing = core_filing_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *json = NULL;
  g_autoptr (GBytes) payload = NULL;

  core_filing_set (filing, CORE_FILING_FIELD_FILING_ID, id);
  core_filing_set (filing, CORE_FILING_FIELD_SOURCE, "manual");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_TYPE, "passport");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_NUMBER, passport);
  core_filing_set (filing, CORE_FILING_FIELD_NAME_EN, "JANE DOE");
  core_filing_set (filing, CORE_FILING_FIELD_NATIONALITY, "CAN");
  core_filing_set (filing, CORE_FILING_FIELD_SEX, "女");
  core_filing_set (filing, CORE_FILING_FIELD_BIRTH_DATE, "1981-05-06");
  core_filing_set (filing, CORE_FILING_FIELD_STAFF_SESSION, staff_session);
  core_filing_set_original_checked (filing, TRUE);
  core_filing_validate (filing, &error);
  g_assert_no_error (error);
  json = core_filing_to_json (filing);
  payload = g_bytes_new (json, strlen (json));
  g_assert_true (store_outbox_add (kiosk->outbox, id, "manual", "mei", payload, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&id);
}

/* A manual filing the registry refuses for its staff session is parked for
 * staff with the registry's reason, kept sealed, and not sent again; the
 * one with this kiosk's own session is filed under that staff account. */
static void
test_staff_session_refused_parked (void)
{
  Kiosk *kiosk = kiosk_new (FALSE);
  g_autoptr (SyncEngine) engine = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GPtrArray) rejected = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *other = registry_test_enroll_device (kiosk->registry_url, "another-kiosk");
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *parked_id = NULL;
  StoreOutboxEntry *entry;
  guint64 requests;

  /* accounts are set up before the registry serves, as an operator does */
  registry_test_add_staff (kiosk->registry_url, "mei", "mei's long password");
  kiosk->registry = registry_test_process_start (cluster, kiosk->registry_url, NULL);
  mine = registry_test_staff_session (session, kiosk->registry, kiosk->token, "mei",
                                      "mei's long password");
  theirs =
      registry_test_staff_session (session, kiosk->registry, other, "mei", "mei's long password");
  g_free (queue_manual (kiosk, "E20000001", mine));
  parked_id = queue_manual (kiosk, "E20000002", theirs);

  engine = engine_for (kiosk, kiosk->registry->base_url, kiosk->token, NULL, 0);
  sync_engine_start (engine);
  g_assert_true (wait_for (engine, drained));
  assert_outbox (kiosk, 0, 1, 1);
  g_assert_cmpint (registry_count (kiosk, "SELECT count(*) FROM filings WHERE staff = 'mei'"
                                          " AND staff_id IS NOT NULL"),
                   ==, 1);
  g_assert_cmpint (registry_count (kiosk, "SELECT count(*) FROM filings"), ==, 1);

  rejected = store_outbox_list_rejected (kiosk->outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejected->len, ==, 1);
  entry = g_ptr_array_index (rejected, 0);
  g_assert_cmpstr (entry->filing_id, ==, parked_id);
  g_assert_true (g_str_has_prefix (entry->reason, "staff_session_invalid"));
  g_assert_nonnull (entry->payload);

  /* kicked again and again, it is not sent again */
  requests = sync_engine_get_requests (engine);
  for (guint i = 0; i < 3; i++)
    {
      sync_engine_kick (engine);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (100000);
    }
  g_assert_true (wait_for (engine, drained));
  g_assert_cmpuint (sync_engine_get_requests (engine), ==, requests);
  assert_outbox (kiosk, 0, 1, 1);
  sync_engine_stop (engine);
  kiosk_free (kiosk);
}

/* 500 filings with photos are more than the registry takes in one request:
 * the engine splits them by size as well as by count */
static void
test_large_batch_split (void)
{
  Kiosk *kiosk = kiosk_new (TRUE);
  g_autoptr (SyncEngine) engine = NULL;

  queue_many (kiosk, 5000, 500);
  engine = engine_for (kiosk, kiosk->registry->base_url, kiosk->token, NULL, 0);
  sync_engine_start (engine);
  g_assert_true (wait_for (engine, drained));
  sync_engine_stop (engine);
  g_assert_cmpuint (sync_engine_get_requests (engine), >=, 2);
  assert_outbox (kiosk, 0, 0, 500);
  g_assert_cmpint (
      registry_count (kiosk, "SELECT count(*) FROM filings WHERE photo_wlt IS NOT NULL"), ==, 500);
  kiosk_free (kiosk);
}

static void
test_revoked_token (void)
{
  Kiosk *kiosk = kiosk_new (TRUE);
  g_autoptr (SyncEngine) engine = NULL;
  g_autofree char *error_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (
      registry_test_run_cli (kiosk->registry_url,
                             (const char *[]){ "admin", "revoke-device", "kiosk-under-test", NULL },
                             NULL, &out, &err),
      ==, 0);
  g_free (queue_filing (kiosk, 21, NULL));
  engine = engine_for (kiosk, kiosk->registry->base_url, kiosk->token, NULL, 0);
  sync_engine_start (engine);
  g_assert_true (wait_for (engine, offline));
  error_text = sync_engine_dup_last_error (engine);
  g_assert_cmpstr (error_text, ==, "The registry refused this kiosk's device token.");
  sync_engine_stop (engine);
  assert_outbox (kiosk, 1, 0, 0);
  kiosk_free (kiosk);
}

static void
test_untrusted_certificate (void)
{
  Kiosk *kiosk = kiosk_new (FALSE);
  g_autofree char *cert = g_build_filename (kiosk->dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (kiosk->dir, "key.pem", NULL);
  g_autofree char *https = NULL;
  g_autofree char *error_text = NULL;
  g_autoptr (SyncEngine) untrusting = NULL;
  g_autoptr (SyncEngine) trusting = NULL;
  g_autoptr (GError) error = NULL;
  int status = -1;
  const char *openssl[] = { "openssl",
                            "req",
                            "-x509",
                            "-newkey",
                            "ec",
                            "-pkeyopt",
                            "ec_paramgen_curve:prime256v1",
                            "-nodes",
                            "-keyout",
                            key,
                            "-out",
                            cert,
                            "-days",
                            "1",
                            "-subj",
                            "/CN=127.0.0.1",
                            "-addext",
                            "subjectAltName=IP:127.0.0.1",
                            NULL };

  g_spawn_sync (NULL, (char **) openssl, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  kiosk->registry = registry_test_process_start (
      cluster, kiosk->registry_url,
      (const char *const[]){ "--tls-cert", cert, "--tls-key", key, NULL });
  https = g_strdup_printf ("https://127.0.0.1:%u", kiosk->registry->port);
  g_free (queue_filing (kiosk, 31, NULL));

  /* the system store does not know this certificate */
  untrusting = engine_for (kiosk, https, kiosk->token, NULL, 0);
  sync_engine_start (untrusting);
  g_assert_true (wait_for (untrusting, offline));
  error_text = sync_engine_dup_last_error (untrusting);
  g_assert_cmpstr (error_text, ==, "The registry's certificate is not trusted.");
  sync_engine_stop (untrusting);
  assert_outbox (kiosk, 1, 0, 0);

  /* with the configured CA file it goes through */
  trusting = engine_for (kiosk, https, kiosk->token, cert, 0);
  sync_engine_start (trusting);
  g_assert_true (wait_for (trusting, drained));
  sync_engine_stop (trusting);
  assert_outbox (kiosk, 0, 0, 1);
  kiosk_free (kiosk);
}

/* ---- a scripted peer for faults ---- */

typedef enum
{
  FAULT_SERVER_ERROR,
  FAULT_CLOSE_MID_ANSWER,
  FAULT_SILENT,
  FAULT_BAD_JSON,
  FAULT_NUL_IN_ANSWER,
  FAULT_WRONG_COUNT,
} Fault;

static char *
respond (const char *status, const char *body)
{
  return g_strdup_printf ("HTTP/1.1 %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                          status, strlen (body), body);
}

/* Reads one whole request, so that closing never resets the connection
 * early. Returns: the offset of the body, -1 when the peer hung up first */
static gssize
read_request (GInputStream *in, GString *request)
{
  char buf[4096];
  gssize n;
  gsize body_len = 0;
  gsize body_at;
  const char *end;
  const char *cl;

  while ((end = strstr (request->str, "\r\n\r\n")) == NULL &&
         (n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (request, buf, n);
  if (end == NULL)
    return -1;
  body_at = (gsize) (end - request->str) + 4;
  cl = strcasestr (request->str, "Content-Length:");
  if (cl != NULL)
    body_len = g_ascii_strtoull (cl + 15, NULL, 10);
  while (request->len < body_at + body_len &&
         (n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (request, buf, n);
  return request->len >= body_at + body_len ? (gssize) body_at : -1;
}

static gboolean
fault_handler_cb (GThreadedSocketService *service,
                  GSocketConnection *connection,
                  GObject *source,
                  gpointer user_data)
{
  Fault fault = GPOINTER_TO_INT (user_data);
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr (GString) request = g_string_new (NULL);
  g_autofree char *answer = NULL;

  if (read_request (in, request) < 0)
    return TRUE;

  switch (fault)
    {
      case FAULT_SERVER_ERROR:
        answer = respond ("500 Internal Server Error",
                          "{\"error\":{\"code\":\"internal\",\"message\":\"it broke\"}}");
        break;
      case FAULT_CLOSE_MID_ANSWER:
        /* promises 400 bytes, sends a few, hangs up */
        answer = g_strdup ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                           "Content-Length: 400\r\n\r\n{\"results\": [{\"index\": 0, \"sta");
        break;
      case FAULT_SILENT:
        g_usleep (3 * G_USEC_PER_SEC);
        return TRUE;
      case FAULT_BAD_JSON:
        answer = respond ("200 OK", "{results:");
        break;
      case FAULT_NUL_IN_ANSWER:
        /* would read as one filing confirmed, but for the NUL */
        answer = respond ("200 OK", "{\"results\":[{\"index\":0,\"status\":201,"
                                    "\"state\":\"filed\\u0000\"}]}");
        break;
      case FAULT_WRONG_COUNT:
        answer = respond ("200 OK", "{\"results\":[]}");
        break;
    }
  g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
check_fault (Fault fault, const char *expected_error)
{
  Kiosk *kiosk = kiosk_new (FALSE);
  GSocketService *service = threaded_service_new (4);
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncEngine) engine = NULL;
  g_autofree char *url = NULL;
  g_autofree char *error_text = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (fault_handler_cb), GINT_TO_POINTER (fault));
  g_socket_service_start (service);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  g_free (queue_filing (kiosk, 41, NULL));
  engine = engine_for (kiosk, url, kiosk->token, NULL, 1000);
  sync_engine_start (engine);
  g_assert_true (wait_for (engine, offline));
  error_text = sync_engine_dup_last_error (engine);
  g_assert_cmpstr (error_text, ==, expected_error);

  /* nothing lost, and it is tried again */
  sync_engine_kick (engine);
  g_assert_true (wait_for (engine, tried_twice));
  g_assert_true (wait_for (engine, offline));
  sync_engine_stop (engine);
  assert_outbox (kiosk, 1, 0, 0);

  threaded_service_finish (service);
  kiosk_free (kiosk);
}

static void
test_fault_server_error (void)
{
  check_fault (FAULT_SERVER_ERROR, "The registry failed (HTTP 500).");
}

static void
test_fault_close_mid_answer (void)
{
  check_fault (FAULT_CLOSE_MID_ANSWER, "The connection to the registry broke off.");
}

static void
test_fault_silent (void)
{
  check_fault (FAULT_SILENT, "The registry did not answer in time.");
}

static void
test_fault_bad_json (void)
{
  check_fault (FAULT_BAD_JSON, "The registry's answer is not valid JSON.");
}

static void
test_fault_nul_in_answer (void)
{
  check_fault (FAULT_NUL_IN_ANSWER, "The registry's answer is not valid JSON.");
}

static void
test_fault_wrong_count (void)
{
  check_fault (FAULT_WRONG_COUNT, "The registry's answer does not match what was sent.");
}

/* ---- crash safety: the headless kiosk killed while it drains ---- */

static void
write_token_file (Kiosk *kiosk)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (kiosk->dir, "device-token", NULL);

  g_file_set_contents_full (path, kiosk->token, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}

/* A kiosk started by a test dies with the test, even when it aborts. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GPid
spawn_sync_only (Kiosk *kiosk, const char *config)
{
  g_autoptr (GError) error = NULL;
  const char *argv[] = { g_getenv ("PRACTITIONER_KIOSK"),
                         "--sync-only",
                         "--config",
                         config,
                         "--data-folder",
                         kiosk->dir,
                         NULL };
  GPid pid;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 child_setup, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static void
reopen_store (Kiosk *kiosk)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (StoreSealer) sealer = store_sealer_new_for_folder (kiosk->dir, &error);

  g_assert_no_error (error);
  kiosk->db = store_database_open (kiosk->store_path, &error);
  g_assert_no_error (error);
  kiosk->outbox = store_outbox_new (kiosk->db, sealer);
}

static void
test_crash_safety (void)
{
  Kiosk *kiosk = kiosk_new (TRUE);
  g_autofree char *config = g_build_filename (kiosk->dir, "kiosk.conf", NULL);
  g_autofree char *config_text = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261129);
  const guint n_filings = 2000;
  guint kills = 0;
  guint kills_mid_drain = 0;
  guint runs = 0;
  gboolean done = FALSE;

  queue_many (kiosk, 1000, n_filings);
  write_token_file (kiosk);
  config_text = g_strdup_printf ("[kiosk]\nregistry-url=%s\n", kiosk->registry->base_url);
  g_assert_true (g_file_set_contents (config, config_text, -1, NULL));

  /* close our own connection: only the process under test writes now */
  g_clear_object (&kiosk->outbox);
  g_clear_object (&kiosk->db);

  /* Two kinds of kill, in a fixed rhythm so that no machine's speed decides
   * what the test covers: at a random moment soon after start (start-up, the
   * first request, an answer not yet recorded), and right after the registry
   * has taken a batch (each such kill leaves the queue part-way sent, as the
   * batches are much smaller than the queue). */
  while (!done && runs < 400)
    {
      GPid pid = spawn_sync_only (kiosk, config);
      gint64 filed_before = registry_count (kiosk, "SELECT count(*) FROM filings");
      gboolean after_batch = kills >= 2 && kills % 4 == 2;
      gboolean exited = FALSE;
      int status = 0;

      runs++;
      if (after_batch)
        {
          while (!(exited = waitpid (pid, &status, WNOHANG) == pid) &&
                 registry_count (kiosk, "SELECT count(*) FROM filings") == filed_before)
            g_usleep (500);
        }
      else
        {
          g_usleep ((gulong) g_rand_int_range (rand, 0, 20000));
          exited = waitpid (pid, &status, WNOHANG) == pid;
        }
      if (exited)
        {
          if (WIFSIGNALED (status))
            g_error ("the kiosk died of signal %d", WTERMSIG (status));
          g_assert_true (WIFEXITED (status));
          done = WEXITSTATUS (status) == 0;
          continue;
        }
      if (kills < 25)
        {
          gint64 filed;

          kill (pid, SIGKILL);
          kills++;
          g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
          filed = registry_count (kiosk, "SELECT count(*) FROM filings");
          if (filed > 0 && filed < n_filings)
            kills_mid_drain++;
          continue;
        }
      /* enough kills: let it finish */
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (WIFSIGNALED (status))
        g_error ("the kiosk died of signal %d", WTERMSIG (status));
      g_assert_true (WIFEXITED (status));
      done = WEXITSTATUS (status) == 0;
    }

  g_test_message ("%u runs, %u killed with SIGKILL, %u of them with the queue part-way sent", runs,
                  kills, kills_mid_drain);
  g_assert_true (done);
  /* n_filings / SYNC_ENGINE_BATCH_SIZE - 1 kills right after a batch at least */
  g_assert_cmpuint (kills, >=, 5);
  g_assert_cmpuint (kills_mid_drain, >=, n_filings / SYNC_ENGINE_BATCH_SIZE - 1);
  g_assert_cmpint (registry_count (kiosk, "SELECT count(*) FROM filings"), ==, n_filings);
  g_assert_cmpint (registry_count (kiosk, "SELECT count(DISTINCT filing_id) FROM filings"), ==,
                   n_filings);
  g_assert_cmpint (registry_count (kiosk, "SELECT count(*) FROM persons"), ==, n_filings);

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (StoreSealer) sealer = store_sealer_new_for_folder (kiosk->dir, &error);
    kiosk->db = store_database_open (kiosk->store_path, &error);
    g_assert_no_error (error);
    kiosk->outbox = store_outbox_new (kiosk->db, sealer);
    assert_outbox (kiosk, 0, 0, n_filings);
  }
  kiosk_free (kiosk);
}

/* ---- the store shared with another program while the kiosk runs ---- */

/* A registry stand-in that holds each batch until the test releases it, then
 * refuses the even items (422) and asks for the odd ones again (503). */
typedef struct
{
  GMutex lock;
  GCond cond;
  guint received; /* batches that arrived */
  guint released; /* batches the test let through */
  guint last_size;
} HoldingPeer;

static gboolean
holding_handler_cb (GThreadedSocketService *service,
                    GSocketConnection *connection,
                    GObject *source,
                    gpointer user_data)
{
  HoldingPeer *peer = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr (GString) request = g_string_new (NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) results = g_string_new ("{\"results\":[");
  g_autofree char *answer = NULL;
  JsonArray *filings;
  gssize body_at;
  guint batch;

  body_at = read_request (in, request);
  if (body_at < 0 || !g_str_has_prefix (request->str, "POST /v1/filings:batch ") ||
      !json_parser_load_from_data (parser, request->str + body_at, -1, NULL))
    return TRUE;
  filings = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "filings");

  g_mutex_lock (&peer->lock);
  batch = ++peer->received;
  peer->last_size = json_array_get_length (filings);
  g_cond_broadcast (&peer->cond);
  while (peer->released < batch)
    g_cond_wait (&peer->cond, &peer->lock);
  g_mutex_unlock (&peer->lock);

  for (guint i = 0; i < json_array_get_length (filings); i++)
    {
      const char *id =
          json_object_get_string_member (json_array_get_object_element (filings, i), "filing_id");
      if (i % 2 == 0)
        g_string_append_printf (results,
                                "%s{\"index\":%u,\"status\":422,\"filing_id\":\"%s\","
                                "\"error\":{\"code\":\"invalid_field\","
                                "\"message\":\"refused by the stand-in\"}}",
                                i > 0 ? "," : "", i, id);
      else
        g_string_append_printf (results, ",{\"index\":%u,\"status\":503,\"filing_id\":\"%s\"}", i,
                                id);
    }
  g_string_append (results, "]}");
  answer = respond ("200 OK", results->str);
  g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

/* Connections are accepted on this thread's main context: it runs meanwhile. */
static void
holding_peer_wait (HoldingPeer *peer, guint batches)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_mutex_lock (&peer->lock);
  while (peer->received < batches)
    {
      g_mutex_unlock (&peer->lock);
      if (g_get_monotonic_time () > deadline)
        g_error ("the kiosk did not send batch %u", batches);
      g_main_context_iteration (NULL, FALSE);
      g_mutex_lock (&peer->lock);
      g_cond_wait_until (&peer->cond, &peer->lock, g_get_monotonic_time () + 10000);
    }
  g_mutex_unlock (&peer->lock);
}

static void
holding_peer_release (HoldingPeer *peer, guint batches)
{
  g_mutex_lock (&peer->lock);
  peer->released = batches;
  g_cond_broadcast (&peer->cond);
  g_mutex_unlock (&peer->lock);
}

static void
write_config (Kiosk *kiosk, const char *config, const char *url)
{
  g_autofree char *text = g_strdup_printf ("[kiosk]\nregistry-url=%s\n", url);

  g_assert_true (g_file_set_contents (config, text, -1, NULL));
}

/* The sqlite3 shell reads kiosk.db while the headless kiosk works on it; the
 * kiosk is then killed. Everything it committed before is still there, and
 * the filings reach the registry once each afterwards. */
static void
test_store_read_while_running (void)
{
  Kiosk *kiosk = kiosk_new (FALSE);
  g_autofree char *config = g_build_filename (kiosk->dir, "kiosk.conf", NULL);
  g_autofree char *url = NULL;
  GSocketService *service = threaded_service_new (4);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rejected = NULL;
  HoldingPeer peer = { 0 };
  const guint n_filings = 10;
  int status = 0;
  guint16 port;
  GPid pid;

  g_mutex_init (&peer.lock);
  g_cond_init (&peer.cond);
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (holding_handler_cb), &peer);
  g_socket_service_start (service);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  queue_many (kiosk, 300, n_filings);
  write_token_file (kiosk);
  write_config (kiosk, config, url);
  /* only the kiosk under test has the store open from now on */
  g_clear_object (&kiosk->outbox);
  g_clear_object (&kiosk->db);

  pid = spawn_sync_only (kiosk, config);
  holding_peer_wait (&peer, 1);
  g_assert_cmpuint (peer.last_size, ==, n_filings);
  {
    const char *argv[] = { "sqlite3", kiosk->store_path,
                           "SELECT count(*) FROM outbox WHERE state = 'queued'", NULL };
    g_autofree char *out = NULL;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status,
                  &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (g_strstrip (out), ==, "10");
  }

  /* half refused, half to be sent again; the kiosk writes both, then is
   * killed while the second attempt waits for its answer */
  holding_peer_release (&peer, 1);
  holding_peer_wait (&peer, 2);
  g_assert_cmpuint (peer.last_size, ==, n_filings / 2);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  holding_peer_release (&peer, G_MAXUINT);
  threaded_service_finish (service);

  reopen_store (kiosk);
  assert_outbox (kiosk, n_filings / 2, n_filings / 2, 0);
  rejected = store_outbox_list_rejected (kiosk->outbox, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rejected->len; i++)
    g_assert_nonnull (
        strstr (((StoreOutboxEntry *) g_ptr_array_index (rejected, i))->reason, "stand-in"));
  g_clear_object (&kiosk->outbox);
  g_clear_object (&kiosk->db);

  /* the real registry: what waited is filed once, what was refused stays */
  kiosk->registry = registry_test_process_start (cluster, kiosk->registry_url, NULL);
  write_config (kiosk, config, kiosk->registry->base_url);
  pid = spawn_sync_only (kiosk, config);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpint (registry_count (kiosk, "SELECT count(*) FROM filings"), ==, n_filings / 2);
  g_assert_cmpint (registry_count (kiosk, "SELECT count(DISTINCT filing_id) FROM filings"), ==,
                   n_filings / 2);
  reopen_store (kiosk);
  assert_outbox (kiosk, 0, n_filings / 2, n_filings / 2);

  g_mutex_clear (&peer.lock);
  g_cond_clear (&peer.cond);
  kiosk_free (kiosk);
}

static guint64
own_peak_kb (void)
{
  g_autofree char *status = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  return g_ascii_strtoull (strstr (status, "VmHWM:") + 6, NULL, 10);
}

/* The device token file: private, one token, and a file of any other size is
 * refused without being read. */
static void
test_token_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-sync-token-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "device-token", NULL);
  g_autofree char *token = NULL;
  guint64 peak;
  int fd;

  g_assert_true (
      g_file_set_contents_full (path, "0123abcd\n", -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  g_assert_null (sync_client_read_token_file (path, &error));
  g_assert_error (error, SYNC_ERROR, SYNC_ERROR_CONFIG);
  g_clear_error (&error);

  g_chmod (path, 0600);
  token = sync_client_read_token_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "0123abcd");

  fd = g_open (path, O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 512 * 1024 * 1024), ==, 0);
  close (fd);
  peak = own_peak_kb ();
  g_assert_null (sync_client_read_token_file (path, &error));
  g_assert_error (error, SYNC_ERROR, SYNC_ERROR_CONFIG);
  g_assert_cmpuint (own_peak_kb () - peak, <, 64 * 1024);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_backoff (void)
{
  /* 1 s doubling to 5 min, never beyond, with jitter inside ±20 % */
  g_assert_cmpuint (sync_engine_backoff_ms (1, 0), ==, 1000);
  g_assert_cmpuint (sync_engine_backoff_ms (2, 0), ==, 2000);
  g_assert_cmpuint (sync_engine_backoff_ms (5, 0), ==, 16000);
  g_assert_cmpuint (sync_engine_backoff_ms (9, 0), ==, 256000);
  g_assert_cmpuint (sync_engine_backoff_ms (10, 0), ==, 300000);
  g_assert_cmpuint (sync_engine_backoff_ms (1000, 0), ==, 300000);
  for (guint i = 0; i < 100; i++)
    {
      guint ms = sync_engine_backoff_ms (3, 20);
      g_assert_cmpuint (ms, >=, 3200);
      g_assert_cmpuint (ms, <=, 4800);
    }
}

/* ---- health reports ---- */

#define ECHOED_PHONE "13912345678"

typedef struct
{
  GMutex lock;
  char *echo;        /* what the peer echoes in its refusal of a batch */
  GPtrArray *health; /* char*: each health report's whole request */
} HealthPeer;

/* Refuses batches with an error message that echoes personal data (as a
 * careless proxy might) and takes health reports, keeping each request. */
static gboolean
health_peer_cb (GThreadedSocketService *service,
                GSocketConnection *connection,
                GObject *source,
                gpointer user_data)
{
  HealthPeer *peer = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr (GString) request = g_string_new (NULL);
  g_autofree char *answer = NULL;

  if (read_request (in, request) < 0)
    return TRUE;
  if (g_str_has_prefix (request->str, "PUT /v1/devices/current/health "))
    {
      g_mutex_lock (&peer->lock);
      g_ptr_array_add (peer->health, g_strdup (request->str));
      g_mutex_unlock (&peer->lock);
      answer = respond ("200 OK", "{\"interval_s\":10}");
    }
  else if (g_str_has_prefix (request->str, "POST /v1/filings:batch "))
    {
      g_autofree char *body = g_strdup_printf (
          "{\"error\":{\"code\":\"invalid_field\",\"message\":\"%s\"}}", peer->echo);
      answer = respond ("422 Unprocessable Entity", body);
    }
  else
    answer = respond ("200 OK", "{\"status\":\"ok\"}");
  g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static guint
health_reports (HealthPeer *peer)
{
  guint n;

  g_mutex_lock (&peer->lock);
  n = peer->health->len;
  g_mutex_unlock (&peer->lock);
  return n;
}

static JsonNode *
health_body (HealthPeer *peer, guint index)
{
  g_autofree char *request = NULL;
  const char *body;

  g_mutex_lock (&peer->lock);
  request = g_strdup (g_ptr_array_index (peer->health, index));
  g_mutex_unlock (&peer->lock);
  body = strstr (request, "\r\n\r\n");
  g_assert_nonnull (body);
  return json_from_string (body + 4, NULL);
}

static char *
start_health_peer (GSocketService *service, HealthPeer *peer)
{
  g_autoptr (GError) error = NULL;
  guint16 port;

  g_mutex_init (&peer->lock);
  peer->health = g_ptr_array_new_with_free_func (g_free);
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (health_peer_cb), peer);
  g_socket_service_start (service);
  return g_strdup_printf ("http://127.0.0.1:%u", port);
}

static void
stop_health_peer (GSocketService *service, HealthPeer *peer)
{
  threaded_service_finish (service);
  g_ptr_array_unref (peer->health);
  g_free (peer->echo);
  g_mutex_clear (&peer->lock);
}

static void
sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  if (!sync_health_reporter_send_finish (SYNC_HEALTH_REPORTER (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "sent");
}

/* On a worker, while this thread's main context accepts the peer's
 * connections. */
static void
send_report (SyncHealthReporter *reporter)
{
  g_autoptr (GError) error = NULL;

  sync_health_reporter_send_async (reporter, NULL, sent_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS));
}

static char *
report_printer (gpointer user_data)
{
  return g_strdup (user_data);
}

/* What the sync engine logs, from whichever thread. */
typedef struct
{
  GMutex lock;
  GString *text;
} LogCapture;

static void
capture_log_cb (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  LogCapture *capture = data;

  g_mutex_lock (&capture->lock);
  g_string_append_printf (capture->text, "%s\n", message);
  g_mutex_unlock (&capture->lock);
}

/* What a kiosk sends about itself: its outbox and the kind of its last
 * error, but not the ID number, name or phone that the error echoed; nor
 * does its log carry them. */
static void
test_health_nothing_personal (void)
{
  LogCapture capture = { .text = g_string_new (NULL) };
  guint handler = g_log_set_handler ("KioskSync", G_LOG_LEVEL_MASK, capture_log_cb, &capture);
  Kiosk *kiosk = kiosk_new (FALSE);
  GSocketService *service = threaded_service_new (4);
  g_autofree char *number = make_id_number (77);
  HealthPeer peer = { 0 };
  g_autofree char *url = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncEngine) engine = NULL;
  g_autoptr (SyncClient) client = NULL;
  g_autoptr (SyncRegistry) registry = NULL;
  g_autoptr (SyncHealthReporter) reporter = NULL;
  g_autoptr (JsonNode) report = NULL;
  g_autofree char *request = NULL;
  const char *last_error;

  peer.echo =
      g_strdup_printf ("doc_number %s of %s, phone %s, is not valid", number, NAME, ECHOED_PHONE);
  url = start_health_peer (service, &peer);
  g_free (queue_filing (kiosk, 77, NULL));
  engine = engine_for (kiosk, url, kiosk->token, NULL, 0);
  sync_engine_start (engine);
  g_assert_true (wait_for (engine, offline));

  client = sync_client_new (url, kiosk->token, NULL, &error);
  g_assert_no_error (error);
  registry = sync_registry_new (client);
  reporter = sync_health_reporter_new (registry, engine, 120);
  sync_health_reporter_set_reader_state (reporter, "missing");
  sync_health_reporter_set_printer_probe (reporter, report_printer, g_strdup ("not_ready"), g_free);
  send_report (reporter);
  sync_engine_stop (engine);
  g_assert_cmpuint (health_reports (&peer), ==, 1);
  g_assert_cmpuint (sync_health_reporter_get_sent (reporter), ==, 1);

  /* nothing personal anywhere in the request, headers included */
  request = g_strdup (g_ptr_array_index (peer.health, 0));
  g_assert_null (strstr (request, number));
  g_assert_null (strstr (request, ECHOED_PHONE));
  g_assert_null (strstr (request, NAME));
  /* nor a part of the ID number */
  g_assert_null (strstr (request, "1960"));

  report = health_body (&peer, 0);
  g_assert_nonnull (report);
  g_assert_cmpstr (registry_test_json_string (report, "version"), ==, PACKAGE_VERSION);
  g_assert_cmpint (registry_test_json_int (report, "outbox_depth"), ==, 1);
  g_assert_cmpint (registry_test_json_int (report, "oldest_unsent_s"), >=, 0);
  g_assert_cmpstr (registry_test_json_string (report, "reader"), ==, "missing");
  g_assert_cmpstr (registry_test_json_string (report, "printer"), ==, "not_ready");
  g_assert_cmpint (registry_test_json_int (report, "interval_s"), ==, 120);
  last_error = registry_test_json_string (report, "last_error");
  g_assert_cmpstr (last_error, ==, "refused: the registry refused a batch as a whole (HTTP 4xx)");

  g_log_remove_handler ("KioskSync", handler);
  g_test_message ("logged: %s", capture.text->str);
  g_assert_nonnull (strstr (capture.text->str, "invalid_field"));
  g_assert_null (strstr (capture.text->str, number));
  g_assert_null (strstr (capture.text->str, ECHOED_PHONE));
  g_assert_null (strstr (capture.text->str, NAME));
  g_string_free (capture.text, TRUE);

  stop_health_peer (service, &peer);
  kiosk_free (kiosk);
}

static gboolean
keep_ticking_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* The reporting thread: a first report soon after start, then it stops
 * when asked, without waiting for the next interval. */
static void
test_health_thread (void)
{
  Kiosk *kiosk = kiosk_new (FALSE);
  GSocketService *service = threaded_service_new (4);
  HealthPeer peer = { 0 };
  g_autofree char *url = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncEngine) engine = NULL;
  g_autoptr (SyncClient) client = NULL;
  g_autoptr (SyncRegistry) registry = NULL;
  g_autoptr (SyncHealthReporter) reporter = NULL;
  g_autoptr (JsonNode) report = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint tick;

  peer.echo = g_strdup ("refused");
  url = start_health_peer (service, &peer);
  engine = engine_for (kiosk, url, kiosk->token, NULL, 0);
  client = sync_client_new (url, kiosk->token, NULL, &error);
  g_assert_no_error (error);
  registry = sync_registry_new (client);
  reporter = sync_health_reporter_new (registry, engine, 10);
  sync_health_reporter_start (reporter);
  /* wakes the loop now and then to look again */
  tick = g_timeout_add (50, keep_ticking_cb, NULL);
  while (health_reports (&peer) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  sync_health_reporter_stop (reporter);
  g_assert_cmpuint (health_reports (&peer), ==, 1);

  report = health_body (&peer, 0);
  g_assert_cmpint (registry_test_json_int (report, "outbox_depth"), ==, 0);
  g_assert_cmpstr (registry_test_json_string (report, "reader"), ==, "unknown");
  g_assert_cmpstr (registry_test_json_string (report, "printer"), ==, "unknown");
  g_assert_true (
      json_node_is_null (json_object_get_member (json_node_get_object (report), "last_error")));

  stop_health_peer (service, &peer);
  kiosk_free (kiosk);
}

/* The headless kiosk drains its outbox, reports, and the operators see it
 * in the registry's fleet. */
static void
test_health_sync_only_reaches_fleet (void)
{
  Kiosk *kiosk = kiosk_new (TRUE);
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *config = g_build_filename (kiosk->dir, "kiosk.conf", NULL);
  g_autofree char *config_text = NULL;
  g_autofree char *cups = g_build_filename (kiosk->dir, "no-cupsd.sock", NULL);
  g_autofree char *out = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *fleet = NULL;
  g_auto (GStrv) env = g_get_environ ();
  int status = -1;

  queue_many (kiosk, 300, 3);
  write_token_file (kiosk);
  config_text = g_strdup_printf ("[kiosk]\nregistry-url=%s\nhealth-interval=600\n",
                                 kiosk->registry->base_url);
  g_assert_true (g_file_set_contents (config, config_text, -1, NULL));
  g_clear_object (&kiosk->outbox);
  g_clear_object (&kiosk->db);

  /* no print server: the printer's state is unknown, whatever this machine has */
  env = g_environ_setenv (env, "CUPS_SERVER", cups, TRUE);
  {
    const char *argv[] = { g_getenv ("PRACTITIONER_KIOSK"),
                           "--sync-only",
                           "--config",
                           config,
                           "--data-folder",
                           kiosk->dir,
                           NULL };
    g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, child_setup, NULL, &out, NULL,
                  &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "queued: 0\n"));
  g_assert_nonnull (strstr (out, "health: reported\n"));

  g_assert_cmpint (registry_test_run_cli (kiosk->registry_url,
                                          (const char *[]){ "admin", "fleet", NULL }, NULL, &fleet,
                                          NULL),
                   ==, 0);
  g_assert_nonnull (strstr (fleet, "kiosk-under-test\t"));
  g_assert_nonnull (strstr (fleet, "\t" PACKAGE_VERSION "\t0\t0s\tunknown\tunknown\t-\n"));
  g_assert_nonnull (strstr (fleet, "1 kiosks, 0 with problems"));

  {
    const char *args[] = { "admin", "add-admin-token", "ops", NULL };
    g_assert_cmpint (registry_test_run_cli (kiosk->registry_url, args, NULL, &admin, NULL), ==, 0);
    g_strstrip (admin);
  }
  {
    g_autoptr (RegistryTestReply) reply =
        registry_test_request (session, kiosk->registry, "GET", "/v1/fleet", admin, NULL, 0);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (registry_test_json_string (reply->json, "kiosks.0.name"), ==,
                     "kiosk-under-test");
    g_assert_cmpint (registry_test_json_int (reply->json, "kiosks.0.interval_s"), ==, 600);
    g_assert_cmpint (registry_test_json_int (reply->json, "kiosks.0.outbox_depth"), ==, 0);
  }
  kiosk_free (kiosk);
}

static gboolean
curl_mapped (void)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, "/libcurl") != NULL;
}

/* libcurl and what it brings load with the first call, not with the
 * program: a client made at start costs the kiosk's first frame nothing.
 * (The first test: no call was made before it.) */
static void
test_http_library_on_first_call (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncClient) client = NULL;
  g_autoptr (JsonNode) answer = NULL;

  g_assert_false (curl_mapped ());
  client = sync_client_new ("http://127.0.0.1:1", "kiosk-token-0123456789abcdef", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (curl_mapped ());

  answer = sync_client_request (client, "GET", "/v1/health", NULL, NULL, &error);
  g_assert_null (answer);
  g_assert_error (error, SYNC_ERROR, SYNC_ERROR_UNREACHABLE);
  g_assert_true (curl_mapped ());
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster = registry_test_cluster_start ();

  g_test_add_func ("/sync/http-library-on-first-call", test_http_library_on_first_call);
  g_test_add_func ("/sync/backoff", test_backoff);
  g_test_add_func ("/sync/token-file", test_token_file);
  g_test_add_func ("/sync/delivered-when-registry-starts", test_delivered_when_registry_starts);
  g_test_add_func ("/sync/invalid-filing-parked", test_invalid_filing_parked);
  g_test_add_func ("/sync/prunes-confirmed", test_prunes_confirmed);
  g_test_add_func ("/sync/staff-session-refused-parked", test_staff_session_refused_parked);
  g_test_add_func ("/sync/revoked-token", test_revoked_token);
  g_test_add_func ("/sync/large-batch-split", test_large_batch_split);
  g_test_add_func ("/sync/untrusted-certificate", test_untrusted_certificate);
  g_test_add_func ("/sync/fault/server-error", test_fault_server_error);
  g_test_add_func ("/sync/fault/close-mid-answer", test_fault_close_mid_answer);
  g_test_add_func ("/sync/fault/silent", test_fault_silent);
  g_test_add_func ("/sync/fault/bad-json", test_fault_bad_json);
  g_test_add_func ("/sync/fault/nul-in-answer", test_fault_nul_in_answer);
  g_test_add_func ("/sync/fault/wrong-count", test_fault_wrong_count);
  g_test_add_func ("/sync/crash-safety", test_crash_safety);
  g_test_add_func ("/sync/store-read-while-running", test_store_read_while_running);
  g_test_add_func ("/sync/health/nothing-personal", test_health_nothing_personal);
  g_test_add_func ("/sync/health/thread", test_health_thread);
  g_test_add_func ("/sync/health/sync-only-reaches-fleet", test_health_sync_only_reaches_fleet);

  status = g_test_run ();
  registry_test_cluster_stop (cluster);
  return status;
}
