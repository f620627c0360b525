/* registry-sms-gateway.c: where the registry hands its text messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two kinds, chosen by `serve --sms`:
 *
 * - `spool:DIR` writes each message as one JSON file
 *   `{"phone", "text", "sent_at"}` (sent_at in ISO 8601 UTC) named
 *   `SECONDS-RANDOM.json`, mode 0600. The file is written under a temporary
 *   name and renamed, so a reader that takes `*.json` files never sees half
 *   a message. Used by tests, the demo and sites whose SMS system picks up
 *   files.
 * - `http://URL` or `https://URL` POSTs `{"phone", "text"}` as JSON to a
 *   relay; any 2xx answer within REGISTRY_SMS_HTTP_TIMEOUT_SECONDS means
 *   the message was taken.
 *
 * registry_sms_gateway_send() may be called from any worker thread.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "registry-error.h"
#include "registry-sms-gateway.h"

typedef enum
{
  GATEWAY_SPOOL,
  GATEWAY_HTTP,
} GatewayKind;

struct _RegistrySmsGateway
{
  GObject parent_instance;

  GatewayKind kind;
  char *target; /* the folder or the URL */
};

G_DEFINE_FINAL_TYPE (RegistrySmsGateway, registry_sms_gateway, G_TYPE_OBJECT)

static void
registry_sms_gateway_finalize (GObject *object)
{
  RegistrySmsGateway *self = REGISTRY_SMS_GATEWAY (object);

  g_free (self->target);
  G_OBJECT_CLASS (registry_sms_gateway_parent_class)->finalize (object);
}

static void
registry_sms_gateway_class_init (RegistrySmsGatewayClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = registry_sms_gateway_finalize;
}

static void
registry_sms_gateway_init (RegistrySmsGateway *self)
{
}

/**
 * registry_sms_gateway_new:
 * @spec: `spool:DIR`, `http://…` or `https://…`
 *
 * A spool folder must exist and be writable.
 */
RegistrySmsGateway *
registry_sms_gateway_new (const char *spec, GError **error)
{
  g_autoptr (RegistrySmsGateway) self = g_object_new (REGISTRY_TYPE_SMS_GATEWAY, NULL);

  g_return_val_if_fail (spec != NULL, NULL);

  if (g_str_has_prefix (spec, "spool:"))
    {
      self->kind = GATEWAY_SPOOL;
      self->target = g_strdup (spec + strlen ("spool:"));
      if (*self->target == '\0' || !g_file_test (self->target, G_FILE_TEST_IS_DIR) ||
          access (self->target, W_OK) != 0)
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                       "--sms %s: the spool folder must exist and be writable", spec);
          return NULL;
        }
    }
  else if (g_str_has_prefix (spec, "http://") || g_str_has_prefix (spec, "https://"))
    {
      g_autoptr (GUri) uri = g_uri_parse (spec, SOUP_HTTP_URI_FLAGS, NULL);
      if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
        {
          g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                       "--sms: %s is not a usable URL", spec);
          return NULL;
        }
      self->kind = GATEWAY_HTTP;
      self->target = g_strdup (spec);
    }
  else
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_INVALID_ARGUMENT,
                   "--sms takes spool:DIR or http(s)://RELAY, not %s", spec);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * registry_sms_gateway_get_kind:
 *
 * Returns: "spool" or "http", for the log
 */
const char *
registry_sms_gateway_get_kind (RegistrySmsGateway *self)
{
  g_return_val_if_fail (REGISTRY_IS_SMS_GATEWAY (self), NULL);
  return self->kind == GATEWAY_SPOOL ? "spool" : "http";
}

static char *
message_json (const char *phone, const char *text, gint64 sent_at)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "phone");
  json_builder_add_string_value (builder, phone);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  if (sent_at > 0)
    {
      g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (sent_at / G_USEC_PER_SEC);
      g_autofree char *iso = g_date_time_format_iso8601 (when);
      json_builder_set_member_name (builder, "sent_at");
      json_builder_add_string_value (builder, iso);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
send_spool (RegistrySmsGateway *self,
            const char *phone,
            const char *text,
            gint64 sent_at,
            GError **error)
{
  g_autofree char *json = message_json (phone, text, sent_at);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error_local = NULL;
  char random[17];
  guchar bytes[8];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (random, sizeof random, bytes, sizeof bytes);
  name = g_strdup_printf ("%" G_GINT64_FORMAT "-%s.json", sent_at / G_USEC_PER_SEC, random);
  path = g_build_filename (self->target, name, NULL);
  if (!g_file_set_contents_full (path, json, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600,
                                 &error_local))
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_GATEWAY, "the SMS spool: %s",
                   error_local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
send_http (RegistrySmsGateway *self, const char *phone, const char *text, GError **error)
{
  g_autoptr (SoupSession) session = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GInputStream) reply = NULL;
  g_autoptr (GError) error_local = NULL;
  char *json = message_json (phone, text, 0);
  guint status;

  /* A session per message: sessions are not shared between threads, and
   * codes are sent a few times a minute at most. */
  session =
      soup_session_new_with_options ("timeout", REGISTRY_SMS_HTTP_TIMEOUT_SECONDS, "idle-timeout",
                                     REGISTRY_SMS_HTTP_TIMEOUT_SECONDS, "user-agent",
                                     "practitioner-registry/" PACKAGE_VERSION, NULL);
  msg = soup_message_new ("POST", self->target);
  body = g_bytes_new_take (json, strlen (json));
  if (msg == NULL)
    {
      g_set_error_literal (error, REGISTRY_ERROR, REGISTRY_ERROR_GATEWAY,
                           "the SMS relay URL is not usable");
      return FALSE;
    }
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  /* only the status counts: the relay's body is never read, so no relay can
   * make the registry hold an answer of any size */
  reply = soup_session_send (session, msg, NULL, &error_local);
  if (reply != NULL)
    g_input_stream_close (reply, NULL, NULL);
  if (reply == NULL)
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_GATEWAY, "the SMS relay: %s",
                   error_local->message);
      return FALSE;
    }
  status = soup_message_get_status (msg);
  if (status < 200 || status > 299)
    {
      g_set_error (error, REGISTRY_ERROR, REGISTRY_ERROR_GATEWAY, "the SMS relay answered HTTP %u",
                   status);
      return FALSE;
    }
  return TRUE;
}

/**
 * registry_sms_gateway_send:
 * @phone: the 11-digit mobile number
 * @text: the message
 * @sent_at: microseconds since the epoch, written in spool files
 *
 * Returns: %TRUE once the gateway took the message; %FALSE with
 *   %REGISTRY_ERROR_GATEWAY otherwise. The error never holds the phone or
 *   the text.
 */
gboolean
registry_sms_gateway_send (RegistrySmsGateway *self,
                           const char *phone,
                           const char *text,
                           gint64 sent_at,
                           GError **error)
{
  g_return_val_if_fail (REGISTRY_IS_SMS_GATEWAY (self), FALSE);

  if (self->kind == GATEWAY_SPOOL)
    return send_spool (self, phone, text, sent_at, error);
  return send_http (self, phone, text, error);
}
