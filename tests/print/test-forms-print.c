/* test-forms-print.c: printing the form through a real CUPS scheduler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One private cupsd for the whole program, with two virtual IPP Everywhere
 * printers (ippeveprinter): "Window_A" (the default) and "Window_B". What a
 * printer prints lands in its output folder, where the tests read it back
 * with pdftotext and zbarimg.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "forms-error.h"
#include "forms-print-job.h"
#include "forms-printer-list.h"
#include "forms-test-cups.h"

#define PRINTER_A "Window_A"
#define PRINTER_B "Window_B"
#define SAMPLE_NUMBER "11010519491231002X"
#define WAIT_MS 60000

static FormsTestCups *cups;

static FormsSignatureForm *
sample_form (const char *record_id)
{
  FormsSignatureForm *form = forms_signature_form_new ();

  forms_signature_form_set_name (form, "张三丰");
  forms_signature_form_set_sex (form, "男");
  forms_signature_form_set_document_type (form, "居民身份证");
  forms_signature_form_set_document_number (form, SAMPLE_NUMBER);
  forms_signature_form_set_company (form, "北京市示例建设工程有限公司");
  forms_signature_form_set_phone (form, "13800138000");
  forms_signature_form_set_record_id (form, record_id);
  forms_signature_form_set_window_name (form, "测试窗口");
  return form;
}

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_arrived (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

static FormsPrinterList *
refreshed_list (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  FormsPrinterList *list = forms_printer_list_new ();

  forms_printer_list_refresh_async (list, NULL, store_result_cb, &result);
  g_assert_true (forms_test_wait_for (result_arrived, &result, WAIT_MS));
  g_assert_true (forms_printer_list_refresh_finish (list, result, &error));
  g_assert_no_error (error);
  return list;
}

static FormsPrintJob *
submit (FormsPrintJob *job)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  forms_print_job_submit_async (job, NULL, store_result_cb, &result);
  g_assert_cmpint (forms_print_job_get_status (job), ==, FORMS_JOB_STATUS_SUBMITTING);
  g_assert_true (forms_test_wait_for (result_arrived, &result, WAIT_MS));
  g_assert_true (forms_print_job_submit_finish (job, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (forms_print_job_get_job_id (job), >, 0);
  return job;
}

static gboolean
job_finished (gpointer job)
{
  return forms_print_job_get_finished (job);
}

static gboolean
job_has_problem (gpointer job)
{
  return forms_print_job_get_problem (job) != FORMS_JOB_PROBLEM_NONE ||
         forms_print_job_get_finished (job);
}

typedef struct
{
  FormsTestCups *cups;
  const char *printer;
  guint count;
} OutputWait;

static gboolean
output_arrived (gpointer user_data)
{
  OutputWait *wait = user_data;
  g_autoptr (GPtrArray) files = forms_test_cups_list_output (wait->cups, wait->printer);

  return files->len >= wait->count;
}

static char *
run_tool (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("%s: %s", argv[0], err);
  return out;
}

static void
assert_no_leftovers (void)
{
  g_autoptr (GDir) dir = g_dir_open (forms_test_cups_get_runtime_dir (cups), 0, NULL);
  const char *entry;

  g_assert_nonnull (dir);
  /* the temporary PDF is gone once CUPS has the job */
  while ((entry = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (entry, "practitioner-kiosk-print-"));
}

static void
assert_spool_has_no_documents (void)
{
  g_autoptr (GDir) dir = g_dir_open (forms_test_cups_get_spool_dir (cups), 0, NULL);
  const char *entry;

  g_assert_nonnull (dir);
  /* PreserveJobFiles No: d<job>-<doc> files go once a job is finished */
  while ((entry = g_dir_read_name (dir)) != NULL)
    g_assert_false (entry[0] == 'd' && g_ascii_isdigit (entry[1]));
}

static void
test_list (void)
{
  g_autoptr (FormsPrinterList) list = refreshed_list ();
  FormsPrinter *a;
  FormsPrinter *b;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  a = forms_printer_list_find (list, PRINTER_A);
  b = forms_printer_list_find (list, PRINTER_B);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (forms_printer_list_get_default (list) == a);
  g_assert_true (forms_printer_get_is_default (a));
  g_assert_false (forms_printer_get_is_default (b));
  g_assert_cmpint (forms_printer_get_condition (a), ==, FORMS_PRINTER_CONDITION_READY);
  g_assert_true (forms_printer_get_is_usable (a));
  g_assert_cmpstr (forms_printer_get_status_text (a), ==, "Ready");
  g_assert_cmpuint (forms_printer_get_queued_jobs (a), ==, 0);
}

