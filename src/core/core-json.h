/* core-json.h: parsing JSON from outside safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deepest nesting of arrays and objects a request may have. */
#define CORE_JSON_MAX_DEPTH 32

JsonNode *core_json_parse (const char *data, gsize length, GError **error);

G_END_DECLS
