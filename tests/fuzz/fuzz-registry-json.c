/* fuzz-registry-json.c: libFuzzer target over the registry's JSON request decoders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds arbitrary bytes through exactly what a request body meets: the
 * guarded parser, then the filing decoder, the batch decoder and the
 * decoders of the registration, login and staff login bodies, the router
 * with the bytes as a path, and the device token check with them as a header.
 */

#include "config.h"

#include <stdint.h>

#include "core-filing.h"
#include "core-json.h"
#include "registry-api.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
quiet_log (const char *domain, GLogLevelFlags level, const char *message, gpointer user_data)
{
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gboolean initialized = FALSE;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *path = NULL;
  RegistryResponse response = { 0 };
  char **args = NULL;

  if (!initialized)
    {
      g_log_set_default_handler (quiet_log, NULL);
      initialized = TRUE;
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

      for (guint kind = REGISTRY_BODY_SMS_SEND; kind <= REGISTRY_BODY_STAFF_LOGIN; kind++)
        {
          RegistryAccountRequest request;
          g_autoptr (GPtrArray) account_errors =
              registry_api_decode_account_request (root, kind, &request);
          /* a body without errors has every member its route needs */
          if (account_errors->len == 0 &&
              (kind == REGISTRY_BODY_STAFF_LOGIN
                   ? request.user == NULL || request.password == NULL
                   : request.doc_type == NULL || request.doc_number == NULL ||
                         request.phone == NULL))
            __builtin_trap ();
          registry_account_request_clear (&request);
        }
    }

  path = g_strndup ((const char *) data, MIN (size, 600));
  registry_api_route ("GET", path, &args, &response);
  registry_response_clear (&response);
  g_strfreev (args);
  /* the same bytes as an Authorization header */
  registry_api_has_device_token (path);
  return 0;
}
