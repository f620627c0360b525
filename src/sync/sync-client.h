/* sync-client.h: HTTP(S) calls to the registry, for worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sync-error.h"

G_BEGIN_DECLS

#define SYNC_CLIENT_CONNECT_TIMEOUT_MS 5000
#define SYNC_CLIENT_REQUEST_TIMEOUT_MS 30000

#define SYNC_TYPE_CLIENT (sync_client_get_type ())

G_DECLARE_FINAL_TYPE (SyncClient, sync_client, SYNC, CLIENT, GObject)

SyncClient *sync_client_new (const char *base_url,
                             const char *device_token,
                             const char *ca_file,
                             GError **error);
void sync_client_set_timeouts (SyncClient *self, guint connect_ms, guint request_ms);
const char *sync_client_get_base_url (SyncClient *self);

JsonNode *sync_client_request (SyncClient *self,
                               const char *method,
                               const char *path,
                               JsonNode *body,
                               guint *out_status,
                               GError **error);

JsonNode *sync_client_call (SyncClient *self,
                            const char *method,
                            const char *path,
                            const char *session_token,
                            JsonNode *body,
                            guint *out_status,
                            GError **error);

GBytes *sync_client_call_bytes (SyncClient *self,
                                const char *method,
                                const char *path,
                                const char *session_token,
                                const char *staff_token,
                                const char *content_type,
                                GBytes *body,
                                guint *out_status,
                                char **out_content_type,
                                GError **error);
char *sync_client_read_token_file (const char *path, GError **error);

G_END_DECLS
