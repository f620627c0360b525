/* form.c: how fast the signature collection form is drawn and handed to CUPS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures, asserts nothing:
 *   form-pdf-render: median time to render the PDF (target < 100 ms)
 *   form-preview-render: median time to draw the on-screen image
 *   form-print-accepted: median time from the print tap (submit) to the job
 *     accepted by a private cupsd with a virtual printer (target < 300 ms)
 */

#include "config.h"

#include "forms-print-job.h"
#include "forms-render.h"
#include "forms-test-cups.h"

#define RENDER_RUNS 50
#define PRINT_RUNS 10

static FormsSignatureForm *
sample_form (void)
{
  FormsSignatureForm *form = forms_signature_form_new ();

  forms_signature_form_set_name (form, "张三丰");
  forms_signature_form_set_sex (form, "男");
  forms_signature_form_set_document_type (form, "居民身份证");
  forms_signature_form_set_document_number (form, "11010519491231002X");
  forms_signature_form_set_company (form, "北京市示例建设工程有限公司");
  forms_signature_form_set_phone (form, "13800138000");
  forms_signature_form_set_record_id (form, "R2026-000123");
  forms_signature_form_set_window_name (form, "市受理服务中心 3号窗口");
  return form;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
render_pdf_ms (FormsSignatureForm *form)
{
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!forms_render_pdf_to_stream (form, stream, NULL, &error))
    g_error ("rendering: %s", error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
render_preview_ms (FormsSignatureForm *form)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  cairo_surface_t *image = forms_render_image (form, 1.5, &error);
  double ms = (g_get_monotonic_time () - start) / 1000.0;

  if (image == NULL)
    g_error ("rendering: %s", error->message);
  cairo_surface_destroy (image);
  return ms;
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

static gboolean
job_finished (gpointer job)
{
  return forms_print_job_get_finished (job);
}

static double
print_accepted_ms (FormsSignatureForm *form)
{
  g_autoptr (FormsPrintJob) job = forms_print_job_new ("Bench_Printer", form);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  forms_print_job_submit_async (job, NULL, store_result_cb, &result);
  if (!forms_test_wait_for (result_arrived, &result, 60000))
    g_error ("the job was not accepted in time");
  ms = (g_get_monotonic_time () - start) / 1000.0;
  if (!forms_print_job_submit_finish (job, result, &error))
    g_error ("printing: %s", error->message);
  /* one job at a time, as at a kiosk */
  forms_test_wait_for (job_finished, job, 60000);
  return ms;
}

int
main (int argc, char *argv[])
{
  g_autoptr (FormsSignatureForm) form = sample_form ();
  double pdf[RENDER_RUNS];
  double preview[RENDER_RUNS];
  double accepted[PRINT_RUNS];
  FormsTestCups *cups;

  cups = forms_test_cups_start ();
  forms_test_cups_add_printer (cups, "Bench_Printer", TRUE);

  /* the first run loads the fonts; a kiosk has done that long before */
  render_pdf_ms (form);
  for (guint i = 0; i < RENDER_RUNS; i++)
    pdf[i] = render_pdf_ms (form);
  for (guint i = 0; i < RENDER_RUNS; i++)
    preview[i] = render_preview_ms (form);
  for (guint i = 0; i < PRINT_RUNS; i++)
    accepted[i] = print_accepted_ms (form);

  g_print ("form-pdf-render: %.1f ms (target < 100 ms; median of %d)\n", median (pdf, RENDER_RUNS),
           RENDER_RUNS);
  g_print ("form-preview-render: %.1f ms (target none; median of %d, 893x1263 px)\n",
           median (preview, RENDER_RUNS), RENDER_RUNS);
  g_print ("form-print-accepted: %.1f ms (target < 300 ms; median of %d, tap to job accepted)\n",
           median (accepted, PRINT_RUNS), PRINT_RUNS);

  forms_test_cups_stop (cups);
  return 0;
}
