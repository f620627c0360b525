/* registry-router.h: which route a method and path ask for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "registry-response.h"
#include "registry-route.h"

G_BEGIN_DECLS

/* Longest path routed; anything longer is no resource's. */
#define REGISTRY_ROUTER_MAX_PATH 512

#define REGISTRY_TYPE_ROUTER (registry_router_get_type ())
G_DECLARE_FINAL_TYPE (RegistryRouter, registry_router, REGISTRY, ROUTER, GObject)

RegistryRouter *registry_router_new (const RegistryRoute *routes, guint n_routes);
const RegistryRoute *registry_router_match (RegistryRouter *self,
                                            const char *method,
                                            const char *path,
                                            GHashTable **out_params,
                                            RegistryResponse *out_error);

G_END_DECLS
