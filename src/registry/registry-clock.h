/* registry-clock.h: the time the registry's expiries and limits are measured by
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64 registry_clock_now (const char *offset_file);

G_END_DECLS
