/* sync-http.h: one HTTP exchange, made by a module loaded on first use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libcurl brings some thirty libraries (OpenSSL, LDAP, Kerberos, SSH…) that
 * the kiosk's first frame does not need. The curl calls live in a small
 * module (sync-http-curl.c) that sync-client.c opens the first time it talks
 * to the registry; this header is all the two share. The module sees no
 * GObject and no error domain of ours: it answers with a SyncError code.
 */

#pragma once

#include <glib.h>

#include "sync-error.h"

G_BEGIN_DECLS

/* the module's file name, without the platform's suffix */
#define SYNC_HTTP_MODULE "sync-http-curl"
/* The one symbol it exports: a const SyncHttpBackend. Its name carries the
 * table's version, to be raised with any change to the table: a kiosk left
 * running across an upgrade then finds no table it knows in the new module
 * and says it cannot reach the registry, instead of calling the wrong
 * function. */
#define SYNC_HTTP_BACKEND sync_http_curl_backend_v1
#define SYNC_HTTP_BACKEND_SYMBOL G_STRINGIFY (SYNC_HTTP_BACKEND)
/* a SyncError code, or this for a finished exchange of any status */
#define SYNC_HTTP_OK -1

typedef struct
{
  const char *url;
  const char *method;
  const char *const *headers; /* "Name: value", NULL-terminated */
  gboolean allow_http;        /* plain http too (loopback only) */
  const char *ca_file;        /* nullable */
  guint connect_ms;
  guint request_ms;
  const char *user_agent;
  gconstpointer payload; /* nullable */
  gsize payload_size;
  gsize max_response; /* longer answers fail with SYNC_ERROR_BAD_RESPONSE */
} SyncHttpRequest;

typedef struct
{
  long status;
  GByteArray *body;   /* filled in; the caller's */
  char *content_type; /* (transfer full) (nullable) */
  char *detail;       /* (transfer full) (nullable): the library's words for a failure */
} SyncHttpAnswer;

typedef struct
{
  /* a connection handle, reused between exchanges; NULL when the library fails */
  gpointer (*open) (void);
  void (*close) (gpointer handle);
  /* blocks; one exchange at a time per handle */
  int (*perform) (gpointer handle, const SyncHttpRequest *request, SyncHttpAnswer *answer);
} SyncHttpBackend;

const SyncHttpBackend *sync_http_backend_get (GError **error);

G_END_DECLS
