/* forms-cups-module.c: the libcups calls, in a module of their own
 * (forms-cups.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each call blocks and belongs on a worker thread. CUPS status codes become
 * FORMS_ERRORs here and nowhere else. A job is streamed to CUPS
 * (cupsCreateDestJob, cupsStartDestDocument, cupsWriteRequestData,
 * cupsFinishDestDocument: A4, one copy, job-hold-until=no-hold).
 */

#include "config.h"

#include <cups/cups.h>
#include <errno.h>
#include <gmodule.h>
#include <unistd.h>

#include "forms-cups.h"
#include "forms-error.h"

static FormsError
error_code_from_ipp (ipp_status_t status)
{
  switch ((int) status)
    {
      case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE:
      case IPP_STATUS_ERROR_INTERNAL:
        return FORMS_ERROR_UNAVAILABLE;
      case IPP_STATUS_ERROR_NOT_FOUND:
      case IPP_STATUS_ERROR_GONE:
        return FORMS_ERROR_NOT_FOUND;
      case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
      case IPP_STATUS_ERROR_PRINTER_IS_DEACTIVATED:
        return FORMS_ERROR_NOT_ACCEPTING;
      case IPP_STATUS_ERROR_FORBIDDEN:
      case IPP_STATUS_ERROR_NOT_AUTHENTICATED:
      case IPP_STATUS_ERROR_NOT_AUTHORIZED:
      case IPP_STATUS_ERROR_CUPS_AUTHENTICATION_CANCELED:
        return FORMS_ERROR_FORBIDDEN;
      case IPP_STATUS_ERROR_NOT_POSSIBLE:
        return FORMS_ERROR_FAILED;
      default:
        return FORMS_ERROR_FAILED;
    }
}

/* Turns the calling thread's last CUPS status into a FORMS_ERROR; @what was
 * being done, e.g. "creating the job". Returns FALSE. */
static gboolean
set_error (GError **error, const char *what)
{
  ipp_status_t status = cupsLastError ();
  const char *message = cupsLastErrorString ();

  g_set_error (error, FORMS_ERROR, error_code_from_ipp (status), "%s: %s", what,
               message != NULL ? message : ippErrorString (status));
  return FALSE;
}

static char *
printer_uri (const char *printer_name)
{
  char uri[HTTP_MAX_URI];

  httpAssembleURIf (HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", ippPort (),
                    "/printers/%s", printer_name);
  return g_strdup (uri);
}

static ipp_t *
do_request (ipp_t *request, const char *what, GError **error)
{
  ipp_t *response = cupsDoRequest (CUPS_HTTP_DEFAULT, request, "/");

  if (response == NULL || ippGetStatusCode (response) > IPP_STATUS_OK_EVENTS_COMPLETE)
    {
      ippDelete (response);
      set_error (error, what);
      return NULL;
    }
  return response;
}

/* ---- queues ------------------------------------------------------------ */

