/* forms-print-job.c: one document sent to CUPS and followed to the end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Submitting renders the PDF into a 0600 file in the runtime folder, streams
 * it to CUPS (cupsCreateDestJob, cupsStartDestDocument, cupsWriteRequestData,
 * cupsFinishDestDocument: A4, one copy, job-hold-until=no-hold) and deletes
 * the file, whatever happened. The job title is fixed, never the person's
 * name: CUPS keeps titles in its job history and logs.
 *
 * Then the job is followed by polling Get-Job-Attributes and the queue's
 * state every half second on a worker thread. A job on an unreachable
 * printer stays "processing" for ever while the backend retries; it counts
 * as offline once the queue says the device cannot be reached and the job
 * is older than offline-after seconds.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>
#include <unistd.h>

#include "forms-cups-private.h"
#include "forms-error.h"
#include "forms-print-job.h"
#include "forms-printer-private.h"
#include "forms-render.h"

#define POLL_INTERVAL_MS 500
/* after this many failed polls in a row (10 s) the job reports an error */
#define MAX_FAILED_POLLS 20
#define JOB_TITLE_FORM "签名信息采集表"
#define JOB_TITLE_TEST_PAGE "打印测试页"

struct _FormsPrintJob
{
  GObject parent_instance;

  char *printer_name;
  FormsSignatureForm *form; /* NULL for a test page */
  int job_id;
  FormsJobStatus status;
  FormsJobProblem problem;
  guint offline_after;
  gint64 submitted_at;

  GCancellable *cancellable;
  GMainContext *context;
  GSource *poll_source;
  gboolean poll_in_flight;
  guint failed_polls;
};

