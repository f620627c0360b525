/* bench-bare-server.h: a bare libsoup server, the yardstick of the registry's figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BenchBareServer BenchBareServer;

BenchBareServer *bench_bare_server_start (GBytes *body);
const char *bench_bare_server_get_url (BenchBareServer *server);
void bench_bare_server_stop (BenchBareServer *server);

G_END_DECLS
