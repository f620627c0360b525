/* registry-body.h: request bodies decoded by the route's description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "registry-route.h"

G_BEGIN_DECLS

GPtrArray *
registry_body_decode_members (JsonNode *root, const RegistryMember *members, char ***out_values);
void registry_body_members_free (char **values, const RegistryMember *members);

gboolean registry_body_media_type_accepted (const RegistryBody *body, const char *content_type);

G_END_DECLS
