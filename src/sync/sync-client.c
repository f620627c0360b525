/* sync-client.c: HTTP(S) calls to the registry, for worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One connection handle of the HTTP module (sync-http.h), opened on the
 * first call and reused so the connection stays open between calls. Calls
 * block: they are made from the sync engine's thread, never from the GTK
 * main loop. https only, except to this machine; no redirects; the device
 * token goes in a header and nowhere else (never in a log).
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "core-api-error.h"
#include "core-json.h"
#include "sync-client.h"
#include "sync-http.h"

#define MAX_RESPONSE_BYTES (16 * 1024 * 1024)
#define MAX_TOKEN_BYTES 256

G_DEFINE_QUARK (sync - error - quark, sync_error)

struct _SyncClient
{
  GObject parent_instance;

  GMutex lock; /* one call at a time on the handle */
  const SyncHttpBackend *http;
  gpointer handle;    /* the module's, opened on the first call */
  GPtrArray *headers; /* the device's own, "Name: value" */
  char *base_url;
  char *ca_file;
  gboolean allow_http;
  guint connect_ms;
  guint request_ms;
};

G_DEFINE_FINAL_TYPE (SyncClient, sync_client, G_TYPE_OBJECT)

static void
sync_client_finalize (GObject *object)
{
  SyncClient *self = SYNC_CLIENT (object);

  if (self->handle != NULL)
    self->http->close (self->handle);
  /* the list holds the token: wipe it before it is freed */
  for (guint i = 0; self->headers != NULL && i < self->headers->len; i++)
    memset (g_ptr_array_index (self->headers, i), 0, strlen (g_ptr_array_index (self->headers, i)));
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_free (self->base_url);
  g_free (self->ca_file);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (sync_client_parent_class)->finalize (object);
}

static void
sync_client_class_init (SyncClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sync_client_finalize;
}

static void
sync_client_init (SyncClient *self)
{
  g_mutex_init (&self->lock);
  self->connect_ms = SYNC_CLIENT_CONNECT_TIMEOUT_MS;
  self->request_ms = SYNC_CLIENT_REQUEST_TIMEOUT_MS;
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  bare = g_strdup (host);
  if (bare[0] == '[')
    {
      bare[strlen (bare) - 1] = '\0';
      memmove (bare, bare + 1, strlen (bare));
    }
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
valid_token (const char *token)
{
  gsize len = strlen (token);

  if (len == 0 || len > MAX_TOKEN_BYTES)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isgraph (token[i]))
      return FALSE;
  return TRUE;
}

/**
 * sync_client_new:
 * @base_url: the registry, e.g. https://registry.example.org/
 * @device_token: the token `practitioner-registry admin enroll-device` printed
 * @ca_file: (nullable): a CA bundle to trust instead of the system's
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 */
SyncClient *
sync_client_new (const char *base_url,
                 const char *device_token,
                 const char *ca_file,
                 GError **error)
{
  g_autoptr (SyncClient) self = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autofree char *authorization = NULL;
  const char *scheme;

  g_return_val_if_fail (base_url != NULL && device_token != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_CONFIG, _ ("The registry address is not a URL."));
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  self = g_object_new (SYNC_TYPE_CLIENT, NULL);
  self->allow_http = is_loopback (g_uri_get_host (uri));
  if (g_ascii_strcasecmp (scheme, "https") != 0 &&
      !(g_ascii_strcasecmp (scheme, "http") == 0 && self->allow_http))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_CONFIG,
                   _ ("The registry address must use https (plain http only to this machine)."));
      return NULL;
    }
  if (!valid_token (device_token))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_CONFIG,
                   _ ("The device token is empty or not a token."));
      return NULL;
    }
  if (ca_file != NULL && *ca_file != '\0' && !g_file_test (ca_file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_CONFIG, _ ("The registry CA file %s is missing."),
                   ca_file);
      return NULL;
    }

  self->base_url = g_str_has_suffix (base_url, "/") ? g_strndup (base_url, strlen (base_url) - 1)
                                                    : g_strdup (base_url);
  self->ca_file = ca_file != NULL && *ca_file != '\0' ? g_strdup (ca_file) : NULL;

  authorization = g_strdup_printf ("Authorization: Bearer %s", device_token);
  self->headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->headers, g_steal_pointer (&authorization));
  g_ptr_array_add (self->headers, g_strdup ("Content-Type: application/json"));
  g_ptr_array_add (self->headers, g_strdup ("Accept: application/json"));
  g_ptr_array_add (self->headers, g_strdup ("Expect:"));
  return g_steal_pointer (&self);
}

