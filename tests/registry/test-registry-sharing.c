/* test-registry-sharing.c: other programs on the registry's database while it
 * serves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Operators run `practitioner-registry admin …`, the sqlite3 shell or a backup
 * against the database of a running registry. None of them may make the
 * server lose an answered filing or miss a change they made. On SQLite this
 * holds only while the server keeps its file locks: a process that believes
 * it is the last user of the file checkpoints and deletes the WAL under the
 * server's feet. The test process itself keeps no connection open while the
 * other programs run, so its own locks cannot hide the server's.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-filing.h"
#include "registry-test-util.h"

static RegistryTestCluster *cluster;

static CoreFiling *
card_filing (guint seq)
{
  CoreFiling *filing = registry_test_card_filing (1970, seq, NULL);

  core_filing_set (filing, CORE_FILING_FIELD_NAME, "李四");
  core_filing_set (filing, CORE_FILING_FIELD_SEX, "女");
  return filing;
}

static void
post_filing (SoupSession *session,
             RegistryTestProcess *process,
             const char *token,
             guint seq,
             GPtrArray *answered)
{
  g_autoptr (CoreFiling) filing = card_filing (seq);
  g_autofree char *json = core_filing_to_json (filing);
  g_autoptr (RegistryTestReply) reply =
      registry_test_request (session, process, "POST", "/v1/filings", token, json, -1);

  g_assert_cmpuint (reply->status, ==, 201);
  g_ptr_array_add (answered, g_strdup (core_filing_get_filing_id (filing)));
}

/* The sqlite3 shell, as an operator would run it. */
static char *
run_sqlite3 (const char *url, const char *sql)
{
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "sqlite3", url + strlen ("sqlite:"), sql, NULL };
  char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_str_has_prefix (url, "sqlite:"));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("sqlite3 failed: %s", err);
  return g_strstrip (out);
}

static gint64
count_filings (const char *url, GPtrArray *ids)
{
  g_autoptr (RegistryStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  gint64 found = 0;

  storage = registry_storage_open (url, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM filings WHERE filing_id = '%s'",
                                              (char *) ids->pdata[i]);
      found += registry_test_count (storage, sql);
    }
  return found;
}

/* Filings answered 201 while an admin command and the sqlite3 shell come and
 * go are all on disk after the server is killed. */
static void
test_answered_filings_survive (void)
{
  g_autofree char *url = registry_test_cluster_new_database (cluster);
  g_autofree char *token = registry_test_enroll_device (url, "kiosk-1");
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GPtrArray) answered = g_ptr_array_new_with_free_func (g_free);
  gboolean sqlite = !registry_test_cluster_is_postgres (cluster);
  RegistryTestProcess *process;

  process =
      registry_test_process_start (cluster, url, (const char *const[]){ "--workers", "4", NULL });
  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *out = NULL;

      /* several requests, so that every worker's connection writes */
      for (guint i = 0; i < 8; i++)
        post_filing (session, process, token, round * 8 + i, answered);
      g_assert_cmpint (registry_test_run_cli (url,
                                              (const char *[]){ "admin", "list-devices", NULL },
                                              NULL, &out, NULL),
                       ==, 0);
      g_assert_nonnull (strstr (out, "kiosk-1\t"));
      if (sqlite)
        {
          g_autofree char *counted = run_sqlite3 (url, "SELECT count(*) FROM filings");
          g_autofree char *expected = g_strdup_printf ("%u", answered->len);
          /* the shell sees everything the server answered */
          g_assert_cmpstr (counted, ==, expected);
        }
    }
  for (guint i = 0; i < 4; i++)
    post_filing (session, process, token, 100 + i, answered);

  /* a power cut: nothing but the disk is left */
  registry_test_process_kill (process);
  g_assert_cmpint (count_filings (url, answered), ==, answered->len);

  process = registry_test_process_start (cluster, url, NULL);
  g_assert_cmpint (count_filings (url, answered), ==, answered->len);
  registry_test_process_stop (process);
}

static guint
state_status (SoupSession *session, RegistryTestProcess *process, const char *token)
{
  g_autofree char *number = registry_test_resident_number (1970, 999);
  g_autofree char *path = g_strdup_printf ("/v1/persons/resident/%s/state", number);
  g_autoptr (RegistryTestReply) reply =
      registry_test_request (session, process, "GET", path, token, NULL, 0);

  return reply->status;
}

/* A kiosk enrolled and then revoked with the admin command while the server
 * runs: its token works, and then stops working on every worker at once. */
static void
test_enrol_and_revoke_while_serving (void)
{
  g_autofree char *url = registry_test_cluster_new_database (cluster);
  g_autofree char *first = registry_test_enroll_device (url, "kiosk-1");
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *late = NULL;
  RegistryTestProcess *process;

  process =
      registry_test_process_start (cluster, url, (const char *const[]){ "--workers", "4", NULL });
  /* every worker has read the database before the other programs run */
  for (guint i = 0; i < 8; i++)
    g_assert_cmpuint (state_status (session, process, first), ==, 200);

  late = registry_test_enroll_device (url, "kiosk-late");
  for (guint i = 0; i < 8; i++)
    g_assert_cmpuint (state_status (session, process, late), ==, 200);

  g_assert_cmpint (
      registry_test_run_cli (url, (const char *[]){ "admin", "revoke-device", "kiosk-late", NULL },
                             NULL, NULL, NULL),
      ==, 0);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpuint (state_status (session, process, late), ==, 401);
  g_assert_cmpuint (state_status (session, process, first), ==, 200);
  registry_test_process_stop (process);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster = registry_test_cluster_start ();

  g_test_add_func ("/registry/sharing/answered-filings-survive", test_answered_filings_survive);
  g_test_add_func ("/registry/sharing/enrol-and-revoke-while-serving",
                   test_enrol_and_revoke_while_serving);

  status = g_test_run ();
  registry_test_cluster_stop (cluster);
  return status;
}
