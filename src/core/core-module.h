/* core-module.h: a library of the kiosk's own, opened on first use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gpointer
core_module_open (const char *name, const char *symbol, const char *build_dir, char **out_problem);

G_END_DECLS
