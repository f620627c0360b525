/* core-json.c: parsing JSON from outside safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib's parser recurses once per nesting level, so a megabyte of "["
 * would exhaust a thread's stack. The text is scanned for its depth (and for
 * valid UTF-8 without NUL bytes) before the parser sees it. The escape
 * \u0000 is refused too: json-glib cuts a string at it without a word, so
 * "1234\u0000<anything>" would pass every later check as "1234".
 */

#include "config.h"

#include <string.h>

#include "core-error.h"
#include "core-json.h"

static gboolean
scan_text (const char *data, gsize length, GError **error)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            {
              escaped = FALSE;
              if (c == 'u' && length - i > 4 && memcmp (data + i + 1, "0000", 4) == 0)
                {
                  g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_JSON,
                                       "a string holds a NUL character (\\u0000)");
                  return FALSE;
                }
            }
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > CORE_JSON_MAX_DEPTH)
            {
              g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_JSON,
                           "JSON nested deeper than %d levels", CORE_JSON_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/**
 * core_json_parse:
 * @data: (array length=length): text from outside; need not be nul-terminated
 *
 * Returns: (transfer full): the root node, or %NULL with %CORE_ERROR_BAD_JSON
 */
JsonNode *
core_json_parse (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) error_local = NULL;
  const char *end = NULL;
  JsonNode *root;

  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_JSON, "the body is empty");
      return NULL;
    }
  if (!g_utf8_validate (data, length, &end) || end != data + length)
    {
      g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_JSON,
                           "the body is not valid UTF-8 text");
      return NULL;
    }
  if (!scan_text (data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &error_local))
    {
      g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_JSON, "not JSON: %s", error_local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_JSON, "the body is empty");
      return NULL;
    }
  return json_node_ref (root);
}
