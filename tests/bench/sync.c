/* sync.c: how fast a kiosk's queue drains to a loopback registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 10,000 queued filings drained by the sync engine (batches of up to 500, one
 * kept-alive connection) against a real registry process on SQLite, then the
 * same number sent one request per filing with the same client, for the ratio.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "core-filing.h"
#include "registry-test-util.h"
#include "sync-engine.h"

#define N_FILINGS 10000
#define TARGET_SECONDS 10.0
#define TARGET_RATIO 20.0

static JsonNode *
make_filing (guint n, char **out_id)
{
  g_autoptr (CoreFiling) filing = registry_test_card_filing (1940, n, NULL);

  *out_id = g_strdup (core_filing_get_filing_id (filing));
  core_filing_set (filing, CORE_FILING_FIELD_NAME, "基准测试");
  core_filing_set (filing, CORE_FILING_FIELD_VALID_UNTIL, "长期");
  return core_filing_to_json_node (filing);
}

static gboolean
drained (SyncEngine *engine)
{
  return sync_engine_get_state (engine) == SYNC_STATE_ONLINE &&
         sync_engine_get_queued (engine) == 0;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  RegistryTestCluster *cluster;
  RegistryTestProcess *registry;
  g_autofree char *db_url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-sync-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr (StoreDatabase) db = NULL;
  g_autoptr (StoreSealer) sealer = NULL;
  g_autoptr (StoreOutbox) outbox = NULL;
  g_autoptr (SyncClient) client = NULL;
  g_autoptr (SyncEngine) engine = NULL;
  gint64 start, batched_us, single_us;

  g_setenv ("REGISTRY_TEST_BACKEND", "sqlite", TRUE);
  cluster = registry_test_cluster_start ();
  db_url = registry_test_cluster_new_database (cluster);
  token = registry_test_enroll_device (db_url, "bench-kiosk");
  registry = registry_test_process_start (cluster, db_url, NULL);

  db = store_database_open (store_path, &error);
  g_assert_no_error (error);
  sealer = store_sealer_new_for_folder (dir, &error);
  g_assert_no_error (error);
  outbox = store_outbox_new (db, sealer);
  for (guint i = 0; i < N_FILINGS; i++)
    {
      g_autofree char *id = NULL;
      g_autoptr (JsonNode) node = make_filing (i, &id);
      char *json = json_to_string (node, FALSE);
      g_autoptr (GBytes) payload = g_bytes_new_take (json, strlen (json));

      store_outbox_add (outbox, id, "card", NULL, payload, &error);
      g_assert_no_error (error);
    }

  client = sync_client_new (registry->base_url, token, NULL, &error);
  g_assert_no_error (error);
  engine = sync_engine_new (store_path, dir, client, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  sync_engine_start (engine);
  while (!drained (engine))
    g_main_context_iteration (NULL, TRUE);
  batched_us = g_get_monotonic_time () - start;
  sync_engine_stop (engine);

  /* the same number, one request per filing */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_FILINGS; i++)
    {
      g_autofree char *id = NULL;
      g_autoptr (JsonNode) node = make_filing (N_FILINGS + i, &id);
      g_autoptr (JsonNode) answer =
          sync_client_request (client, "POST", "/v1/filings", node, NULL, &error);
      g_assert_no_error (error);
    }
  single_us = g_get_monotonic_time () - start;

  g_print ("sync-filings: %d (SQLite registry on loopback)\n", N_FILINGS);
  g_print ("sync-batched-requests: %" G_GUINT64_FORMAT "\n", sync_engine_get_requests (engine));
  g_print ("sync-batched-total: %.2f s (target <= %.0f s)\n", batched_us / 1e6, TARGET_SECONDS);
  g_print ("sync-batched-rate: %.0f filings/s\n", N_FILINGS / (batched_us / 1e6));
  g_print ("sync-single-total: %.2f s\n", single_us / 1e6);
  g_print ("sync-single-rate: %.0f filings/s\n", N_FILINGS / (single_us / 1e6));
  g_print ("sync-speedup: %.1f x (target >= %.0f x)\n", (double) single_us / batched_us,
           TARGET_RATIO);

  registry_test_process_stop (registry);
  registry_test_cluster_stop (cluster);
  return 0;
}
