/* registry-admin.h: the operator's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

int registry_admin_run (const char *database_url, int argc, char **argv, GError **error);
int registry_admin_migrate (const char *database_url, GError **error);

G_END_DECLS
