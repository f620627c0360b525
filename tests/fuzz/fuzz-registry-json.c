/* fuzz-registry-json.c: libFuzzer target over the registry's JSON request decoders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds arbitrary bytes through exactly what a request body meets: the
 * guarded parser, then the filing decoder, the batch decoder and the member
 * decoder of every route of the API that takes one, the router with the
 * bytes as a path, and the device token check with them as a header.
 */

#include "config.h"

#include <stdint.h>

#include "core-filing.h"
#include "core-json.h"
#include "registry-api.h"
#include "registry-body.h"
#include "registry-dispatcher.h"
#include "registry-router.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
quiet_log (const char *domain, GLogLevelFlags level, const char *message, gpointer user_data)
{
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static RegistryRouter *router = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autofree char *path = NULL;
  RegistryResponse response = { 0 };
  const RegistryRoute *routes;
  guint n_routes;

  routes = registry_api_get_routes (&n_routes);
  if (router == NULL)
    {
      g_log_set_default_handler (quiet_log, NULL);
      router = registry_router_new (routes, n_routes);
    }
  if (size > REGISTRY_API_MAX_BODY)
    return 0;

  root = core_json_parse ((const char *) data, size, NULL);
  if (root != NULL)
    {
      CoreFiling *filing = NULL;
      g_autoptr (GPtrArray) errors = core_filing_decode_json_node (root, &filing);
      g_autoptr (GPtrArray) item_errors = NULL;
      g_autoptr (GPtrArray) filings = registry_api_decode_batch (root, &item_errors, NULL);

      if ((filing == NULL) == (errors->len == 0))
        __builtin_trap ();
      if (filing != NULL)
        {
          g_autofree char *json = core_filing_to_json (filing);
          g_autoptr (CoreFiling) again = core_filing_new_from_json (json, -1, NULL);
          /* whatever decodes must encode and decode to the same filing */
          if (again == NULL || !core_filing_same_identity (filing, again))
            __builtin_trap ();
          g_object_unref (filing);
        }
      if (filings != NULL && filings->len != item_errors->len)
        __builtin_trap ();

      for (guint r = 0; r < n_routes; r++)
        {
          const RegistryMember *members = routes[r].body.members;
          g_autoptr (GPtrArray) member_errors = NULL;
          char **values = NULL;

          if (routes[r].body.kind != REGISTRY_BODY_MEMBERS)
            continue;
          member_errors = registry_body_decode_members (root, members, &values);
          /* a body without errors has every member its route needs */
          for (guint m = 0; member_errors->len == 0 && members[m].name != NULL; m++)
            {
              if (values[m] == NULL)
                __builtin_trap ();
            }
          registry_body_members_free (values, members);
        }
    }

  path = g_strndup ((const char *) data, MIN (size, 600));
  /* a route found has its parameters; none found has an answer */
  if ((registry_router_match (router, "GET", path, &params, &response) == NULL) !=
      (params == NULL && response.status != 0))
    __builtin_trap ();
  registry_response_clear (&response);
  /* the same bytes as an Authorization header */
  registry_dispatch_has_device_token (path);
  return 0;
}
