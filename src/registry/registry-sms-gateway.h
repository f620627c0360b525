/* registry-sms-gateway.h: where the registry hands its text messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How long an HTTP relay may take to accept a message. */
#define REGISTRY_SMS_HTTP_TIMEOUT_SECONDS 10

#define REGISTRY_TYPE_SMS_GATEWAY (registry_sms_gateway_get_type ())
G_DECLARE_FINAL_TYPE (RegistrySmsGateway, registry_sms_gateway, REGISTRY, SMS_GATEWAY, GObject)

RegistrySmsGateway *registry_sms_gateway_new (const char *spec, GError **error);
const char *registry_sms_gateway_get_kind (RegistrySmsGateway *self);
gboolean registry_sms_gateway_send (RegistrySmsGateway *self,
                                    const char *phone,
                                    const char *text,
                                    gint64 sent_at,
                                    GError **error);

G_END_DECLS