static void
test_print_form (void)
{
  g_autoptr (FormsSignatureForm) form = sample_form ("R2026-000777");
  g_autoptr (FormsPrintJob) job = forms_print_job_new (PRINTER_A, form);
  g_autoptr (GPtrArray) before = forms_test_cups_list_output (cups, PRINTER_A);
  OutputWait wait = { cups, PRINTER_A, before->len + 1 };
  g_autoptr (GPtrArray) after = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *png_base = NULL;
  g_autofree char *png = NULL;
  g_autofree char *qr = NULL;

  submit (job);
  assert_no_leftovers ();
  g_assert_true (forms_test_wait_for (job_finished, job, WAIT_MS));
  g_assert_cmpint (forms_print_job_get_status (job), ==, FORMS_JOB_STATUS_DONE);
  g_assert_cmpstr (forms_print_job_get_status_text (job), ==, "Printed");
  g_assert_null (forms_print_job_get_problem_text (job));

  g_assert_true (forms_test_wait_for (output_arrived, &wait, WAIT_MS));
  after = forms_test_cups_list_output (cups, PRINTER_A);
  g_ptr_array_sort (after, (GCompareFunc) g_strcmp0);
  pdf = g_strdup (g_ptr_array_index (after, after->len - 1));

  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    text = run_tool (argv);
  }
  g_assert_nonnull (strstr (text, "签名信息采集表"));
  g_assert_nonnull (strstr (text, "张三丰"));
  g_assert_nonnull (strstr (text, SAMPLE_NUMBER));

  png_base = g_strconcat (pdf, "-page", NULL);
  {
    const char *argv[] = { "pdftoppm", "-r", "150", "-png", "-singlefile", pdf, png_base, NULL };
    g_free (run_tool (argv));
  }
  png = g_strconcat (png_base, ".png", NULL);
  {
    const char *argv[] = { "zbarimg", "--quiet", "--raw", png, NULL };
    qr = run_tool (argv);
  }
  g_assert_cmpstr (g_strstrip (qr), ==, "PKFORM:1:R2026-000777:002X");
  g_unlink (png);
  assert_spool_has_no_documents ();
}

static void
test_out_of_paper (void)
{
  g_autoptr (FormsSignatureForm) form = sample_form ("R2026-000778");
  g_autoptr (FormsPrintJob) job = forms_print_job_new (PRINTER_A, form);
  g_autoptr (FormsPrinterList) list = NULL;
  FormsPrinter *a;

  forms_test_cups_set_out_of_paper (cups, PRINTER_A, TRUE);
  submit (job);
  g_assert_true (forms_test_wait_for (job_has_problem, job, WAIT_MS));
  g_assert_cmpint (forms_print_job_get_problem (job), ==, FORMS_JOB_PROBLEM_OUT_OF_PAPER);
  g_assert_cmpstr (forms_print_job_get_problem_text (job), ==, "The printer is out of paper.");
  g_assert_false (forms_print_job_get_finished (job));

  /* the printer list says so too, and offers the printer no more */
  list = refreshed_list ();
  a = forms_printer_list_find (list, PRINTER_A);
  g_assert_cmpint (forms_printer_get_condition (a), ==, FORMS_PRINTER_CONDITION_OUT_OF_PAPER);
  g_assert_cmpstr (forms_printer_get_status_text (a), ==, "Out of paper");
  g_assert_false (forms_printer_get_is_usable (a));

  /* paper loaded: the job goes through */
  forms_test_cups_set_out_of_paper (cups, PRINTER_A, FALSE);
  g_assert_true (forms_test_wait_for (job_finished, job, WAIT_MS));
  g_assert_cmpint (forms_print_job_get_status (job), ==, FORMS_JOB_STATUS_DONE);
  g_assert_cmpint (forms_print_job_get_problem (job), ==, FORMS_JOB_PROBLEM_NONE);
}

static void
test_test_page (void)
{
  g_autoptr (FormsPrintJob) job = forms_print_job_new_test_page (PRINTER_B);
  g_autoptr (GPtrArray) before = forms_test_cups_list_output (cups, PRINTER_B);
  OutputWait wait = { cups, PRINTER_B, before->len + 1 };

  submit (job);
  g_assert_true (forms_test_wait_for (job_finished, job, WAIT_MS));
  g_assert_cmpint (forms_print_job_get_status (job), ==, FORMS_JOB_STATUS_DONE);
  g_assert_true (forms_test_wait_for (output_arrived, &wait, WAIT_MS));
}

