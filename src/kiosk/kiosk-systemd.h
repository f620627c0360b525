/* kiosk-systemd.h: telling systemd the kiosk is up and still answering
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void kiosk_systemd_init (void);
void kiosk_systemd_notify_ready (void);
guint64 kiosk_systemd_get_watchdog_usec (void);
guint kiosk_systemd_start_watchdog (void);

G_END_DECLS