G_DEFINE_FINAL_TYPE (FormsPrintJob, forms_print_job, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PRINTER_NAME,
  PROP_JOB_ID,
  PROP_STATUS,
  PROP_PROBLEM,
  PROP_FINISHED,
  PROP_OFFLINE_AFTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
stop_polling (FormsPrintJob *self)
{
  if (self->poll_source != NULL)
    {
      g_source_destroy (self->poll_source);
      g_clear_pointer (&self->poll_source, g_source_unref);
    }
}

static void
forms_print_job_dispose (GObject *object)
{
  FormsPrintJob *self = FORMS_PRINT_JOB (object);

  g_cancellable_cancel (self->cancellable);
  stop_polling (self);

  G_OBJECT_CLASS (forms_print_job_parent_class)->dispose (object);
}

static void
forms_print_job_finalize (GObject *object)
{
  FormsPrintJob *self = FORMS_PRINT_JOB (object);

  g_free (self->printer_name);
  g_clear_object (&self->form);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (forms_print_job_parent_class)->finalize (object);
}

static void
forms_print_job_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FormsPrintJob *self = FORMS_PRINT_JOB (object);

  switch (prop_id)
    {
      case PROP_PRINTER_NAME:
        g_value_set_string (value, self->printer_name);
        break;
      case PROP_JOB_ID:
        g_value_set_int (value, self->job_id);
        break;
      case PROP_STATUS:
        g_value_set_enum (value, self->status);
        break;
      case PROP_PROBLEM:
        g_value_set_enum (value, self->problem);
        break;
      case PROP_FINISHED:
        g_value_set_boolean (value, forms_print_job_get_finished (self));
        break;
      case PROP_OFFLINE_AFTER:
        g_value_set_uint (value, self->offline_after);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
forms_print_job_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  FormsPrintJob *self = FORMS_PRINT_JOB (object);

  switch (prop_id)
    {
      case PROP_PRINTER_NAME:
        self->printer_name = g_value_dup_string (value);
        break;
      case PROP_OFFLINE_AFTER:
        forms_print_job_set_offline_after (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
forms_print_job_class_init (FormsPrintJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = forms_print_job_dispose;
  object_class->finalize = forms_print_job_finalize;
  object_class->get_property = forms_print_job_get_property;
  object_class->set_property = forms_print_job_set_property;

  properties[PROP_PRINTER_NAME] =
      g_param_spec_string ("printer-name", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                               G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_JOB_ID] = g_param_spec_int ("job-id", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_STATUS] =
      g_param_spec_enum ("status", NULL, NULL, FORMS_TYPE_JOB_STATUS, FORMS_JOB_STATUS_NEW, ro);
  properties[PROP_PROBLEM] =
      g_param_spec_enum ("problem", NULL, NULL, FORMS_TYPE_JOB_PROBLEM, FORMS_JOB_PROBLEM_NONE, ro);
  properties[PROP_FINISHED] = g_param_spec_boolean ("finished", NULL, NULL, FALSE, ro);
  /**
   * FormsPrintJob:offline-after:
   *
   * Seconds a job may wait on a printer that cannot be reached before the
   * job reports %FORMS_JOB_PROBLEM_OFFLINE.
   */
  properties[PROP_OFFLINE_AFTER] = g_param_spec_uint (
      "offline-after", NULL, NULL, 0, 3600, FORMS_PRINT_JOB_DEFAULT_OFFLINE_AFTER,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
forms_print_job_init (FormsPrintJob *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * forms_print_job_new:
 * @form: the form to print; the job keeps a copy
 */
FormsPrintJob *
forms_print_job_new (const char *printer_name, FormsSignatureForm *form)
{
  FormsPrintJob *self;

  g_return_val_if_fail (printer_name != NULL, NULL);
  g_return_val_if_fail (FORMS_IS_SIGNATURE_FORM (form), NULL);

  self = g_object_new (FORMS_TYPE_PRINT_JOB, "printer-name", printer_name, NULL);
  self->form = forms_signature_form_copy (form);
  return self;
}

/**
 * forms_print_job_new_test_page:
 *
 * A job that prints a test page without personal data, for staff.
 */
FormsPrintJob *
forms_print_job_new_test_page (const char *printer_name)
{
  g_return_val_if_fail (printer_name != NULL, NULL);

  return g_object_new (FORMS_TYPE_PRINT_JOB, "printer-name", printer_name, NULL);
}

const char *
forms_print_job_get_printer_name (FormsPrintJob *self)
{
  g_return_val_if_fail (FORMS_IS_PRINT_JOB (self), NULL);
  return self->printer_name;
}

int
forms_print_job_get_job_id (FormsPrintJob *self)
{
  g_return_val_if_fail (FORMS_IS_PRINT_JOB (self), 0);
  return self->job_id;
}

FormsJobStatus
forms_print_job_get_status (FormsPrintJob *self)
{
  g_return_val_if_fail (FORMS_IS_PRINT_JOB (self), FORMS_JOB_STATUS_FAILED);
  return self->status;
}

FormsJobProblem
forms_print_job_get_problem (FormsPrintJob *self)
{
  g_return_val_if_fail (FORMS_IS_PRINT_JOB (self), FORMS_JOB_PROBLEM_ERROR);
  return self->problem;
}

/**
 * forms_print_job_get_finished:
 *
 * Returns: whether the job is done, failed or cancelled
 */
gboolean
forms_print_job_get_finished (FormsPrintJob *self)
{
  g_return_val_if_fail (FORMS_IS_PRINT_JOB (self), TRUE);
  return self->status == FORMS_JOB_STATUS_DONE || self->status == FORMS_JOB_STATUS_FAILED ||
         self->status == FORMS_JOB_STATUS_CANCELLED;
}

guint
forms_print_job_get_offline_after (FormsPrintJob *self)
{
  g_return_val_if_fail (FORMS_IS_PRINT_JOB (self), 0);
  return self->offline_after;
}

void
forms_print_job_set_offline_after (FormsPrintJob *self, guint seconds)
{
  g_return_if_fail (FORMS_IS_PRINT_JOB (self));

  if (self->offline_after == seconds)
    return;
  self->offline_after = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_AFTER]);
}

/**
 * forms_print_job_get_status_text:
 *
 * Returns: where the job is, in words, in the current language
 */
const char *
forms_print_job_get_status_text (FormsPrintJob *self)
{
  g_return_val_if_fail (FORMS_IS_PRINT_JOB (self), NULL);

  switch (self->status)
    {
      case FORMS_JOB_STATUS_NEW:
        return _ ("Ready to print");
      case FORMS_JOB_STATUS_SUBMITTING:
        return _ ("Sending the form to the printer…");
      case FORMS_JOB_STATUS_QUEUED:
        return _ ("Waiting for the printer…");
      case FORMS_JOB_STATUS_PRINTING:
        return _ ("Printing…");
      case FORMS_JOB_STATUS_DONE:
        return _ ("Printed");
      case FORMS_JOB_STATUS_CANCELLED:
        return _ ("Printing was cancelled");
      case FORMS_JOB_STATUS_FAILED:
      default:
        return _ ("Printing failed");
    }
}

/**
 * forms_print_job_get_problem_text:
 *
 * Returns: (nullable): what holds the job up, in words, or %NULL
 */
const char *
forms_print_job_get_problem_text (FormsPrintJob *self)
{
  g_return_val_if_fail (FORMS_IS_PRINT_JOB (self), NULL);

  switch (self->problem)
    {
      case FORMS_JOB_PROBLEM_NONE:
        return NULL;
      case FORMS_JOB_PROBLEM_OUT_OF_PAPER:
        return _ ("The printer is out of paper.");
      case FORMS_JOB_PROBLEM_PAPER_JAM:
        return _ ("Paper is jammed in the printer.");
      case FORMS_JOB_PROBLEM_DOOR_OPEN:
        return _ ("A cover of the printer is open.");
      case FORMS_JOB_PROBLEM_OUT_OF_TONER:
        return _ ("The printer is out of toner.");
      case FORMS_JOB_PROBLEM_PAUSED:
        return _ ("The printer is paused.");
      case FORMS_JOB_PROBLEM_OFFLINE:
        return _ ("The printer is offline.");
      case FORMS_JOB_PROBLEM_ERROR:
      default:
        return _ ("The printer reports an error.");
    }
}

static void
set_status (FormsPrintJob *self, FormsJobStatus status, FormsJobProblem problem)
{
  gboolean was_finished = forms_print_job_get_finished (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->problem != problem)
    {
      self->problem = problem;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
    }
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (forms_print_job_get_finished (self) != was_finished)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  g_object_thaw_notify (G_OBJECT (self));

  if (forms_print_job_get_finished (self))
    stop_polling (self);
}

/* ---- submitting ------------------------------------------------------- */

typedef struct
{
  char *printer_name;
  FormsSignatureForm *form;
} SubmitData;

static void
submit_data_free (SubmitData *data)
{
  g_free (data->printer_name);
  g_clear_object (&data->form);
  g_free (data);
}

static char *
temporary_template (void)
{
  const char *runtime = g_getenv ("XDG_RUNTIME_DIR");
  const char *dir =
      runtime != NULL && g_file_test (runtime, G_FILE_TEST_IS_DIR) ? runtime : g_get_tmp_dir ();

  return g_build_filename (dir, "practitioner-kiosk-print-XXXXXX.pdf", NULL);
}

static gboolean
render_to_fd (SubmitData *data, int fd, GCancellable *cancellable, GError **error)
{
  g_autoptr (GOutputStream) stream = g_unix_output_stream_new (fd, FALSE);

  if (data->form != NULL)
    return forms_render_pdf_to_stream (data->form, stream, cancellable, error);
  return forms_render_test_page_to_stream (data->printer_name, stream, cancellable, error);
}

/* Streams the rendered file into the created job; the caller cancels the job
 * when this fails. */
static gboolean
send_document (cups_dest_t *dest,
               cups_dinfo_t *info,
               int job_id,
               int fd,
               GCancellable *cancellable,
               GError **error)
{
  char buffer[65536];
  ssize_t n;

  if (cupsStartDestDocument (CUPS_HTTP_DEFAULT, dest, info, job_id, "form.pdf", CUPS_FORMAT_PDF, 0,
                             NULL, 1) != HTTP_STATUS_CONTINUE)
    return forms_cups_set_error (error, "starting the document");

  if (lseek (fd, 0, SEEK_SET) < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "reading the PDF: %s",
                   g_strerror (errno));
      cupsFinishDestDocument (CUPS_HTTP_DEFAULT, dest, info);
      return FALSE;
    }
  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          cupsFinishDestDocument (CUPS_HTTP_DEFAULT, dest, info);
          return FALSE;
        }
      if (cupsWriteRequestData (CUPS_HTTP_DEFAULT, buffer, (size_t) n) != HTTP_STATUS_CONTINUE)
        {
          forms_cups_set_error (error, "sending the document");
          cupsFinishDestDocument (CUPS_HTTP_DEFAULT, dest, info);
          return FALSE;
        }
    }
  if (n < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "reading the PDF: %s",
                   g_strerror (errno));
      cupsFinishDestDocument (CUPS_HTTP_DEFAULT, dest, info);
      return FALSE;
    }
  if (cupsFinishDestDocument (CUPS_HTTP_DEFAULT, dest, info) > IPP_STATUS_OK_EVENTS_COMPLETE)
    return forms_cups_set_error (error, "finishing the document");
  return TRUE;
}

static int
create_and_send (cups_dest_t *dest,
                 const char *title,
                 int fd,
                 GCancellable *cancellable,
                 GError **error)
{
  cups_dinfo_t *info = cupsCopyDestInfo (CUPS_HTTP_DEFAULT, dest);
  cups_option_t *options = NULL;
  int n_options = 0;
  int job_id = 0;
  ipp_status_t status;

  if (info == NULL)
    {
      forms_cups_set_error (error, "asking for the printer's capabilities");
      return 0;
    }

  n_options = cupsAddOption (CUPS_MEDIA, CUPS_MEDIA_A4, n_options, &options);
  n_options = cupsAddOption (CUPS_COPIES, "1", n_options, &options);
  n_options = cupsAddOption ("job-hold-until", "no-hold", n_options, &options);
  status = cupsCreateDestJob (CUPS_HTTP_DEFAULT, dest, info, &job_id, title, n_options, options);
  cupsFreeOptions (n_options, options);

  if (status > IPP_STATUS_OK_EVENTS_COMPLETE || job_id <= 0)
    {
      forms_cups_set_error (error, "creating the job");
      cupsFreeDestInfo (info);
      return 0;
    }
  if (!send_document (dest, info, job_id, fd, cancellable, error))
    {
      /* nothing half-sent stays in the queue */
      cupsCancelDestJob (CUPS_HTTP_DEFAULT, dest, job_id);
      cupsFreeDestInfo (info);
      return 0;
    }
  cupsFreeDestInfo (info);
  return job_id;
}

static int
submit_file (SubmitData *data, int fd, GCancellable *cancellable, GError **error)
{
  cups_dest_t *dest;
  int job_id;

  if (!render_to_fd (data, fd, cancellable, error))
    return 0;

  dest = cupsGetNamedDest (CUPS_HTTP_DEFAULT, data->printer_name, NULL);
  if (dest == NULL)
    {
      g_set_error (error, FORMS_ERROR, FORMS_ERROR_NOT_FOUND, "no printer called %s",
                   data->printer_name);
      return 0;
    }
  job_id = create_and_send (dest, data->form != NULL ? JOB_TITLE_FORM : JOB_TITLE_TEST_PAGE, fd,
                            cancellable, error);
  cupsFreeDests (1, dest);
  return job_id;
}

static void
submit_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SubmitData *data = task_data;
  g_autofree char *path = temporary_template ();
  GError *error = NULL;
  int fd;
  int job_id;

  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "creating the temporary PDF: %s", g_strerror (saved_errno));
      return;
    }

  job_id = submit_file (data, fd, cancellable, &error);
  close (fd);
  /* the person's data does not stay on disk */
  if (g_unlink (path) != 0)
    g_warning ("cannot delete the temporary PDF: %s", g_strerror (errno));

  if (job_id <= 0)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, job_id);
}

