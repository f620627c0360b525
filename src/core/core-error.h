/* core-error.h: the error domain of the shared domain types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CORE_ERROR (core_error_quark ())

/**
 * CoreError:
 * @CORE_ERROR_FAILED: anything else
 * @CORE_ERROR_BAD_JSON: the text is not JSON, or its top level is not an object
 * @CORE_ERROR_INVALID_FIELD: a field has the wrong JSON type, an unknown value,
 *   a bad format or an oversize value, or is not a known field at all
 * @CORE_ERROR_MISSING_FIELD: a field the document type or source requires is absent
 * @CORE_ERROR_BAD_DATA: a data file shipped with the programs (a dictionary)
 *   is unreadable or malformed
 *
 * Errors about one field carry the field's name: see core_error_get_field().
 * core_error_code_to_string() gives the API's JSON error code.
 */
typedef enum
{
  CORE_ERROR_FAILED,
  CORE_ERROR_BAD_JSON,
  CORE_ERROR_INVALID_FIELD,
  CORE_ERROR_MISSING_FIELD,
  CORE_ERROR_BAD_DATA,
} CoreError;

GQuark core_error_quark (void);

const char *core_error_code_to_string (CoreError code);

void
core_error_set_field (GError **error, CoreError code, const char *field, const char *format, ...)
    G_GNUC_PRINTF (4, 5);
char *core_error_get_field (const GError *error);
const char *core_error_get_reason (const GError *error);

G_END_DECLS
