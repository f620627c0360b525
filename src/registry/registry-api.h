/* registry-api.h: the HTTP API's requests and answers, apart from the transport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "core-filing.h"
#include "registry-accounts.h"
#include "registry-sms-gateway.h"
#include "registry-storage.h"

G_BEGIN_DECLS

/* Largest JSON body any route takes, unless `serve --max-body-size` says
 * otherwise; a kiosk's batches stay under 768 KiB. */
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
  REGISTRY_ROUTE_CAPTCHA,
  REGISTRY_ROUTE_SMS_SEND,
  REGISTRY_ROUTE_REGISTRATIONS,
  REGISTRY_ROUTE_SESSIONS,
  REGISTRY_ROUTE_SESSION_CURRENT,
  REGISTRY_ROUTE_SESSION_LOGOUT,
  REGISTRY_ROUTE_STAFF_SESSIONS,
  REGISTRY_ROUTE_STAFF_SESSION_LOGOUT,
  REGISTRY_ROUTE_STAFF_PERSON_PHONE,
} RegistryRoute;

/* What a request body is decoded as. */
typedef enum
{
  REGISTRY_BODY_SMS_SEND,
  REGISTRY_BODY_CODE,
  REGISTRY_BODY_STAFF_LOGIN,
  REGISTRY_BODY_PHONE,
} RegistryBodyKind;

/**
 * RegistryApiContext:
 * @key: the database's HMAC key (registry_secret_load())
 * @sms: (nullable): where codes are sent
 * @test_captcha_answer: (nullable): every captcha's answer; tests only
 * @clock_file: (nullable): a test's clock offset (registry_clock_now())
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
} RegistryApiContext;

typedef struct
{
  guint status;
  char *body;
  const char *allow;  /* for 405 */
  gint64 retry_after; /* seconds, for a Retry-After header */
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

gboolean registry_api_has_device_token (const char *authorization);
gboolean registry_api_route_needs_device (RegistryRoute route);

void registry_api_handle (const RegistryApiContext *context,
                          RegistryStorage *storage,
                          RegistryRoute route,
                          char **args,
                          const char *authorization,
                          const char *session_token,
                          const char *body,
                          gsize body_length,
                          RegistryResponse *out_response);

GPtrArray *registry_api_decode_account_request (JsonNode *root,
                                                RegistryBodyKind kind,
                                                RegistryAccountRequest *out_request);
GPtrArray *registry_api_decode_batch (JsonNode *root, GPtrArray **out_item_errors, GError **error);

G_END_DECLS
