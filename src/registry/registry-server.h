/* registry-server.h: the registry's HTTP server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "registry-route.h"
#include "registry-sms-gateway.h"

G_BEGIN_DECLS

/* Defaults of `serve --idle-timeout` and `--request-timeout`, in seconds. */
#define REGISTRY_SERVER_IDLE_TIMEOUT_S 30
#define REGISTRY_SERVER_REQUEST_TIMEOUT_S 60

#define REGISTRY_TYPE_SERVER (registry_server_get_type ())
G_DECLARE_FINAL_TYPE (RegistryServer, registry_server, REGISTRY, SERVER, GObject)

RegistryServer *registry_server_new (const char *database_url, guint n_workers, GError **error);
gboolean registry_server_listen (RegistryServer *self,
                                 const char *address,
                                 GTlsCertificate *certificate,
                                 GError **error);
void registry_server_set_routes (RegistryServer *self, const RegistryRoute *routes, guint n_routes);
void registry_server_set_sms_gateway (RegistryServer *self, RegistrySmsGateway *gateway);
void registry_server_set_test_captcha_answer (RegistryServer *self, const char *answer);
void registry_server_set_clock_file (RegistryServer *self, const char *path);
void registry_server_set_public_url (RegistryServer *self, const char *url);
void registry_server_set_limits (RegistryServer *self,
                                 gsize max_body,
                                 guint idle_timeout_s,
                                 guint request_timeout_s);
gboolean registry_server_address_is_loopback (const char *address, GError **error);
guint16 registry_server_get_port (RegistryServer *self);
void registry_server_shutdown (RegistryServer *self);

G_END_DECLS
