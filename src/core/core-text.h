/* core-text.h: what free text from outside may hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CORE_TEXT_OK,
  CORE_TEXT_INVALID_UTF8,
  CORE_TEXT_EMPTY,    /* nothing but white space */
  CORE_TEXT_TOO_LONG, /* more characters than allowed */
  CORE_TEXT_CONTROL,  /* C0/C1 controls, DEL, line and paragraph separators */
  CORE_TEXT_BIDI,     /* bidirectional formatting characters */
} CoreTextProblem;

gboolean core_unichar_is_bidi_control (gunichar c);
CoreTextProblem core_text_check (const char *text, gsize max_chars);
const char *core_text_get_problem (const char *text);

G_END_DECLS
