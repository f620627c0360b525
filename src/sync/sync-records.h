/* sync-records.h: practice information as the kiosk calls it, one call per route
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "core-api-error.h"
#include "sync-client.h"

G_BEGIN_DECLS

#define SYNC_TYPE_RECORDS (sync_records_get_type ())

G_DECLARE_FINAL_TYPE (SyncRecords, sync_records, SYNC, RECORDS, GObject)

SyncRecords *sync_records_new (SyncClient *client);

/* GET /v1/record-kinds */
void sync_records_kinds_async (SyncRecords *self,
                               const char *session_token,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
JsonArray *sync_records_kinds_finish (SyncRecords *self, GAsyncResult *result, GError **error);

/* GET /v1/dictionaries */
void sync_records_dictionaries_async (SyncRecords *self,
                                      const char *session_token,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
JsonNode *sync_records_dictionaries_finish (SyncRecords *self,
                                            GAsyncResult *result,
                                            char **out_version,
                                            GError **error);

/* GET /v1/me */
void sync_records_me_async (SyncRecords *self,
                            const char *session_token,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data);
JsonObject *sync_records_me_finish (SyncRecords *self, GAsyncResult *result, GError **error);

/* GET /v1/me/{kind} */
void sync_records_list_async (SyncRecords *self,
                              const char *session_token,
                              const char *kind,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
JsonArray *sync_records_list_finish (SyncRecords *self, GAsyncResult *result, GError **error);

/* GET /v1/me/{kind}/{id} */
void sync_records_get_async (SyncRecords *self,
                             const char *session_token,
                             const char *kind,
                             gint64 id,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data);
JsonObject *sync_records_get_finish (SyncRecords *self, GAsyncResult *result, GError **error);

/* POST /v1/me/{kind} */
void sync_records_create_async (SyncRecords *self,
                                const char *session_token,
                                const char *kind,
                                JsonObject *record,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
JsonObject *sync_records_create_finish (SyncRecords *self, GAsyncResult *result, GError **error);

/* PUT /v1/me/{kind}/{id} */
void sync_records_update_async (SyncRecords *self,
                                const char *session_token,
                                const char *kind,
                                gint64 id,
                                gint64 version,
                                JsonObject *record,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
JsonObject *sync_records_update_finish (SyncRecords *self,
                                        GAsyncResult *result,
                                        JsonObject **out_current,
                                        GError **error);

/* DELETE /v1/me/{kind}/{id} */
void sync_records_delete_async (SyncRecords *self,
                                const char *session_token,
                                const char *kind,
                                gint64 id,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
gboolean sync_records_delete_finish (SyncRecords *self, GAsyncResult *result, GError **error);

G_END_DECLS
