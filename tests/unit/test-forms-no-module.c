/* test-forms-no-module.c: printing without the CUPS module
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libcups is a module opened on the first print-related call (forms-cups.h).
 * A kiosk whose module is missing says printing is not available, as when
 * the print service is down, and goes on: nothing crashes, nothing is left
 * on disk. The module's folder is an empty one here.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "forms-error.h"
#include "forms-print-job.h"
#include "forms-printer-list.h"

static char *runtime_dir;

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_list (void)
{
  g_autoptr (FormsPrinterList) list = forms_printer_list_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) default_error = NULL;

  /* the first call says why, once */
  g_test_expect_message ("Forms", G_LOG_LEVEL_WARNING, "cannot load the CUPS module:*");
  forms_printer_list_refresh_async (list, NULL, store_result_cb, &result);
  g_assert_false (forms_printer_list_refresh_finish (list, wait_for_result (&result), &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, FORMS_ERROR, FORMS_ERROR_UNAVAILABLE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  g_assert_null (forms_printer_list_query_default (&default_error));
  g_assert_error (default_error, FORMS_ERROR, FORMS_ERROR_UNAVAILABLE);
}

static void
test_print (void)
{
  g_autoptr (FormsPrintJob) job = forms_print_job_new_test_page ("Window_A");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;

  forms_print_job_submit_async (job, NULL, store_result_cb, &result);
  g_assert_false (forms_print_job_submit_finish (job, wait_for_result (&result), &error));
  g_assert_error (error, FORMS_ERROR, FORMS_ERROR_UNAVAILABLE);
  g_assert_cmpint (forms_print_job_get_status (job), ==, FORMS_JOB_STATUS_FAILED);

  /* no rendered PDF stays behind */
  dir = g_dir_open (runtime_dir, 0, NULL);
  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
}

int
main (int argc, char *argv[])
{
  g_autofree char *modules = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  modules = g_dir_make_tmp ("forms-no-module-XXXXXX", NULL);
  runtime_dir = g_dir_make_tmp ("forms-no-module-run-XXXXXX", NULL);
  g_assert_nonnull (modules);
  g_assert_nonnull (runtime_dir);
  g_setenv ("PRACTITIONER_KIOSK_MODULE_DIR", modules, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);

  /* in this order: the first call loads */
  g_test_add_func ("/forms/no-module/list", test_list);
  g_test_add_func ("/forms/no-module/print", test_print);

  status = g_test_run ();
  g_rmdir (modules);
  g_rmdir (runtime_dir);
  g_free (runtime_dir);
  return status;
}
