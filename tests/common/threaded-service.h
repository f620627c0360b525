/* threaded-service.h: stop a test's socket service and wait for its handlers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSocketService *threaded_service_new (int max_threads);
void threaded_service_finish (GSocketService *service);

G_END_DECLS