static gboolean poll_cb (gpointer user_data);

/**
 * forms_print_job_submit_async:
 *
 * Renders and sends the document. Once CUPS has accepted the job the call
 * completes, and the job's status then follows CUPS until it is finished.
 */
void
forms_print_job_submit_async (FormsPrintJob *self,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  SubmitData *data;

  g_return_if_fail (FORMS_IS_PRINT_JOB (self));
  g_return_if_fail (self->status == FORMS_JOB_STATUS_NEW);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, forms_print_job_submit_async);
  data = g_new0 (SubmitData, 1);
  data->printer_name = g_strdup (self->printer_name);
  data->form = self->form != NULL ? g_object_ref (self->form) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) submit_data_free);

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->submitted_at = g_get_monotonic_time ();
  set_status (self, FORMS_JOB_STATUS_SUBMITTING, FORMS_JOB_PROBLEM_NONE);
  g_task_run_in_thread (task, submit_thread);
}

gboolean
forms_print_job_submit_finish (FormsPrintJob *self, GAsyncResult *result, GError **error)
{
  GError *local_error = NULL;
  gssize job_id;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job_id = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      set_status (self, FORMS_JOB_STATUS_FAILED, FORMS_JOB_PROBLEM_NONE);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  self->job_id = (int) job_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB_ID]);
  g_debug ("job %d accepted by %s", self->job_id, self->printer_name);
  set_status (self, FORMS_JOB_STATUS_QUEUED, FORMS_JOB_PROBLEM_NONE);

  self->poll_source = g_timeout_source_new (POLL_INTERVAL_MS);
  g_source_set_callback (self->poll_source, poll_cb, self, NULL);
  g_source_set_static_name (self->poll_source, "[forms] follow print job");
  g_source_attach (self->poll_source, self->context);
  return TRUE;
}