static FormsCupsQueue *
queue_from_attributes (const char *name, gboolean is_default, ipp_t *attributes)
{
  FormsCupsQueue *queue = g_new0 (FormsCupsQueue, 1);
  g_autoptr (GStrvBuilder) reasons = g_strv_builder_new ();
  ipp_attribute_t *attr;

  queue->name = g_strdup (name);
  queue->is_default = is_default;
  queue->accepting = TRUE;

  if ((attr = ippFindAttribute (attributes, "printer-info", IPP_TAG_TEXT)) != NULL)
    queue->description = g_strdup (ippGetString (attr, 0, NULL));
  if ((attr = ippFindAttribute (attributes, "printer-state", IPP_TAG_ENUM)) != NULL)
    switch (ippGetInteger (attr, 0))
      {
        case IPP_PSTATE_PROCESSING:
          queue->state = FORMS_CUPS_QUEUE_PROCESSING;
          break;
        case IPP_PSTATE_STOPPED:
          queue->state = FORMS_CUPS_QUEUE_STOPPED;
          break;
        default:
          queue->state = FORMS_CUPS_QUEUE_IDLE;
          break;
      }
  if ((attr = ippFindAttribute (attributes, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN)) != NULL)
    queue->accepting = ippGetBoolean (attr, 0);
  if ((attr = ippFindAttribute (attributes, "printer-state-message", IPP_TAG_TEXT)) != NULL)
    {
      const char *message = ippGetString (attr, 0, NULL);
      if (message != NULL && *message != '\0')
        queue->state_message = g_strdup (message);
    }
  if ((attr = ippFindAttribute (attributes, "queued-job-count", IPP_TAG_INTEGER)) != NULL)
    queue->queued_jobs = (guint) MAX (0, ippGetInteger (attr, 0));
  if ((attr = ippFindAttribute (attributes, "printer-state-reasons", IPP_TAG_KEYWORD)) != NULL)
    for (int i = 0; i < ippGetCount (attr); i++)
      {
        const char *reason = ippGetString (attr, i, NULL);
        if (reason != NULL && !g_str_equal (reason, "none"))
          g_strv_builder_add (reasons, reason);
      }
  queue->state_reasons = g_strv_builder_end (reasons);
  return queue;
}

static FormsCupsQueue *
get_queue_as (const char *printer_name, gboolean is_default, GError **error)
{
  static const char *const wanted[] = {
    "printer-info",
    "printer-state",
    "printer-state-message",
    "printer-state-reasons",
    "printer-is-accepting-jobs",
    "queued-job-count",
  };
  g_autofree char *uri = printer_uri (printer_name);
  ipp_t *request = ippNewRequest (IPP_OP_GET_PRINTER_ATTRIBUTES);
  ipp_t *response;
  FormsCupsQueue *queue;

  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (wanted), NULL, wanted);
  response = do_request (request, "asking for the printer's state", error);
  if (response == NULL)
    return NULL;
  queue = queue_from_attributes (printer_name, is_default, response);
  ippDelete (response);
  return queue;
}

static FormsCupsQueue *
get_queue (const char *printer_name, GError **error)
{
  return get_queue_as (printer_name, FALSE, error);
}

static gboolean
dest_is_class (cups_dest_t *dest)
{
  const char *type = cupsGetOption ("printer-type", dest->num_options, dest->options);

  return type != NULL && (g_ascii_strtoull (type, NULL, 10) & CUPS_PRINTER_CLASS) != 0;
}

static GPtrArray *
list_queues (GCancellable *cancellable, GError **error)
{
  cups_dest_t *dests = NULL;
  int n_dests;
  GPtrArray *queues = g_ptr_array_new_with_free_func ((GDestroyNotify) forms_cups_queue_free);

  n_dests = cupsGetDests2 (CUPS_HTTP_DEFAULT, &dests);
  if (n_dests == 0 && cupsLastError () > IPP_STATUS_OK_EVENTS_COMPLETE &&
      cupsLastError () != IPP_STATUS_ERROR_NOT_FOUND)
    {
      set_error (error, "listing the printers");
      g_ptr_array_unref (queues);
      return NULL;
    }

  for (int i = 0; i < n_dests && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr (GError) gone_error = NULL;
      FormsCupsQueue *queue;

      if (dests[i].instance != NULL || dest_is_class (&dests[i]))
        continue;
      queue = get_queue_as (dests[i].name, dests[i].is_default, &gone_error);
      if (queue == NULL)
        {
          /* gone between the two requests: leave it out */
          g_debug ("skipping printer %s: %s", dests[i].name, gone_error->message);
          continue;
        }
      g_ptr_array_add (queues, queue);
    }
  cupsFreeDests (n_dests, dests);
  return queues;
}

/* ---- jobs -------------------------------------------------------------- */

