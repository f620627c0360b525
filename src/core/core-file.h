/* core-file.h: files that hold personal data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean core_file_create_private (const char *path, gboolean *out_created, GError **error);

G_END_DECLS
