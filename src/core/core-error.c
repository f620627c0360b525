/* core-error.c: the error domain of the shared domain types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GError has no room for extra data, so errors about one field start their
 * message with the field name and a colon ("phone: not a mainland mobile
 * number"); core_error_get_field() reads it back. Field names are plain
 * identifiers, so the split is unambiguous.
 */

#include "config.h"

#include <string.h>

#include "core-error.h"

G_DEFINE_QUARK (core - error - quark, core_error)

/**
 * core_error_code_to_string:
 *
 * Returns: the JSON error code the registry API uses for @code, e.g. "invalid_field"
 */
const char *
core_error_code_to_string (CoreError code)
{
  switch (code)
    {
      case CORE_ERROR_BAD_JSON:
        return "bad_json";
      case CORE_ERROR_INVALID_FIELD:
        return "invalid_field";
      case CORE_ERROR_MISSING_FIELD:
        return "missing_field";
      case CORE_ERROR_BAD_DATA:
        return "bad_data";
      case CORE_ERROR_FAILED:
      default:
        return "failed";
    }
}

static gboolean
is_field_name (const char *text, gsize len)
{
  if (len == 0 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      if (!g_ascii_isalnum (c) && c != '_' && c != '.' && c != '[' && c != ']')
        return FALSE;
    }
  return TRUE;
}

/**
 * core_error_set_field:
 * @field: the field's name as it appears in JSON, e.g. "birth_date"
 *
 * Sets @error to @code with a message "FIELD: MESSAGE".
 */
void
core_error_set_field (GError **error, CoreError code, const char *field, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (field != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CORE_ERROR, code, "%s: %s", field, message);
}

/**
 * core_error_get_field:
 * @error: (nullable): an error
 *
 * Returns: (transfer full) (nullable): the name of the field @error is about,
 *   or %NULL when it is not a #CORE_ERROR about one field
 */
char *
core_error_get_field (const GError *error)
{
  const char *colon;

  if (error == NULL || error->domain != CORE_ERROR ||
      (error->code != CORE_ERROR_INVALID_FIELD && error->code != CORE_ERROR_MISSING_FIELD))
    return NULL;
  colon = strchr (error->message, ':');
  if (colon == NULL || !is_field_name (error->message, colon - error->message))
    return NULL;
  return g_strndup (error->message, colon - error->message);
}

/**
 * core_error_get_reason:
 * @error: an error
 *
 * What a form shows beside the field: the message without its "FIELD: ".
 *
 * Returns: (transfer none): the part of @error's message after the field
 *   name, or the whole message when @error is not about one field
 */
const char *
core_error_get_reason (const GError *error)
{
  g_autofree char *field = NULL;
  const char *reason;

  g_return_val_if_fail (error != NULL, NULL);

  field = core_error_get_field (error);
  if (field == NULL)
    return error->message;
  reason = error->message + strlen (field) + 1;
  return *reason == ' ' ? reason + 1 : reason;
}