void
sync_client_set_timeouts (SyncClient *self, guint connect_ms, guint request_ms)
{
  g_return_if_fail (SYNC_IS_CLIENT (self));
  self->connect_ms = connect_ms;
  self->request_ms = request_ms;
}

const char *
sync_client_get_base_url (SyncClient *self)
{
  g_return_val_if_fail (SYNC_IS_CLIENT (self), NULL);
  return self->base_url;
}

/* A failed exchange, in the kiosk's words. */
static void
set_http_error (GError **error, int code, const char *detail)
{
  switch (code)
    {
      case SYNC_ERROR_UNREACHABLE:
        g_set_error (error, SYNC_ERROR, SYNC_ERROR_UNREACHABLE, _ ("The registry is unreachable."));
        break;
      case SYNC_ERROR_TIMEOUT:
        g_set_error (error, SYNC_ERROR, SYNC_ERROR_TIMEOUT,
                     _ ("The registry did not answer in time."));
        break;
      case SYNC_ERROR_TLS:
        g_set_error (error, SYNC_ERROR, SYNC_ERROR_TLS,
                     _ ("The registry's certificate is not trusted."));
        break;
      case SYNC_ERROR_CONNECTION_LOST:
        g_set_error (error, SYNC_ERROR, SYNC_ERROR_CONNECTION_LOST,
                     _ ("The connection to the registry broke off."));
        break;
      case SYNC_ERROR_CONFIG:
        g_set_error (error, SYNC_ERROR, SYNC_ERROR_CONFIG,
                     _ ("The registry redirected to an address the kiosk does not use."));
        break;
      case SYNC_ERROR_BAD_RESPONSE:
        g_set_error (error, SYNC_ERROR, SYNC_ERROR_BAD_RESPONSE,
                     _ ("The registry's answer was too large."));
        break;
      default:
        g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED,
                     _ ("Talking to the registry failed (%s)."), detail != NULL ? detail : "?");
        break;
    }
}

/* The "error.code" of a registry error answer, when this build knows it.
 * Never its "message": the registry's own words may quote what was sent,
 * and this description reaches logs. */
static const char *
known_error_code (JsonNode *json)
{
  JsonObject *object;
  JsonObject *error_object;
  CoreApiError code;

  if (json == NULL || !JSON_NODE_HOLDS_OBJECT (json))
    return NULL;
  object = json_node_get_object (json);
  if (!json_object_has_member (object, "error") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "error")))
    return NULL;
  error_object = json_object_get_object_member (object, "error");
  code = core_api_error_from_string (
      json_object_get_string_member_with_default (error_object, "code", NULL));
  return code != CORE_API_ERROR_UNKNOWN ? core_api_error_to_string (code) : NULL;
}

/* What one call sends beyond method and path. */
typedef struct
{
  const char *session_token; /* X-Session-Token */
  const char *staff_token;   /* X-Staff-Session */
  const char *content_type;  /* of @payload; NULL: JSON */
  gconstpointer payload;
  gsize payload_size;
} Outgoing;

/* One call: the status, the answer's bytes and media type, whatever the
 * status. */
