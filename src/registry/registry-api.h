/* registry-api.h: the HTTP API's requests and answers, apart from the transport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "core-filing.h"
#include "registry-storage.h"

G_BEGIN_DECLS

/* Largest JSON body any route takes. */
#define REGISTRY_API_MAX_BODY (1024 * 1024)
/* Most filings in one batch. */
#define REGISTRY_API_MAX_BATCH 500

typedef enum
{
  REGISTRY_ROUTE_NONE,
  REGISTRY_ROUTE_HEALTH,
  REGISTRY_ROUTE_FILINGS,
  REGISTRY_ROUTE_FILINGS_BATCH,
  REGISTRY_ROUTE_PERSON_STATE,
} RegistryRoute;

typedef struct
{
  guint status;
  char *body;
  const char *allow; /* for 405 */
} RegistryResponse;

void registry_response_clear (RegistryResponse *response);
void registry_response_set_error (RegistryResponse *response,
                                  guint status,
                                  const char *code,
                                  const char *message);

const char *registry_api_route_to_string (RegistryRoute route);
RegistryRoute registry_api_route (const char *method,
                                  const char *path,
                                  char ***out_args,
                                  RegistryResponse *out_error);

void registry_api_handle (RegistryStorage *storage,
                          RegistryRoute route,
                          char **args,
                          const char *authorization,
                          const char *body,
                          gsize body_length,
                          RegistryResponse *out_response);

GPtrArray *registry_api_decode_batch (JsonNode *root, GPtrArray **out_item_errors, GError **error);

G_END_DECLS
