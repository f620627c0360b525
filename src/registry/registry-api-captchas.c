/* registry-api-captchas.c: GET /v1/captcha (R-G2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "registry-api-private.h"
#include "registry-captcha-image.h"
#include "registry-captchas.h"

/* A new captcha for the calling kiosk, as a PNG image; the limit comes
 * first, since drawing the image is what it saves. */
gboolean
registry_api_captcha_new (RegistryRequest *request, RegistryResponse *response, GError **error)
{
  const RegistryApiContext *api = request->api;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (GBytes) png = NULL;
  g_autofree char *captcha_id = NULL;
  g_autofree char *base64 = NULL;
  RegistryVerdict verdict = { 0 };
  char *answer = api->test_captcha_answer != NULL ? g_strdup (api->test_captcha_answer)
                                                  : registry_captcha_new_answer ();
  gboolean ok;

  ok = registry_captcha_issue (request->storage, api->key, request->device_id, request->now, answer,
                               &captcha_id, &verdict, error);
  if (ok && !verdict.refused)
    ok = (png = registry_captcha_render (answer, error)) != NULL;
  sodium_memzero (answer, strlen (answer));
  g_free (answer);
  if (!ok)
    return FALSE;
  if (verdict.refused)
    return registry_response_refuse (response, &verdict, error);

  base64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "captcha_id");
  json_builder_add_string_value (builder, captcha_id);
  json_builder_set_member_name (builder, "image_png_base64");
  json_builder_add_string_value (builder, base64);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, REGISTRY_CAPTCHA_LIFETIME_S);
  json_builder_end_object (builder);
  registry_response_set_json (response, 200, builder);
  return TRUE;
}
