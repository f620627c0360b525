/* registry-api-health.c: GET /v1/health, for load balancers and operators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "registry-api-private.h"

/* Answers whether this process reaches its database; 503 when it does not,
 * so a load balancer sends requests elsewhere. */
gboolean
registry_api_health (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (GError) ping_error = NULL;
  gboolean ok = registry_storage_ping (request->storage, &ping_error);

  if (!ok)
    g_warning ("health check: %s", ping_error->message);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, ok ? "ok" : "unavailable");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "database");
  json_builder_add_boolean_value (builder, ok);
  json_builder_end_object (builder);
  registry_response_set_json (response, ok ? 200 : 503, builder);
  return TRUE;
}
