/* core-json.c: parsing JSON from outside safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is scanned before the parser sees it, for what json-glib does not
 * refuse by itself: its parser recurses once per nesting level, so a
 * megabyte of "[" would exhaust a thread's stack; and it turns the escape
 * \u0000 into a NUL that silently ends the string ("ab\u0000cd" would be read
 * as "ab"), so such strings are refused. Error messages give a position,
 * never a piece of the text: a request body may hold personal data, and a
 * piece of it could end in the middle of a UTF-8 sequence.
 */

#include "config.h"

#include "core-error.h"
#include "core-json.h"

/* A position in the text, as people count: line from 1, byte column from 1. */
typedef struct
{
  guint line;
  guint column;
} Position;

static gboolean
is_nul_escape (const char *data, gsize length, gsize at)
{
  /* at: the 'u' of \uXXXX */
  if (at + 4 >= length)
    return FALSE;
  for (gsize i = at + 1; i <= at + 4; i++)
    {
      if (data[i] != '0')
        return FALSE;
    }
  return TRUE;
}

static gboolean
scan (const char *data, gsize length, GError **error)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;
  Position at = { 1, 0 };

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        at.line++, at.column = 0;
      else
        at.column++;

      if (in_string)
        {
          if (escaped)
            {
              escaped = FALSE;
              if (c == 'u' && is_nul_escape (data, length, i))
                {
                  g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_JSON,
                               "a string holds the character NUL (\\u0000), which is not allowed"
                               " (line %u, column %u)",
                               at.line, at.column - 1);
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
                           "JSON nested deeper than %d levels (line %u, column %u)",
                           CORE_JSON_MAX_DEPTH, at.line, at.column);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* json-glib knows where it stopped only while it reports the error. */
static void
parser_error_cb (JsonParser *parser, const GError *error, gpointer user_data)
{
  Position *where = user_data;

  where->line = json_parser_get_current_line (parser);
  where->column = json_parser_get_current_pos (parser);
}

/**
 * core_json_parse:
 * @data: (array length=length): text from outside; need not be nul-terminated
 *
 * Parses JSON text that came from outside: valid UTF-8 without NUL bytes,
 * nested at most %CORE_JSON_MAX_DEPTH levels, no string holding NUL.
 *
 * Returns: (transfer full): the root node, or %NULL with %CORE_ERROR_BAD_JSON;
 *   the error message says where, never what
 */
JsonNode *
core_json_parse (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  Position where = { 0, 0 };
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
  if (!scan (data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  g_signal_connect (parser, "error", G_CALLBACK (parser_error_cb), &where);
  if (!json_parser_load_from_data (parser, data, (gssize) length, NULL))
    {
      if (where.line > 0)
        g_set_error (error, CORE_ERROR, CORE_ERROR_BAD_JSON,
                     "the body is not valid JSON (line %u, column %u)", where.line, where.column);
      else
        g_set_error_literal (error, CORE_ERROR, CORE_ERROR_BAD_JSON, "the body is not valid JSON");
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
