/* bench-link.h: a slow, distant network link between two loopback ports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BenchLink BenchLink;

BenchLink *bench_link_start (guint16 target_port, guint delay_ms, guint64 bits_per_second);
guint16 bench_link_get_port (BenchLink *link);
guint bench_link_get_connections (BenchLink *link);
void bench_link_get_bytes (BenchLink *link, guint64 *out_up, guint64 *out_down);
void bench_link_stop (BenchLink *link);

G_END_DECLS
