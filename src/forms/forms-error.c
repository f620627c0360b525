/* forms-error.c: the error domain, and the one place CUPS status codes become
 * our errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "forms-cups-private.h"
#include "forms-error.h"

G_DEFINE_QUARK (forms - error - quark, forms_error)

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

/**
 * forms_cups_set_error:
 * @what: what was being done, e.g. "creating the job"
 *
 * Turns the calling thread's last CUPS status into a %FORMS_ERROR.
 *
 * Returns: %FALSE, so callers can `return forms_cups_set_error (…)`
 */
gboolean
forms_cups_set_error (GError **error, const char *what)
{
  ipp_status_t status = cupsLastError ();
  const char *message = cupsLastErrorString ();

  g_set_error (error, FORMS_ERROR, error_code_from_ipp (status), "%s: %s", what,
               message != NULL ? message : ippErrorString (status));
  return FALSE;
}
