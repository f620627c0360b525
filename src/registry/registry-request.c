/* registry-request.c: one request, as a handler sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "registry-body.h"
#include "registry-request.h"

/**
 * registry_request_new:
 * @params: (transfer full) (nullable): the path's parameters
 */
RegistryRequest *
registry_request_new (const RegistryApiContext *api, const RegistryRoute *route, GHashTable *params)
{
  RegistryRequest *request = g_new0 (RegistryRequest, 1);

  request->api = api;
  request->route = route;
  request->params =
      params != NULL ? params : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return request;
}

static void
free_secret (char *text)
{
  if (text == NULL)
    return;
  sodium_memzero (text, strlen (text));
  g_free (text);
}

void
registry_request_free (RegistryRequest *request)
{
  if (request == NULL)
    return;
  g_hash_table_unref (request->params);
  g_free (request->authorization);
  free_secret (request->session_token);
  g_free (request->content_type);
  g_free (request->if_none_match);
  g_free (request->host);
  free_secret (request->staff_token);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->person_id);
  g_free (request->login_phone);
  g_free (request->staff);
  g_clear_pointer (&request->json, json_node_unref);
  if (request->members != NULL)
    registry_body_members_free (request->members, request->route->body.members);
  g_free (request);
}

/**
 * registry_request_get_param:
 * @name: a parameter of the route's pattern, without its braces
 *
 * Returns: (nullable): its value, decoded (and for doc_number normalised)
 */
const char *
registry_request_get_param (RegistryRequest *request, const char *name)
{
  return g_hash_table_lookup (request->params, name);
}

/**
 * registry_request_get_member:
 * @name: a member of the route's member list
 *
 * Returns: (nullable): its value, checked (and for a document number
 *   normalised)
 */
const char *
registry_request_get_member (RegistryRequest *request, const char *name)
{
  const RegistryMember *members = request->route->body.members;

  if (request->members == NULL || members == NULL)
    return NULL;
  for (guint i = 0; members[i].name != NULL; i++)
    {
      if (g_strcmp0 (members[i].name, name) == 0)
        return request->members[i];
    }
  g_critical ("route %s has no member %s", request->route->pattern, name);
  return NULL;
}