/* ---- following -------------------------------------------------------- */

typedef struct
{
  char *printer_name;
  int job_id;
} JobRef;

static void
job_ref_free (JobRef *ref)
{
  g_free (ref->printer_name);
  g_free (ref);
}

typedef struct
{
  ipp_jstate_t job_state;
  FormsPrinter *printer; /* NULL when the queue could not be asked */
} PollResult;

static void
poll_result_free (PollResult *result)
{
  g_clear_object (&result->printer);
  g_free (result);
}

static void
poll_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  JobRef *ref = task_data;
  g_autoptr (GError) printer_error = NULL;
  GError *error = NULL;
  ipp_t *job;
  ipp_t *printer;
  ipp_attribute_t *attr;
  PollResult *result = g_new0 (PollResult, 1);

  job = forms_cups_get_job_attributes (ref->printer_name, ref->job_id, &error);
  if (job == NULL)
    {
      poll_result_free (result);
      g_task_return_error (task, error);
      return;
    }
  attr = ippFindAttribute (job, "job-state", IPP_TAG_ENUM);
  result->job_state = attr != NULL ? (ipp_jstate_t) ippGetInteger (attr, 0) : IPP_JSTATE_PENDING;
  ippDelete (job);

  printer = forms_cups_get_printer_attributes (ref->printer_name, &printer_error);
  if (printer != NULL)
    {
      result->printer = forms_printer_new_from_attributes (ref->printer_name, FALSE, printer);
      ippDelete (printer);
    }
  g_task_return_pointer (task, result, (GDestroyNotify) poll_result_free);
}