/* Streams the file into the created job; the caller cancels the job when
 * this fails. */
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
    return set_error (error, "starting the document");

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
          set_error (error, "sending the document");
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
    return set_error (error, "finishing the document");
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
      set_error (error, "asking for the printer's capabilities");
      return 0;
    }

  n_options = cupsAddOption (CUPS_MEDIA, CUPS_MEDIA_A4, n_options, &options);
  n_options = cupsAddOption (CUPS_COPIES, "1", n_options, &options);
  n_options = cupsAddOption ("job-hold-until", "no-hold", n_options, &options);
  status = cupsCreateDestJob (CUPS_HTTP_DEFAULT, dest, info, &job_id, title, n_options, options);
  cupsFreeOptions (n_options, options);

  if (status > IPP_STATUS_OK_EVENTS_COMPLETE || job_id <= 0)
    {
      set_error (error, "creating the job");
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
submit_pdf (const char *printer_name,
            const char *title,
            int fd,
            GCancellable *cancellable,
            GError **error)
{
  cups_dest_t *dest = cupsGetNamedDest (CUPS_HTTP_DEFAULT, printer_name, NULL);
  int job_id;

  if (dest == NULL)
    {
      g_set_error (error, FORMS_ERROR, FORMS_ERROR_NOT_FOUND, "no printer called %s", printer_name);
      return 0;
    }
  job_id = create_and_send (dest, title, fd, cancellable, error);
  cupsFreeDests (1, dest);
  return job_id;
}

static FormsCupsJobState
job_state_from_ipp (int state)
{
  switch (state)
    {
      case IPP_JSTATE_HELD:
        return FORMS_CUPS_JOB_HELD;
      case IPP_JSTATE_PROCESSING:
        return FORMS_CUPS_JOB_PROCESSING;
      case IPP_JSTATE_STOPPED:
        return FORMS_CUPS_JOB_STOPPED;
      case IPP_JSTATE_CANCELED:
        return FORMS_CUPS_JOB_CANCELED;
      case IPP_JSTATE_ABORTED:
        return FORMS_CUPS_JOB_ABORTED;
      case IPP_JSTATE_COMPLETED:
        return FORMS_CUPS_JOB_COMPLETED;
      case IPP_JSTATE_PENDING:
      default:
        return FORMS_CUPS_JOB_PENDING;
    }
}

static gboolean
get_job_state (const char *printer_name, int job_id, FormsCupsJobState *state, GError **error)
{
  static const char *const wanted[] = { "job-state", "job-state-reasons",
                                        "job-printer-state-message" };
  g_autofree char *uri = printer_uri (printer_name);
  ipp_t *request = ippNewRequest (IPP_OP_GET_JOB_ATTRIBUTES);
  ipp_t *response;
  ipp_attribute_t *attr;

  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddInteger (request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL,
                cupsUser ());
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (wanted), NULL, wanted);
  response = do_request (request, "asking for the job's state", error);
  if (response == NULL)
    return FALSE;
  attr = ippFindAttribute (response, "job-state", IPP_TAG_ENUM);
  *state = attr != NULL ? job_state_from_ipp (ippGetInteger (attr, 0)) : FORMS_CUPS_JOB_PENDING;
  ippDelete (response);
  return TRUE;
}

static gboolean
cancel_jobs (const char *printer_name, int job_id, GError **error)
{
  if (cupsCancelJob2 (CUPS_HTTP_DEFAULT, printer_name, job_id > 0 ? job_id : CUPS_JOBID_ALL, 0) >
      IPP_STATUS_OK_EVENTS_COMPLETE)
    return set_error (error, job_id > 0 ? "cancelling the job" : "cancelling the printer's jobs");
  return TRUE;
}

G_MODULE_EXPORT const FormsCupsBackend FORMS_CUPS_BACKEND = {
  .list_queues = list_queues,
  .get_queue = get_queue,
  .submit_pdf = submit_pdf,
  .get_job_state = get_job_state,
  .cancel_jobs = cancel_jobs,
};
