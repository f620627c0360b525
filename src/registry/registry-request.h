/* registry-request.h: one request, as a handler sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "core-dictionary-set.h"
#include "registry-route.h"
#include "registry-secrets.h"
#include "registry-sms-gateway.h"
#include "registry-storage.h"

G_BEGIN_DECLS

/**
 * RegistryApiContext:
 * @key: the database's HMAC key (registry_secret_load())
 * @sms: (nullable): where codes are sent
 * @test_captcha_answer: (nullable): every captcha's answer; tests only
 * @clock_file: (nullable): a test's clock offset (registry_clock_now())
 * @dictionaries: the pick-lists records are validated with
 * @dictionaries_json: what `GET /v1/dictionaries` serves
 * @dictionaries_etag: the set's version as an ETag, quoted
 * @kinds_json: what `GET /v1/record-kinds` serves
 * @public_url: (nullable): where phones reach this registry, for upload
 *   links (`--public-url`); %NULL to use the request's Host
 *
 * What the handlers need besides the request and a database connection;
 * set up before serving and read-only afterwards.
 */
typedef struct
{
  guchar key[REGISTRY_KEY_LENGTH];
  RegistrySmsGateway *sms;
  char *test_captcha_answer;
  char *clock_file;
  CoreDictionarySet *dictionaries;
  GBytes *dictionaries_json;
  char *dictionaries_etag;
  GBytes *kinds_json;
  char *public_url;
} RegistryApiContext;

/**
 * RegistryRequest:
 * @api: the server's context
 * @route: the route the request was routed to
 * @storage: the worker's database connection
 * @now: the registry's clock (registry_clock_now()), for expiries and limits
 * @params: (element-type utf8 utf8): the path's named parameters, checked
 * @authorization: (nullable): the Authorization header
 * @session_token: (nullable): the X-Session-Token header
 * @content_type: (nullable): the Content-Type header
 * @if_none_match: (nullable): the If-None-Match header
 * @host: (nullable): the Host header
 * @staff_token: (nullable): the X-Staff-Session header: staff of the kiosk
 *   confirming what a person does (an unreadable signed form)
 * @body: (nullable): the body as it came
 * @device_id: the calling device, for every route that needs one
 * @person_id: (nullable): the session's person (REGISTRY_AUTH_PERSON)
 * @login_phone: (nullable): the phone the session was opened with
 * @staff_id: the staff account of the session (REGISTRY_AUTH_STAFF)
 * @staff: (nullable): its user name
 * @json: (nullable): the decoded body (REGISTRY_BODY_JSON, _MEMBERS)
 * @members: (nullable): the members' values, in the route's order
 *   (REGISTRY_BODY_MEMBERS); wiped when the request is freed
 *
 * Made on the server's main context when a request is routed; the
 * dispatcher fills in the rest on the worker that answers it.
 */
struct _RegistryRequest
{
  const RegistryApiContext *api;
  const RegistryRoute *route;
  RegistryStorage *storage;
  gint64 now;
  GHashTable *params;
  char *authorization;
  char *session_token;
  char *content_type;
  char *if_none_match;
  char *host;
  char *staff_token;
  GBytes *body;

  gint64 device_id;
  char *person_id;
  char *login_phone;
  gint64 staff_id;
  char *staff;
  JsonNode *json;
  char **members;
};

RegistryRequest *registry_request_new (const RegistryApiContext *api,
                                       const RegistryRoute *route,
                                       GHashTable *params);
void registry_request_free (RegistryRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegistryRequest, registry_request_free)

const char *registry_request_get_param (RegistryRequest *request, const char *name);
const char *registry_request_get_member (RegistryRequest *request, const char *name);

G_END_DECLS