static FormsJobProblem
judge_problem (FormsPrintJob *self, FormsPrinter *printer)
{
  gboolean old_enough =
      g_get_monotonic_time () - self->submitted_at >= (gint64) self->offline_after * G_USEC_PER_SEC;

  if (printer == NULL)
    return FORMS_JOB_PROBLEM_NONE;

  switch (forms_printer_get_condition (printer))
    {
      case FORMS_PRINTER_CONDITION_OUT_OF_PAPER:
        return FORMS_JOB_PROBLEM_OUT_OF_PAPER;
      case FORMS_PRINTER_CONDITION_PAPER_JAM:
        return FORMS_JOB_PROBLEM_PAPER_JAM;
      case FORMS_PRINTER_CONDITION_DOOR_OPEN:
        return FORMS_JOB_PROBLEM_DOOR_OPEN;
      case FORMS_PRINTER_CONDITION_TONER_EMPTY:
        return FORMS_JOB_PROBLEM_OUT_OF_TONER;
      case FORMS_PRINTER_CONDITION_PAUSED:
      case FORMS_PRINTER_CONDITION_NOT_ACCEPTING:
        return FORMS_JOB_PROBLEM_PAUSED;
      case FORMS_PRINTER_CONDITION_OFFLINE:
        return old_enough ? FORMS_JOB_PROBLEM_OFFLINE : FORMS_JOB_PROBLEM_NONE;
      case FORMS_PRINTER_CONDITION_ERROR:
        return old_enough ? FORMS_JOB_PROBLEM_ERROR : FORMS_JOB_PROBLEM_NONE;
      case FORMS_PRINTER_CONDITION_READY:
      case FORMS_PRINTER_CONDITION_PRINTING:
      case FORMS_PRINTER_CONDITION_TONER_LOW:
      default:
        /* the backend keeps trying to reach a printer that is not there */
        if (old_enough && forms_printer_has_reason (printer, "connecting-to-device"))
          return FORMS_JOB_PROBLEM_OFFLINE;
        return FORMS_JOB_PROBLEM_NONE;
    }
}

