/* forms-cups.c: IPP requests to the CUPS scheduler, shared by the printing
 * files; each call blocks and belongs on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "forms-cups-private.h"
#include "forms-error.h"

char *
forms_cups_printer_uri (const char *printer_name)
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
      forms_cups_set_error (error, what);
      return NULL;
    }
  return response;
}

/**
 * forms_cups_get_printer_attributes:
 *
 * Returns: (transfer full): the queue's state attributes, for ippDelete()
 */
ipp_t *
forms_cups_get_printer_attributes (const char *printer_name, GError **error)
{
  static const char *const wanted[] = {
    "printer-info",
    "printer-state",
    "printer-state-message",
    "printer-state-reasons",
    "printer-is-accepting-jobs",
    "queued-job-count",
  };
  g_autofree char *uri = forms_cups_printer_uri (printer_name);
  ipp_t *request = ippNewRequest (IPP_OP_GET_PRINTER_ATTRIBUTES);

  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (wanted), NULL, wanted);
  return do_request (request, "asking for the printer's state", error);
}

/**
 * forms_cups_get_job_attributes:
 *
 * Returns: (transfer full): the job's state attributes, for ippDelete()
 */
ipp_t *
forms_cups_get_job_attributes (const char *printer_name, int job_id, GError **error)
{
  static const char *const wanted[] = { "job-state", "job-state-reasons",
                                        "job-printer-state-message" };
  g_autofree char *uri = forms_cups_printer_uri (printer_name);
  ipp_t *request = ippNewRequest (IPP_OP_GET_JOB_ATTRIBUTES);

  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddInteger (request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL,
                cupsUser ());
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (wanted), NULL, wanted);
  return do_request (request, "asking for the job's state", error);
}