static void
test_unknown_printer (void)
{
  g_autoptr (FormsSignatureForm) form = sample_form ("R1");
  g_autoptr (FormsPrintJob) job = forms_print_job_new ("No_Such_Printer", form);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  forms_print_job_submit_async (job, NULL, store_result_cb, &result);
  g_assert_true (forms_test_wait_for (result_arrived, &result, WAIT_MS));
  g_assert_false (forms_print_job_submit_finish (job, result, &error));
  g_assert_error (error, FORMS_ERROR, FORMS_ERROR_NOT_FOUND);
  g_assert_cmpint (forms_print_job_get_status (job), ==, FORMS_JOB_STATUS_FAILED);
  assert_no_leftovers ();
}

static gboolean
no_jobs_on_b (gpointer user_data)
{
  g_autoptr (FormsPrinterList) list = refreshed_list ();

  return forms_printer_get_queued_jobs (forms_printer_list_find (list, PRINTER_B)) == 0;
}

/* runs last: it switches printer B off */
static void
test_offline_and_cancel (void)
{
  g_autoptr (FormsSignatureForm) form = sample_form ("R2026-000779");
  g_autoptr (FormsPrintJob) job = forms_print_job_new (PRINTER_B, form);
  g_autoptr (FormsPrintJob) second = forms_print_job_new (PRINTER_B, form);
  g_autoptr (FormsPrinterList) list = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  forms_test_cups_stop_printer (cups, PRINTER_B);
  forms_print_job_set_offline_after (job, 2);
  submit (job);
  g_assert_true (forms_test_wait_for (job_has_problem, job, 90000));
  g_assert_cmpint (forms_print_job_get_problem (job), ==, FORMS_JOB_PROBLEM_OFFLINE);
  g_assert_cmpstr (forms_print_job_get_problem_text (job), ==, "The printer is offline.");
  g_assert_false (forms_print_job_get_finished (job));

  list = refreshed_list ();
  g_assert_cmpint (forms_printer_get_condition (forms_printer_list_find (list, PRINTER_B)), ==,
                   FORMS_PRINTER_CONDITION_OFFLINE);
  g_assert_cmpstr (forms_printer_get_status_text (forms_printer_list_find (list, PRINTER_B)), ==,
                   "Offline");

  forms_print_job_cancel_async (job, NULL, store_result_cb, &result);
  g_assert_true (forms_test_wait_for (result_arrived, &result, WAIT_MS));
  forms_print_job_cancel_finish (job, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (forms_print_job_get_status (job), ==, FORMS_JOB_STATUS_CANCELLED);
  g_assert_true (forms_print_job_get_finished (job));

  /* staff clear the queue of a printer that is off */
  submit (second);
  g_clear_object (&result);
  forms_printer_cancel_all_jobs_async (forms_printer_list_find (list, PRINTER_B), NULL,
                                       store_result_cb, &result);
  g_assert_true (forms_test_wait_for (result_arrived, &result, WAIT_MS));
  forms_printer_cancel_all_jobs_finish (forms_printer_list_find (list, PRINTER_B), result, &error);
  g_assert_no_error (error);
  g_assert_true (forms_test_wait_for (job_finished, second, WAIT_MS));
  g_assert_cmpint (forms_print_job_get_status (second), ==, FORMS_JOB_STATUS_CANCELLED);
  g_assert_true (no_jobs_on_b (NULL));
  assert_spool_has_no_documents ();
}

int
main (int argc, char *argv[])
{
  int status;

  /* the English msgids, whatever the machine's locale */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  cups = forms_test_cups_start ();
  forms_test_cups_add_printer (cups, PRINTER_A, TRUE);
  forms_test_cups_add_printer (cups, PRINTER_B, FALSE);

  g_test_add_func ("/forms/print/list", test_list);
  g_test_add_func ("/forms/print/form", test_print_form);
  g_test_add_func ("/forms/print/out-of-paper", test_out_of_paper);
  g_test_add_func ("/forms/print/test-page", test_test_page);
  g_test_add_func ("/forms/print/unknown-printer", test_unknown_printer);
  g_test_add_func ("/forms/print/offline-and-cancel", test_offline_and_cancel);

  status = g_test_run ();
  forms_test_cups_stop (cups);
  return status;
}
