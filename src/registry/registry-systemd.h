/* registry-systemd.h: telling systemd the registry serves, or stops
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void registry_systemd_notify_ready (guint16 port);
void registry_systemd_notify_stopping (void);

G_END_DECLS
