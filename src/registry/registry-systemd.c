/* registry-systemd.c: telling systemd the registry serves, or stops
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registry's unit is Type=notify: units ordered after it (a front proxy,
 * a second registry) start once the port really accepts connections, not
 * once the process exists. Outside systemd (no NOTIFY_SOCKET) these do
 * nothing.
 */

#include "config.h"

#include <systemd/sd-daemon.h>

#include "registry-systemd.h"

void
registry_systemd_notify_ready (guint16 port)
{
  int rc = sd_notifyf (0, "READY=1\nSTATUS=serving on port %u", port);

  if (rc < 0)
    g_warning ("cannot tell systemd the registry is ready: %s", g_strerror (-rc));
}

/* Said as soon as the stop begins: requests in flight may still take a while. */
void
registry_systemd_notify_stopping (void)
{
  sd_notify (0, "STOPPING=1\nSTATUS=finishing the requests in flight");
}
