/* registry-dispatcher.h: what every request goes through, around its handler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "registry-request.h"

G_BEGIN_DECLS

gsize registry_dispatch_body_limit (const RegistryRoute *route, gsize max_json_body);
gboolean registry_dispatch_check_headers (const RegistryRoute *route,
                                          const char *authorization,
                                          const char *session_token,
                                          const char *content_type,
                                          RegistryResponse *out_error);
void
registry_dispatch (RegistryRequest *request, RegistryStorage *storage, RegistryResponse *response);

gboolean registry_dispatch_has_device_token (const char *authorization);

G_END_DECLS