static gboolean
perform_raw (SyncClient *self,
             const char *method,
             const char *path,
             const Outgoing *out,
             long *out_status,
             GByteArray *response,
             char **out_content_type,
             GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autofree char *url = NULL;
  g_autoptr (GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  SyncHttpAnswer answer = { 0, response, NULL, NULL };
  SyncHttpRequest request;
  int code;

  *out_status = 0;
  locker = g_mutex_locker_new (&self->lock);
  if (self->handle == NULL)
    {
      /* the first call brings the HTTP library in */
      self->http = sync_http_backend_get (error);
      if (self->http == NULL)
        return FALSE;
      self->handle = self->http->open ();
      if (self->handle == NULL)
        {
          g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "the HTTP library cannot start");
          return FALSE;
        }
    }

  /* the device's headers plus this call's own, for this call only */
  for (guint i = 0; i < self->headers->len; i++)
    {
      const char *h = g_ptr_array_index (self->headers, i);
      if (out->content_type == NULL ||
          (!g_str_has_prefix (h, "Content-Type:") && !g_str_has_prefix (h, "Accept:")))
        g_ptr_array_add (headers, g_strdup (h));
    }
  if (out->content_type != NULL)
    g_ptr_array_add (headers, g_strdup_printf ("Content-Type: %s", out->content_type));
  if (out->session_token != NULL)
    g_ptr_array_add (headers, g_strdup_printf ("X-Session-Token: %s", out->session_token));
  if (out->staff_token != NULL)
    g_ptr_array_add (headers, g_strdup_printf ("X-Staff-Session: %s", out->staff_token));
  g_ptr_array_add (headers, NULL);

  url = g_strconcat (self->base_url, path, NULL);
  request = (SyncHttpRequest){
    .url = url,
    .method = method,
    .headers = (const char *const *) headers->pdata,
    .allow_http = self->allow_http,
    .ca_file = self->ca_file,
    .connect_ms = self->connect_ms,
    .request_ms = self->request_ms,
    .user_agent = "practitioner-kiosk/" PACKAGE_VERSION,
    .payload = out->payload,
    .payload_size = out->payload_size,
    .max_response = MAX_RESPONSE_BYTES,
  };
  code = self->http->perform (self->handle, &request, &answer);

  /* the copies hold the tokens: wiped before they are freed */
  for (guint i = 0; i + 1 < headers->len; i++)
    memset (g_ptr_array_index (headers, i), 0, strlen (g_ptr_array_index (headers, i)));
  if (code != SYNC_HTTP_OK)
    {
      set_http_error (error, code, answer.detail);
      g_free (answer.detail);
      g_free (answer.content_type);
      return FALSE;
    }
  if (out_content_type != NULL)
    *out_content_type = g_steal_pointer (&answer.content_type);
  g_free (answer.content_type);
  g_free (answer.detail);
  *out_status = answer.status;
  return TRUE;
}

/* One call: the status and the parsed JSON body, whatever the status. */
static gboolean
perform (SyncClient *self,
         const char *method,
         const char *path,
         const char *session_token,
         JsonNode *body,
         long *out_status,
         JsonNode **out_json,
         GError **error)
{
  g_autoptr (GByteArray) response = g_byte_array_new ();
  g_autofree char *payload = body != NULL ? json_to_string (body, FALSE) : NULL;
  Outgoing out = { session_token, NULL, NULL, payload, payload != NULL ? strlen (payload) : 0 };

  *out_json = NULL;
  if (!perform_raw (self, method, path, &out, out_status, response, NULL, error))
    return FALSE;
  /* the registry's answer is checked like any JSON from outside */
  if (response->len > 0)
    *out_json = core_json_parse ((const char *) response->data, response->len, NULL);
  return TRUE;
}

/* The error of a non-2xx answer, or of a 2xx one without JSON. */
static void
set_status_error (GError **error, long status, JsonNode *json)
{
  const char *code = known_error_code (json);
  g_autofree char *detail = code != NULL ? g_strdup_printf ("%s, HTTP %ld", code, status)
                                         : g_strdup_printf ("HTTP %ld", status);

  if (status == 401)
    g_set_error (error, SYNC_ERROR, SYNC_ERROR_UNAUTHORIZED,
                 _ ("The registry refused this kiosk's device token."));
  else if (status >= 500)
    g_set_error (error, SYNC_ERROR, SYNC_ERROR_SERVER, _ ("The registry failed (HTTP %ld)."),
                 status);
  else if (status < 200 || status >= 300)
    g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED,
                 _ ("The registry refused the request (%s)."), detail);
  else
    g_set_error (error, SYNC_ERROR, SYNC_ERROR_BAD_RESPONSE,
                 _ ("The registry's answer is not valid JSON."));
}

/**
 * sync_client_request:
 * @method: "GET", "POST", …
 * @path: e.g. "/v1/filings:batch"
 * @body: (nullable): the JSON to send
 * @out_status: (out) (optional): the HTTP status, 0 when there was none
 *
 * Blocks until the registry answers or the timeouts pass.
 *
 * Returns: (transfer full): the JSON of a 2xx answer, or %NULL with @error set
 */
