/* core-text.h: what free text from outside may hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *core_text_get_problem (const char *text);

G_END_DECLS
