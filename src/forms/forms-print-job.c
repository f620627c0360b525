/* forms-print-job.c: one document sent to CUPS and followed to the end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Submitting renders the PDF into a 0600 file in the runtime folder, streams
 * it to CUPS (forms-cups.h: A4, one copy, printed at once) and deletes the
 * file, whatever happened. The job title is fixed, never the person's
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

static int
submit_file (SubmitData *data,
             const FormsCupsBackend *cups,
             int fd,
             GCancellable *cancellable,
             GError **error)
{
  if (!render_to_fd (data, fd, cancellable, error))
    return 0;
  return cups->submit_pdf (data->printer_name,
                           data->form != NULL ? JOB_TITLE_FORM : JOB_TITLE_TEST_PAGE, fd,
                           cancellable, error);
}

static void
submit_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SubmitData *data = task_data;
  g_autofree char *path = temporary_template ();
  GError *error = NULL;
  const FormsCupsBackend *cups = forms_cups_backend_get (&error);
  int fd;
  int job_id;

  if (cups == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "creating the temporary PDF: %s", g_strerror (saved_errno));
      return;
    }

  job_id = submit_file (data, cups, fd, cancellable, &error);
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
  FormsCupsJobState job_state;
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
  g_autoptr (FormsCupsQueue) queue = NULL;
  GError *error = NULL;
  const FormsCupsBackend *cups = forms_cups_backend_get (&error);
  PollResult *result = g_new0 (PollResult, 1);

  if (cups == NULL ||
      !cups->get_job_state (ref->printer_name, ref->job_id, &result->job_state, &error))
    {
      poll_result_free (result);
      g_task_return_error (task, error);
      return;
    }
  queue = cups->get_queue (ref->printer_name, &printer_error);
  if (queue != NULL)
    result->printer = forms_printer_new_from_queue (queue);
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
      case FORMS_CUPS_JOB_PENDING:
      case FORMS_CUPS_JOB_HELD:
        set_status (self, FORMS_JOB_STATUS_QUEUED, judge_problem (self, poll->printer));
        break;
      case FORMS_CUPS_JOB_PROCESSING:
      case FORMS_CUPS_JOB_STOPPED:
        set_status (self, FORMS_JOB_STATUS_PRINTING, judge_problem (self, poll->printer));
        break;
      case FORMS_CUPS_JOB_COMPLETED:
        set_status (self, FORMS_JOB_STATUS_DONE, FORMS_JOB_PROBLEM_NONE);
        break;
      case FORMS_CUPS_JOB_CANCELED:
        set_status (self, FORMS_JOB_STATUS_CANCELLED, FORMS_JOB_PROBLEM_NONE);
        break;
      case FORMS_CUPS_JOB_ABORTED:
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
  GError *error = NULL;
  const FormsCupsBackend *cups = forms_cups_backend_get (&error);

  if (cups == NULL || !cups->cancel_jobs (ref->printer_name, ref->job_id, &error))
    {
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
