/* registry-api.h: the registry's HTTP API: its routes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "registry-route.h"

G_BEGIN_DECLS

/* Largest JSON body any route takes, unless `serve --max-body-size` says
 * otherwise; a kiosk's batches stay under 768 KiB. */
#define REGISTRY_API_MAX_BODY (1024 * 1024)
/* Most filings in one batch. */
#define REGISTRY_API_MAX_BATCH 500

const RegistryRoute *registry_api_get_routes (guint *n_routes);

GPtrArray *registry_api_decode_batch (JsonNode *root, GPtrArray **out_item_errors, GError **error);

G_END_DECLS
