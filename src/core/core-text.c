/* core-text.c: what free text from outside may hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Texts end up on screens, in printed forms and in other systems. Control
 * characters break layouts and logs; bidirectional formatting characters
 * make a text read differently from what it holds (the "Trojan Source"
 * trick: a certificate number that shows "1234" but stores "4321"). Neither
 * belongs in a name or a number, so both are refused rather than cleaned.
 */

#include "config.h"

#include "core-text.h"

/**
 * core_unichar_is_bidi_control:
 *
 * Returns: %TRUE for the bidirectional formatting characters: embeddings and
 *   overrides U+202A–U+202E, isolates U+2066–U+2069, the marks U+200E, U+200F
 *   and U+061C
 */
gboolean
core_unichar_is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
         c == 0x200F || c == 0x061C;
}

static gboolean
is_control (gunichar c)
{
  return g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029;
}

/**
 * core_text_check:
 * @text: a nul-terminated string
 * @max_chars: the most characters (not bytes) @text may have
 *
 * Returns: the first problem of @text, or %CORE_TEXT_OK
 */
CoreTextProblem
core_text_check (const char *text, gsize max_chars)
{
  gboolean blank = TRUE;
  gsize chars = 0;

  if (!g_utf8_validate (text, -1, NULL))
    return CORE_TEXT_INVALID_UTF8;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_control (c))
        return CORE_TEXT_CONTROL;
      if (core_unichar_is_bidi_control (c))
        return CORE_TEXT_BIDI;
      if (!g_unichar_isspace (c))
        blank = FALSE;
      chars++;
    }
  if (blank)
    return CORE_TEXT_EMPTY;
  if (chars > max_chars)
    return CORE_TEXT_TOO_LONG;
  return CORE_TEXT_OK;
}

/**
 * core_text_get_problem:
 * @text: valid UTF-8
 *
 * Returns: (nullable): why @text is not acceptable as free text, in a few
 *   words for an error message ("contains control characters"); %NULL when
 *   it is fine
 */
const char *
core_text_get_problem (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_control (c))
        return "contains control characters";
      if (core_unichar_is_bidi_control (c))
        return "contains bidirectional control characters";
    }
  return NULL;
}
