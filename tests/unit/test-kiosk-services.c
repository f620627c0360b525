/* test-kiosk-services.c: what the pages work with, made once and handed out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-services.h"

static void
result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
submit (KioskServices *services, CoreFiling *filing, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kiosk_services_submit_filing_async (services, filing, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return kiosk_services_submit_filing_finish (services, result, error);
}

static CoreFiling *
card_filing (void)
{
  CoreFiling *filing = core_filing_new ();
  g_autofree char *id = g_uuid_string_random ();

  core_filing_set (filing, CORE_FILING_FIELD_FILING_ID, id);
  core_filing_set (filing, CORE_FILING_FIELD_SOURCE, "card");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_TYPE, "resident");
  core_filing_set (filing, CORE_FILING_FIELD_DOC_NUMBER, "110101195803140024");
  core_filing_set (filing, CORE_FILING_FIELD_NAME, "王秀英");
  core_filing_set (filing, CORE_FILING_FIELD_SEX, "女");
  core_filing_set (filing, CORE_FILING_FIELD_NATION, "汉");
  core_filing_set (filing, CORE_FILING_FIELD_BIRTH_DATE, "1958-03-14");
  core_filing_set (filing, CORE_FILING_FIELD_ADDRESS, "北京市东城区");
  core_filing_set (filing, CORE_FILING_FIELD_ISSUER, "北京市公安局东城分局");
  core_filing_set (filing, CORE_FILING_FIELD_VALID_FROM, "2015-06-01");
  core_filing_set (filing, CORE_FILING_FIELD_VALID_UNTIL, "2035-06-01");
  core_filing_set (filing, CORE_FILING_FIELD_CARD_TYPE, "resident");
  return filing;
}

/* A kiosk without a registry or a store still has what a page needs. */
static void
test_defaults (void)
{
  g_autoptr (KioskServices) services = g_object_new (KIOSK_TYPE_SERVICES, NULL);
  IdcardReader *reader;
  FormsPrinterList *printers;

  g_assert_nonnull (kiosk_services_get_config (services));
  g_assert_null (kiosk_services_get_registry (services));
  g_assert_null (kiosk_services_get_sync_engine (services));
  g_assert_null (kiosk_services_get_demo (services));

  /* made on first use, then the same one for every page */
  reader = kiosk_services_get_reader (services);
  g_assert_true (IDCARD_IS_READER (reader));
  g_assert_true (kiosk_services_get_reader (services) == reader);
  printers = kiosk_services_get_printers (services);
  g_assert_true (FORMS_IS_PRINTER_LIST (printers));
  g_assert_true (kiosk_services_get_printers (services) == printers);
}

/* Filing is kept in the outbox, checked first; without a store it says so. */
static void
test_submit_filing (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("kiosk-services-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "kiosk.db", NULL);
  g_autoptr (StoreDatabase) store = NULL;
  g_autoptr (StoreSealer) sealer = NULL;
  g_autoptr (StoreOutbox) outbox = NULL;
  g_autoptr (KioskServices) services = NULL;
  g_autoptr (KioskServices) storeless = g_object_new (KIOSK_TYPE_SERVICES, NULL);
  g_autoptr (CoreFiling) filing = card_filing ();
  g_autoptr (CoreFiling) incomplete = core_filing_new ();
  StoreOutboxCounts counts = { 0 };
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_assert_no_error (error);
  store = store_database_open (path, &error);
  g_assert_no_error (error);
  sealer = store_sealer_new_for_folder (folder, &error);
  g_assert_no_error (error);
  outbox = store_outbox_new (store, sealer);
  services = g_object_new (KIOSK_TYPE_SERVICES, "store", store, "outbox", outbox, NULL);

  g_assert_false (submit (storeless, filing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);

  g_assert_false (submit (services, incomplete, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (store_outbox_get_counts (outbox, &counts, &error));
  g_assert_cmpuint (counts.queued, ==, 0);

  g_assert_true (submit (services, filing, &error));
  g_assert_no_error (error);
  g_assert_true (store_outbox_get_counts (outbox, &counts, &error));
  g_assert_cmpuint (counts.queued, ==, 1);

  g_clear_object (&services);
  g_clear_object (&outbox);
  g_clear_object (&store);
  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (folder, name, NULL);
      g_unlink (child);
    }
  g_rmdir (folder);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk/services/defaults", test_defaults);
  g_test_add_func ("/kiosk/services/submit-filing", test_submit_filing);
  return g_test_run ();
}
