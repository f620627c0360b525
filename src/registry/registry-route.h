/* registry-route.h: one row of the registry's route table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "registry-response.h"

G_BEGIN_DECLS

typedef struct _RegistryRequest RegistryRequest;

/**
 * RegistryHandler:
 * @request: the request, its credentials checked and its body decoded
 * @response: where to put the answer
 *
 * Answers one request on a worker thread, with that worker's database
 * connection (@request->storage).
 *
 * Returns: %TRUE with @response set; %FALSE with @error set to what refused
 *   the request (see registry_response_set_from_error())
 */
typedef gboolean (*RegistryHandler) (RegistryRequest *request,
                                     RegistryResponse *response,
                                     GError **error);

/**
 * RegistryAuth:
 * @REGISTRY_AUTH_NONE: anyone (the health check)
 * @REGISTRY_AUTH_DEVICE: an enrolled, unrevoked kiosk: `Authorization:
 *   Bearer` and its token
 * @REGISTRY_AUTH_PERSON: a device and a practitioner's session of that
 *   device in `X-Session-Token`; using it extends the session
 * @REGISTRY_AUTH_STAFF: a device and a live staff session of that device
 *   in `X-Session-Token`
 * @REGISTRY_AUTH_ADMIN: an operator's admin token (`admin
 *   add-admin-token`), as `Authorization: Bearer` or a Basic password;
 *   never a device token
 *
 * What a route needs to be called. Each level's refusal is a 401 with its
 * own code: `unauthorized`, `session_invalid`, `staff_session_invalid`,
 * `admin_unauthorized`.
 */
typedef enum
{
  REGISTRY_AUTH_NONE,
  REGISTRY_AUTH_DEVICE,
  REGISTRY_AUTH_PERSON,
  REGISTRY_AUTH_STAFF,
  REGISTRY_AUTH_ADMIN,
} RegistryAuth;

/**
 * RegistryBodyKind:
 * @REGISTRY_BODY_NONE: the route reads no body
 * @REGISTRY_BODY_JSON: a JSON object the handler checks itself
 *   (@request->json)
 * @REGISTRY_BODY_MEMBERS: a JSON object of string members, each required,
 *   no other allowed, checked by the route's member list
 *   (registry_request_get_member())
 * @REGISTRY_BODY_RAW: bytes of one of the route's media types, up to the
 *   route's size (@request->body)
 */
typedef enum
{
  REGISTRY_BODY_NONE,
  REGISTRY_BODY_JSON,
  REGISTRY_BODY_MEMBERS,
  REGISTRY_BODY_RAW,
} RegistryBodyKind;

/**
 * RegistryMemberType:
 * @REGISTRY_MEMBER_TEXT: any text up to the member's length
 * @REGISTRY_MEMBER_CHOICE: one of the member's choices
 * @REGISTRY_MEMBER_DOC_TYPE: a document type (`resident`, `passport`, …)
 * @REGISTRY_MEMBER_DOC_NUMBER: a document number, checked by the rules of
 *   the body's DOC_TYPE member and kept normalised
 * @REGISTRY_MEMBER_PHONE: an 11-digit mainland mobile number
 * @REGISTRY_MEMBER_UUID: a UUID
 * @REGISTRY_MEMBER_CODE: a dynamic password: 6 digits
 */
typedef enum
{
  REGISTRY_MEMBER_TEXT,
  REGISTRY_MEMBER_CHOICE,
  REGISTRY_MEMBER_DOC_TYPE,
  REGISTRY_MEMBER_DOC_NUMBER,
  REGISTRY_MEMBER_PHONE,
  REGISTRY_MEMBER_UUID,
  REGISTRY_MEMBER_CODE,
} RegistryMemberType;

typedef struct
{
  const char *name;
  RegistryMemberType type;
  gsize max_length;           /* bytes */
  const char *const *choices; /* CHOICE: %NULL-terminated */
} RegistryMember;

typedef struct
{
  RegistryBodyKind kind;
  const RegistryMember *members;  /* MEMBERS: ends with a member without a name */
  gsize max_size;                 /* RAW: bytes; JSON bodies obey --max-body-size */
  const char *const *media_types; /* RAW: %NULL-terminated, e.g. "image/png" */
} RegistryBody;

#define REGISTRY_NO_BODY                                                                           \
  {                                                                                                \
    REGISTRY_BODY_NONE, NULL, 0, NULL                                                              \
  }
#define REGISTRY_JSON_BODY                                                                         \
  {                                                                                                \
    REGISTRY_BODY_JSON, NULL, 0, NULL                                                              \
  }
#define REGISTRY_MEMBERS_BODY(members)                                                             \
  {                                                                                                \
    REGISTRY_BODY_MEMBERS, (members), 0, NULL                                                      \
  }
#define REGISTRY_RAW_BODY(max_size, media_types)                                                   \
  {                                                                                                \
    REGISTRY_BODY_RAW, NULL, (max_size), (media_types)                                             \
  }

/**
 * RegistryRoute:
 * @method: "GET", "POST", "PUT" or "DELETE"; a GET route answers HEAD too
 * @pattern: the path, with named parameters in braces:
 *   `/v1/persons/{doc_type}/{doc_number}/state`. Logs name requests by it,
 *   never by their path, which may hold personal data
 * @auth: what the caller must show
 * @body: what the request carries
 * @handler: what answers it
 *
 * A route is one row of a table (registry-api.c) and one handler.
 */
typedef struct
{
  const char *method;
  const char *pattern;
  RegistryAuth auth;
  RegistryBody body;
  RegistryHandler handler;
} RegistryRoute;

G_END_DECLS
