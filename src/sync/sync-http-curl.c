/* sync-http-curl.c: the module that makes sync-http.h's exchanges with libcurl
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loaded by sync-http.c the first time the kiosk talks to the registry, so
 * libcurl and what it brings stay out of the kiosk's start. Headers that
 * carry a token are wiped before they are freed.
 */

#include "config.h"

#include <curl/curl.h>
#include <gmodule.h>
#include <string.h>

#include "sync-http.h"

typedef struct
{
  GByteArray *body;
  gsize max;
} Sink;

static size_t
write_cb (char *data, size_t size, size_t nmemb, void *user_data)
{
  Sink *sink = user_data;
  size_t len = size * nmemb;

  if (sink->body->len + len > sink->max)
    return 0; /* libcurl ends the transfer with CURLE_WRITE_ERROR */
  g_byte_array_append (sink->body, (const guint8 *) data, (guint) len);
  return len;
}

static int
error_of (CURLcode code)
{
  switch (code)
    {
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
      case CURLE_COULDNT_CONNECT:
        return SYNC_ERROR_UNREACHABLE;
      case CURLE_OPERATION_TIMEDOUT:
        return SYNC_ERROR_TIMEOUT;
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_SSL_CERTPROBLEM:
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_SSL_ISSUER_ERROR:
      case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        return SYNC_ERROR_TLS;
      case CURLE_GOT_NOTHING:
      case CURLE_RECV_ERROR:
      case CURLE_SEND_ERROR:
      case CURLE_PARTIAL_FILE:
        return SYNC_ERROR_CONNECTION_LOST;
      case CURLE_UNSUPPORTED_PROTOCOL:
        return SYNC_ERROR_CONFIG;
      case CURLE_WRITE_ERROR:
        return SYNC_ERROR_BAD_RESPONSE;
      default:
        return SYNC_ERROR_FAILED;
    }
}

static gpointer
http_open (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&initialised, 1);
    }
  return curl_easy_init ();
}

static void
http_close (gpointer handle)
{
  curl_easy_cleanup (handle);
}

static int
http_perform (gpointer handle, const SyncHttpRequest *request, SyncHttpAnswer *answer)
{
  CURL *curl = handle;
  struct curl_slist *headers = NULL;
  Sink sink = { answer->body, request->max_response };
  const char *content_type = NULL;
  CURLcode code;

  for (guint i = 0; request->headers[i] != NULL; i++)
    headers = curl_slist_append (headers, request->headers[i]);

  curl_easy_reset (curl);
  curl_easy_setopt (curl, CURLOPT_URL, request->url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, request->allow_http ? "http,https" : "https");
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT_MS, (long) request->connect_ms);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS, (long) request->request_ms);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, request->user_agent);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, request->method);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, &sink);
  if (request->ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, request->ca_file);
  if (request->payload != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, request->payload);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) request->payload_size);
    }

  code = curl_easy_perform (curl);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, NULL);
  for (struct curl_slist *h = headers; h != NULL; h = h->next)
    memset (h->data, 0, strlen (h->data));
  curl_slist_free_all (headers);
  if (code != CURLE_OK)
    {
      answer->detail = g_strdup (curl_easy_strerror (code));
      return error_of (code);
    }
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &answer->status);
  curl_easy_getinfo (curl, CURLINFO_CONTENT_TYPE, &content_type);
  answer->content_type = g_strdup (content_type);
  return SYNC_HTTP_OK;
}

G_MODULE_EXPORT const gchar *g_module_check_init (GModule *module);

/* libcurl cannot be unloaded safely once its threads and OpenSSL are up */
G_MODULE_EXPORT const gchar *
g_module_check_init (GModule *module)
{
  g_module_make_resident (module);
  return NULL;
}

G_MODULE_EXPORT const SyncHttpBackend SYNC_HTTP_BACKEND = {
  http_open,
  http_close,
  http_perform,
};