static void
poll_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  FormsPrintJob *self = FORMS_PRINT_JOB (source);
  g_autoptr (GError) error = NULL;
  PollResult *poll = g_task_propagate_pointer (G_TASK (result), &error);

  if (poll == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->poll_in_flight = FALSE;
      g_debug ("cannot follow job %d: %s", self->job_id, error->message);
      /* purged by staff or by CUPS itself: it will not print */
      if (g_error_matches (error, FORMS_ERROR, FORMS_ERROR_NOT_FOUND))
        set_status (self, FORMS_JOB_STATUS_FAILED, FORMS_JOB_PROBLEM_NONE);
      /* the scheduler stopped answering: say so, and keep asking */
      else if (++self->failed_polls >= MAX_FAILED_POLLS)
        set_status (self, self->status, FORMS_JOB_PROBLEM_ERROR);
      return;
    }
  self->failed_polls = 0;
  self->poll_in_flight = FALSE;

  switch (poll->job_state)
    {
      case IPP_JSTATE_PENDING:
      case IPP_JSTATE_HELD:
        set_status (self, FORMS_JOB_STATUS_QUEUED, judge_problem (self, poll->printer));
        break;
      case IPP_JSTATE_PROCESSING:
      case IPP_JSTATE_STOPPED:
        set_status (self, FORMS_JOB_STATUS_PRINTING, judge_problem (self, poll->printer));
        break;
      case IPP_JSTATE_COMPLETED:
        set_status (self, FORMS_JOB_STATUS_DONE, FORMS_JOB_PROBLEM_NONE);
        break;
      case IPP_JSTATE_CANCELED:
        set_status (self, FORMS_JOB_STATUS_CANCELLED, FORMS_JOB_PROBLEM_NONE);
        break;
      case IPP_JSTATE_ABORTED:
      default:
        set_status (self, FORMS_JOB_STATUS_FAILED, judge_problem (self, poll->printer));
        break;
    }
  poll_result_free (poll);
}

static gboolean
poll_cb (gpointer user_data)
{
  FormsPrintJob *self = user_data;
  g_autoptr (GTask) task = NULL;
  JobRef *ref;

  if (self->poll_in_flight)
    return G_SOURCE_CONTINUE;

  self->poll_in_flight = TRUE;
  task = g_task_new (self, self->cancellable, poll_done_cb, NULL);
  g_task_set_source_tag (task, poll_cb);
  ref = g_new0 (JobRef, 1);
  ref->printer_name = g_strdup (self->printer_name);
  ref->job_id = self->job_id;
  g_task_set_task_data (task, ref, (GDestroyNotify) job_ref_free);
  g_task_run_in_thread (task, poll_thread);
  return G_SOURCE_CONTINUE;
}

/* ---- cancelling ------------------------------------------------------- */

static void
cancel_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  JobRef *ref = task_data;

  if (cupsCancelJob2 (CUPS_HTTP_DEFAULT, ref->printer_name, ref->job_id, 0) >
      IPP_STATUS_OK_EVENTS_COMPLETE)
    {
      GError *error = NULL;
      forms_cups_set_error (&error, "cancelling the job");
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * forms_print_job_cancel_async:
 *
 * Asks CUPS to cancel the job, e.g. when it is stuck on an offline printer.
 */
void
forms_print_job_cancel_async (FormsPrintJob *self,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  JobRef *ref;

  g_return_if_fail (FORMS_IS_PRINT_JOB (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, forms_print_job_cancel_async);
  if (self->job_id <= 0)
    {
      g_task_return_new_error (task, FORMS_ERROR, FORMS_ERROR_NOT_FOUND,
                               "the job has not reached the printer");
      return;
    }
  ref = g_new0 (JobRef, 1);
  ref->printer_name = g_strdup (self->printer_name);
  ref->job_id = self->job_id;
  g_task_set_task_data (task, ref, (GDestroyNotify) job_ref_free);
  g_task_run_in_thread (task, cancel_thread);
}

gboolean
forms_print_job_cancel_finish (FormsPrintJob *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (!forms_print_job_get_finished (self))
    set_status (self, FORMS_JOB_STATUS_CANCELLED, FORMS_JOB_PROBLEM_NONE);
  return TRUE;
}
