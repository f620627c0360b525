/* forms-error.h: the error domain of the forms library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FORMS_ERROR (forms_error_quark ())

typedef enum
{
  FORMS_ERROR_FAILED,
  /* the form lacks a required field or holds one that cannot be printed */
  FORMS_ERROR_INVALID_FORM,
  /* the print service cannot be reached */
  FORMS_ERROR_UNAVAILABLE,
  /* the printer or job is not known to the print service */
  FORMS_ERROR_NOT_FOUND,
  /* the printer refuses new jobs */
  FORMS_ERROR_NOT_ACCEPTING,
  /* the print service refused the operation */
  FORMS_ERROR_FORBIDDEN,
  FORMS_ERROR_CANCELLED,
} FormsError;

GQuark forms_error_quark (void);

G_END_DECLS
