/* core-text.c: what free text from outside may hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names, addresses and the like are shown on screens and printed on forms.
 * Control characters have no place in them, and bidirectional controls
 * would let a name display as something else than what is stored (the
 * "Trojan Source" trick), on a form or in a staff list.
 */

#include "config.h"

#include "core-text.h"

static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || /* embeddings, overrides, pop */
         (c >= 0x2066 && c <= 0x2069) || /* isolates */
         c == 0x200E || c == 0x200F ||   /* left-to-right and right-to-left marks */
         c == 0x061C;                    /* Arabic letter mark */
}

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
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
      if (is_bidi_control (c))
        return "contains bidirectional control characters";
    }
  return NULL;
}