JsonNode *
sync_client_request (SyncClient *self,
                     const char *method,
                     const char *path,
                     JsonNode *body,
                     guint *out_status,
                     GError **error)
{
  g_autoptr (JsonNode) json = NULL;
  long status = 0;

  g_return_val_if_fail (SYNC_IS_CLIENT (self), NULL);

  if (out_status != NULL)
    *out_status = 0;
  if (!perform (self, method, path, NULL, body, &status, &json, error))
    return NULL;
  if (out_status != NULL)
    *out_status = (guint) status;
  if (status < 200 || status >= 300 || json == NULL)
    {
      set_status_error (error, status, json);
      return NULL;
    }
  return g_steal_pointer (&json);
}

/**
 * sync_client_call:
 * @method: "GET", "POST", …
 * @path: e.g. "/v1/sms/send"
 * @session_token: (nullable): sent as `X-Session-Token` when given
 * @body: (nullable): the JSON to send
 * @out_status: (out): the HTTP status
 *
 * Like sync_client_request(), but an answer the registry gave with a JSON body
 * is returned whatever its status, so a caller can tell the registry's error
 * codes (`{"error": {"code", …}}`) and their extra members apart. Blocks.
 *
 * Returns: (transfer full): the JSON of the answer, or %NULL with @error set
 *   when there was no answer or it had no JSON body
 */
JsonNode *
sync_client_call (SyncClient *self,
                  const char *method,
                  const char *path,
                  const char *session_token,
                  JsonNode *body,
                  guint *out_status,
                  GError **error)
{
  g_autoptr (JsonNode) json = NULL;
  long status = 0;

  g_return_val_if_fail (SYNC_IS_CLIENT (self), NULL);
  g_return_val_if_fail (out_status != NULL, NULL);

  *out_status = 0;
  if (!perform (self, method, path, session_token, body, &status, &json, error))
    return NULL;
  *out_status = (guint) status;
  if (json == NULL)
    {
      set_status_error (error, status, NULL);
      return NULL;
    }
  return g_steal_pointer (&json);
}

/**
 * sync_client_call_bytes:
 * @session_token: (nullable): sent as `X-Session-Token`
 * @staff_token: (nullable): sent as `X-Staff-Session`
 * @content_type: (nullable): the media type of @body
 * @body: (nullable): bytes to send as they are (a scan, a photo)
 * @out_status: (out): the HTTP status
 * @out_content_type: (out) (optional) (nullable): the answer's media type
 *
 * For the routes whose body or answer is not JSON: the answer's bytes,
 * whatever its status (an error answer is still the registry's JSON).
 * Blocks.
 *
 * Returns: (transfer full): the answer's bytes, or %NULL with @error set
 *   when there was no answer
 */
GBytes *
sync_client_call_bytes (SyncClient *self,
                        const char *method,
                        const char *path,
                        const char *session_token,
                        const char *staff_token,
                        const char *content_type,
                        GBytes *body,
                        guint *out_status,
                        char **out_content_type,
                        GError **error)
{
  g_autoptr (GByteArray) response = g_byte_array_new ();
  Outgoing out = { session_token, staff_token, content_type, NULL, 0 };
  long status = 0;

  g_return_val_if_fail (SYNC_IS_CLIENT (self), NULL);
  g_return_val_if_fail (out_status != NULL, NULL);

  if (body != NULL)
    out.payload = g_bytes_get_data (body, &out.payload_size);
  if (out.payload == NULL && body != NULL)
    out.payload = "";
  *out_status = 0;
  if (!perform_raw (self, method, path, &out, &status, response, out_content_type, error))
    return NULL;
  *out_status = (guint) status;
  return g_byte_array_free_to_bytes (g_steal_pointer (&response));
}

/**
 * sync_client_read_token_file:
 * @path: the device token file; must be readable by its owner only
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
char *
sync_client_read_token_file (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_CONFIG,
                   _ ("This kiosk is not enrolled: no device token file %s (%s)."), path,
                   g_strerror (saved_errno));
      return NULL;
    }
  if ((st.st_mode & 0077) != 0)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_CONFIG,
                   _ ("The device token file %s can be read by others; make it 0600."), path);
      return NULL;
    }
  /* a token and a line end; anything much larger is not read at all */
  if (st.st_size > MAX_TOKEN_BYTES + 16)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_CONFIG,
                   _ ("The device token file %s holds no token."), path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  g_strstrip (contents);
  if (!valid_token (contents))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_CONFIG,
                   _ ("The device token file %s holds no token."), path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}
